"""`maillage serve` writes one line per request only when asked (--access-log)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import httpx

TYPENAME = {"query": "{ __typename }"}


def test_with_access_log_each_request_is_logged_with_its_path_and_status(
    serve: Callable[..., AbstractContextManager[str]], test_server: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "serve.log"
    with serve(test_server, log, options=["--access-log"]) as url:
        assert httpx.post(f"{url}/graphql", json=TYPENAME).status_code == 200
    assert '"POST /graphql HTTP/1.1" 200' in log.read_text(errors="replace")


def test_without_access_log_requests_leave_no_line(
    serve: Callable[..., AbstractContextManager[str]], test_server: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "serve.log"
    with serve(test_server, log) as url:
        assert httpx.post(f"{url}/graphql", json=TYPENAME).status_code == 200
    text = log.read_text(errors="replace")
    assert "POST /graphql" not in text and "Uvicorn running" in text
