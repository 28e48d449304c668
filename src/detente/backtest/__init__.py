"""Backtest: every forecast model against the real outcomes of EU legislative decisions (DEU III).

:func:`backtest` reads the DEU data (:mod:`detente.io.deu`), turns each scored issue of the chosen
split into a one-issue scenario (:mod:`detente.io.deu_scenario`), runs every candidate model on
it (:mod:`detente.backtest.runner`) and scores the forecasts (:mod:`detente.backtest.scores`).
The result's :meth:`Backtest.to_dict` is the JSON contract of ``detente backtest --json``.

Protocol, fixed in advance [Arregui2022]: ``dev`` = issues of the 1996–2000 wave (anything tuned
is tuned here only), ``test`` = the 2003–2008 and 2012–2018 waves (scored, never tuned on),
``all`` = both.  The compromise model, against which every model is compared, is ``mean``.

References
----------
[Arregui2022] Arregui, J. & Perarnaud, C. (2022). The DEU III dataset. JEPP.
    Data doi:10.34810/data53.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente import __version__
from detente.backtest.runner import (
    Candidate,
    Draws,
    ModelChoice,
    Progress,
    make_candidates,
    run_candidates,
)
from detente.backtest.summary import summarise
from detente.errors import SettingError
from detente.io.deu import PERIODS, DeuIssue, read_deu
from detente.io.deu_scenario import CAPABILITIES, scoring_problem, to_scenario
from detente.result import Provenance, dumps_json
from detente.rng import fresh_seed

__all__ = ["SPLITS", "Backtest", "backtest", "data_sha256"]

SPLITS: dict[str, tuple[str, ...]] = {
    "dev": ("1996-2000",),
    "test": ("2003-2008", "2012-2018"),
    "all": PERIODS,
}
"""The pre-registered split of the backtest protocol, by DEU period."""

BASELINE = "mean"
"""The compromise model (salience-weighted mean) that every model is compared with."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Backtest:
    """Forecasts of every candidate on every scored issue of a split, with what was left out."""

    provenance: Provenance
    split: str
    capability: str
    candidates: tuple[Candidate, ...]
    issues: tuple[DeuIssue, ...]
    forecasts: NDArray[np.float64]
    """Candidates × issues; NaN where a model gave no forecast (see ``missing``)."""
    missing: tuple[tuple[str, str, str], ...]
    unscored: tuple[tuple[str, str, str], ...]
    """(issue id, period, reason) of every issue of the split that cannot be scored."""
    intervals: NDArray[np.float64] | None = None
    """Candidates × issues × (lo50, hi50, lo80, hi80), from ``draws`` noisy runs, or None."""
    noise: dict[str, Any] | None = None

    def __repr__(self) -> str:
        n, seed = len(self.issues), self.provenance.seed
        return (
            f"Backtest(split {self.split!r}: {len(self.candidates)} candidates on {n} issues, "
            f"{len(self.unscored)} unscored, seed {seed})"
        )

    @property
    def labels(self) -> tuple[str, ...]:
        """Candidate labels in order."""
        return tuple(c.label for c in self.candidates)

    def outcomes(self) -> NDArray[np.float64]:
        """Real outcomes of the scored issues."""
        return np.array([i.outcome for i in self.issues], dtype=float)

    def select(self, split: str) -> Backtest:
        """The same backtest restricted to the issues of ``split`` (``dev``, ``test``, ``all``)."""
        _check(split, self.capability)
        keep = np.array([i.period in SPLITS[split] for i in self.issues], dtype=bool)
        ids = {i.isnr for i, k in zip(self.issues, keep, strict=True) if k}
        return replace(
            self,
            split=split,
            issues=tuple(i for i, k in zip(self.issues, keep, strict=True) if k),
            forecasts=self.forecasts[:, keep],
            missing=tuple(m for m in self.missing if m[1] in ids),
            unscored=tuple(u for u in self.unscored if u[1] in SPLITS[split]),
            intervals=None if self.intervals is None else self.intervals[:, keep],
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (see :func:`detente.backtest.summary.summarise`)."""
        return summarise(self)

    def to_json(self, indent: int | None = None) -> str:
        """The JSON contract as text."""
        return dumps_json(self.to_dict(), indent)


def data_sha256(issues: Sequence[DeuIssue]) -> str:
    """Content hash of the issues as read (the same for the CSV and TSV layouts)."""
    import hashlib

    h = hashlib.sha256()
    for i in issues:
        row = (i.isnr, i.period, i.procedure, i.council_rule, i.reference_point, i.outcome)
        h.update(repr((row, i.actors, i.positions, i.saliences)).encode("utf-8"))
    return h.hexdigest()


def _check(split: str, capability: str) -> None:
    checks = (("split", split, tuple(SPLITS)), ("capability", capability, CAPABILITIES))
    for setting, value, allowed in checks:
        if value not in allowed:
            reason = f"must be one of {', '.join(allowed)}"
            raise SettingError(reason, setting=setting, value=value, allowed=tuple(allowed))


def backtest(
    data: str | Path | Sequence[DeuIssue],
    models: Sequence[ModelChoice] | None = None,
    *,
    split: str = "all",
    capability: str = "equal",
    seed: int | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
    draws: int = 0,
    noise: Mapping[str, float] | None = None,
) -> Backtest:
    """Backtest ``models`` (default: every registered model) on the DEU issues of ``split``.

    ``models`` are names or (name, parameters) pairs: ``["median", ("bdm", {"preset":
    "canonical"})]``.  A setting that is not accepted is a :class:`detente.errors.SettingError`.

    ``data`` is a DEU folder or file, or issues already read.  ``mean`` (the compromise model)
    is always included.  Stochastic models and the bootstrap use ``seed`` (a fresh one, recorded,
    when None).  With ``draws`` > 0 every forecast also gets 50% and 80% intervals from a sweep
    over input ``noise`` (default :data:`detente.backtest.intervals.DEFAULT_NOISE`).
    """
    _check(split, capability)
    cands = make_candidates(models)
    if BASELINE not in [c.label for c in cands]:
        cands = (*make_candidates([BASELINE]), *cands)
    issues = read_deu(data) if isinstance(data, (str, Path)) else tuple(data)
    in_split = [i for i in issues if i.period in SPLITS[split]]
    scored = tuple(i for i in in_split if scoring_problem(i) is None)
    unscored = tuple(
        (i.isnr, i.period, str(scoring_problem(i))) for i in in_split if scoring_problem(i)
    )
    seed = fresh_seed() if seed is None else seed
    scenarios = [to_scenario(i, capability) for i in scored]
    plan = _draws(draws, noise)
    fc = run_candidates(
        cands, scenarios, seed, jobs=jobs, scheduler=scheduler, progress=progress, draws=plan
    )
    params = {
        "models": [c.to_dict() for c in cands],
        "split": split,
        "capability": capability,
        "draws": draws,
    }
    prov = Provenance(
        model="backtest",
        params=params,
        scenario_id="deu3",
        scenario_title="DEU III",
        scenario_sha256=data_sha256(issues),
        seed=seed,
        version=__version__,
    )
    return Backtest(
        provenance=prov,
        split=split,
        capability=capability,
        candidates=cands,
        issues=scored,
        forecasts=fc.values,
        missing=fc.missing,
        unscored=unscored,
        intervals=fc.intervals,
        noise=None if plan is None else dict(plan.noise),
    )


def _draws(draws: int, noise: Mapping[str, float] | None) -> Draws | None:
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 0:
        raise SettingError("give a whole number ≥ 0", setting="draws", value=draws)
    if draws == 0:
        return None
    from detente.backtest.intervals import DEFAULT_NOISE

    return Draws(draws, dict(noise or DEFAULT_NOISE))
