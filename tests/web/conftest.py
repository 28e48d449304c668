"""The workbench app on a fresh store, with a known CSRF token, through Starlette's test client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.web import create_app
from webtools import TOKEN


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(tmp_path / "store.sqlite", csrf_token=TOKEN, max_draws=5_000, max_jobs=4)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
