"""PETRARCH actor and agent dictionaries → a detente actor table [PETRARCH2].

PETRARCH's validation dictionaries (``PETR.Validate.actors.txt``, ``PETR.Validate.agents.txt``,
MIT licence) name the fictional and real actors of its unit-test records.  They are read from
where the user keeps them; nothing of them is shipped.

Actor dictionary syntax, and how it is mapped:

* ``NAME [CODE]``; words joined by ``_`` or spaces; ``+NAME`` lines are synonyms of the entry
  above; code lines may follow on their own indented lines.  ``#`` starts a comment, and
  ``<!-- … -->`` blocks are comments.
* A name without a trailing ``_`` matches, in PETRARCH's TABARI heritage, any word that *begins*
  with it ("DAGOLATH" matches "Dagolathi").  detente's EntityRuler matches whole phrases, so the
  table lists the name and the name with the common English endings :data:`ENDINGS`; a trailing
  ``_`` lists the name alone.  Names are title-cased ("MINAS_TIRITH" → "Minas Tirith"; "the" and
  "of" inside a name lower case); names of up to five characters are also kept in capitals
  ("IMF", "U.S.").
* A CAMEO actor code is a three-character root and optional role codes ("ISRMIL" is ISR, its
  military).  detente codes actors, not roles, so each entry becomes its root; entries with the same
  root are one actor.  "IGO…" and "NGO…" roots are organisations.
* Date-restricted codes (``[HOB < 950601]``, ``[HOBGOV 19950601 - 19990815]``, ``[X > 990816]``;
  six-digit dates are YYMMDD, 19YY from 30 on) are resolved for the record's date: the first
  restriction that holds wins, else the unrestricted code.
* Skipped: the null codes ``---`` and ``+++``; the second and later codes of ``A/B`` (the first
  is used); an alias already taken by an earlier entry (the first wins, as PETRARCH's first
  match does).
* Agents (``PRESIDENT [~GOV]``, ``HUMAN_RIGHTS_BODY [NGO~]``) name roles, not actors: they are
  read (``!MACRO!`` lines and names using macros skipped) but add nothing to the table; the
  role codes of the gold codings are ignored by comparing roots.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from detente.extraction.actors import ActorEntry, AliasTable

__all__ = [
    "ENDINGS",
    "PetrActor",
    "actor_table",
    "read_actors",
    "read_agents",
    "root",
]

ENDINGS = ("", "s", "n", "ns", "an", "ans", "ian", "ians", "i", "is", "ese", "ish", "ia", "ic")
"""Endings added to a prefix name (demonyms, plurals): PETRARCH's prefix match, approximated."""
_NULL = frozenset(("---", "+++", "###"))
_LOWER = frozenset(("the", "of", "and"))
_COMMENT = re.compile(r"<!--.*?-->|<![^>]*>", re.DOTALL)
_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True, slots=True)
class PetrActor:
    """One dictionary entry: its names (as written) and its codes with their validity."""

    names: tuple[str, ...]
    codes: tuple[tuple[str | None, dt.date | None, dt.date | None], ...]
    """(root code or None for a null code, first day, last day); a ``None`` day is open."""

    def code_on(self, day: dt.date) -> str | None:
        """The root code valid on ``day``: the first restriction that holds, else the default."""
        defaults = [c for c, lo, hi in self.codes if lo is None and hi is None]
        for code, lo, hi in self.codes:
            if lo is None and hi is None:
                continue
            elif (lo is None or lo <= day) and (hi is None or day <= hi):
                return code
        return defaults[0] if defaults else None


def root(code: str) -> str | None:
    """The actor root of a CAMEO actor code ("ISRMIL" → "ISR"); None for null codes."""
    code = code.strip().upper().split("/")[0]
    if len(code) < 3 or code[:3] in _NULL or not code[:3].isalnum():
        return None
    return code[:3]


def _day(text: str) -> dt.date:
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{1900 + yy if yy >= 30 else 2000 + yy}{text[2:]}"
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _code(block: str) -> tuple[str | None, dt.date | None, dt.date | None] | None:
    """``HOB < 950601`` → (HOB, None, 1995-05-31); a null code is None; None if malformed."""
    head, *rest = block.split() or [""]
    m = re.fullmatch(r"<(\d+)|>(\d+)|(\d+)-(\d+)|", "".join(rest))
    code = root(head)
    if m is None:
        return None
    if m.group(1):
        return code, None, _day(m.group(1)) - dt.timedelta(days=1)
    if m.group(2):
        return code, _day(m.group(2)) + dt.timedelta(days=1), None
    if m.group(3):
        return code, _day(m.group(3)), _day(m.group(4))
    return code, None, None


def _lines(path: Path) -> list[str]:
    text = _COMMENT.sub("", Path(path).read_text(encoding="utf-8", errors="replace"))
    return [ln.split("#", 1)[0].rstrip() for ln in text.splitlines()]


def read_actors(path: Path) -> list[PetrActor]:
    """Every entry of a PETRARCH actor dictionary, in file order."""
    out: list[tuple[list[str], list[tuple[str | None, dt.date | None, dt.date | None]]]] = []
    for line in _lines(path):
        if not line.strip():
            continue
        name = _CODE.sub("", line).strip()
        if name.startswith("+") and out:
            out[-1][0].append(name[1:].strip())
        elif name and not line[0].isspace():
            out.append(([name], []))
        if out:
            out[-1][1].extend(c for b in _CODE.findall(line) if (c := _code(b)) is not None)
    return [PetrActor(tuple(n for n in names if n), tuple(codes)) for names, codes in out]


def read_agents(path: Path) -> dict[str, str]:
    """Agent phrase → role code (``~GOV``, ``NGO~``); macros and names using them skipped."""
    out: dict[str, str] = {}
    for line in _lines(path):
        codes = _CODE.findall(line)
        name = re.sub(r"\{[^}]*\}", "", _CODE.sub("", line)).strip()
        if codes and name and "!" not in name:
            out[" ".join(re.split(r"[_ ]+", name.strip("_"))).lower()] = codes[0].strip()
    return out


def _word(w: str, first: bool) -> str:
    if "." in w:
        return w
    return w.lower() if w.lower() in _LOWER and not first else w.capitalize()


def surface_forms(name: str) -> list[str]:
    """How a dictionary name can appear in text (see the module docstring)."""
    exact = name.endswith("_")
    words = [w for w in re.split(r"[_ ]+", name.strip("_ ")) if w]
    if not words:
        return []
    cased = [_word(w, i == 0) for i, w in enumerate(words)]
    cased = ["-".join(p.capitalize() for p in w.split("-")) if "-" in w else w for w in cased]
    bases = [" ".join(cased)]
    if words[0].lower() == "the":
        bases.append(" ".join(["the", *cased[1:]]))
    if len(name.strip("_")) <= 5:
        bases.append(" ".join(words))
    endings = ("",) if exact else ENDINGS
    return list(dict.fromkeys(b + e for b in bases for e in endings))


def _kind(code: str) -> str:
    return {"IGO": "igo", "NGO": "ngo", "NGM": "ngo"}.get(code, "state")


def actor_table(entries: list[PetrActor], day: dt.date) -> AliasTable:
    """The actor table for a record dated ``day``: one actor per root code.

    Exact forms of every entry are placed before the forms with added endings, so a written
    name ("ISRAELI") is never shadowed by another entry's generated one.
    """
    owner: dict[str, str] = {}
    for exact_pass in (True, False):
        for e in entries:
            code = e.code_on(day)
            if code is None:
                continue
            for name in e.names:
                forms = surface_forms(name)
                for form in forms if not exact_pass else forms[:1]:
                    owner.setdefault(form, code)
    aliases: dict[str, list[str]] = {}
    for form, code in owner.items():
        aliases.setdefault(code, []).append(form)
    return AliasTable(
        tuple(
            ActorEntry(code, code, _kind(code), tuple(forms))
            for code, forms in sorted(aliases.items())
        )
    )
