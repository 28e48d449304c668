import pytest

from detente.errors import InputError
from detente.extraction.actors import load_aliases
from detente.extraction.text import clean, decode, looks_english


def test_invalid_utf8_is_replaced_with_a_warning():
    text, warnings = decode("Seoul said caf\xe9 talks".encode("latin-1"), "a.txt")
    assert "Seoul said caf" in text
    assert len(warnings) == 1 and "not valid UTF-8" in warnings[0]


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01\x02abc", "b.bin")


def test_cleaning_removes_web_furniture_and_normalises_quotes():
    raw = (
        "A leader spoke. Photo: AFP/Some One\n\nHe said \u201cno\u201d.\u00a0\n\nLeave a comment\n"
    )
    assert clean(raw) == 'A leader spoke.\n\nHe said "no".'


def test_language_check():
    assert looks_english("The minister said that the talks with the envoy will resume.")
    assert not looks_english("Le ministre a déclaré que les négociations reprendront demain.")
    assert not looks_english("外交部发言人表示，谈判将于明天恢复。")


def test_alias_table_has_demonyms_capitals_and_leaders():
    table = load_aliases()
    prk = table.entry("PRK")
    assert prk is not None and {"Pyongyang", "North Korean", "DPRK"} <= set(prk.aliases)
    assert "Kim Jong Un" in prk.people
    assert table.name_parts()["Trump"] == "USA"
    usa = table.entry("USA")
    assert usa is not None and "White House" in usa.aliases


def test_user_alias_file_extends_and_overrides(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text(
        "XKX: {name: Kosovo, type: state, aliases: [Pristina, Kosovar]}\n"
        "RUS: {name: Russia, type: state, aliases: [Kremlin]}\n"
        "USR: {name: Soviet Union, type: state, aliases: [Soviet Union, USSR]}\n"
    )
    table = load_aliases(f)
    assert "Pristina" in table.entry("XKX").aliases
    assert "USSR" in table.entry("USR").aliases
    assert "USSR" not in table.entry("RUS").aliases  # the user's mapping wins
    assert "Kremlin" in table.entry("RUS").aliases


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- just a list\n", "must be a mapping"),
        ("X: {type: planet}\n", "must be one of"),
        ("X: {aliases: oops}\n", "list of strings"),
        ("a: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_alias_files_name_the_problem(tmp_path, content, message):
    f = tmp_path / "bad.yaml"
    f.write_text(content)
    with pytest.raises(InputError, match=message):
        load_aliases(f)


def test_missing_alias_file(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        load_aliases(tmp_path / "nope.yaml")


def test_hard_wrapped_lines_are_joined_where_the_sentence_goes_on():
    wrapped = (
        "Chad said it would reject any plan to build the dam\nbefore talks, and urged the\n"
        "  council to act.\nNiger refused."
    )
    assert clean(wrapped) == (
        "Chad said it would reject any plan to build the dam before talks, and urged the "
        "council to act.\nNiger refused."
    )
    headline = "Chad and Niger Agree to Talks\nNiger said on Monday it would attend."
    assert clean(headline) == headline  # a line going on in capitals may be a new sentence
    assert clean("First paragraph.\n\nsecond one in lower case") == (
        "First paragraph.\n\nsecond one in lower case"
    )
