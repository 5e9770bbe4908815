"""Root fields run in a worker thread, so that one request waiting for Neo4j does not stop the others.

The resolvers are synchronous (the driver's blocking API). Run on the event loop, each would hold the
whole server while its query runs: requests would be served one at a time and ``/health`` would wait
behind them. Only root fields query the database; nested fields read what their root returned and stay
on the loop, where they cost no thread hop.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any

from graphql import GraphQLResolveInfo
from starlette.concurrency import run_in_threadpool
from strawberry.extensions import SchemaExtension


class RootFieldsInThreads(SchemaExtension):
    """Runs each synchronous root field's resolver in Starlette's thread pool (when an event loop runs)."""

    def resolve(self, _next: Callable[..., Any], root: Any, info: GraphQLResolveInfo, *args: Any, **kwargs: Any) -> Any:
        if info.path.prev is not None or inspect.iscoroutinefunction(_next) or not _in_event_loop():
            return _next(root, info, *args, **kwargs)
        return run_in_threadpool(_next, root, info, *args, **kwargs)


def _in_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # schema.execute_sync, as in scripts and tests
        return False
    return True
