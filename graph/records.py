"""Pydantic records: the validation rules of every entity, shared by importers and API mutations.

A record is what a file row, a YAML item or a mutation input holds. ``node_properties()`` gives
what is stored on the node; ``relations()`` the relationships the record implies (an
organisation's ``location`` becomes a LOCATED_IN relationship, and so on).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .folding import SORTED_LABELS, keys_of
from .identifiers import enterprise_number
from .model import REL_SPECS, Label, RelType
from .vocabulary import (
    ArrivalChannel,
    BodyKind,
    Confidence,
    FigureMeasure,
    MandateRole,
    MembershipRole,
    MemorandumLevel,
    OrgKind,
    ParticipationRole,
    PlatformKind,
    RecommendationStatus,
    ReformStage,
    SeatType,
    Sector,
    SourceKind,
    TerritoryLevel,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
LINES_PATTERN = r"^[0-9]+(-[0-9]+)?(, ?[0-9]+(-[0-9]+)?)*$"
"""One line range, or several separated by commas: ``12``, ``12-20``, ``12-20, 31``."""


def _split_list(value: Any) -> Any:
    """Accept ``a; b`` (CSV/XLSX cells) as well as real lists."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=120)]
IdList = Annotated[list[Id], BeforeValidator(_split_list)]
LAYOUT_CHARACTERS = frozenset("\t\n\r")
"""The only control characters a text may hold (a description's line breaks)."""
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
"""Unicode categories refused in texts: controls, format characters (zero-width spaces, bidirectional
overrides such as U+202E, which makes ``\u202egnp.exe`` read ``exe.png``), surrogates, private use, unassigned."""


def readable(value: str) -> str:
    """``value`` if a reader can see it as written: at least one letter or digit, and no control, format
    (invisible, bidirectional override), private-use or unassigned character; else ValueError in French."""
    for char in value:
        if char not in LAYOUT_CHARACTERS and unicodedata.category(char) in _INVISIBLE_CATEGORIES:
            name = unicodedata.name(char, "")
            shown = f"U+{ord(char):04X}" + (f" {name}" if name else "")
            raise ValueError(
                f"caractère invisible ou de contrôle interdit ({shown}) : le texte doit s'afficher tel qu'il est écrit"
            )
    if not any(unicodedata.category(char)[0] in "LN" for char in value):
        raise ValueError("texte illisible : au moins une lettre ou un chiffre attendu")
    return value


Text = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(readable)]
"""A name or title: non-empty, bounded, and readable (see :func:`readable`)."""
FreeText = Annotated[str, AfterValidator(readable)]
"""An optional free text (acronym, description, note…): readable too when given."""
Aliases = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=300), AfterValidator(readable)]], BeforeValidator(_split_list)
]
"""Other names the source documents use for an entity (« PCS de Ciney », « Ministre-Président »)."""
EnterpriseNumber = Annotated[str, BeforeValidator(lambda value: enterprise_number(str(value)))]
"""A BCE/KBO enterprise number, check digits verified, stored as ``0123.456.789``."""


def _split_levels(value: Any) -> Any:
    return _split_list(value)


class Record(BaseModel):
    """Fields every record has: its provenance and how firmly the source states it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    source: str | None = Field(
        default=None,
        description="Document d'origine (fichier de seeds/ ou fichier importé). Par défaut : le fichier lu.",
    )
    lines: Annotated[str, Field(pattern=LINES_PATTERN)] | None = Field(
        default=None, description="Lignes du document d'origine, « 12 » ou « 12-20 »."
    )
    locator: str | None = Field(
        default=None,
        max_length=200,
        description="Emplacement dans la source, tel quel (export d'une base) ; sinon dérivé de lines/row.",
    )
    confidence: Confidence = Field(default=Confidence.HAUTE, description="Netteté de la source.")
    row: int | None = Field(default=None, exclude=True, description="Ligne du fichier lu.")

    def provenance(self, default_source: str) -> dict[str, str]:
        """The provenance properties stored on every node and relationship."""
        source = self.source or default_source
        if self.locator is not None:
            locator = self.locator
        elif self.lines:
            locator = ", ".join(f"L{part.strip()}" for part in self.lines.split(","))
        elif self.row is not None:
            locator = f"ligne {self.row}"
        else:
            locator = ""
        return {"source": source, "locator": locator, "confidence": self.confidence.value}


class NodeRecord(Record):
    """A record that becomes one node."""

    label: ClassVar[Label]
    relation_fields: ClassVar[frozenset[str]] = frozenset()

    id: Id

    def node_properties(self) -> dict[str, Any]:
        """The node's own properties (references to other nodes become relationships instead)."""
        skip = {"source", "lines", "locator", "confidence", "row", *self.relation_fields}
        props: dict[str, Any] = {}
        for name, value in self:
            if name in skip or value is None or (name == "aliases" and not value):
                continue
            if isinstance(value, list):
                value = [getattr(v, "value", v) for v in value]
            props[name] = getattr(value, "value", value)
        return props

    def relations(self) -> Iterator[RelationRecord]:
        """The relationships this record implies."""
        return iter(())

    def write_row(self, default_source: str) -> dict[str, Any]:
        """What the node-merging query receives for this node: id, label and every stored property."""
        props = {**self.node_properties(), **self.provenance(default_source)}
        if self.label in SORTED_LABELS:
            props.update(keys_of(self.label.value, props))
        return {"id": self.id, "label": self.label.value, "props": props}

    def _rel(self, type_: RelType, from_: str, to: str, **props: Any) -> RelationRecord:
        return RelationRecord(
            type=type_,
            from_=from_,
            to=to,
            source=self.source,
            lines=self.lines,
            locator=self.locator,
            confidence=self.confidence,
            row=self.row,
            **props,
        )


class Theme(NodeRecord):
    """A theme of work (FLE, citoyenneté, logement…)."""

    label: ClassVar[Label] = Label.THEME
    name: Text
    aliases: Aliases = Field(default=[], description="Autres noms employés par les documents.")


class Territory(NodeRecord):
    """A region, province, arrondissement or commune."""

    label: ClassVar[Label] = Label.TERRITORY
    relation_fields: ClassVar[frozenset[str]] = frozenset({"parent"})
    name: Text
    level: TerritoryLevel
    aliases: Aliases = Field(default=[], description="Autres noms employés par les documents.")
    parent: Id | None = None
    nis: str | None = Field(default=None, pattern=r"^[0-9]{5}$")

    def relations(self) -> Iterator[RelationRecord]:
        if self.parent:
            yield self._rel(RelType.PART_OF, self.id, self.parent)


class Organisation(NodeRecord):
    """Any organisation of the sector or around it, including public institutions."""

    label: ClassVar[Label] = Label.ORGANISATION
    relation_fields: ClassVar[frozenset[str]] = frozenset({"themes", "location", "territories"})
    name: Text
    nameNl: Text | None = Field(default=None, description="Nom en néerlandais, s'il existe.")
    nameDe: Text | None = Field(default=None, description="Nom en allemand, s'il existe.")
    acronym: FreeText | None = Field(default=None, max_length=40)
    kind: OrgKind
    aliases: Aliases = Field(default=[], description="Autres noms employés par les documents.")
    sector: Sector
    enterpriseNumber: EnterpriseNumber | None = Field(
        default=None, description="Numéro d'entreprise BCE/KBO (0123.456.789), chiffres de contrôle vérifiés."
    )
    address: FreeText | None = Field(default=None, max_length=300, description="Adresse du siège.")
    legalForm: FreeText | None = Field(default=None, max_length=100, description="Forme juridique (ASBL, SA…).")
    naceCodes: Annotated[list[Annotated[str, Field(pattern=r"^[0-9]{2,5}$")]], BeforeValidator(_split_list)] | None = (
        Field(default=None, description="Activités (codes NACE-BEL) connues de la BCE.")
    )
    website: str | None = Field(default=None, pattern=r"^https?://\S+$")
    description: FreeText | None = Field(default=None, max_length=1000)
    themes: IdList = []
    location: Id | None = Field(default=None, description="Territoire du siège (id).")
    territories: IdList = Field(default=[], description="Territoires couverts (ids).")

    def node_properties(self) -> dict[str, Any]:
        props = super().node_properties()
        props["ring"] = self.sector.ring
        return props

    def relations(self) -> Iterator[RelationRecord]:
        for theme in self.themes:
            yield self._rel(RelType.WORKS_ON, self.id, theme)
        if self.location:
            yield self._rel(RelType.LOCATED_IN, self.id, self.location)
        for territory in self.territories:
            yield self._rel(RelType.COVERS, self.id, territory)


class Person(NodeRecord):
    """A person named by a source: personal data, shown to staff only."""

    label: ClassVar[Label] = Label.PERSON
    relation_fields: ClassVar[frozenset[str]] = frozenset({"organisation", "role"})
    name: Text
    role: FreeText | None = Field(default=None, max_length=200, description="Fonction dans l'organisation.")
    aliases: Aliases = Field(default=[], description="Autres noms employés par les documents.")
    organisation: Id | None = None

    def node_properties(self) -> dict[str, Any]:
        return {**super().node_properties(), "personalData": True}

    def relations(self) -> Iterator[RelationRecord]:
        if self.organisation:
            yield self._rel(RelType.WORKS_FOR, self.id, self.organisation, role=self.role)


class ReceptionOffice(NodeRecord):
    """A decentralised reception office (bureau d'accueil) run by a CRI."""

    label: ClassVar[Label] = Label.RECEPTION_OFFICE
    relation_fields: ClassVar[frozenset[str]] = frozenset({"cri", "location", "serves"})
    name: Text
    cri: Id
    aliases: Aliases = Field(default=[], description="Autres noms employés par les documents.")
    location: Id | None = None
    serves: IdList = Field(default=[], description="Communes desservies (ids de territoires).")
    address: FreeText | None = Field(default=None, max_length=300)

    def relations(self) -> Iterator[RelationRecord]:
        yield self._rel(RelType.RUNS, self.cri, self.id)
        if self.location:
            yield self._rel(RelType.LOCATED_IN, self.id, self.location)
        for commune in self.serves:
            yield self._rel(RelType.SERVES, self.id, commune)


class Platform(NodeRecord):
    """A platform, concertation space, local coordination or working group."""

    label: ClassVar[Label] = Label.PLATFORM
    relation_fields: ClassVar[frozenset[str]] = frozenset({"themes", "territory"})
    name: Text
    kind: PlatformKind
    aliases: Aliases = Field(default=[], description="Autres noms employés par les documents.")
    themes: IdList = []
    territory: Id | None = None
    description: FreeText | None = Field(default=None, max_length=1000)
    memberCount: int | None = Field(default=None, ge=0)
    meetingCount: int | None = Field(default=None, ge=0)
    year: int | None = Field(default=None, ge=1900, le=2100)

    def relations(self) -> Iterator[RelationRecord]:
        for theme in self.themes:
            yield self._rel(RelType.HAS_THEME, self.id, theme)
        if self.territory:
            yield self._rel(RelType.COVERS, self.id, self.territory)


class Body(NodeRecord):
    """A body where seats are held (board, general assembly, commission, observatory…)."""

    label: ClassVar[Label] = Label.BODY
    relation_fields: ClassVar[frozenset[str]] = frozenset({"organisation", "territory", "themes"})
    name: Text
    kind: BodyKind
    aliases: Aliases = Field(default=[], description="Autres noms employés par les documents.")
    organisation: Id | None = Field(default=None, description="Organisation dont c'est l'instance.")
    territory: Id | None = None
    themes: IdList = []

    def relations(self) -> Iterator[RelationRecord]:
        if self.organisation:
            yield self._rel(RelType.BODY_OF, self.id, self.organisation)
        if self.territory:
            yield self._rel(RelType.COVERS, self.id, self.territory)
        for theme in self.themes:
            yield self._rel(RelType.HAS_THEME, self.id, theme)


class Mandate(NodeRecord):
    """A seat held by an organisation in a body, exercised by a person, for a period."""

    label: ClassVar[Label] = Label.MANDATE
    relation_fields: ClassVar[frozenset[str]] = frozenset({"body", "holder", "person", "substitute", "onBehalfOf"})
    title: FreeText | None = Field(default=None, max_length=300)
    body: Id
    holder: Id
    seat: SeatType = SeatType.EFFECTIF
    person: Id | None = None
    substitute: Id | None = None
    onBehalfOf: IdList = []
    validFrom: dt.date | None = None
    validTo: dt.date | None = None

    @model_validator(mode="after")
    def _period_is_ordered(self) -> Mandate:
        _check_period(self.validFrom, self.validTo)
        if self.person and self.person == self.substitute:
            raise ValueError("la même personne ne peut pas être titulaire et suppléante")
        return self

    def relations(self) -> Iterator[RelationRecord]:
        yield self._rel(RelType.HOLDS, self.holder, self.id)
        yield self._rel(RelType.SEAT_IN, self.id, self.body)
        if self.person:
            yield self._rel(RelType.EXERCISES, self.person, self.id, role=MandateRole.TITULAIRE.value)
        if self.substitute:
            yield self._rel(RelType.EXERCISES, self.substitute, self.id, role=MandateRole.SUPPLEANT.value)
        for org in self.onBehalfOf:
            yield self._rel(RelType.ON_BEHALF_OF, self.id, org)


class Memorandum(NodeRecord):
    """A memorandum: a set of recommendations by one or more authors."""

    label: ClassVar[Label] = Label.MEMORANDUM
    relation_fields: ClassVar[frozenset[str]] = frozenset({"authors", "themes", "reforms"})
    title: Text
    year: int | None = Field(default=None, ge=1900, le=2100, description="Année, quand la source la donne.")
    aliases: Aliases = Field(default=[], description="Autres noms employés par les documents.")
    levels: Annotated[list[MemorandumLevel], BeforeValidator(_split_levels)] = []
    authors: IdList = []
    themes: IdList = []
    reforms: IdList = Field(default=[], description="Réformes dont il traite (ids).")

    def relations(self) -> Iterator[RelationRecord]:
        for author in self.authors:
            yield self._rel(RelType.AUTHORED, author, self.id)
        for theme in self.themes:
            yield self._rel(RelType.HAS_THEME, self.id, theme)
        for reform in self.reforms:
            yield self._rel(RelType.CONCERNS, self.id, reform)


class Reform(NodeRecord):
    """A reform of a decree (a step of its timeline): what memoranda and recommendations speak to."""

    label: ClassVar[Label] = Label.REFORM
    relation_fields: ClassVar[frozenset[str]] = frozenset({"followers", "themes"})
    name: Text
    aliases: Aliases = Field(default=[], description="Autres noms employés par les documents.")
    year: int = Field(ge=1900, le=2100, description="Année de l'étape (création, révision, avant-projet).")
    stage: ReformStage
    instrument: FreeText | None = Field(default=None, max_length=300, description="Texte réformé (décret, code).")
    description: FreeText | None = Field(default=None, max_length=1000)
    followers: IdList = Field(default=[], description="Organisations qui suivent la réforme (ids).")
    themes: IdList = []

    def relations(self) -> Iterator[RelationRecord]:
        for org in self.followers:
            yield self._rel(RelType.FOLLOWS, org, self.id)
        for theme in self.themes:
            yield self._rel(RelType.HAS_THEME, self.id, theme)


class Figure(NodeRecord):
    """A figure of activity a source states: people accompanied by an office in a year, by public or channel."""

    label: ClassVar[Label] = Label.FIGURE
    relation_fields: ClassVar[frozenset[str]] = frozenset({"subject"})
    subject: Id = Field(description="Organisation, bureau d'accueil ou territoire dont c'est le chiffre (id).")
    measure: FigureMeasure
    year: int = Field(ge=1900, le=2100)
    value: int = Field(ge=0)
    public: FreeText | None = Field(default=None, max_length=200, description="Public compté (« Primo-arrivants »…).")
    channel: ArrivalChannel | None = Field(default=None, description="Canal d'arrivée, pour la mesure « arrivees ».")
    note: FreeText | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def _channel_fits_measure(self) -> Figure:
        if (self.channel is not None) != (self.measure is FigureMeasure.ARRIVEES):
            raise ValueError("un canal (channel) se donne pour la mesure « arrivees », et seulement pour elle")
        return self

    def relations(self) -> Iterator[RelationRecord]:
        yield self._rel(RelType.FIGURE_OF, self.id, self.subject)


class SourceDocument(NodeRecord):
    """A source facts cite: a document of the sector, a public reference outside them, or maillage's vocabulary."""

    label: ClassVar[Label] = Label.SOURCE_DOCUMENT
    title: Text
    kind: SourceKind
    publisher: FreeText | None = Field(default=None, max_length=300)
    version: FreeText | None = Field(default=None, max_length=200, description="Version ou date de la référence.")
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    description: FreeText | None = Field(default=None, max_length=1000)


class Recommendation(NodeRecord):
    """A recommendation of a memorandum, with its addressees and supporters."""

    label: ClassVar[Label] = Label.RECOMMENDATION
    relation_fields: ClassVar[frozenset[str]] = frozenset(
        {"memorandum", "themes", "addressees", "supporters", "reforms"}
    )
    memorandum: Id
    number: FreeText | None = Field(default=None, max_length=20)
    title: Text
    aliases: Aliases = Field(default=[], description="Autres noms employés par les documents.")
    text: FreeText | None = Field(default=None, max_length=2000, description="Résumé (pas de copie de la source).")
    themes: IdList = []
    addressees: IdList = []
    supporters: IdList = []
    reforms: IdList = Field(default=[], description="Réformes dont elle traite (ids).")

    def relations(self) -> Iterator[RelationRecord]:
        for reform in self.reforms:
            yield self._rel(RelType.CONCERNS, self.id, reform)
        yield self._rel(RelType.CONTAINS, self.memorandum, self.id)
        for theme in self.themes:
            yield self._rel(RelType.HAS_THEME, self.id, theme)
        for addressee in self.addressees:
            yield self._rel(RelType.ADDRESSED_TO, self.id, addressee)
        for supporter in self.supporters:
            yield self._rel(RelType.SUPPORTS, supporter, self.id)


class StatusChange(NodeRecord):
    """A dated step in a recommendation's status history."""

    label: ClassVar[Label] = Label.STATUS_CHANGE
    relation_fields: ClassVar[frozenset[str]] = frozenset({"recommendation"})
    recommendation: Id
    status: RecommendationStatus
    date: dt.date
    note: FreeText | None = Field(default=None, max_length=1000)

    def relations(self) -> Iterator[RelationRecord]:
        yield self._rel(RelType.HAS_STATUS, self.recommendation, self.id)


ROLE_VOCABULARY: dict[RelType, type[MembershipRole] | type[ParticipationRole] | type[MandateRole]] = {
    RelType.MEMBER_OF: MembershipRole,
    RelType.PARTICIPATES_IN: ParticipationRole,
    RelType.SITS_IN: ParticipationRole,
    RelType.EXERCISES: MandateRole,
}

_REL_FIELDS = ("role", "year", "count", "programme", "amount", "channel", "project", "note")


class RelationRecord(Record):
    """A relationship between two nodes named by id, with its properties and provenance."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, populate_by_name=True)

    type: RelType
    from_: Id = Field(alias="from")
    to: Id
    role: FreeText | None = Field(default=None, max_length=200)
    year: int | None = Field(default=None, ge=1900, le=2100)
    count: int | None = Field(default=None, ge=0)
    groupCount: int | None = Field(
        default=None,
        ge=0,
        description="Total que la source donne pour un groupe d'orienteurs cités ensemble (ne pas additionner).",
    )
    programme: FreeText | None = Field(default=None, max_length=200)
    amount: float | None = Field(default=None, ge=0)
    channel: FreeText | None = Field(default=None, max_length=200)
    note: FreeText | None = Field(default=None, max_length=1000)
    project: FreeText | None = Field(
        default=None, max_length=200, description="Projet qui distingue deux partenariats entre les mêmes acteurs."
    )
    validFrom: dt.date | None = None
    validTo: dt.date | None = None

    @model_validator(mode="after")
    def _fits_its_type(self) -> RelationRecord:
        spec = REL_SPECS[self.type]
        allowed = set(spec.key) | set(spec.optional_key) | set(spec.props)
        for name in _REL_FIELDS:
            if getattr(self, name) is not None and name not in allowed:
                raise ValueError(f"le champ « {name} » n'a pas de sens pour une relation {self.type.value}")
        vocabulary = ROLE_VOCABULARY.get(self.type)
        if vocabulary is not None:
            if self.role is None:
                raise ValueError(f"une relation {self.type.value} demande un rôle : {vocabulary.choices()}")
            if self.role not in {m.value for m in vocabulary}:
                raise ValueError(f"rôle inconnu « {self.role} » ; valeurs admises : {vocabulary.choices()}")
        if not spec.dated and (self.validFrom or self.validTo):
            raise ValueError(f"une relation {self.type.value} ne porte pas de période de validité")
        if self.type is RelType.REFERS_TO and (self.year is None or (self.count is None) == (self.groupCount is None)):
            raise ValueError(
                "une orientation (REFERS_TO) demande une année (year) et soit un nombre (count), "
                "soit le total d'un groupe d'orienteurs (groupCount)"
            )
        _check_period(self.validFrom, self.validTo)
        return self

    @cached_property
    def key(self) -> str:
        """Stable identity of the relationship, used to MERGE it idempotently (computed once: records are frozen)."""
        spec = REL_SPECS[self.type]
        return relation_key(
            self.type, self.from_, self.to, {k: getattr(self, k) for k in (*spec.key, *spec.optional_key)}
        )

    def properties(self, default_source: str) -> dict[str, Any]:
        """Everything stored on the relationship: key, own properties, validity and provenance."""
        spec = REL_SPECS[self.type]
        props: dict[str, Any] = {"key": self.key}
        for name in (*spec.key, *spec.optional_key, *spec.props, "validFrom", "validTo"):
            value = getattr(self, name)
            if value is not None:
                props[name] = value
        props.update(self.provenance(default_source))
        return props

    def write_row(self, default_source: str) -> dict[str, Any]:
        """What the relationship-merging query receives for this relationship."""
        return {
            "type": self.type.value,
            "from": self.from_,
            "to": self.to,
            "key": self.key,
            "props": self.properties(default_source),
        }


def relation_key(type_: RelType, from_: str, to: str, key_values: dict[str, Any]) -> str:
    """The stored ``key`` of a relationship: its type, its ends and the values of its type's key properties.

    An optional key property left empty adds nothing, so relationships written before it existed keep
    their identity (a partnership without ``project``).
    """
    spec = REL_SPECS[type_]
    parts = [type_.value, from_, to, *(str(key_values.get(k) or "") for k in spec.key)]
    parts.extend(f"{k}={key_values[k]}" for k in spec.optional_key if key_values.get(k))
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:20]


def _check_period(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise ValueError(f"validTo ({valid_to}) précède validFrom ({valid_from})")


NODE_RECORDS: dict[str, type[NodeRecord]] = {
    "themes": Theme,
    "territories": Territory,
    "organisations": Organisation,
    "people": Person,
    "reception_offices": ReceptionOffice,
    "platforms": Platform,
    "bodies": Body,
    "mandates": Mandate,
    "memoranda": Memorandum,
    "recommendations": Recommendation,
    "statuses": StatusChange,
    "reforms": Reform,
    "figures": Figure,
    "sources": SourceDocument,
}
"""Section name (YAML key, CSV file stem, XLSX sheet name) → record class."""

RELATIONS_SECTION = "relations"
SECTIONS: tuple[str, ...] = (*NODE_RECORDS, RELATIONS_SECTION)
