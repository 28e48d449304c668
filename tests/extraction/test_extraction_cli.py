"""`detente ingest`: outputs, the draft scenario, and robustness to bad input."""

import json

import pytest
import yaml

from detente.cli import main
from detente.extraction.nlp import nlp_available

pytestmark = pytest.mark.skipif(not nlp_available(), reason="needs the [nlp] extra")

ARTICLE = (
    "North Korea test-fired two short-range missiles on Thursday, Seoul said. "
    "Pyongyang has set a year-end deadline for Washington. "
    "North Korea demands the lifting of sanctions before denuclearization talks. "
    "The United States said a nuclear test is a red line. "
    "If the talks fail, Pyongyang could resume missile launches."
)


def _run(capsys, *argv):
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    out = capsys.readouterr()
    return info.value.code, out.out, out.err


def _ok(capsys, *argv):
    code, out, err = _run(capsys, *argv)
    assert code in (0, None), err
    return out


@pytest.fixture
def article(tmp_path):
    f = tmp_path / "article.txt"
    f.write_text(ARTICLE)
    return f


def test_summary_and_json(capsys, article):
    out = _ok(capsys, "ingest", str(article), "--date", "2019-12-09")
    assert "MOBILIZE" in out and "2019-12-05" in out and "deadline" in out
    data = json.loads(_ok(capsys, "ingest", str(article), "--date", "2019-12-09", "--json"))
    assert data["schema"] == "detente-event-extraction/0.1"
    assert data["events"][0]["date"]["value"] == "2019-12-05"
    assert data["claims"] and data["claims"][0]["kind"] == "hypothetical"
    assert data["scenario_draft"]["deadlines"][0]["date"] == "2019-12-31"


def _fill(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if value is None and key in ("capability", "position", "salience"):
                node[key] = 50.0
            else:
                _fill(value)
    elif isinstance(node, list):
        for item in node:
            _fill(item)


def test_draft_fails_validation_until_filled(capsys, article, tmp_path):
    draft = tmp_path / "draft.yaml"
    _ok(capsys, "ingest", str(article), "--date", "2019-12-09", "--out", str(draft))
    code, _, err = _run(capsys, "validate", str(draft))
    assert code == 2 and "capability" in err and "must be a number" in err
    data = yaml.safe_load(draft.read_text())
    assert {a["id"] for a in data["actors"]} >= {"PRK", "USA"}
    assert data["events"] and data["red_lines"][0]["holder"] == "USA"
    _fill(data)
    filled = tmp_path / "filled.yaml"
    filled.write_text(yaml.safe_dump(data, sort_keys=False))
    out = _ok(capsys, "validate", str(filled))
    assert "ok" in out


def test_out_refuses_to_overwrite_and_unknown_suffix(capsys, article, tmp_path):
    code, _, err = _run(
        capsys, "ingest", str(article), "--date", "2019-12-09", "--out", str(article)
    )
    assert code == 2 and "suffix" not in err and "use .yaml" in err
    target = tmp_path / "x.json"
    target.write_text("{}")
    code, _, err = _run(
        capsys, "ingest", str(article), "--date", "2019-12-09", "--out", str(target)
    )
    assert code == 2 and "already exists" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\n\nLeave a comment\n", "empty"),
        (b"\x00\x01binary\x00", "binary"),
        (
            "Le gouvernement fran\u00e7ais a annonc\u00e9 que les n\u00e9gociations avec la Chine "
            "reprendront la semaine prochaine \u00e0 Paris.".encode(),
            "English",
        ),
    ],
)
def test_bad_input_gets_one_clear_line(capsys, tmp_path, content, message):
    f = tmp_path / "in.txt"
    f.write_bytes(content)
    code, out, err = _run(capsys, "ingest", str(f), "--date", "2019-12-09")
    assert code == 2 and message in err and "Traceback" not in err + out


def test_bad_date_and_missing_file(capsys, article, tmp_path):
    code, _, err = _run(capsys, "ingest", str(article), "--date", "9 Dec 2019")
    assert code == 2 and "YYYY-MM-DD" in err
    code, _, err = _run(capsys, "ingest", str(tmp_path / "nope.txt"), "--date", "2019-12-09")
    assert code == 2 and "cannot read" in err


def test_non_utf8_bytes_give_a_result_with_a_warning(capsys, tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes(
        ("Seoul accused Pyongyang of firing missiles near the caf\xe9 on Monday.").encode("latin-1")
    )
    out = _ok(capsys, "ingest", str(f), "--date", "2019-12-09")
    assert "warning" in out and "not valid UTF-8" in out and "ACCUSE" in out


def test_one_megabyte_file_gives_a_result(capsys, tmp_path):
    f = tmp_path / "big.txt"
    block = (ARTICLE + "\n\n") * 8 + "Filler paragraph without any party in it at all.\n\n" * 40
    f.write_text((block * (1_000_000 // len(block) + 1))[:1_050_000])
    out = _ok(capsys, "ingest", str(f), "--date", "2019-12-09")
    assert "MOBILIZE" in out


@pytest.mark.slow
def test_one_megabyte_of_distinct_text_is_processed_whole(capsys, tmp_path):
    import numpy as np

    rng = np.random.default_rng(7)
    actors = ["North Korea", "Seoul", "Washington", "Beijing", "Tokyo", "Moscow"]
    verbs = ["accused", "praised", "threatened", "criticized", "met", "urged"]
    lines = [
        f"{rng.choice(actors)} {rng.choice(verbs)} {rng.choice(actors)} on day {i}."
        for i in range(30_000)
    ]
    f = tmp_path / "distinct.txt"
    f.write_text(" ".join(lines)[:1_000_000])
    out = _ok(capsys, "ingest", str(f), "--date", "2019-12-09")
    assert "were skipped" not in out and "parse budget" not in out
    assert "THREATEN" in out and "SUPPORT" in out


def test_user_aliases_make_new_actors_known(capsys, tmp_path):
    f = tmp_path / "fiction.txt"
    f.write_text("Ruritania accused Freedonia of shelling the border town on Monday.")
    out = _ok(capsys, "ingest", str(f), "--date", "2019-12-09")
    assert "no actor from the alias table" in out
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text(
        "RUR: {name: Ruritania, aliases: [Ruritania]}\n"
        "FRE: {name: Freedonia, aliases: [Freedonia]}\n"
    )
    out = _ok(capsys, "ingest", str(f), "--date", "2019-12-09", "--aliases", str(aliases))
    assert "ACCUSE" in out and "RUR → FRE" in out and "2019-12-09" in out


def test_ingest_writes_a_timeline_page(capsys, article, tmp_path):
    page = tmp_path / "events.html"
    _ok(capsys, "ingest", str(article), "--date", "2019-12-09", "--out", str(page))
    text = page.read_text()
    assert text.startswith("<!DOCTYPE html>") and "<svg" in text and "Events (PLOVER)" in text
    assert "<script src" not in text
    code, _, err = _run(
        capsys, "ingest", str(article), "--date", "2019-12-09", "--out", str(tmp_path / "x.txt")
    )
    assert code == 2 and ".html (timeline)" in err
