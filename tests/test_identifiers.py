"""The BCE/KBO enterprise number: spellings accepted, check digits verified, one stored form."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from maillage.graph.identifiers import EnterpriseNumberError, enterprise_number
from maillage.graph.records import Organisation


@pytest.mark.parametrize("spelling", ["0418.547.872", "0418547872", "BE0418547872", "be 0418 547 872", "418547872"])
def test_every_usual_spelling_gives_the_dotted_form(spelling: str) -> None:
    assert enterprise_number(spelling) == "0418.547.872"


def test_wrong_check_digits_are_refused_by_name() -> None:
    with pytest.raises(EnterpriseNumberError, match="chiffres de contrôle"):
        enterprise_number("0418.547.873")


@pytest.mark.parametrize("text", ["", "04185478", "2418.547.872", "0418.547.87x", "０４１８５４７８７２"])
def test_malformed_numbers_are_refused(text: str) -> None:
    with pytest.raises(EnterpriseNumberError, match="numéro d'entreprise"):
        enterprise_number(text)


def test_an_organisation_record_stores_the_number_in_dotted_form() -> None:
    org = Organisation(id="cai", name="CAI", kind="cri", sector="integration", enterpriseNumber="BE0418547872")
    assert org.node_properties()["enterpriseNumber"] == "0418.547.872"


def test_an_organisation_record_with_a_wrong_number_names_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        Organisation(id="cai", name="CAI", kind="cri", sector="integration", enterpriseNumber="0418.547.873")
    assert caught.value.errors()[0]["loc"] == ("enterpriseNumber",)
