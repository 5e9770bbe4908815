"""Belgian identifiers: the enterprise number of the Crossroads Bank for Enterprises (BCE/KBO).

An enterprise number has ten digits, the first one 0 or 1; its last two digits are a check:
``97 - (first eight digits mod 97)``. Written ``0123.456.789`` in the KBO open data, ``BE0123456789``
as a VAT number, and sometimes with nine digits (numbers from before 2003, without the leading 0).

    >>> enterprise_number("BE 0418.547.872")
    '0418.547.872'
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-/]")


class EnterpriseNumberError(ValueError):
    """An enterprise number that is malformed or whose check digits are wrong (message in French)."""


def enterprise_number(text: str) -> str:
    """``text`` as a valid enterprise number, written ``0123.456.789``.

    Accepts the usual spellings (dots, spaces, dashes, a ``BE`` prefix, nine digits of an old
    number). Raises :class:`EnterpriseNumberError` naming what is wrong.
    """
    digits = _SEPARATORS.sub("", text.strip()).upper().removeprefix("BE")
    if not digits.isascii() or not digits.isdigit():
        raise EnterpriseNumberError(
            f"« {text} » n'est pas un numéro d'entreprise : dix chiffres attendus, par exemple 0418.547.872."
        )
    if len(digits) == 9:
        digits = "0" + digits
    if len(digits) != 10:
        raise EnterpriseNumberError(
            f"« {text} » n'est pas un numéro d'entreprise : {len(digits)} chiffres au lieu de 10."
        )
    if digits[0] not in "01":
        raise EnterpriseNumberError(f"« {text} » n'est pas un numéro d'entreprise : il commence par 0 ou 1.")
    body, check = int(digits[:8]), int(digits[8:])
    if 97 - body % 97 != check:
        raise EnterpriseNumberError(
            f"« {text} » n'est pas un numéro d'entreprise valide : les chiffres de contrôle ne correspondent pas."
        )
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
