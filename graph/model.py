"""The shape of the graph: node labels, relationship types, their endpoints and mesh layers.

This is the one definition the importers, the schema migrations, the queries' tests, the
analysis projections and the API read. Cypher files use the same names.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .vocabulary import Layer

ENTITY = "Entity"
"""Extra label every domain node carries, so that an id is unique across the whole graph."""


class Label(StrEnum):
    """Node labels of the domain."""

    ORGANISATION = "Organisation"
    PERSON = "Person"
    TERRITORY = "Territory"
    RECEPTION_OFFICE = "ReceptionOffice"
    PLATFORM = "Platform"
    BODY = "Body"
    MANDATE = "Mandate"
    MEMORANDUM = "Memorandum"
    RECOMMENDATION = "Recommendation"
    STATUS_CHANGE = "StatusChange"
    THEME = "Theme"


class RelType(StrEnum):
    """Relationship types of the domain."""

    # territory and places
    PART_OF = "PART_OF"
    LOCATED_IN = "LOCATED_IN"
    COVERS = "COVERS"
    RUNS = "RUNS"
    SERVES = "SERVES"
    # vertical mesh
    MEMBER_OF = "MEMBER_OF"
    ACCOMPANIES = "ACCOMPANIES"
    COORDINATES = "COORDINATES"
    # horizontal mesh
    PARTNER_OF = "PARTNER_OF"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    REFERS_TO = "REFERS_TO"
    # diagonal mesh
    HOLDS = "HOLDS"
    SEAT_IN = "SEAT_IN"
    EXERCISES = "EXERCISES"
    ON_BEHALF_OF = "ON_BEHALF_OF"
    SITS_IN = "SITS_IN"
    BODY_OF = "BODY_OF"
    FUNDS = "FUNDS"
    ADDRESSES = "ADDRESSES"
    # people
    WORKS_FOR = "WORKS_FOR"
    # advocacy
    AUTHORED = "AUTHORED"
    CONTAINS = "CONTAINS"
    ADDRESSED_TO = "ADDRESSED_TO"
    SUPPORTS = "SUPPORTS"
    HAS_STATUS = "HAS_STATUS"
    # themes
    WORKS_ON = "WORKS_ON"
    HAS_THEME = "HAS_THEME"


class Bookkeeping(StrEnum):
    """Labels of nodes that are not sector data: access tokens, the audit trail, the graph's version,
    facts proposed by an outside register and waiting for staff review, merges of duplicate entities."""

    API_TOKEN = "ApiToken"
    AUDIT_ENTRY = "AuditEntry"
    GRAPH_VERSION = "GraphVersion"
    PROPOSAL = "Proposal"
    ENTITY_MERGE = "EntityMerge"


ACTOR_LABELS = frozenset({Label.ORGANISATION})
PLACE_LABELS = frozenset({Label.ORGANISATION, Label.RECEPTION_OFFICE, Label.PLATFORM, Label.BODY})


@dataclass(frozen=True)
class RelSpec:
    """What a relationship type connects, which properties it takes and which mesh it belongs to.

    ``key`` lists the properties that tell two relationships of the same type between the same
    nodes apart (a membership in the AG and one in the board); ``props`` the other properties.
    """

    type: RelType
    sources: frozenset[Label]
    targets: frozenset[Label]
    layer: Layer | None
    label: str
    key: tuple[str, ...] = ()
    props: tuple[str, ...] = ()
    dated: bool = False


def _spec(
    type_: RelType,
    sources: set[Label],
    targets: set[Label],
    layer: Layer | None,
    label: str,
    *,
    key: tuple[str, ...] = (),
    props: tuple[str, ...] = (),
    dated: bool = False,
) -> RelSpec:
    return RelSpec(type_, frozenset(sources), frozenset(targets), layer, label, key, props, dated)


ORG, T, P, B = Label.ORGANISATION, Label.TERRITORY, Label.PLATFORM, Label.BODY
V, H, D = Layer.VERTICAL, Layer.HORIZONTAL, Layer.DIAGONAL

REL_SPECS: dict[RelType, RelSpec] = {
    s.type: s
    for s in [
        _spec(RelType.PART_OF, {T}, {T}, None, "fait partie de"),
        _spec(RelType.LOCATED_IN, {ORG, Label.RECEPTION_OFFICE}, {T}, None, "est situé à"),
        _spec(RelType.COVERS, {ORG, P, B}, {T}, None, "couvre le territoire"),
        _spec(RelType.RUNS, {ORG}, {Label.RECEPTION_OFFICE}, None, "gère le bureau d'accueil"),
        _spec(RelType.SERVES, {Label.RECEPTION_OFFICE}, {T}, None, "dessert la commune"),
        _spec(RelType.MEMBER_OF, {ORG}, {ORG}, V, "est membre de", key=("role",), dated=True),
        _spec(RelType.ACCOMPANIES, {ORG}, {ORG}, V, "accompagne", dated=True),
        _spec(RelType.COORDINATES, {ORG}, {ORG, P}, V, "coordonne", dated=True),
        _spec(RelType.PARTNER_OF, {ORG}, {ORG}, H, "est partenaire de", props=("note",), dated=True),
        _spec(RelType.PARTICIPATES_IN, {ORG}, {P}, H, "participe à", key=("role",), dated=True),
        _spec(
            RelType.REFERS_TO,
            {ORG},
            {Label.RECEPTION_OFFICE, ORG},
            H,
            "oriente des personnes vers",
            key=("year",),
            props=("count", "groupCount"),
        ),
        _spec(RelType.HOLDS, {ORG}, {Label.MANDATE}, D, "détient le mandat"),
        _spec(RelType.SEAT_IN, {Label.MANDATE}, {B}, D, "siège dans"),
        _spec(RelType.EXERCISES, {Label.PERSON}, {Label.MANDATE}, D, "exerce le mandat", key=("role",)),
        _spec(RelType.ON_BEHALF_OF, {Label.MANDATE}, {ORG}, D, "au nom de"),
        _spec(RelType.SITS_IN, {ORG}, {B}, D, "siège dans", key=("role",), dated=True),
        _spec(RelType.BODY_OF, {B}, {ORG, P}, D, "est une instance de"),
        _spec(RelType.FUNDS, {ORG}, {ORG, P}, D, "finance", key=("programme", "year"), props=("amount",)),
        _spec(RelType.ADDRESSES, {ORG}, {ORG}, D, "interpelle", key=("channel",), dated=True),
        _spec(RelType.WORKS_FOR, {Label.PERSON}, {ORG}, None, "travaille pour", props=("role",), dated=True),
        _spec(RelType.AUTHORED, {ORG}, {Label.MEMORANDUM}, None, "est auteur de"),
        _spec(RelType.CONTAINS, {Label.MEMORANDUM}, {Label.RECOMMENDATION}, None, "contient"),
        _spec(RelType.ADDRESSED_TO, {Label.RECOMMENDATION}, {ORG}, None, "est adressée à"),
        _spec(RelType.SUPPORTS, {ORG}, {Label.RECOMMENDATION}, None, "soutient", dated=True),
        _spec(RelType.HAS_STATUS, {Label.RECOMMENDATION}, {Label.STATUS_CHANGE}, None, "a pour statut"),
        _spec(RelType.WORKS_ON, {ORG}, {Label.THEME}, None, "travaille sur"),
        _spec(
            RelType.HAS_THEME,
            {P, Label.RECOMMENDATION, Label.MEMORANDUM, B},
            {Label.THEME},
            None,
            "porte sur",
        ),
    ]
}

LAYER_REL_TYPES: dict[Layer, frozenset[RelType]] = {
    layer: frozenset(t for t, s in REL_SPECS.items() if s.layer is layer) for layer in Layer
}
"""Which relationship types make up each mesh, derived from ``REL_SPECS``."""

NODE_LABELS: tuple[Label, ...] = tuple(Label)

PROVENANCE_PROPERTIES = ("source", "locator", "confidence")
"""Every node and relationship carries these: where the fact comes from and how firmly."""

VALIDITY_PROPERTIES = ("validFrom", "validTo")
