"""Actor normalisation: text mentions → ISO 3166 alpha-3 codes (states) or organisation codes.

The curated table ``data/actors.yaml`` adds what pycountry cannot give (demonyms, capitals used as
metonyms, leaders, officials, IGOs); pycountry adds every country's short and common name.  A
user file of the same shape extends or overrides the table.  Matching is done by a spaCy
``EntityRuler`` placed before the statistical NER, so that "Trump" is never tagged ORG
(``docs/explanation/extraction.md``).  A bare name part ("Kim") resolves to the actor of the most
recent full person name in the document (§4, coreference).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from detente.errors import InputError, Problem
from detente.extraction.gazetteer import town_places
from detente.extraction.lexicon import BUNDLED_YAML
from detente.io.readers import read_text

__all__ = ["ActorEntry", "AliasTable", "load_aliases"]

ACTOR_TYPES = ("state", "igo", "ngo", "group")
_LABELS = {"state": "GPE", "igo": "ORG", "ngo": "ORG", "group": "NORP"}
# Words that a person's name may start or end with but that are no name of one person: titles,
# suffixes, months and days (spaCy tags "May" PROPN), and surnames that are common words.
# Names written family name first: leaders of these states ("Kim Jong Un", "Hun Sen") and any
# name ending in hyphenated given-name syllables ("Tsai Ing-wen", "Ban Ki-moon").
_SURNAME_FIRST = frozenset({"PRK", "KOR", "CHN", "KHM"})
_GIVEN_SYLLABLES = re.compile(r" [A-Z][a-z]*-[a-z]+$")
_NOT_PARTS = frozenset(
    " ".join(
        (
            "King Queen Prince Crown Sheikh Emir Lord Mullah Ayatollah Jr. Sr. III",
            "January February March April May June July August September October November",
            "December Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
            "Power Rice Brown Green White Young Hill Wood Hall Bishop Cook Fox Hunt Straw Gates",
            "Cannon Major Rich Love Hope Grant Turk Lenin Ban",
        )
    ).split()
)


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
    towns: frozenset[str] = frozenset()
    """The places that come from the gazetteer (:mod:`~detente.extraction.gazetteer`), which
    count only as proper nouns standing alone (``mentions``)."""

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
        """Surname (a person's last word; also the first for East Asian names) → actor code.

        A given name ("Donald", "Ben") is no part: it names too many people.  Only parts borne
        by people of one actor count: a part shared by several ("Kim", "Fischer") resolves only
        through an antecedent full name in the same document (``mentions``).  Titles, months,
        common words and parts that are another surface form of the table are left out.
        """
        owners: dict[str, set[str]] = {}
        for e in self.entries:
            for person in e.people:
                words = person.replace("-", " ").split()
                first = e.code in _SURNAME_FIRST or _GIVEN_SYLLABLES.search(person)
                for w in (words[0], words[-1]) if first else words[-1:]:
                    if len(w) >= 3 and w[0].isupper() and w not in _NOT_PARTS:
                        owners.setdefault(w, set()).add(e.code)
        surface = {a for e in self.entries for a in (*e.aliases, *e.places)}
        return {w: c.pop() for w, c in owners.items() if len(c) == 1 and w not in surface}


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


def _parse(text: str, file: str, loader: Any = yaml.SafeLoader) -> dict[str, ActorEntry]:
    try:
        data = yaml.load(text, Loader=loader) or {}
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


def load_aliases(path: Path | str | None = None, *, towns: bool = True) -> AliasTable:
    """The bundled table plus pycountry names, extended by the user file at ``path`` if given.

    With ``towns``, every city of the gazetteer that the table does not name already is added
    as a place of its state (:mod:`~detente.extraction.gazetteer`).

    Without ``path`` the table is built once per process and shared (it is immutable).

    Raises
    ------
    InputError
        If the user file is missing, unreadable or malformed.
    """
    return _load(path, towns) if path is not None else _bundled_table(towns)


@functools.lru_cache(maxsize=2)
def _bundled_table(towns: bool) -> AliasTable:
    return _load(None, towns)


def _load(path: Path | str | None, towns: bool) -> AliasTable:
    bundled = resources.files("detente.extraction").joinpath("data/actors.yaml").read_text("utf-8")
    curated = _parse(bundled, "actors.yaml", BUNDLED_YAML)
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
    return _with_towns(entries) if towns else AliasTable(tuple(entries[c] for c in sorted(entries)))


def _with_towns(entries: dict[str, ActorEntry]) -> AliasTable:
    """``entries`` with the gazetteer's cities as places of their states.

    The table's own forms, and every word of a person's name, are left to the table (rule 5).
    """
    taken = {a for e in entries.values() for a in (*e.aliases, *e.people, *e.places)}
    taken |= {w for e in entries.values() for p in e.people for w in p.replace("-", " ").split()}
    added = town_places(taken)
    added_forms = {f for fs in added.values() for f in fs}
    out = []
    for code in sorted(entries):
        e = entries[code]
        extra = tuple(added.get(code, ())) if e.type == "state" else ()
        out.append(ActorEntry(code, e.name, e.type, e.aliases, e.people, e.places + extra))
    return AliasTable(tuple(out), frozenset(p for e in out for p in e.places if p in added_forms))
