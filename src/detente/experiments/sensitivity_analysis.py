r"""Which inputs drive a forecast: Sobol indices, Morris screening and a one-at-a-time tornado.

The inputs are the scenario's factors (:mod:`detente.experiments.factors`): every capability,
position and salience, named ``ACTOR.field.ISSUE`` (``ACTOR.capability``), each varied over its
plausible range ``[low, high]``.  Every method treats an input as uniform on that range — the usual
assumption of global sensitivity analysis [Saltelli2008] — whatever distribution a Monte Carlo
sweep uses.  The model is evaluated on all samples at once, as one batch, with one seed shared by
every sample (common random numbers, :mod:`detente.experiments.evaluate`).

Methods (sampling and estimation by SALib [Herman2017], both seeded):

- ``sobol``: Saltelli's scheme on a scrambled Sobol' sequence, N (a power of 2) base samples,
  N·(k + 2) runs for k inputs.  With Y = f(X) and V = Var Y, the first-order index of input i is
  ``S1_i = Var(E[Y | X_i]) / V`` (its effect alone) and the total-order index
  ``ST_i = E[Var(Y | X_~i)] / V`` (alone and in every interaction) [Sobol2001; Saltelli2010];
  ``*_conf`` are the half-widths of bootstrap 95 % confidence intervals.  Ranked by ST.
- ``morris``: N trajectories on a 4-level grid, N·(k + 1) runs.  The elementary effect of input
  i is the change of the forecast when i moves by Δ = 2/3 of its range; ``mu_star`` is the mean of
  their absolute values (in forecast units per full range), ``sigma`` their standard deviation
  (non-linearity or interaction) [Morris1991; Campolongo2007].  Ranked by mu_star.
- ``oat``: the tornado.  Each input alone at its low and its high end, the others at their values:
  2k runs; ``swing = |f(high) − f(low)|``.  Ranked by swing.

Groups: with ``group="actor"`` all of one actor's inputs move together as one group (SALib's
groups), so Sobol and Morris say how much each actor's judgement matters as a whole.

An issue whose forecast no sample moves has all indices 0 (the estimators would divide by a zero
variance).

References
----------
[Saltelli2008] Saltelli, A. et al. (2008). Global Sensitivity Analysis: The Primer. Wiley.
[Saltelli2010] Saltelli, A. et al. (2010). Variance based sensitivity analysis of model output.
    Computer Physics Communications 181(2), 259–270.
[Sobol2001] Sobol', I. M. (2001). Global sensitivity indices for nonlinear mathematical models
    and their Monte Carlo estimates. Mathematics and Computers in Simulation 55, 271–280.
[Morris1991] Morris, M. D. (1991). Factorial sampling plans for preliminary computational
    experiments. Technometrics 33(2), 161–174.
[Campolongo2007] Campolongo, F., Cariboni, J. & Saltelli, A. (2007). An effective screening design
    for sensitivity analysis of large models. Environmental Modelling & Software 22, 1509–1518.
[Herman2017] Herman, J. & Usher, W. (2017). SALib: an open-source Python library for sensitivity
    analysis. Journal of Open Source Software 2(9), 97.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente.errors import DetenteError
from detente.experiments.evaluate import ProgressFn, as_scenario, forecast_batch, model_params
from detente.experiments.factors import FIELDS, Factor, factors, inputs_from_matrix
from detente.experiments.sensitivity_result import SensitivityResult, SensitivityRow
from detente.models import draws_random
from detente.params import recorded_params
from detente.result import provenance
from detente.rng import seed_to_record
from detente.scenario import Scenario

__all__ = ["DEFAULT_METHOD", "DEFAULT_SAMPLES", "METHODS", "sensitivity"]

_Array = NDArray[np.float64]

METHODS = ("sobol", "morris", "oat")
DEFAULT_METHOD = "sobol"
"""The method where none is given (library, ``detente sensitivity``, the workbench): a global,
variance-based method, as [Saltelli2008] advise over one-at-a-time designs, which explore a
vanishing share of the input space and miss interactions.  ``oat`` is the quick look."""
COLUMNS = {
    "sobol": ("S1", "S1_conf", "ST", "ST_conf"),
    "morris": ("mu_star", "mu_star_conf", "mu", "sigma"),
    "oat": ("low", "high", "at_low", "at_high", "swing"),
}
RANK_BY = {"sobol": "ST", "morris": "mu_star", "oat": "swing"}
DEFAULT_SAMPLES = {"sobol": 256, "morris": 32, "oat": 1}
"""Base samples N per method (Sobol: a power of 2; Morris: trajectories; OAT has none)."""
_LEVELS = 4
"""Morris grid levels, SALib's default [Campolongo2007]."""


def _problem(fs: Sequence[Factor], group: str | None) -> dict[str, Any]:
    problem: dict[str, Any] = {
        "num_vars": len(fs),
        "names": [f.name for f in fs],
        "bounds": [[f.low, f.high] for f in fs],
    }
    if group == "actor":
        problem["groups"] = [f.name.split(".")[0] for f in fs]
    return problem


def _check(method: str, samples: int, group: str | None, fs: Sequence[Factor]) -> None:
    if method not in METHODS:
        raise DetenteError(f"unknown method {method!r} (known: {', '.join(METHODS)})")
    if group not in (None, "actor"):
        raise DetenteError(f"unknown group {group!r} (known: actor)")
    if group is not None and method == "oat":
        raise DetenteError("groups apply to sobol and morris, not to the one-at-a-time tornado")
    if method == "sobol" and (samples < 2 or samples & (samples - 1)):
        up = 1 << max(1, (samples - 1).bit_length())
        raise DetenteError(f"samples {samples}: Sobol needs a power of 2 (e.g. {up})")
    if method == "morris" and samples < 2:
        raise DetenteError(f"samples {samples}: Morris needs at least 2 trajectories")
    if not fs:
        raise DetenteError("no input has a range to vary")


def _sample(method: str, problem: dict[str, Any], n: int, seed: int) -> _Array:
    from SALib.sample import morris, sobol

    if method == "sobol":
        return np.asarray(sobol.sample(problem, n, calc_second_order=False, seed=seed))
    return np.asarray(morris.sample(problem, n, num_levels=_LEVELS, seed=seed))


def _analyze(method: str, problem: dict[str, Any], X: _Array, y: _Array, seed: int) -> _Array:
    """Columns of :data:`COLUMNS` per input (or group), shape ``(k, len(columns))``."""
    from SALib.analyze import morris, sobol

    names = problem.get("groups", problem["names"])
    k = len(dict.fromkeys(names))
    if np.ptp(y) == 0:
        return np.zeros((k, len(COLUMNS[method])))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if method == "sobol":
            si = sobol.analyze(problem, y, calc_second_order=False, seed=seed)
        else:
            si = morris.analyze(problem, X, y, num_levels=_LEVELS, seed=seed)
    cols = [np.ma.filled(np.asarray(si[c], dtype=float), np.nan) for c in COLUMNS[method]]
    return np.column_stack(cols)


def _oat(scenario: Scenario, fs: Sequence[Factor], run: Any) -> tuple[int, list[_Array]]:
    """Tornado table per issue: low, high, forecast at low, at high, swing."""
    k = len(fs)
    base = np.array([f.value for f in fs])
    X = np.tile(base, (2 * k, 1))
    X[np.arange(k), np.arange(k)] = [f.low for f in fs]
    X[k + np.arange(k), np.arange(k)] = [f.high for f in fs]
    Y = run(inputs_from_matrix(scenario, fs, X))
    lows, highs = X[np.arange(k), np.arange(k)], X[k + np.arange(k), np.arange(k)]
    tables = [
        np.column_stack([lows, highs, Y[:k, j], Y[k:, j], np.abs(Y[k:, j] - Y[:k, j])])
        for j in range(Y.shape[1])
    ]
    return 2 * k, tables


def _ranked(issue: str, names: Sequence[str], table: _Array, by: int) -> list[SensitivityRow]:
    key = np.where(np.isnan(table[:, by]), -np.inf, table[:, by])
    order = np.argsort(-key, kind="stable")
    return [
        SensitivityRow(issue, names[j], r + 1, tuple(float(v) for v in table[j]))
        for r, j in enumerate(order)
    ]


def sensitivity(
    scenario: Scenario | str | Path,
    model: str,
    *,
    method: str = DEFAULT_METHOD,
    samples: int | None = None,
    issue: str | None = None,
    group: str | None = None,
    fields: Sequence[str] = FIELDS,
    params: Any = None,
    seed: int | None = None,
    progress: ProgressFn | None = None,
) -> SensitivityResult:
    """Rank the inputs of ``scenario`` by their effect on ``model``'s forecast, per issue.

    Parameters
    ----------
    scenario : Scenario, str or Path
        The scenario (or its file, or a bundled name); each input varies over its range.
    model : str
        A registered model name.
    method : {"sobol", "morris", "oat"}
        Sobol indices (:data:`DEFAULT_METHOD`), Morris screening or the one-at-a-time tornado
        (module docstring).
    samples : int, optional
        Base samples N (Sobol: a power of 2); :data:`DEFAULT_SAMPLES` by default.
    issue : str, optional
        Analyse only this issue's forecast (every input still varies).
    group : {"actor"}, optional
        Move all of one actor's inputs together and rank the actors.
    fields : sequence of str
        Which kinds of input vary (position, salience, capability).
    params : Params, mapping or None
        Model parameters.
    seed : int, optional
        Seed of the sampler, the bootstrap and the model (fresh and recorded when None; none is
        recorded for ``oat`` on a model that draws nothing).
    progress : callable, optional
        ``progress(done, total)`` as the model runs are done.

    Returns
    -------
    SensitivityResult
        Ranked rows per issue with provenance; ``.to_frame()``, ``.to_json()``.
    """
    scenario = as_scenario(scenario)
    n = DEFAULT_SAMPLES[method] if samples is None and method in METHODS else samples or 0
    fs = tuple(f for f in factors(scenario, fields) if f.width > 0)
    _check(method, n, group, fs)
    issues = scenario.issue_ids if issue is None else (issue,)
    factors(scenario, fields, issues=issues)  # checks the issue id
    p = model_params(model, params)
    # the samplers and the bootstrap draw; the one-at-a-time tornado draws only in the model
    seed = seed_to_record(seed, method != "oat" or draws_random(model, p, scenario))

    def run(batch: Any) -> _Array:
        return forecast_batch(scenario, model, p, batch, seed=seed, progress=progress)

    by = COLUMNS[method].index(RANK_BY[method])
    problem = _problem(fs, group)
    if method == "oat":
        runs, tables = _oat(scenario, fs, run)
    else:
        assert seed is not None  # sampled: seed_to_record gave one
        X = _sample(method, problem, n, seed)
        Y = run(inputs_from_matrix(scenario, fs, X))
        runs = X.shape[0]
        tables = [_analyze(method, problem, X, Y[:, j], seed) for j in range(Y.shape[1])]
    names = list(dict.fromkeys(problem.get("groups", problem["names"])))
    rows = [
        row
        for j, iid in enumerate(scenario.issue_ids)
        if iid in issues
        for row in _ranked(iid, names, tables[j], by)
    ]
    values = inputs_from_matrix(scenario, fs, np.array([[f.value for f in fs]]))
    base = forecast_batch(scenario, model, p, values, seed=seed)[0]
    return SensitivityResult(
        provenance=provenance(model, recorded_params(p, scenario), scenario, seed),
        method=method,
        samples=n if method != "oat" else 0,
        runs=runs,
        group=group,
        columns=COLUMNS[method],
        base={iid: float(base[j]) for j, iid in enumerate(scenario.issue_ids) if iid in issues},
        ranges={f.name: (f.low, f.high) for f in fs},
        rows=tuple(rows),
    )
