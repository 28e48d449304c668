"""The issuer of a statement: read from the text's header, or named by the user.

* **From the header.**  When the header of a text (its leading short paragraphs) says it is a
  statement, briefing, remarks or press release, the first actor named there that is not a topic
  ("on Iran", "regarding trade with China") is the issuer.
* **Named by the user** (``extract(issuer=…)``, ``detente ingest --issuer``): an actor code, a
  name or alias of the actor table, or a phrase that names one ("U.S. Department of State").
  Official statements often never name who issues them ("Statement from the President").

"I", "we" and "our" outside a quotation refer to the issuer
(:mod:`~detente.extraction.speakers`; guideline in ``docs/explanation/extraction.md``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from detente.errors import SettingError
from detente.extraction.actors import AliasTable
from detente.extraction.lexicon import words
from detente.extraction.prefilter import actor_pattern

__all__ = ["issuer", "named_issuer"]

_STATEMENT = re.compile(
    r"statement|remarks|briefing|as delivered|press release|spokes(?:man|person|woman)", re.I
)


_TOPIC = words("on regarding concerning about with against to over in into toward towards")


_HEADER_CHARS = 200


def _codes_by_form(table: AliasTable) -> dict[str, str]:
    codes = dict(table.name_parts())
    for e in table.entries:
        for a in (*e.aliases, *e.people, *e.places):
            codes.setdefault(a, e.code)
    return codes


def issuer(text: str, table: AliasTable) -> str:
    """The actor that issues the text, if its header says it is a statement (else "")."""
    header = []
    for para in text.split("\n\n")[:8]:
        if len(para) > _HEADER_CHARS:
            break
        header.append(para)
    said = [p for p in header if _STATEMENT.search(p)]
    if not said:
        return ""
    pattern, codes = actor_pattern(table), _codes_by_form(table)
    for para in said + [p for p in header if p not in said]:
        if code := _first_actor(para, pattern, codes):
            return code
    return ""


def _first_actor(para: str, pattern: re.Pattern[str], codes: Mapping[str, str]) -> str:
    """The first actor named in ``para`` that is not a topic ("on Iran", "to the UN")."""
    for m in pattern.finditer(para):
        before = {w.lower() for w in re.findall(r"[A-Za-z]+", para[: m.start()])}
        if not before & _TOPIC and m.group() in codes:
            return codes[m.group()]
    return ""


def named_issuer(value: str, table: AliasTable) -> str:
    """The actor code that ``value`` names: a code, a name or alias, or a phrase naming one.

    ``"USA"``, ``"the White House"``, ``"U.S. Department of State"`` and ``"U.S. Mission to the
    United Nations"`` are USA (the first actor named that is not a topic, as in a header).

    Raises
    ------
    SettingError
        On ``issuer`` when ``value`` names no actor of the table.
    """
    text = value.strip()
    if table.entry(text.upper()) is not None and len(text) == 3:
        return text.upper()
    forms = {k.lower(): c for k, c in _codes_by_form(table).items()}
    forms.update({e.name.lower(): e.code for e in table.entries})
    code = forms.get(text.lower()) or _first_actor(
        text, actor_pattern(table), _codes_by_form(table)
    )
    if not code:
        reason = "names no actor of the actor table (give a code such as USA, or a name)"
        raise SettingError(reason, setting="issuer", value=value)
    return code
