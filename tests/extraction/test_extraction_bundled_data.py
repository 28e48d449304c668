"""The bundled data files read by libyaml give exactly what PyYAML's safe loader gives."""

from importlib import resources

import pytest
import yaml

from detente.extraction.lexicon import BUNDLED_YAML


@pytest.mark.parametrize("name", ["actors.yaml", "lexicon.yaml"])
def test_the_fast_loader_reads_the_bundled_files_as_safe_load_does(name):
    text = resources.files("detente.extraction").joinpath(f"data/{name}").read_text("utf-8")
    fast, safe = yaml.load(text, Loader=BUNDLED_YAML), yaml.safe_load(text)
    assert fast == safe
    assert repr(fast) == repr(safe)  # the same order and the same types (1 is not 1.0 or True)


def test_the_bundled_table_is_built_once_and_a_user_file_leaves_it_alone(tmp_path):
    from detente.extraction.actors import load_aliases

    user = tmp_path / "aliases.yaml"
    user.write_text("ZZZ: {name: Zedland, type: state, aliases: [Zedland, Seoul]}\n", "utf-8")
    bundled = load_aliases()
    assert load_aliases() is bundled
    extended = load_aliases(user)
    assert extended.entry("ZZZ") is not None and "Seoul" not in extended.entry("KOR").aliases
    assert load_aliases() is bundled and bundled.entry("ZZZ") is None
    assert "Seoul" in bundled.entry("KOR").aliases + bundled.entry("KOR").places
