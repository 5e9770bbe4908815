"""Keyset cursors: the sort key of a page's last row, opaque to the caller (URL-safe base64 of a JSON list)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable

from maillage.graph.errors import InvalidInput

HINT = "utilisez endCursor de la page précédente"


def encode_cursor(*parts: str) -> str:
    """The cursor that points after the row whose sort key is ``parts``."""
    return base64.urlsafe_b64encode(json.dumps(list(parts), ensure_ascii=False).encode()).decode()


def decode_cursor(
    cursor: str, size: int, *, valid: Callable[[list[str]], bool] = lambda parts: True, hint: str = HINT
) -> list[str]:
    """The ``size`` strings of the sort key ``cursor`` points after.

    Raises InvalidInput naming the ``after`` argument for a cursor this API did not give (not decodable, not
    ``size`` strings, or refused by ``valid``); ``hint`` says which cursor to pass instead.

    Example::

        >>> decode_cursor(encode_cursor("Namur", "org-1"), 2)
        ['Namur', 'org-1']
    """
    try:
        parts = json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
        if not (
            isinstance(parts, list)
            and len(parts) == size
            and all(isinstance(part, str) for part in parts)
            and valid(parts)
        ):
            raise ValueError(cursor)
    except (ValueError, TypeError, UnicodeError, binascii.Error):
        raise InvalidInput(f"after : curseur invalide « {cursor} » ({hint}).") from None
    return parts
