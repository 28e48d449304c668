"""The ``save_runs`` setting: whether commands save their results to the store without ``--save``.

Read from the ``DETENTE_SAVE_RUNS`` environment variable (``1``/``true``/``yes`` or
``0``/``false``/``no``), else from ``save_runs = true`` in ``config.toml`` in the user's config
directory (``platformdirs.user_config_dir("detente")``); off by default, so nothing is written
unless asked for.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from detente.store.engine import StoreError

__all__ = ["config_path", "save_by_default"]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def config_path() -> Path:
    """Where the user's ``config.toml`` lives."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("detente", appauthor=False)) / "config.toml"


def save_by_default() -> bool:
    """True when runs are to be saved even without ``--save``."""
    env = os.environ.get("DETENTE_SAVE_RUNS")
    if env is not None:
        value = env.strip().lower()
        if value not in _TRUE | _FALSE:
            raise StoreError(f"DETENTE_SAVE_RUNS={env!r}: use 1 or 0 (true/false, yes/no)")
        return value in _TRUE
    path = config_path()
    if not path.is_file():
        return False
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StoreError(f"{path}: cannot read the settings ({exc})") from None
    value = data.get("save_runs", False)
    if not isinstance(value, bool):
        raise StoreError(f"{path}: save_runs must be true or false, got {value!r}")
    return value
