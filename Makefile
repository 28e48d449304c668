# detente: the two commands.  `make run` forecasts the bundled Korea scenario and writes its
# report; `make test` runs the whole test suite.  Both create .venv and install on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
EXTRAS ?= report,nlp,web,test,dev,cluster,sensitivity
STAMP  := $(VENV)/.installed-$(shell printf '%s' "$(EXTRAS)" | tr ',' '-')

.PHONY: install browser run test test-slow lint format clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	@touch $@

install: $(STAMP)

run: install
	$(BIN)/detente report korea-2019-12 --seed 2019 \
		--negotiate USA=boulware,PRK=stall-and-water-down \
		--sweep deadline_provocation:months_to_election=1:12:12

# The browser tests drive Debian's chromium (never a downloaded browser): install it if missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests (apt-get)"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
			>/dev/null 2>&1 || echo "warning: could not install chromium; browser tests will skip"; }

test: install browser
	$(BIN)/python -m pytest -q -m "not slow" -n 2  # both cores (pytest-xdist)

test-slow: install
	$(BIN)/python -m pytest -q -m slow || test $$? -eq 5  # 5: no slow tests collected

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

format: install
	$(BIN)/ruff format src tests benchmarks scripts
	$(BIN)/ruff check --fix src tests benchmarks scripts

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
