"""Regenerate the golden round-by-round traces under tests/golden/<model>/ (STYLE.md rule 16).

Usage::

    .venv/bin/python scripts/regen_golden.py           # rewrite every trace
    .venv/bin/python scripts/regen_golden.py --check   # exit 1 if any trace differs

The diff of the rewritten files shows every behaviour change in review.  To add a trace, append a
:class:`Case` to :data:`CASES`; to give a model its own readable format, add its text renderer
to :data:`RENDERERS` (models without one get :func:`generic_trace`).  The golden tests
(``tests/models/test_bdm_golden.py``) import this file and compare :func:`render` with the
checked-in text.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.api import load_scenario, run
from detente.games import CATALOG
from detente.games.playthrough import playthrough_text
from detente.models.bdm.trace import trace_text
from detente.negotiation import STRATEGIES, NegotiationParams
from detente.negotiation import run as negotiate
from detente.negotiation.text import trace_text as negotiation_text
from detente.result import Result

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"


@dataclass(frozen=True)
class Case:
    """One golden trace: a model run on a bundled scenario with fixed params and seed."""

    model: str
    scenario: str
    name: str
    params: dict[str, Any] = field(default_factory=dict)
    seed: int = 0

    @property
    def path(self) -> Path:
        return GOLDEN / self.model / f"{self.scenario}_{self.name}.txt"


CASES: list[Case] = [
    Case("bdm", "ec-emissions-1994", "canonical", {"preset": "canonical"}),
    Case("bdm", "ec-emissions-1994", "scholz-code", {"preset": "scholz-code"}),
]


@dataclass(frozen=True)
class NegotiationCase:
    """One golden negotiation: the first party plays ``strategy``, the other ``opponent``."""

    strategy: str
    scenario: str = "korea-2019-12"
    opponent: str = "linear"
    protocol: str = "alternating"
    seed: int = 0

    @property
    def path(self) -> Path:
        suffix = "" if self.protocol == "alternating" else f"_{self.protocol}"
        return GOLDEN / "negotiation" / f"{self.scenario}_{self.strategy}{suffix}.txt"

    def render(self) -> str:
        """The trace text: deadline 30 rounds, exploration 0.2, the scenario's parties."""
        params = NegotiationParams(protocol=self.protocol, deadline=30, explore=0.2)
        sc = load_scenario(self.scenario)
        result = negotiate(sc, None, [self.strategy, self.opponent], params, rng=self.seed)
        return negotiation_text(result)


NEGOTIATION_CASES: list[NegotiationCase] = [
    *(NegotiationCase(name) for name in STRATEGIES),
    NegotiationCase("boulware", opponent="stall-and-water-down", protocol="mediated"),
]
"""A canonical negotiation per registered strategy (it plays USA against a linear PRK), and the
mediated protocol once."""


@dataclass(frozen=True)
class GameCase:
    """The golden playthrough of one catalog crisis game at its default parameters."""

    game: str

    @property
    def path(self) -> Path:
        return GOLDEN / "games" / f"{self.game}.txt"

    def render(self) -> str:
        return playthrough_text(self.game)


GAME_CASES: list[GameCase] = [GameCase(name) for name in CATALOG]
"""Every catalog game (see detente.games.playthrough)."""


def generic_trace(result: Result) -> str:
    """Median, mean and positions per round, for models without a renderer of their own."""
    lines = [f"# model {result.model} on scenario {result.provenance.scenario_id}"]
    for rnd in result.rounds:
        lines.append(f"round {rnd.index}: median {list(rnd.median)} mean {list(rnd.mean)}")
        for actor, pos in zip(result.actors, rnd.positions, strict=True):
            lines.append(f"  {actor}: " + " ".join(f"{v:.4f}" for v in pos))
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Result], str]] = {"bdm": trace_text}


def render(case: Case | NegotiationCase | GameCase) -> str:
    """The trace text of ``case``."""
    if isinstance(case, NegotiationCase | GameCase):
        return case.render()
    result = run(load_scenario(case.scenario), case.model, case.params, seed=case.seed)
    return RENDERERS.get(case.model, generic_trace)(result)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a diff")
    args = parser.parse_args(argv)
    stale = []
    for case in [*CASES, *NEGOTIATION_CASES, *GAME_CASES]:
        text = render(case)
        old = case.path.read_text(encoding="utf-8") if case.path.exists() else None
        if text != old:
            stale.append(case.path)
            if not args.check:
                case.path.parent.mkdir(parents=True, exist_ok=True)
                case.path.write_text(text, encoding="utf-8")
    for path in stale:
        print(("differs: " if args.check else "wrote: ") + str(path.relative_to(REPO)))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
