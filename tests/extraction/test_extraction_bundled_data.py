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

