"""GraphQL object types made from the queries' pydantic result models (one definition, two faces).

The controlled vocabularies of ``graph/vocabulary.py`` become GraphQL enums here, once. Each type
below mirrors a result model of ``maillage.queries``; resolvers return ``served(result)`` and the
privacy boundary (:func:`maillage.api.privacy.guard`) hides what the viewer may not see.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.experimental.pydantic import type as from_model
from strawberry.scalars import JSON

from maillage.graph.model import Direction
from maillage.graph.vocabulary import VOCABULARIES
from maillage.queries import diagonal, gaps, horizontal, results, tracing, vertical

from .context import Info


def served(result: object) -> Any:
    """The query's pydantic result (a model or a list of them), served as it is.

    Each type below reads its fields by name from the model (Strawberry's pydantic types accept an
    instance of their model wherever the type is expected), so nothing is copied. ``Type.from_pydantic``
    would rebuild every nested object of the result first: a second copy of each answer, for nothing.
    """
    return result


for _vocabulary in VOCABULARIES.values():
    strawberry.enum(_vocabulary, description=(_vocabulary.__doc__ or "").strip())
strawberry.enum(
    Direction, description="Sens dans lequel un chemin parcourt un lien : forward (le sens du lien) ou backward."
)


@from_model(
    model=results.Provenance,
    all_fields=True,
    name="Provenance",
    description="D'où vient un fait : sa source (document ou fichier importé), l'endroit dans cette source "
    "(lignes, ligne du fichier) et la fermeté avec laquelle la source l'affirme.",
)
class Provenance:
    pass


def provenance_in(properties: object) -> Provenance:
    """The provenance stated in a node's or relationship's stored properties."""
    return Provenance.from_pydantic(results.Provenance.of(properties if isinstance(properties, dict) else None))


async def entity_provenance(info: Info, id: str) -> Provenance | None:
    """The provenance of the entity ``id``, loaded with every other one of the request in one query."""
    found = await info.context.provenance.load(id)
    return None if found is None else Provenance.from_pydantic(found)


ENTITY_PROVENANCE = "D'où vient cet élément (nul pour une personne masquée au public)."


@from_model(model=results.NodeRef, all_fields=True, name="NodeRef", description="Un nœud : id, type, nom, genre.")
class NodeRef:
    @strawberry.field(description=ENTITY_PROVENANCE)
    async def provenance(self, info: Info) -> Provenance | None:
        return await entity_provenance(info, self.id)  # type: ignore[attr-defined]  # the plugin leaves all_fields out


@from_model(
    model=results.RelRef,
    name="RelRef",
    description="Un lien nommé, parcouru de fromId vers toId, avec sa lecture en français dans ce sens.",
)
class RelRef:
    type: strawberry.auto
    reading: strawberry.auto
    source: strawberry.auto
    target: strawberry.auto
    from_id: strawberry.auto
    to_id: strawberry.auto
    direction: strawberry.auto
    properties: JSON
    provenance: strawberry.auto


@from_model(model=results.Path, all_fields=True, name="Path", description="Un chemin : ses nœuds et les liens nommés.")
class Path:
    pass


@from_model(model=results.ScorePart, all_fields=True, name="ScorePart", description="Un terme d'un score expliqué.")
class ScorePart:
    pass


# --- diagonal mesh: the mandate registry ---------------------------------------------------------
@from_model(model=diagonal.Seat, all_fields=True, name="Seat", description="Un mandat : siège, instance, titulaire.")
class Seat:
    pass


@from_model(
    model=diagonal.ExpiringSeat, all_fields=True, name="ExpiringSeat", description="Un mandat qui expire bientôt."
)
class ExpiringSeat:
    pass


@from_model(model=diagonal.BodySeats, all_fields=True, name="BodySeats", description="Les sièges d'une instance.")
class BodySeats:
    pass


@from_model(model=diagonal.BodyWithoutSeat, all_fields=True, name="BodyWithoutSeat", description="Instance sans siège.")
class BodyWithoutSeat:
    pass


@from_model(model=diagonal.PersonLoad, all_fields=True, name="PersonLoad", description="Sièges cumulés par personne.")
class PersonLoad:
    pass


@from_model(
    model=diagonal.OrganisationLoad, all_fields=True, name="OrganisationLoad", description="Sièges par organisation."
)
class OrganisationLoad:
    pass


# --- tracing a recommendation ----------------------------------------------------------------------
@from_model(
    model=tracing.AddresseePaths, all_fields=True, name="AddresseePaths", description="Chemins vers un destinataire."
)
class AddresseePaths:
    pass


@from_model(model=tracing.RecommendationTrace, all_fields=True, name="RecommendationTrace")
class RecommendationTrace:
    pass


@from_model(model=tracing.CarrierRoute, all_fields=True, name="CarrierRoute")
class CarrierRoute:
    pass


@from_model(
    model=tracing.Carrier,
    all_fields=True,
    name="Carrier",
    description="Une organisation qui peut porter la recommandation.",
)
class Carrier:
    pass


@from_model(model=tracing.StatusStep, all_fields=True, name="StatusStep")
class StatusStep:
    pass


@from_model(model=tracing.StatusTimeline, all_fields=True, name="StatusTimeline")
class StatusTimeline:
    pass


@from_model(model=tracing.MemorandumSummary, all_fields=True, name="MemorandumSummary")
class MemorandumSummary:
    pass


@from_model(model=tracing.RecommendationSummary, all_fields=True, name="RecommendationSummary")
class RecommendationSummary:
    pass


# --- coordination gaps -----------------------------------------------------------------------------
@from_model(model=gaps.Referrer, all_fields=True, name="Referrer")
class Referrer:
    pass


@from_model(model=gaps.CommuneReferrals, all_fields=True, name="CommuneReferrals")
class CommuneReferrals:
    pass


@from_model(model=gaps.CpasWithoutCriLink, all_fields=True, name="CpasWithoutCriLink")
class CpasWithoutCriLink:
    pass


@from_model(
    model=gaps.WiderOperator,
    all_fields=True,
    name="WiderOperator",
    description="Une organisation qui travaille sur le thème et couvre un territoire plus large (province, "
    "région) : elle peut desservir le territoire de loin, mais n'y est pas présente localement.",
)
class WiderOperator:
    pass


@from_model(
    model=gaps.TerritoryGap,
    all_fields=True,
    name="TerritoryGap",
    description="Un territoire sans opérateur local pour un thème, et les opérateurs qui le couvrent de plus loin.",
)
class TerritoryGap:
    pass


# --- horizontal mesh ---------------------------------------------------------------------------------
@from_model(
    model=horizontal.PartnerSuggestion,
    all_fields=True,
    name="PartnerSuggestion",
    description="Un partenaire à approcher, avec son score expliqué.",
)
class PartnerSuggestion:
    pass


@from_model(
    model=horizontal.Partner,
    all_fields=True,
    name="Partner",
    description="Un partenaire et chacun des liens qui en font un partenaire.",
)
class Partner:
    pass


@from_model(
    model=horizontal.RingOfPartners,
    all_fields=True,
    name="RingOfPartners",
    description="Les partenaires d'un cercle du maillage horizontal (cercle nul : pouvoirs publics).",
)
class RingOfPartners:
    pass


@from_model(
    model=horizontal.CoMember,
    all_fields=True,
    name="CoMember",
    description="Une organisation qui participe aux mêmes plateformes, et lesquelles.",
)
class CoMember:
    pass


@from_model(
    model=horizontal.SectorReach, all_fields=True, name="SectorReach", description="Partenaires dans un secteur."
)
class SectorReach:
    pass


@from_model(
    model=horizontal.SectorBridge,
    all_fields=True,
    name="SectorBridge",
    description="Une organisation qui relie son secteur à d'autres, avec ses liens.",
)
class SectorBridge:
    pass


# --- vertical mesh -----------------------------------------------------------------------------------
@from_model(model=vertical.Member, all_fields=True, name="BaseMember")
class BaseMember:
    pass


@from_model(model=vertical.Base, all_fields=True, name="Base", description="Les organisations représentées.")
class Base:
    pass


@from_model(model=vertical.Representativeness, all_fields=True, name="Representativeness")
class Representativeness:
    pass
