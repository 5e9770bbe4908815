"""Controlled vocabularies of the sector, each value with its French label.

Values are stable ASCII slugs (what files and the API carry); labels are what people read.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """A string enum whose members also carry a French label (``member.label``)."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        # Only called when a member is defined; ``label`` has a default so that type checkers accept a lookup
        # such as ``Role("staff")`` (which goes through the enum's own lookup, never here).
        if not label:
            raise TypeError(f"{cls.__name__}.{value} : un libellé français est obligatoire")
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> str:
        """The accepted values, for error messages: ``a (Libellé A), b (Libellé B)``."""
        return ", ".join(f"{m.value} ({m.label})" for m in cls)


class OrgKind(LabelledEnum):
    """What kind of actor an organisation is."""

    COUPOLE = "coupole", "Coupole des fédérations d'ILI"
    FEDERATION = "federation", "Fédération d'ILI"
    RESEAU = "reseau", "Réseau d'opérateurs"
    DISCRI = "discri", "Fédération des CRI (DisCRI)"
    CRI = "cri", "Centre régional d'intégration"
    ILI = "ili", "Initiative locale d'intégration"
    OPERATEUR = "operateur", "Autre opérateur"
    CISP = "cisp", "Centre d'insertion socioprofessionnelle"
    ILA = "ila", "Initiative locale d'accueil"
    PCS = "pcs", "Plan de cohésion sociale"
    CENTRE_ACCUEIL = "centre_accueil", "Centre d'accueil pour demandeurs de protection"
    ECOLE = "ecole", "École ou centre de formation"
    ASSOCIATION = "association", "Association"
    FEDERATION_SECTORIELLE = "federation_sectorielle", "Fédération d'un autre secteur"
    SYNDICAT = "syndicat", "Organisation syndicale"
    CPAS = "cpas", "CPAS"
    COMMUNE = "commune", "Administration communale"
    PROVINCE = "province", "Province"
    ADMINISTRATION = "administration", "Administration"
    ORGANISME_PUBLIC = "organisme_public", "Organisme public"
    GOUVERNEMENT = "gouvernement", "Gouvernement"
    MINISTRE = "ministre", "Ministre"
    CABINET = "cabinet", "Cabinet ministériel"
    PARLEMENT = "parlement", "Parlement"
    MANDATAIRE = "mandataire", "Mandataire politique"
    PARTI = "parti", "Parti politique"
    AUTRE = "autre", "Autre"


class Sector(LabelledEnum):
    """The sector an organisation belongs to; it places it in a ring around integration."""

    INTEGRATION = "integration", "Intégration des personnes étrangères"
    INSERTION = "insertion", "Insertion socioprofessionnelle"
    ACTION_SOCIALE = "action_sociale", "Action sociale et CPAS"
    FORMATION = "formation", "Formation, alphabétisation et éducation permanente"
    ACCUEIL = "accueil", "Accueil des demandeurs de protection internationale"
    LOGEMENT = "logement", "Logement"
    SANTE = "sante", "Santé"
    CULTURE = "culture", "Culture et médias"
    JEUNESSE = "jeunesse", "Jeunesse et aide à l'enfance"
    EMPLOI = "emploi", "Emploi et formation professionnelle (public)"
    RECHERCHE = "recherche", "Recherche"
    POUVOIRS_PUBLICS = "pouvoirs_publics", "Pouvoirs publics"

    @property
    def ring(self) -> int | None:
        """Ring of the horizontal mesh (seed 000, l. 62-67); None for public authorities."""
        return SECTOR_RING[self]


SECTOR_RING: dict[Sector, int | None] = {
    Sector.INTEGRATION: 1,
    Sector.INSERTION: 2,
    Sector.ACTION_SOCIALE: 2,
    Sector.FORMATION: 2,
    Sector.ACCUEIL: 2,
    Sector.EMPLOI: 2,
    Sector.LOGEMENT: 3,
    Sector.SANTE: 3,
    Sector.CULTURE: 3,
    Sector.JEUNESSE: 3,
    Sector.RECHERCHE: 3,
    Sector.POUVOIRS_PUBLICS: None,
}

RING_LABELS: dict[int, str] = {
    1: "1er cercle : secteur de l'intégration",
    2: "2e cercle : secteurs proches",
    3: "3e cercle : tout le non-marchand",
}


class TerritoryLevel(LabelledEnum):
    """Level of a territory, from the country down to the commune."""

    PAYS = "pays", "Pays"
    REGION = "region", "Région"
    PROVINCE = "province", "Province"
    ARRONDISSEMENT = "arrondissement", "Arrondissement"
    COMMUNE = "commune", "Commune"


class PlatformKind(LabelledEnum):
    """Kind of platform or concertation space."""

    PLATEFORME_THEMATIQUE = "plateforme_thematique", "Plateforme thématique"
    ESPACE_CONCERTATION = "espace_concertation", "Espace de concertation"
    COORDINATION_LOCALE = "coordination_locale", "Coordination locale"
    GROUPE_TRAVAIL = "groupe_travail", "Groupe de travail"
    PLATEFORME_PARTENARIALE = "plateforme_partenariale", "Plateforme partenariale"
    COMITE_ACCOMPAGNEMENT = "comite_accompagnement", "Comité d'accompagnement"
    RESEAU = "reseau", "Réseau"


class BodyKind(LabelledEnum):
    """Kind of body in which seats are held."""

    CONSEIL_ADMINISTRATION = "conseil_administration", "Conseil d'administration"
    ASSEMBLEE_GENERALE = "assemblee_generale", "Assemblée générale"
    COMMISSION = "commission", "Commission"
    SECTION = "section", "Section"
    OBSERVATOIRE = "observatoire", "Observatoire"
    COMITE = "comite", "Comité (pilotage, accompagnement, coordination)"
    CONSEIL_CONSULTATIF = "conseil_consultatif", "Conseil consultatif"
    AUTRE = "autre", "Autre instance"


class SeatType(LabelledEnum):
    """Nature of a seat in a body."""

    EFFECTIF = "effectif", "Membre effectif"
    SUPPLEANT = "suppleant", "Membre suppléant"
    CONSULTATIF = "consultatif", "Voix consultative"


class MandateRole(LabelledEnum):
    """How a person exercises a mandate."""

    TITULAIRE = "titulaire", "Titulaire"
    SUPPLEANT = "suppleant", "Suppléant·e"


class MembershipRole(LabelledEnum):
    """The nature of a membership between organisations."""

    AFFILIE = "affilie", "Affilié"
    MEMBRE = "membre", "Membre"
    MEMBRE_AG = "membre_ag", "Membre de l'assemblée générale"
    MEMBRE_CA = "membre_ca", "Membre du conseil d'administration"
    FONDATEUR = "fondateur", "Membre fondateur"


class ParticipationRole(LabelledEnum):
    """Role of an organisation in a platform or a body."""

    COORDINATEUR = "coordinateur", "Coordinateur"
    ANIMATEUR = "animateur", "Animateur"
    MEMBRE = "membre", "Membre"
    INVITE = "invite", "Invité"
    PILOTAGE = "pilotage", "Membre du comité de pilotage"


class MemorandumLevel(LabelledEnum):
    """Level of power a memorandum speaks to."""

    COMMUNAL = "communal", "Communal"
    PROVINCIAL = "provincial", "Provincial"
    REGIONAL = "regional", "Régional"
    COMMUNAUTAIRE = "communautaire", "Communautaire"
    FEDERAL = "federal", "Fédéral"
    EUROPEEN = "europeen", "Européen"


class RecommendationStatus(LabelledEnum):
    """Where a recommendation stands."""

    FORMULEE = "formulee", "Formulée"
    PORTEE = "portee", "Portée auprès des destinataires"
    EN_DISCUSSION = "en_discussion", "En discussion"
    PARTIELLEMENT_MISE_EN_OEUVRE = "partiellement_mise_en_oeuvre", "Partiellement mise en œuvre"
    PRISE_EN_COMPTE = "prise_en_compte", "Entendue : prise en compte par les destinataires"
    MISE_EN_OEUVRE = "mise_en_oeuvre", "Mise en œuvre"
    REJETEE = "rejetee", "Rejetée"
    ABANDONNEE = "abandonnee", "Abandonnée"


class SourceKind(LabelledEnum):
    """Where a fact comes from: a document of the sector, a public reference outside them, or maillage itself."""

    DOCUMENT = "document", "Document du secteur (source citée à la ligne)"
    EXTERNAL = "reference_externe", "Référence publique externe aux documents"
    VOCABULARY = "vocabulaire", "Vocabulaire propre à maillage"


class FigureMeasure(LabelledEnum):
    """What an activity figure counts."""

    PERSONNES_ACCOMPAGNEES = "personnes_accompagnees", "Personnes accompagnées"
    ARRIVEES = "arrivees", "Personnes arrivées par ce canal"
    FORMATIONS_CITOYENNETE = "formations_citoyennete", "Formations à la citoyenneté données"


class ArrivalChannel(LabelledEnum):
    """How people reached a reception office, when the source counts them by channel."""

    ADMINISTRATION_COMMUNALE = "administration_communale", "Relayées par l'administration communale"
    AUTRE_BUREAU = "autre_bureau", "Relayées par un autre bureau d'accueil"
    OPERATEURS = "operateurs", "Relayées par les opérateurs de la région"
    BOUCHE_A_OREILLE = "bouche_a_oreille", "Bouche à oreille"


class ReformStage(LabelledEnum):
    """Where a decree reform stood at the date the source gives."""

    AVANT_PROJET = "avant_projet", "Avant-projet"
    EN_COURS = "en_cours", "En cours d'adoption"
    ADOPTEE = "adoptee", "Adoptée"


class Confidence(LabelledEnum):
    """How firmly the source states a fact."""

    HAUTE = "haute", "Explicite dans la source"
    MOYENNE = "moyenne", "Déduite d'une formulation claire"
    BASSE = "basse", "Source vague ou incomplète"


class Layer(LabelledEnum):
    """The three meshes of the Coupole (seed 000, l. 56-74)."""

    VERTICAL = "vertical", "Maillage vertical"
    HORIZONTAL = "horizontal", "Maillage horizontal"
    DIAGONAL = "diagonal", "Maillage diagonal"


class ProposalStatus(LabelledEnum):
    """Where a fact proposed by an outside register (the BCE/KBO) stands in staff review."""

    PENDING = "pending", "En attente de relecture"
    ACCEPTED = "accepted", "Acceptée"
    REJECTED = "rejected", "Refusée"


class ChangeKind(LabelledEnum):
    """What happened to a tie or a mandate in a period."""

    BEGAN = "began", "A commencé"
    ENDED = "ended", "A pris fin"


class Role(LabelledEnum):
    """What an API caller may do."""

    ANONYMOUS = "anonymous", "Lecture publique"
    STAFF = "staff", "Équipe (voit les personnes, modifie les données)"
    ADMIN = "admin", "Administration (gère aussi les jetons)"


class NodeLabel(LabelledEnum):
    """What a node of the graph is, in French (the values are the labels of ``graph.model.Label``)."""

    ORGANISATION = "Organisation", "Organisation"
    PERSON = "Person", "Personne"
    TERRITORY = "Territory", "Territoire"
    RECEPTION_OFFICE = "ReceptionOffice", "Bureau d'accueil"
    PLATFORM = "Platform", "Plateforme ou coordination"
    BODY = "Body", "Instance"
    MANDATE = "Mandate", "Mandat"
    MEMORANDUM = "Memorandum", "Mémorandum"
    RECOMMENDATION = "Recommendation", "Recommandation"
    STATUS_CHANGE = "StatusChange", "Changement de statut"
    THEME = "Theme", "Thème"
    REFORM = "Reform", "Réforme"
    FIGURE = "Figure", "Chiffre d'activité"
    SOURCE_DOCUMENT = "SourceDocument", "Document source"


VOCABULARIES: dict[str, type[LabelledEnum]] = {
    enum.__name__: enum
    for enum in (
        OrgKind,
        Sector,
        TerritoryLevel,
        PlatformKind,
        BodyKind,
        SeatType,
        MandateRole,
        MembershipRole,
        ParticipationRole,
        MemorandumLevel,
        RecommendationStatus,
        SourceKind,
        FigureMeasure,
        ArrivalChannel,
        ReformStage,
        Confidence,
        Layer,
        ProposalStatus,
        ChangeKind,
        Role,
        NodeLabel,
    )
}
"""Every controlled vocabulary by name, for the interfaces that show labels (the API, the explorer)."""
