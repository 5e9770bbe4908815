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
    REFORM = "Reform"
    FIGURE = "Figure"
    SOURCE_DOCUMENT = "SourceDocument"


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
    CONCERNS = "CONCERNS"
    FOLLOWS = "FOLLOWS"
    # figures
    FIGURE_OF = "FIGURE_OF"
    # themes
    WORKS_ON = "WORKS_ON"
    HAS_THEME = "HAS_THEME"


class Bookkeeping(StrEnum):
    """Labels of nodes that are not sector data: access tokens, the audit trail, the graph's version,
    facts proposed by an outside register and waiting for staff review, merges of duplicate entities."""

    API_TOKEN = "ApiToken"
    AUDIT_ENTRY = "AuditEntry"
    GRAPH_VERSION = "GraphVersion"
    IMPORT_STAGED = "ImportStaged"
    """A node an import is creating: hidden (no Entity label) until the import publishes it."""
    IMPORT_UNDO = "ImportUndo"
    """What an import changed on existing data (old properties, relationships it created), for its rollback."""
    IMPORT_RUN = "ImportRun"
    """The journal of an import that has not finished (state 'writing' or 'publishing')."""
    IMPORT_LOCK = "ImportLock"
    """The lock one import at a time holds."""
    PROPOSAL = "Proposal"
    ENTITY_MERGE = "EntityMerge"


ACTOR_LABELS = frozenset({Label.ORGANISATION})
PLACE_LABELS = frozenset({Label.ORGANISATION, Label.RECEPTION_OFFICE, Label.PLATFORM, Label.BODY})


@dataclass(frozen=True)
class RelSpec:
    """What a relationship type connects, which properties it takes and which mesh it belongs to.

    ``key`` lists the properties that tell two relationships of the same type between the same
    nodes apart (a membership in the AG and one in the board); ``props`` the other properties.
    ``optional_key`` lists key properties added after data existed: a relationship without them keeps
    the identity it had before (two partnerships between the same pair differ by ``project``).
    """

    type: RelType
    sources: frozenset[Label]
    targets: frozenset[Label]
    layer: Layer | None
    label: str
    key: tuple[str, ...] = ()
    props: tuple[str, ...] = ()
    dated: bool = False
    optional_key: tuple[str, ...] = ()


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
    optional_key: tuple[str, ...] = (),
) -> RelSpec:
    return RelSpec(type_, frozenset(sources), frozenset(targets), layer, label, key, props, dated, optional_key)


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
        _spec(
            RelType.PARTNER_OF,
            {ORG},
            {ORG},
            H,
            "est partenaire de",
            optional_key=("project",),
            props=("note",),
            dated=True,
        ),
        _spec(RelType.PARTICIPATES_IN, {ORG}, {P}, H, "participe à", key=("role",), props=("note",), dated=True),
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
        _spec(RelType.ADDRESSES, {ORG}, {ORG}, D, "interpelle", key=("channel",), props=("note",), dated=True),
        _spec(RelType.WORKS_FOR, {Label.PERSON}, {ORG}, None, "travaille pour", props=("role",), dated=True),
        _spec(RelType.AUTHORED, {ORG}, {Label.MEMORANDUM}, None, "est auteur de"),
        _spec(RelType.CONTAINS, {Label.MEMORANDUM}, {Label.RECOMMENDATION}, None, "contient"),
        _spec(RelType.ADDRESSED_TO, {Label.RECOMMENDATION}, {ORG}, None, "est adressée à"),
        _spec(RelType.SUPPORTS, {ORG}, {Label.RECOMMENDATION}, None, "soutient", dated=True),
        _spec(RelType.HAS_STATUS, {Label.RECOMMENDATION}, {Label.STATUS_CHANGE}, None, "a pour statut"),
        _spec(
            RelType.CONCERNS,
            {Label.MEMORANDUM, Label.RECOMMENDATION},
            {Label.REFORM},
            None,
            "porte sur la réforme",
        ),
        _spec(RelType.FOLLOWS, {ORG}, {Label.REFORM}, None, "suit la réforme"),
        _spec(
            RelType.FIGURE_OF,
            {Label.FIGURE},
            {ORG, Label.RECEPTION_OFFICE, T},
            None,
            "est un chiffre d'activité de",
        ),
        _spec(RelType.WORKS_ON, {ORG}, {Label.THEME}, None, "travaille sur"),
        _spec(
            RelType.HAS_THEME,
            {P, Label.RECOMMENDATION, Label.MEMORANDUM, B, Label.REFORM},
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


class Direction(StrEnum):
    """Which way a path walks a relationship: along its stored direction or against it."""

    FORWARD = "forward"
    """From the relationship's start node to its end node (``ILI -MEMBER_OF-> fédération``: ILI → fédération)."""
    BACKWARD = "backward"
    """From its end node back to its start node (fédération → ILI)."""


@dataclass(frozen=True)
class Influence:
    """How a relationship type carries influence, and how it reads each way.

    ``carries`` holds the directions in which one end can bring a concern to, or weigh on, the other:
    the only directions a path of influence (access paths, tracing) may walk it. ``backward`` is the French
    reading from the end node to the start node (the forward one is ``REL_SPECS[type].label``). ``reason``
    says in a sentence why the type carries influence that way (or not at all).
    """

    backward: str
    carries: frozenset[Direction]
    reason: str


def _influence(backward: str, carries: set[Direction], reason: str) -> Influence:
    return Influence(backward, frozenset(carries), reason)


FWD, BWD = Direction.FORWARD, Direction.BACKWARD
BOTH, NONE = {FWD, BWD}, set[Direction]()

INFLUENCE: dict[RelType, Influence] = {
    # places and themes describe an entity: they are not a channel between two actors
    RelType.PART_OF: _influence("comprend", NONE, "Une inclusion de territoires, pas un canal entre acteurs."),
    RelType.LOCATED_IN: _influence("accueille", NONE, "Une adresse : être au même endroit ne donne pas accès."),
    RelType.COVERS: _influence("est couvert par", NONE, "Un territoire d'action, pas un canal entre acteurs."),
    RelType.SERVES: _influence("est desservie par", NONE, "Un service aux habitants, pas un canal entre acteurs."),
    RelType.RUNS: _influence(
        "est géré par", NONE, "Un service rendu au public : un bureau d'accueil n'est pas un décideur."
    ),
    RelType.REFERS_TO: _influence(
        "reçoit des personnes orientées par",
        NONE,
        "Orienter des personnes est un service aux personnes, pas un accès à un décideur.",
    ),
    # vertical mesh: legitimacy rises from the base (seed 000, l. 56-60)
    RelType.MEMBER_OF: _influence(
        "compte parmi ses membres",
        {FWD},
        "Le maillage vertical est ascendant : le membre porte ses questions dans l'organe dont il est membre "
        "(vote en assemblée générale), qui parle pour lui ; la fédération ne passe pas par ses membres pour "
        "atteindre un tiers.",
    ),
    RelType.ACCOMPANIES: _influence(
        "est accompagné par",
        BOTH,
        "Un accompagnement est un travail commun : l'accompagnant conseille, l'accompagné fait remonter ses "
        "besoins de terrain.",
    ),
    RelType.COORDINATES: _influence(
        "est coordonné par",
        BOTH,
        "Le coordinateur oriente la plateforme ou le réseau, et porte ce que ses participants y expriment.",
    ),
    # horizontal mesh: multi-directional (seed 000, l. 61-67)
    RelType.PARTNER_OF: _influence(
        "est partenaire de", BOTH, "Un partenariat est réciproque : chaque partenaire peut solliciter l'autre."
    ),
    RelType.PARTICIPATES_IN: _influence(
        "compte parmi ses participants",
        BOTH,
        "Une plateforme est un lieu de rencontre : y participer donne accès aux autres participants.",
    ),
    # diagonal mesh: concertation with administrations and elected officials (seed 000, l. 68-74)
    RelType.HOLDS: _influence(
        "est détenu par", BOTH, "Un mandat est la voix de son détenteur dans l'instance, et l'y expose en retour."
    ),
    RelType.SEAT_IN: _influence(
        "compte le siège", BOTH, "Un siège donne la parole dans l'instance, où l'on rencontre les autres sièges."
    ),
    RelType.EXERCISES: _influence(
        "est exercé par", BOTH, "La personne parle par le mandat qu'elle exerce, et le mandat passe par elle."
    ),
    RelType.ON_BEHALF_OF: _influence(
        "est représenté par le mandat",
        BOTH,
        "Le mandant donne sa ligne au mandat, qui lui rend compte de ce qui se dit dans l'instance.",
    ),
    RelType.SITS_IN: _influence(
        "compte parmi ses membres", BOTH, "Siéger dans une instance donne la parole et y fait rencontrer les autres."
    ),
    RelType.BODY_OF: _influence(
        "a pour instance",
        BOTH,
        "Une instance décide pour son organisation, qui y délègue ses représentants.",
    ),
    RelType.FUNDS: _influence(
        "est financé par",
        BOTH,
        "Le financeur pose ses conditions ; le financé lui rend compte et négocie avec lui (rapports, conventions).",
    ),
    RelType.ADDRESSES: _influence(
        "est interpellé par",
        {FWD},
        "Une interpellation va de l'interpellant à l'interpellé ; être interpellé ne donne pas prise sur "
        "l'interpellant.",
    ),
    # people
    RelType.WORKS_FOR: _influence(
        "emploie", BOTH, "Une personne agit pour son organisation, qui agit par ses personnes."
    ),
    # advocacy documents: the question traced, not a way in
    RelType.AUTHORED: _influence("a pour auteur", NONE, "Le document tracé lui-même, pas un canal vers un décideur."),
    RelType.CONTAINS: _influence("figure dans", NONE, "Le document tracé lui-même, pas un canal vers un décideur."),
    RelType.ADDRESSED_TO: _influence(
        "est destinataire de",
        NONE,
        "Être destinataire est la question posée ; le traçage cherche les chemins qui n'en dépendent pas.",
    ),
    RelType.SUPPORTS: _influence("est soutenue par", NONE, "Un soutien à un document, pas un canal entre acteurs."),
    RelType.HAS_STATUS: _influence("est le statut de", NONE, "Un état daté d'une recommandation."),
    RelType.WORKS_ON: _influence("est travaillé par", NONE, "Un thème décrit une organisation, sans la relier."),
    RelType.HAS_THEME: _influence("est le thème de", NONE, "Un thème décrit un élément, sans le relier."),
    # reforms and activity figures: what a document is about, and what an office counted
    RelType.CONCERNS: _influence(
        "est concernée par", NONE, "Dire sur quelle réforme porte un document ne relie pas deux acteurs."
    ),
    RelType.FOLLOWS: _influence(
        "est suivie par", NONE, "Suivre une réforme est une veille, pas un canal vers qui la porte."
    ),
    RelType.FIGURE_OF: _influence("a pour chiffre d'activité", NONE, "Un chiffre décrit un bureau, sans le relier."),
}
"""For every relationship type, the directions in which it carries influence and its backward reading.

Paths of influence (:mod:`maillage.queries.diagonal`, tracing) walk a type only in the directions listed."""


def reading(type_: RelType | str, direction: Direction = Direction.FORWARD) -> str:
    """The French reading of a relationship walked in ``direction``.

    ``MEMBER_OF`` reads ``est membre de`` forward and ``compte parmi ses membres`` backward."""
    type_ = RelType(type_)
    return REL_SPECS[type_].label if direction is Direction.FORWARD else INFLUENCE[type_].backward


def influence_types(direction: Direction) -> frozenset[RelType]:
    """The relationship types that carry influence in ``direction``."""
    return frozenset(t for t, i in INFLUENCE.items() if direction in i.carries)


PROVENANCE_PROPERTIES = ("source", "locator", "confidence")
"""Every node and relationship carries these: where the fact comes from and how firmly."""

VALIDITY_PROPERTIES = ("validFrom", "validTo")
