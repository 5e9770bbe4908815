"""When a transaction that failed for a transient reason is tried again, and after how long.

The driver's own loop waits about a second before its first retry and counts its budget from the first
failure, so an API caller could wait 2 to 3 s while Neo4j restarts (one attempt, a second's sleep, another
attempt). maillage lets the driver attempt once and retries itself (``maillage.graph.connection``), with
short growing waits and a budget counted from the start of the call: no retry begins after ``budget``
seconds, so a caller with a 0.5 s budget is answered about 1 s after its call at worst.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    """Waits of ``first_wait`` × ``growth``\\ :sup:`attempt` seconds (capped at ``longest_wait``, ± ``jitter``
    of themselves), while the next attempt would begin within ``budget`` seconds of the call's start.

    Example::

        >>> policy = RetryPolicy(budget=0.5, jitter=0.0)
        >>> [policy.wait(attempt, elapsed=0.0) for attempt in range(3)]
        [0.05, 0.1, 0.2]
        >>> policy.wait(0, elapsed=0.48) is None
        True
    """

    budget: float
    first_wait: float = 0.05
    growth: float = 2.0
    longest_wait: float = 2.0
    jitter: float = 0.2

    def wait(self, attempt: int, elapsed: float, draw: float | None = None) -> float | None:
        """Seconds to wait before retry number ``attempt`` + 1, or None when the budget does not allow it.

        ``elapsed``: seconds since the call started. ``draw``: a number in [0, 1) for the jitter (a random
        one when None).
        """
        base = min(self.first_wait * self.growth**attempt, self.longest_wait)
        spread = (2 * (random.random() if draw is None else draw) - 1) * self.jitter
        seconds = base * (1 + spread)
        if elapsed + seconds > self.budget:
            return None
        return seconds
