"""The outage contract: what every caller gets while the database cannot be reached.

Whoever asks — anonymous or token holder, a query or a token check — gets the same answer:
HTTP 503, ``Retry-After: 1``, and a GraphQL body whose errors carry the code ``UNAVAILABLE`` and a
French message that says nothing of the driver, the host or the port (those go to the server log).
The answer comes within 2 s: the API's Graph fails fast (short connection and retry budgets,
``maillage.graph.retrying``), and once the database was found unreachable it refuses calls at once until a
background probe reaches it again (``maillage.graph.circuit``).
"""

from __future__ import annotations

from typing import Any

UNAVAILABLE_STATUS = 503
RETRY_AFTER = "1"
UNAVAILABLE_MESSAGE = "La base de données est momentanément indisponible ; réessayez dans quelques secondes."


def is_outage(response_data: Any) -> bool:
    """True when a GraphQL response (or a batch of them) holds an ``UNAVAILABLE`` error."""
    answers = response_data if isinstance(response_data, list) else [response_data]
    return any(
        (error.get("extensions") or {}).get("code") == "UNAVAILABLE"
        for answer in answers
        if isinstance(answer, dict)
        for error in answer.get("errors") or []
        if isinstance(error, dict)
    )
