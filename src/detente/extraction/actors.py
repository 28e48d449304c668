"""Actor normalisation: text mentions → ISO 3166 alpha-3 codes (states) or organisation codes.

The curated table ``data/actors.yaml`` adds what pycountry cannot give (demonyms, capitals used as
metonyms, leaders, officials, IGOs); pycountry adds every country's short and common name.  A
user file of the same shape extends or overrides the table.  Matching is done by a spaCy
``EntityRuler`` placed before the statistical NER, so that "Trump" is never tagged ORG
(``docs/explanation/extraction.md``).  A bare name part ("Kim") resolves to the actor of the most
recent full person name in the document (§4, coreference).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from detente.errors import InputError, Problem
from detente.io.readers import read_text

__all__ = ["ActorEntry", "AliasTable", "load_aliases"]

ACTOR_TYPES = ("state", "igo", "ngo", "group")
_LABELS = {"state": "GPE", "igo": "ORG", "ngo": "ORG", "group": "NORP"}


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor: code, display name, type and the surface forms that refer to it."""

    code: str
    name: str
    type: str
    aliases: tuple[str, ...]
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AliasTable:
    """The actor table used by one extraction run (hashable, so pipelines can be cached)."""

    entries: tuple[ActorEntry, ...]

    def entry(self, code: str) -> ActorEntry | None:
        """The entry for ``code``, if any."""
        return next((e for e in self.entries if e.code == code), None)

    def patterns(self) -> list[dict[str, str]]:
        """EntityRuler patterns; the pattern id is the actor code."""
        out: list[dict[str, str]] = []
        for e in self.entries:
            out += [{"label": _LABELS[e.type], "pattern": a, "id": e.code} for a in e.aliases]
            out += [{"label": "PERSON", "pattern": p, "id": e.code} for p in e.people]
            out += [{"label": "LOC", "pattern": p, "id": e.code} for p in e.places]
        return out

    def name_parts(self) -> dict[str, str]:
        """Name part (first or last word of a person's name) → actor code, table order."""
        parts: dict[str, str] = {}
        for e in self.entries:
            for person in e.people:
                words = person.replace("-", " ").split()
                for w in (words[0], words[-1]):
                    if len(w) >= 3 and w[0].isupper():
                        parts.setdefault(w, e.code)
        return parts


def _problem(file: str, where: str, msg: str) -> InputError:
    return InputError([Problem(file, where, msg)])


def _entry(code: str, raw: Any, file: str) -> ActorEntry:
    if not isinstance(raw, dict):
        raise _problem(file, code, "each actor must be a mapping with name, type, aliases")
    kind = str(raw.get("type", "state"))
    if kind not in ACTOR_TYPES:
        raise _problem(file, f"{code}.type", f"must be one of {', '.join(ACTOR_TYPES)}")
    lists = {k: raw.get(k) or [] for k in ("aliases", "people", "places")}
    for key, value in lists.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _problem(file, f"{code}.{key}", "must be a list of strings")
    return ActorEntry(
        code=str(code),
        name=str(raw.get("name", code)),
        type=kind,
        aliases=tuple(lists["aliases"]),
        people=tuple(lists["people"]),
        places=tuple(lists["places"]),
    )


def _parse(text: str, file: str) -> dict[str, ActorEntry]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise _problem(file, "", f"not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise _problem(file, "", "must be a mapping CODE: {name, type, aliases, people}")
    return {str(code): _entry(str(code), raw, file) for code, raw in data.items()}


def _pycountry_entries(taken: set[str]) -> dict[str, ActorEntry]:
    try:
        import pycountry
    except ImportError:  # optional: the curated table still works
        return {}
    out: dict[str, ActorEntry] = {}
    for c in pycountry.countries:
        names = {getattr(c, k, "") for k in ("name", "common_name", "official_name")}
        names = {n for n in names if n and "," not in n and n not in taken}
        out[c.alpha_3] = ActorEntry(c.alpha_3, c.name, "state", tuple(sorted(names)))
    return out


def _merge(base: dict[str, ActorEntry], extra: dict[str, ActorEntry]) -> dict[str, ActorEntry]:
    merged = dict(base)
    for code, e in extra.items():
        old = merged.get(code)
        if old is None:
            merged[code] = e
            continue
        aliases = old.aliases + tuple(a for a in e.aliases if a not in old.aliases)
        people = old.people + tuple(p for p in e.people if p not in old.people)
        places = old.places + tuple(p for p in e.places if p not in old.places)
        merged[code] = ActorEntry(code, e.name or old.name, e.type, aliases, people, places)
    return merged


def _drop_shadowed(entries: dict[str, ActorEntry], user: dict[str, ActorEntry]) -> None:
    """A user alias wins over the same alias elsewhere in the table."""
    claimed = {a: code for code, e in user.items() for a in e.aliases + e.people}
    for code, e in list(entries.items()):
        keep = tuple(a for a in e.aliases if claimed.get(a, code) == code)
        ppl = tuple(p for p in e.people if claimed.get(p, code) == code)
        entries[code] = ActorEntry(code, e.name, e.type, keep, ppl, e.places)


def load_aliases(path: Path | str | None = None) -> AliasTable:
    """The bundled table plus pycountry names, extended by the user file at ``path`` if given.

    Raises
    ------
    InputError
        If the user file is missing, unreadable or malformed.
    """
    bundled = resources.files("detente.extraction").joinpath("data/actors.yaml").read_text("utf-8")
    curated = _parse(bundled, "actors.yaml")
    taken = {a for e in curated.values() for a in e.aliases + e.people}
    entries = _merge(_pycountry_entries(taken), curated)
    if path is not None:
        p = Path(path)
        try:
            p.stat()
            text = read_text(p)  # size limit, UTF-8 and not empty, as for scenario files
        except OSError as exc:
            raise _problem(
                str(p), "", f"cannot read alias file ({exc.__class__.__name__})"
            ) from None
        user = _parse(text, str(p))
        _drop_shadowed(entries, user)
        entries = _merge(entries, user)
    return AliasTable(tuple(entries[c] for c in sorted(entries)))
