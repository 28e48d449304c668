"""Scenario files: read any supported format into a Scenario; write native YAML or JSON.

Readers turn each format into the native document shape plus a *locator* (field path → line),
then :func:`detente.io.native.build` validates everything at once with pydantic and reports every
problem as ``FILE: line N (field.path): what is wrong``.  Nothing here ever writes to the file it
reads.

Formats: native YAML (``.yaml``, ``.yml``) and JSON (``.json``); the classic one-issue table
(``.csv`` with header ``Actor,Capability,Position,Salience``); KTAB's SMP CSV and XML [Efird2016].
"""

from __future__ import annotations

from detente.io.native import dump_json, dump_yaml
from detente.io.readers import MAX_BYTES, load, load_checked, read_text

__all__ = ["MAX_BYTES", "dump_json", "dump_yaml", "load", "load_checked", "read_text"]
