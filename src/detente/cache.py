"""A versioned on-disk cache for data that detente derives from installed packages.

Some tables are built from large third-party data at every start (the gazetteer's towns, from
GeoNames' 34,000 cities: about 1.5 s of CPU and 120 MB).  :func:`cached_json` builds such a
table once and keeps it as a JSON file in the user's cache directory
(``platformdirs.user_cache_dir("detente")``; on Linux ``$XDG_CACHE_HOME/detente`` or
``~/.cache/detente``).  The rules that make it safe:

* **Never stale.**  The file's name holds a hash of the *key*: everything the table depends on
  (the versions of the packages read, the parameters, a hash of the source of the code that
  builds it, the Python version).  A change to any of them gives another file; the key is also
  stored in the file and compared on reading.
* **The same value, cached or not.**  A freshly built table is returned as it reads back from
  its JSON, so a run that builds it and a run that reads it see equal values.
* **Never an error.**  A cache directory that cannot be created or written (read-only, full)
  only means building every time; a file that cannot be read or parsed is built again.
* **Concurrent processes.**  A file is written under a temporary name in the same directory and
  renamed into place (atomic on POSIX and Windows), so a reader sees a whole file or none;
  two processes that build at once write the same content.

Old files (of earlier versions) are left in place; deleting the directory is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "cached_json", "source_hash"]


def cache_dir() -> Path:
    """The user's cache directory for detente (it may not exist yet)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("detente", appauthor=False))


def source_hash(*files: str | Path) -> str:
    """SHA-256 of the bytes of ``files`` (the source of the code that builds a table)."""
    digest = hashlib.sha256()
    for f in files:
        digest.update(Path(f).read_bytes())
    return digest.hexdigest()


def cached_json(
    name: str,
    key: Mapping[str, Any],
    build: Callable[[], Any],
    directory: Path | None = None,
) -> Any:
    """The value ``build()`` returns, read from the cache when an entry for ``key`` exists.

    ``build`` must return data that JSON represents exactly (dicts with string keys, lists,
    strings, numbers); what is returned is always the value as read back from JSON.  ``key``
    (JSON-serialisable) names everything the value depends on.
    """
    folder = cache_dir() if directory is None else directory
    stored = {"key": json.loads(json.dumps(key))}
    digest = hashlib.sha256(json.dumps(stored, sort_keys=True).encode()).hexdigest()
    path = folder / f"{name}-{digest[:24]}.json"
    with contextlib.suppress(OSError, ValueError):
        entry = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(entry, dict) and entry.get("key") == stored["key"] and "data" in entry:
            return entry["data"]
    text = json.dumps({**stored, "data": build()}, ensure_ascii=False)
    _write(path, text)
    return json.loads(text)["data"]


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically; give up silently where that is not possible."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
