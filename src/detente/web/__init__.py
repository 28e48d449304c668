"""The local web workbench: FastAPI pages and a JSON API over the public API and the store.

Start it with ``detente serve`` (127.0.0.1:8765 by default) or, from Python,
``uvicorn.run(detente.web.create_app())``.  Layer: the web package only calls the public API
(:func:`detente.run`, :func:`detente.experiments.sweep`, ...) and :mod:`detente.store`.
"""

from __future__ import annotations

from detente.web.app import create_app

__all__ = ["create_app"]
