"""Pydantic's validation errors, told in French to the staff member who wrote the file.

Each error becomes a :class:`~maillage.graph.errors.Problem` naming the file, the row, the field
(the column) and what is wrong, with the accepted values and the closest one for an unknown value.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from maillage.graph.errors import Problem
from maillage.graph.folding import fold
from maillage.graph.model import Label, RelType
from maillage.graph.records import ID_PATTERN, LINES_PATTERN, ROLE_VOCABULARY
from maillage.graph.vocabulary import LabelledEnum

from .tabular import field_names, suggestion

LABEL_NAMES: dict[Label, str] = {
    Label.ORGANISATION: "organisation",
    Label.PERSON: "personne",
    Label.TERRITORY: "territoire",
    Label.RECEPTION_OFFICE: "bureau d'accueil",
    Label.PLATFORM: "plateforme",
    Label.BODY: "instance",
    Label.MANDATE: "mandat",
    Label.MEMORANDUM: "mémorandum",
    Label.RECOMMENDATION: "recommandation",
    Label.STATUS_CHANGE: "changement de statut",
    Label.THEME: "thème",
    Label.REFORM: "réforme",
    Label.FIGURE: "chiffre d'activité",
    Label.SOURCE_DOCUMENT: "source",
}
"""How a node label is named in messages."""

DATE_MESSAGE = "date invalide, format attendu AAAA-MM-JJ"
_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type", "date_future"}
_INT_ERRORS = {"int_parsing", "int_type", "int_from_float", "int_parsing_size"}
_FLOAT_ERRORS = {"float_parsing", "float_type", "finite_number"}
_PATTERNS = {
    ID_PATTERN: ("identifiant invalide : minuscules sans accents, chiffres, « - », « _ » ou « . » (ex. « com-namur »)"),
    LINES_PATTERN: "lignes invalides : « 12 », « 12-20 » ou « 12-20, 31 » attendu",
    r"^https?://\S+$": "adresse web invalide : elle doit commencer par http:// ou https://",
    r"^[0-9]{5}$": "code INS invalide : 5 chiffres attendus",
}
_QUOTED = re.compile(r"« ([A-Za-z_]+) »")


def label_names(labels: typing.Iterable[Label | str]) -> str:
    """``organisation ou plateforme``: labels as a French enumeration."""
    names = sorted(LABEL_NAMES.get(Label(label), str(label)) for label in labels)
    return " ou ".join(names)


def closest(value: str, candidates: dict[str, str]) -> str | None:
    """The candidate value whose key is closest to ``value`` (accents and case ignored)."""
    folded = {fold(key): target for key, target in candidates.items()}
    match = difflib.get_close_matches(fold(value), folded, n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def hint(suggested: str | None) -> str:
    """`` (vouliez-vous dire « x » ?)`` or nothing."""
    return f" (vouliez-vous dire « {suggested} » ?)" if suggested else ""


def enum_message(enum: type[Enum], value: Any) -> str:
    """``valeur inconnue « x » ; valeurs admises : … (vouliez-vous dire « y » ?)``."""
    candidates: dict[str, str] = {}
    for member in enum:
        candidates[str(member.value)] = str(member.value)
        label = getattr(member, "label", None)
        if label:
            candidates[label] = str(member.value)
    if issubclass(enum, LabelledEnum):
        accepted = typing.cast(type[LabelledEnum], enum).choices()
    else:
        accepted = ", ".join(str(m.value) for m in enum)
    return f"valeur inconnue « {value} » ; valeurs admises : {accepted}{hint(closest(str(value), candidates))}"


def _enum_of(model: type[BaseModel], field: str) -> type[Enum] | None:
    info = model.model_fields.get(field)
    if info is None:
        info = next((f for f in model.model_fields.values() if f.alias == field), None)
    if info is None:
        return None
    pending: list[Any] = [info.annotation]
    while pending:
        annotation = pending.pop()
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return annotation
        pending.extend(typing.get_args(annotation))
    return None


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9_.-]+", "-", fold(value)).strip("-")


def _message(error: ErrorDetails, model: type[BaseModel], field: str | None, tabular: bool) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    if kind == "missing":
        return "champ obligatoire manquant"
    if kind == "extra_forbidden":
        what = "colonne inconnue" if tabular else "champ inconnu"
        known = field_names(model)
        return f"{what}{suggestion(field or '', known)} ; champs admis : {', '.join(known)}"
    if kind == "enum":
        enum = _enum_of(model, field or "")
        if enum is not None:
            return enum_message(enum, value)
        return f"valeur inconnue « {value} » ; valeurs admises : {ctx.get('expected', '')}"
    if kind in _DATE_ERRORS:
        return DATE_MESSAGE
    if kind in _INT_ERRORS:
        return "nombre entier attendu"
    if kind in _FLOAT_ERRORS:
        return "nombre attendu (avec un point décimal : 12.5)"
    if kind == "string_pattern_mismatch":
        text = _PATTERNS.get(str(ctx.get("pattern")), f"format invalide (motif attendu : {ctx.get('pattern')})")
        if ctx.get("pattern") == ID_PATTERN and isinstance(value, str) and _slug(value) and _slug(value) != value:
            text += hint(_slug(value))
        return text
    if kind == "string_too_short":
        return "valeur vide"
    if kind == "string_too_long":
        return f"texte trop long : {ctx.get('max_length')} caractères au maximum"
    if kind == "greater_than_equal":
        return f"doit être supérieur ou égal à {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"doit être inférieur ou égal à {ctx.get('le')}"
    if kind == "string_type":
        return "texte attendu"
    if kind == "list_type":
        return "liste attendue (dans un tableur : valeurs séparées par « ; »)"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "dictionnaire de champs attendu"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
    return f"valeur refusée ({error['msg']})"


def _field_of_model_error(message: str, model: type[BaseModel]) -> str | None:
    """The field a whole-record rule is about (``validTo précède validFrom`` → ``validTo``)."""
    known = field_names(model)
    if message.startswith("validTo"):
        return "validTo"
    if "rôle" in message:
        return "role"
    if message.startswith("la même personne"):
        return "substitute"
    if "période de validité" in message:
        return "validFrom"
    quoted = _QUOTED.search(message)
    if quoted and quoted.group(1) in known:
        return quoted.group(1)
    return next((name for name in known if re.search(rf"\b{name}\b", message)), None)


def translate(
    exc: ValidationError, model: type[BaseModel], file: str, row: int, data: dict[str, Any], *, tabular: bool
) -> Iterator[Problem]:
    """The problems of one record, one per pydantic error, in French."""
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        field = str(loc[0]) if loc else None
        message = _message(error, model, field, tabular)
        value: Any = error.get("input")
        if not loc:
            field = _field_of_model_error(message, model)
            value = data.get(field) if field else None
            if field == "role" and message.startswith("rôle inconnu"):
                message += _role_hint(data)
        elif len(loc) > 1 and isinstance(loc[1], int):
            message = f"élément n°{loc[1] + 1} : {message}"
        if error["type"] == "missing":
            value = None
        yield Problem(file, row, field, message, None if value is None else str(value))


def _role_hint(data: dict[str, Any]) -> str:
    try:
        vocabulary = ROLE_VOCABULARY.get(RelType(str(data.get("type"))))
    except ValueError:
        return ""
    if vocabulary is None:
        return ""
    candidates = {m.value: m.value for m in vocabulary} | {m.label: m.value for m in vocabulary}
    return hint(closest(str(data.get("role", "")), candidates))
