"""The model registry: a hand-written dict from command-line name to :class:`ModelSpec`.

Each model is one module with one entry function ``run(scenario, params) -> Result`` (stochastic
models also take a keyword-only ``rng``).  A model may also register a batch kernel
``run_batch(scenario, inputs, params, *, seeds) -> BatchForecast`` that evaluates many draws of the
inputs at once (the contract is in :mod:`detente.batch`); :func:`batch_runner` falls back to a
loop of ``run`` for a model without one, so every model works in a Monte Carlo sweep.
The CLI, the reports and the sweeps list models from :data:`MODELS`; adding a model means adding
its module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from detente.batch import BatchRun, looped
from detente.models import bdm, mean, median, nash, procedural, smp, winset
from detente.models.bdm import batched as bdm_batched
from detente.scenario import Scenario

__all__ = ["MODELS", "ModelSpec", "batch_runner", "draws_random"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelSpec:
    """A registered model: its entry function, Params class, whether it is stochastic, and docs."""

    run: Callable[..., Any]
    params: type
    stochastic: bool
    summary: str
    citations: tuple[str, ...]
    batch: BatchRun | None = None
    """Optional batch kernel over draws (see :mod:`detente.batch`); None: loop ``run``."""
    progress: bool = False
    """Whether ``run`` takes ``progress=`` (a callable of (done, total)) for long runs."""
    draws: Callable[[Any, Scenario], bool] | None = None
    """For a stochastic model whose settings may draw nothing: whether a run with these params on
    this scenario draws random numbers (None: every run of a stochastic model does)."""
    file_seed: Callable[[Scenario], int | None] | None = None
    """The seed a scenario file gives for runs asked without one (KTAB's ``prngSeed``)."""
    draws_when: str = ""
    """For a model with ``draws``: the settings under which it draws, in words (``detente
    models`` shows them, since by default such a model draws nothing)."""

    @property
    def randomness(self) -> str:
        """Whether a run draws random numbers: ``no``, ``yes``, or ``only with …`` its settings."""
        if not self.stochastic:
            return "no"
        return f"only with {self.draws_when}" if self.draws_when else "yes"


def draws_random(model: str, params: Any, scenario: Scenario) -> bool:
    """Whether a run of registered ``model`` with ``params`` on ``scenario`` draws random numbers.

    Where nothing is drawn, a run's result does not depend on a seed, so none is recorded (and
    two identical runs diff clean); the experiments ask this before they make up a fresh seed.
    """
    spec = MODELS[model]
    if not spec.stochastic:
        return False
    return True if spec.draws is None else spec.draws(params, scenario)


def batch_runner(spec: ModelSpec) -> BatchRun:
    """The model's batch kernel, or a loop of its ``run`` when it has none."""
    return spec.batch if spec.batch is not None else looped(spec.run, spec.stochastic)


MODELS: dict[str, ModelSpec] = {
    "bdm": ModelSpec(
        run=bdm.run,
        params=bdm.BDMParams,
        stochastic=True,
        summary=(
            "Bueno de Mesquita expected-utility model: rounds of offers, per issue (Scholz 2011)"
        ),
        citations=("BDM1985", "BDM1994", "BDM1997", "Scholz2011"),
        batch=bdm_batched.run_batch,
        draws=lambda p, _: bool(p.stochastic),
        draws_when="salience_shock > 0 or conflict=stochastic",
    ),
    "mean": ModelSpec(
        run=mean.run,
        params=mean.MeanParams,
        stochastic=False,
        summary="capability × salience weighted mean of positions per issue",
        citations=("BDM1994", "Scholz2011"),
        batch=mean.run_batch,
    ),
    "median": ModelSpec(
        run=median.run,
        params=median.MedianParams,
        stochastic=False,
        summary="weighted median voter (Condorcet winner among positions) per issue",
        citations=("Black1958", "BDM1994"),
        batch=median.run_batch,
    ),
    "nash": ModelSpec(
        run=nash.run,
        params=nash.NashParams,
        stochastic=False,
        summary="Nash bargaining solution over spatial utilities, status quo as disagreement",
        citations=("Nash1950", "Kalai1977"),
        batch=nash.run_batch,
    ),
    "procedural": ModelSpec(
        run=procedural.run,
        params=procedural.ProceduralParams,
        stochastic=False,
        summary=(
            "EU consultation and codecision (QMV or unanimity) as agenda-setter models, per issue"
        ),
        citations=(
            "Steunenberg1994",
            "Crombez1996",
            "Crombez1997",
            "TsebelisGarrett2000",
            "SteunenbergSelck2006",
        ),
    ),
    "smp": ModelSpec(
        run=smp.run,
        params=smp.SMPParams,
        stochastic=True,
        summary="KTAB's Spatial Model of Politics: challenges, bargains and PCE votes, multi-issue",
        citations=("KTAB", "KTABDoc", "Wise2015", "Efird2016"),
        batch=smp.run_batch,
        progress=True,
        draws=lambda p, s: p.resolve(s).state_transitions == "Stochastic",
        file_seed=smp.file_seed,
        draws_when="state_transitions=Stochastic (a KTAB file's <StateTransitions> may set it)",
    ),
    "winset": ModelSpec(
        run=winset.run,
        params=winset.WinsetParams,
        stochastic=False,
        summary=(
            "veto players' win-set of the status quo: agenda setter's best point, "
            "NBS, or status quo"
        ),
        citations=(
            "Tsebelis2002",
            "Romer1978",
            "Steunenberg1994",
            "Crombez1996",
            "TsebelisGarrett2000",
        ),
        batch=winset.run_batch,
    ),
}
