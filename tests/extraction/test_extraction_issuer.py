"""The issuer of a statement given by the user (``extract(issuer=…)``, ``ingest --issuer``).

Sentences are our own.  An official statement often never names who issues it, so "we" and
"our" had no source; the user can say who issued it, as a code or a name in the actor table.
"""

import datetime as dt

import pytest

from detente.cli import main
from detente.errors import SettingError
from detente.extraction.newsset import fold_of, issuer_of
from detente.extraction.nlp import nlp_available

needs_nlp = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")
DAY = dt.date(2021, 3, 2)
STATEMENT = (
    "We strongly condemn the rocket attack by Hamas on Sunday. "
    "We call on Iran to return to full compliance."
)


def test_publisher_is_the_issuer_of_statements_only():
    statement = {"genre": "official statement", "publisher": "The White House (archived copy)"}
    assert issuer_of(statement) == "The White House"
    assert issuer_of({"genre": "press release", "publisher": "United Nations"}) == "United Nations"
    assert issuer_of({"genre": "wire story", "publisher": "Voice of America (VOA)"}) is None
    assert fold_of({"crisis": "Syria chemical weapons 2013"}) == "A"
    assert fold_of({"crisis": "Russia-Ukraine 2014"}) == "B"


@needs_nlp
def test_names_and_codes_resolve_through_the_actor_table():
    from detente.extraction import load_aliases
    from detente.extraction.issuer import named_issuer

    table = load_aliases()
    assert named_issuer("usa", table) == "USA"
    assert named_issuer("the White House", table) == "USA"
    assert named_issuer("U.S. Mission to the United Nations", table) == "USA"
    assert named_issuer("Office of the UN Special Envoy", table) == "UNO"
    with pytest.raises(SettingError, match="issuer 'Ministry of Magic'"):
        named_issuer("Ministry of Magic", table)


@needs_nlp
def test_first_person_statement_takes_the_given_issuer():
    from detente.extraction import extract

    without = extract(STATEMENT, DAY)
    assert not any(e.plover == "ACCUSE" for e in without.events)
    x = extract(STATEMENT, DAY, issuer="the White House")
    kinds = {(e.plover, e.source, e.target) for e in x.events}
    assert ("ACCUSE", ("USA",), ("PSE",)) in kinds
    assert ("REQUEST", ("USA",), ("IRN",)) in kinds
    assert "USA" in {a.id for a in x.actors}  # acts without being named in the text


@needs_nlp
def test_cli_issuer_option_and_bad_value(tmp_path, capsys):
    f = tmp_path / "statement.txt"
    f.write_text(STATEMENT)
    with pytest.raises(SystemExit) as info:
        main(["ingest", str(f), "--date", "2021-03-02", "--issuer", "USA"])
    assert info.value.code in (0, None)
    assert "USA → PSE" in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        main(["ingest", str(f), "--date", "2021-03-02", "--issuer", "Ministry of Magic"])
    err = capsys.readouterr().err
    assert info.value.code == 2 and "--issuer 'Ministry of Magic'" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@needs_nlp
def test_the_record_says_how_it_was_made():
    """The JSON names the version, parser, actor table and settings: what an identical run needs."""
    from detente import __version__
    from detente.extraction import extract

    plain = extract(STATEMENT, DAY).to_dict()["document"]
    given = extract(STATEMENT, DAY, issuer="USA").to_dict()["document"]
    assert plain["version"] == __version__ and plain["model"]
    assert plain["settings"] == {"issuer": None, "prefilter": True, "max_chars": 2_000_000}
    assert given["settings"]["issuer"] == "USA"
    assert len(plain["actor_table_sha256"]) == 64
    assert plain["actor_table_sha256"] == given["actor_table_sha256"]
    again = extract(STATEMENT, DAY, issuer="USA").to_dict()
    assert again == extract(STATEMENT, DAY, issuer="USA").to_dict()  # nothing is drawn
