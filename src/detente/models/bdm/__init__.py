r"""Bueno de Mesquita's expected-utility group decision model, as made explicit by [Scholz2011].

One issue at a time (the model is one-dimensional [Feder1987]); a multi-issue scenario is run
issue by issue.  Actor i has capability c_i, position x_i and salience s_i ∈ [0, 1] (the
scenario's 0–100 divided by 100); w_i = c_i s_i.  Equation numbers are those of [Scholz2011].

Equations
---------
Votes and the median voter (eq. 14, 28–29)::

    u_k(x) = 1 − 2 |x_k − x| / R,        R = x_max − x_min                       (14)
    V(a, b) = Σ_k w_k (u_k(x_a) − u_k(x_b))                                   (28–29)

μ is the Condorcet winner among the actors' positions, the w-weighted median [Black1948]; the
forecast of a round is μ of the positions at its end.  The mean Σ w_i x_i / Σ w_i is reported too.

Utilities of i against j, at the risk exponent r of whoever makes the estimate (eq. 15–16, 22–24),
with d = |x_i − x_j| and m = |x_i − μ|::

    U_s = 2 − 4 (0.5 − 0.5 d/R)^r          U_f = 2 − 4 (0.5 + 0.5 d/R)^r
    U_b = 2 − 4 (0.5 − 0.25 (m + d)/R)^r   U_w = 2 − 4 (0.5 + 0.25 (m + d)/R)^r
    U_sq = 2 − 4 (0.5)^r

Probability that i prevails over j (eq. 30–31), all actors voting::

    P_ij = Σ_{k: δ_k > 0} w_k δ_k / Σ_k w_k |δ_k|,   δ_k = |x_k − x_j| − |x_k − x_i|

Expected utility of i challenging j (eq. 5–7, 25a)::

    E^i(U_ij) = s_j [P_ij U_s + (1 − P_ij) U_f] + (1 − s_j) U_s
                − { Q U_sq + (1 − Q) [T U_b + (1 − T) U_w] }

with T = 1 iff |x_i − μ| < |x_i − x_j| (Scholz §3.1, Figs 1–4) and E = 0 when x_i = x_j.

Risk exponents, two passes per round (eq. 32–34): pass 1 with every r = 1 gives the security sums
S_i = Σ_{j≠i} E^j(U_ji); then::

    R_i = (2 S_i − S_max − S_min) / (S_max − S_min),    r_i = (1 − R_i/3) / (1 + R_i/3) ∈ [0.5, 2]

Pass 2 recomputes every E with these r.  Actor i sends an offer to j iff E^i(U_ij) > 0 (§2).
From receiver i's view, with a = E^i(U_ij) and b = E^j(U_ji) (Fig. 6):

- a > 0, b > 0, b > a: conflict, i moves to x_j; a > 0, b > 0, a > b: j moves to x_i;
- a < 0 < b, |b| > |a|: compromise, x_i ← x_i − (x_i − x_j) |a/b|          (36; 35 mirrors it)
- a < 0 < b, |a| > |b|: capitulation, i moves to x_j;  a < 0, b < 0: stalemate.

Each actor accepts at most one offer: the most enforceable (highest b), ties → the least move
([BDM1997] pp. 251–252 as quoted by Scholz §6.2).  All moves apply at once, from start-of-round
positions; then μ and the mean are recomputed (the values Scholz's Table 2 reports).

Assumptions
-----------
Every ambiguity of the literature is a field of :class:`BDMParams` whose docstring names the
source of each option (ambiguities A1–A11).  ``preset=scholz-code`` (the defaults) follows the
public code that reproduces Scholz's Table 2 (jmckib/bdm-scholz-expected-utility-model);
``preset=canonical`` follows the printed equations, which make third parties jump to the most
extreme position in round 1 (``PRESET_NOTES``).  Our own decisions:

- r is reset to 1 at the start of every round (all inspected implementations; ``reset_risk``);
- S_max = S_min gives every r = 1; a zero EU means no offer and no move; on |a| = |b| compromise
  beats capitulation; on a = b > 0 nobody moves; remaining selection ties go to the lowest index;
- R is the range of the round-0 positions (``range_mode``), and a run stops early when every
  actor holds the same position;
- a salience shock redraws s_i ~ U(0, 1) before a round ([Masad2016]'s reading of [BDM2002]);
- whether r > 1 means risk-averse or risk-acceptant is disputed (A8), so no label is attached.

References
----------
[BDM1985] Bueno de Mesquita, B. (1985). The war trap revisited. APSR 79(1), 156–177.
[BDM1994] Bueno de Mesquita, B. (1994). Political forecasting: an expected utility method. In
    Bueno de Mesquita & Stokman (eds.), European Community Decision Making, ch. 4.
[BDM1997] Bueno de Mesquita, B. (1997). A decision making model: its structure and form.
    International Interactions 23, 235–266.
[BDM2002] Bueno de Mesquita, B. (2002). Predicting Politics. Ohio State University Press.
[Scholz2011] Scholz, J. B., Calbert, G. J. & Smith, G. A. (2011). Unravelling Bueno de
    Mesquita's group decision model. J. Theoretical Politics 23(4), 510–531.
[Masad2016] Masad, D. (2016). PhD dissertation (dmasad/Agents-In-Conflict).
[Black1948] Black, D. (1948). On the rationale of group decision-making. JPE 56(1), 23–34.
[Feder1987] Feder, S. (1987). FACTIONS and Policon. Studies in Intelligence.
"""

from __future__ import annotations

import numpy as np

from detente.errors import ModelInputError
from detente.models.bdm.engine import run_issue
from detente.models.bdm.params import PRESET_NOTES, BDMParams, preset_name
from detente.models.bdm.record import build_rounds, stop_report
from detente.params import params_as_dict
from detente.result import Result, provenance
from detente.rng import RngLike, as_generator
from detente.scenario import Scenario

__all__ = ["PRESET_NOTES", "BDMParams", "preset_name", "run"]


def run(scenario: Scenario, params: BDMParams | None = None, *, rng: RngLike = None) -> Result:
    """Run the BDM expected-utility model on every issue of ``scenario``.

    Parameters
    ----------
    scenario
        At least two actors; positions on each issue's own scale, saliences 0–100.
    params
        Model parameters; defaults to the ``scholz-code`` preset.
    rng
        Generator or seed; drawn from only when salience shocks or stochastic conflict are on,
        so the rounds of a deterministic run are identical for every seed.  An int seed is
        recorded in the provenance only when something is drawn (otherwise the seed is None).

    Returns
    -------
    Result
        Round 0 is the input; each later round has positions, median, mean and, in ``extra``,
        risk exponents, offers and accepted moves.  ``extra["stop"]`` says which rule fired.
    """
    params = params or BDMParams()
    if len(scenario.actors) < 2:
        raise ModelInputError("the BDM model needs at least two actors", field="actors")
    gen = as_generator(rng) if params.stochastic else None
    x, s, c = scenario.positions(), scenario.saliences() / 100.0, scenario.capabilities()
    widths = np.diff(scenario.bounds(), axis=1)[:, 0]
    runs = [
        run_issue(x[:, k], s[:, k], c, float(widths[k]), params, gen)
        for k in range(len(scenario.issues))
    ]
    ids, issues = scenario.actor_ids, scenario.issue_ids
    rounds = build_rounds(runs, ids, issues, params)
    # nothing drawn: no seed recorded, so identical runs diff clean
    seed = rng if params.stochastic and isinstance(rng, int) and not isinstance(rng, bool) else None
    return Result(
        provenance=provenance("bdm", params_as_dict(params), scenario, seed),
        issues=issues,
        actors=ids,
        rounds=rounds,
        forecast=rounds[-1].median,
        extra={"stop": stop_report(runs, issues)},
    )
