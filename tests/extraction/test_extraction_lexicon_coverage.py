"""The lexicon's coverage rule, checked against the CAMEO→PLOVER table (see lexicon.yaml's header).

Every CAMEO code the table maps to a type has a trigger: its own (or a subcode's), or, for codes
the lexicon lists as told apart only by content or issue, its parent's; every trigger's code is in
the table with the type the table gives it (or the PLOVER gold standard's, where listed).  The
table is third-party data, read from ../shared and never copied.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from detente.extraction import coder, context_senses, object_senses, senses
from detente.extraction.lexicon import PLOVER_TYPES, Sense, lexicon

TABLE = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "event-data"
    / "plover"
    / "CAMEO2PLOVER-2021.txt"
)
_ROW = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,|$)")


@pytest.fixture(scope="module")
def table() -> dict[str, set[str]]:
    """CAMEO code → PLOVER types (a code can head two types: 08 is CONCEDE and RETREAT)."""
    if not TABLE.is_file():
        pytest.skip(f"{TABLE} is absent (the CAMEO→PLOVER table lives in ../shared/event-data)")
    out: dict[str, set[str]] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if m := _ROW.match(line):
            out.setdefault(m.group(1), set()).add(m.group(2))
    return out


def _coverage() -> dict[str, object]:
    text = resources.files("detente.extraction").joinpath("data/lexicon.yaml").read_text("utf-8")
    return dict(yaml.safe_load(text)["coverage"])


def _triggers() -> list[tuple[str, str, str]]:
    """(key, type, code) of every lexicon entry and every context sense."""
    lex = lexicon()
    out = [(k, v[0], v[2]) for t in (lex.verbs, lex.phrasal, lex.nouns) for k, v in t.items()]
    found = [v for m in (senses, context_senses, object_senses, coder) for v in vars(m).values()]
    found += [sense for _, _, sense in object_senses._RULES]
    return out + [(s.key, s.plover, s.cameo) for s in found if isinstance(s, Sense)]


def _parent(code: str, covered: set[str]) -> str:
    """The code whose words name the act: the 3-digit code if it has a trigger, else its x0."""
    return code[:3] if len(code) == 4 and code[:3] in covered else code[:2] + "0"


def test_every_trigger_code_is_in_the_table_with_its_type(table):
    gsr = {str(k): str(v) for k, v in dict(_coverage()["gsr_types"]).items()}  # type: ignore[call-overload]
    wrong = [
        (key, kind, code)
        for key, kind, code in _triggers()
        if code not in table or kind not in (table[code] if code not in gsr else {gsr[code]})
    ]
    assert not wrong, f"entries whose CAMEO code or type disagrees with the table: {wrong}"
    assert set(gsr) <= set(table)


def test_every_cameo_code_of_the_table_has_a_trigger(table):
    codes = {code for _, _, code in _triggers()}
    covered = {c for c in table if any(x.startswith(c) for x in codes)}
    listed = {str(c) for key in ("by_content", "by_issue") for c in _coverage()[key]}  # type: ignore[attr-defined]
    assert listed <= set(table), f"listed codes not in the table: {sorted(listed - set(table))}"
    assert not listed & covered, f"listed codes that have triggers: {sorted(listed & covered)}"
    missing = sorted(set(table) - covered - listed)
    assert not missing, f"CAMEO codes with no trigger and not covered by their parent: {missing}"
    for code in listed:
        parent = _parent(code, covered)
        assert parent in covered, (code, parent)
        assert table[parent] & table[code], f"{code} is not of its parent {parent}'s type"


def test_every_type_has_verbs_and_nouns():
    lex = lexicon()
    for table in (lex.verbs, lex.nouns):
        assert {v[0] for v in table.values()} == set(PLOVER_TYPES)
