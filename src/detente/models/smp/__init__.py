r"""KTAB's Spatial Model of Politics (SMP), multi-issue, vectorised with NumPy.

A port of the SMP of the KAPSARC Toolkit for Behavioral Analysis [KTAB] as its command-line
program ``smpc`` implements it (master ``3b5b063``, 2019-11-17), written from KTAB's source and
documentation and checked against KTAB's own trajectories: with KTAB's parameters
it reproduces every position of every actor at every turn of KTAB's runs, and their number of turns
(``tests/models/test_smp_ktab.py``).  The model is described in [Wise2015] (one dimension) and
applied in [Efird2016]; the XML format and the sample data are in KTAB's documentation [KTABDoc].

Notation
--------
Actors i, j, k, h, n ∈ {0..N−1}, issues d ∈ {0..D−1}.  Positions x_i and ideals y_i are in
[0, 1]^D (each issue's scale mapped to [0, 1]); saliences s_id ∈ [0, 1] with S_i = Σ_d s_id ≤ 1;
capability c_i > 0.  At the start y_i = x_i.

Equations
---------
(1) Distance from i's ideal to a point z, a salience-weighted RMS:
    δ_i(z) = sqrt( Σ_d s_id² (y_id − z_d)² / Σ_d s_id² ),   V_ij = δ_i(x_j).
(2) Utility with risk attitude R:  u(δ, R) = (1 − δ)(1 + δR)  (δ ≤ 1).
(3) Vote of weight w for a over b, Δ = u_a − u_b, bin = clip(Δ/10⁻⁸, −1, 1):
    Binary w·bin; PropBin w(0.8Δ + 0.2 bin); Prop wΔ; PropCbc w(0.5Δ + 0.5Δ³); Cubic wΔ³;
    ASymProsp wΔ (Δ < 0) or ⅔wΔ (Δ > 0).
(4) Coalitions C_ab = 10⁻⁸ + Σ_n max(0, vote_n(a, b)), voted only for a > b (C_ba collects the
    negative votes); victory P_ab = f(C_ab) / (f(C_ab) + f(C_ba)) with f(c) = c, c², c⁴, c⁸ or the
    Binary threshold rule; P_aa = ½.
(5) PCE: Conditional p_a ∝ Π_b P_ab; MarkovUniform and MarkovIncentive iterate
    q_a = Σ_b P_ab (T_ab + T_ba), p ← (p + q)/2 to a fixed point.
(6) Risk attitudes: p = PCE over all N positions with u = 1 − V and weights c;
    R_i = (3p_i − p_max − 2p_min) / (2(p_max − p_min)) (Mid; Min and Max ranges also), and h's
    estimate R^h_i = (2R_h + R_i)/3 (OneThird; None, Half, TwoThirds, Full also).
    Perspective utilities A^h_ij = u(V_ij, R^h_i).
(7) Challenge i → j as seen by h, for k (probEduChlg): with W_i = S_i c_i and A = A^h,
    C⁰_ij = 10⁻¹⁰ + max(0, a) + max(0, b), C⁰_ji = 10⁻¹⁰ + max(0, −a) + max(0, −b) where
    a = vote(W_i, A_ii, A_ij), b = vote(W_j, A_ji, A_jj); each third party n judges the "little
    conflict" against C⁰ only: p_n = (C⁰_ij + v⁺)/(C⁰_ij + v⁺ + C⁰_ji + v⁻), v = vote(W_n, A_ni,
    A_nj), and adds vote(W_n, EU_n(with i), EU_n(with j)) to one side (KTAB's ThirdPartyCommit
    table).  P_ij = C_ij / (C_ij + C_ji) and
    ΔEU = (1 − S_j)·2A_ki + S_j·(P_ij·2A_ki + P_ji·2A_kj) − (A_ki + A_kj).
(8) Target of i: argmax_j ΔEU (h = k = i) among ΔEU > 10⁻⁵, ties to the lowest j.
(9) Bargain per issue (S2P2): w_i = s_id² P², w_j = s_jd² (1 − P)²,
    b_i = round4(((w_i + ε)x_id + w_j x_jd)/(w_i + ε + w_j)), b_j likewise with ε on j, ε = 10⁻⁶,
    round4(x) = ⌊10⁴x + ½⌋/10⁴ (S1P1: powers 1; S2PMax: the weaker side moves, unrounded).
(10) Resolution, for each actor k over its queue (status quo, own proposal, proposals aimed at k):
    U_n(b) = (1/N)[u_n(b_init) + u_n(b_rcvr) + Σ_{m ∉ {init, rcvr}} A^n_nm],
    U_n(SQ) = (1/N) Σ_m A^n_nm, with u_n valued at n's own R_n;
    p = PCE with weights c; k adopts its side of argmax p (Deterministic) or of a draw (Stochastic).
(11) Ideals: y ← A x_new + (1 − rowsum A) y_old, A the accommodation matrix (identity by default).
(12) Stop after turn t if t ≥ 100, or t ≥ 2 and Σ_i‖x_i(t) − x_i(t−1)‖ / (Σ_i‖x_i(1) − x_i(0)‖
    + 10⁻⁴) < 0.02.
(13) Reported win probability of i: PCE over the distinct positions (closer than 10⁻³ merged),
    each actor voting with A^n_nm, weights c.

Parameters
----------
:class:`SMPParams`: the nine KTAB parameters (``victory_prob_model``, ``pce_model``,
``state_transitions``, ``voting_rule``, ``big_r_adjust``, ``big_r_range``, ``third_party_commit``,
``inter_vec_brgn``, ``bargn_model``; values spelt as in KTAB's XML), ``"auto"`` by default: taken
from the scenario's KTAB ``<ModelParameters>`` (``scenario.extra["ktab"]``), else KTAB's defaults
(Linear, Conditional, Deterministic, Prop, OneThird, Mid, SemiCommit, S2P2, InitOnlyInterp).  The
stop rule's constants and the position tolerance are fields too.

Assumptions and departures from KTAB
------------------------------------
- Queue order.  KTAB's queue order depends on thread timing.  Here each queue is ordered by
  initiator with the actor's status quo just before its own proposal; this reproduces KTAB's runs,
  including ASymProsp, the one voting rule for which the order matters.
- KTAB bugs kept by default because matching KTAB needs them: with InitRcvrInterp and
  PWCompInterp the receiver's view uses j's estimate of i's ΔEU as a probability
  (``fix_receiver_probability=true`` uses j's estimate of P_ij), and PWCompInterp weighs j's view
  by c_i S_j (``fix_pwcomp_weight=true`` uses c_j S_j).  Preset ``fixed`` sets both.
- BigRAdjust=Full runs: KTAB stops with "Estimate of change in utility by h out of valid range"
  because of a sanity check, not because the model is undefined.
- Stochastic transitions draw from a NumPy generator given as ``rng`` (or the file's ``prngSeed``
  when no ``rng`` is given), so the same seed gives the same run; KTAB's are not reproducible.
- Input: no limit on N (KTAB: 250).  Issue scales other than 0–100 are mapped to [0, 1].  An
  actor whose saliences sum above 100 has them scaled to sum to 100, and one with no salience at
  all is indifferent (δ = 0); KTAB rejects both.  If every position is equally likely to win,
  R = 0 for all (KTAB divides by zero).
- Cost: KTAB also evaluates the O(N⁴) challenge estimates of every observer only to record them;
  they do not affect the run and are not computed here.  A turn is O(N³) time, O(N²) memory
  (challenges are evaluated in blocks).
- ``Result.forecast`` is the win-probability weighted mean of the distinct final positions (KTAB
  reports no single forecast).

References
----------
[KTAB] KAPSARC Toolkit for Behavioral Analysis, C++ source, MIT licence, GitHub KAPSARC/KTAB.
[KTABDoc] KTAB documentation: README, ``examples/smp/doc`` (XML schema, samples), SMP tables.
[Wise2015] Wise, Lester & Efird (2015). An introduction to KTAB using one-dimensional spatial
models. KAPSARC discussion paper.
[Efird2016] Efird, Lester & Wise (2016). Analyzing coalitions in China's policy formulation.
*Journal of East Asian Studies* 16, 117–145.
"""

from __future__ import annotations

from detente.models.smp.model import file_seed, run, run_batch
from detente.models.smp.params import SMPParams

__all__ = ["SMPParams", "file_seed", "run", "run_batch"]
