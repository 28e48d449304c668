"""PETRARCH2 unit-test records and dictionaries (read from ../shared, MIT licence, never copied).

Split fixed before any change to the coder: the last digit of a record's id, even for the
development half, odd for the held-out half.  The floor below was measured once on the held-out
half, at main 7c4114e, before any rule was written from these records.  The dictionary-syntax
tests use a small dictionary of our own, so they run without the data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.extraction.nlp import nlp_available
from detente.extraction.petr import cameo_type, load_petr
from detente.extraction.petr_dictionary import actor_table, read_actors, read_agents, root

PETR = Path(__file__).resolve().parents[2] / ".." / "shared" / "event-data" / "petrarch2"
RECORDS = PETR / "PETR.UnitTest.records.xml"

OUR_ACTORS = """<!-- a dictionary of our own, in PETRARCH's syntax -->
FREEDONIA [FRE]  # a prefix name: Freedonian matches too
+FREE_STATE
SYLVANIA_ [SYLGOV]
GRAND_FENWICK
\t[GFW]
TRENT [+++]
HILL_PEOPLE [---]
OLD_REPUBLIC
\t[ORP <901231]
\t[NRP]
MARSHAL_KLAUS [KLA]
\t[KLAMIL 20000101-20001231]
# KRONENBERG [KRO]
LATVERIA [LAT/VON]
"""


@pytest.fixture(scope="module")
def petr_dir() -> Path:
    if not RECORDS.is_file():
        pytest.skip(f"{RECORDS} is absent (PETRARCH2's test data lives in ../shared/event-data)")
    return PETR


def test_dictionary_syntax_is_mapped(tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text(OUR_ACTORS, encoding="utf-8")
    entries = read_actors(path)
    names = [e.names[0] for e in entries]
    assert "KRONENBERG" not in names  # commented out
    table = actor_table(entries, dt.date(2000, 6, 1))
    forms = {a: e.code for e in table.entries for a in e.aliases}
    assert forms["Freedonia"] == forms["Freedonian"] == forms["Free State"] == "FRE"
    assert forms["Sylvania"] == "SYL" and "Sylvanian" not in forms  # trailing _: exact only
    assert forms["Grand Fenwick"] == "GFW"  # code on its own line
    assert "Trent" not in forms and "Hill People" not in forms  # null codes
    assert forms["Latveria"] == "LAT"  # the first of several codes
    assert forms["Old Republic"] == "NRP"
    assert forms["Marshal Klaus"] == "KLA"
    early = actor_table(entries, dt.date(1990, 6, 1))
    assert {a: e.code for e in early.entries for a in e.aliases}["Old Republic"] == "ORP"


def test_roots_and_types():
    assert root("ISRMIL") == "ISR" and root("---GOV") is None and root("ELR/GAL") == "ELR"
    assert cameo_type("0871") == "RETREAT" and cameo_type("081") == "CONCEDE"
    assert cameo_type("163") == "COERCE" and cameo_type("160") == "SANCTION"
    assert cameo_type("1712") == "ASSAULT" and cameo_type("191") == "COERCE"
    assert cameo_type("023") == "REQUEST" and cameo_type("010") is None


def test_records_split_and_codings(petr_dir):
    every = load_petr(petr_dir / "PETR.UnitTest.records.xml", "all")
    dev = load_petr(petr_dir / "PETR.UnitTest.records.xml", "dev")
    test = load_petr(petr_dir / "PETR.UnitTest.records.xml", "test")
    assert (len(every), len(dev), len(test)) == (284, 137, 147)
    assert sum(len(r.codings) for r in every) == 359  # 385 codings less 26 error/no-event flags
    first = every[0]
    assert (first.id, first.date, first.expect) == ("DEMO-00", dt.date(1995, 1, 1), "events")
    assert [(c.source, c.target, c.event) for c in first.codings] == [("ARN", "GON", "064")]
    assert first in dev and every[1] in test  # DEMO-00 even, DEMO-01 odd
    expects = {r.id: r.expect for r in every}
    assert expects["FINAL-RECORD"] == "noevents" and expects["DISCARD-01"] == "error"
    unscored = {r.id for r in every if r.codings and not r.scored}
    assert {"SYNSET-01", "SYNSET-03"} <= unscored  # PETRARCH's test-only 9xx codes


def test_validation_dictionaries_load(petr_dir):
    actors = read_actors(petr_dir / "PETR.Validate.actors.txt")
    agents = read_agents(petr_dir / "PETR.Validate.agents.txt")
    assert len(actors) == 128 and len(agents) == 86
    assert agents["president"] == "~GOV"
    table = actor_table(actors, dt.date(1995, 1, 1))
    forms = {a: e.code for e in table.entries for a in e.aliases}
    assert forms["Minas Tirith"] == "GON" and forms["Arnor"] == "ARN"
    assert "Arnors" not in forms  # written with a trailing underscore
    zimbabwe = next(e for e in actors if e.names[0] == "ZIMBABWE")
    assert zimbabwe.code_on(dt.date(1979, 1, 1)) == "RHO"
    assert zimbabwe.code_on(dt.date(1995, 1, 1)) == "ZBW"


@pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
def test_held_out_half_floor(petr_dir):
    from detente.extraction.petr import evaluate

    actors = read_actors(petr_dir / "PETR.Validate.actors.txt")
    s = evaluate(load_petr(petr_dir / "PETR.UnitTest.records.xml", "test"), actors)
    print(f"root {s.root:.3f} acc-16 {s.acc:.3f} source {s.source:.3f} target {s.target:.3f}")
    # measured once before any tuning (7c4114e): root 0.055, acc-16 0.055, source 0.698,
    # target 0.594, dyad 0.541, coverage 0.771 on 109 scored records
    assert s.n == 109
    assert s.root >= 0.05
    assert s.source >= 0.68
    assert s.target >= 0.57
    assert s.dyad >= 0.52
    assert s.coverage >= 0.75


@pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
def test_a_petrarch_table_drives_extract(tmp_path):
    from detente.extraction import extract

    path = tmp_path / "actors.txt"
    path.write_text(OUR_ACTORS, encoding="utf-8")
    table = actor_table(read_actors(path), dt.date(2001, 3, 1))
    x = extract("Freedonian troops attacked Sylvania on Monday.", "2001-03-07", aliases=table)
    assert [(e.plover, e.source, e.target) for e in x.events] == [("ASSAULT", ("FRE",), ("SYL",))]
