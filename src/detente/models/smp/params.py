"""Parameters of KTAB's SMP and how they are resolved against a scenario's KTAB settings.

The nine KTAB model parameters are fields whose default is ``"auto"``, meaning "take the value from
the scenario's KTAB ``<ModelParameters>`` block if it has one, else KTAB's default"
(:meth:`SMPParams.resolve`).  A value given explicitly (``--param voting_rule=Cubic``) always
wins.  ``use_file_parameters=false`` ignores the file's block and ``use_ideal_adjustment=false``
its ``<IdealAdjustment>`` (ideals then track positions, the identity accommodation).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, get_args, get_type_hints

import numpy as np
from numpy.typing import NDArray

from detente.errors import ModelInputError
from detente.scenario import Scenario

__all__ = ["KTAB_DEFAULTS", "KTAB_ELEMENTS", "SMPParams", "accommodation"]

Auto = Literal["auto"]
"""Take the value from the scenario's KTAB settings, else KTAB's default."""
VictoryProbModel = Literal["Linear", "Square", "Quartic", "Octic", "Binary"]
PCEModel = Literal["Conditional", "MarkovIncentive", "MarkovUniform"]
StateTransitions = Literal["Deterministic", "Stochastic"]
VotingRule = Literal["Binary", "PropBin", "Prop", "PropCbc", "Cubic", "ASymProsp"]
BigRAdjust = Literal["None", "OneThird", "Half", "TwoThirds", "Full"]
BigRRange = Literal["Min", "Mid", "Max"]
ThirdPartyCommit = Literal["NoCommit", "SemiCommit", "FullCommit"]
InterVecBrgn = Literal["S1P1", "S2P2", "S2PMax"]
BargnModel = Literal["InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"]

KTAB_ELEMENTS: dict[str, str] = {
    "victory_prob_model": "VictoryProbModel",
    "pce_model": "PCEModel",
    "state_transitions": "StateTransitions",
    "voting_rule": "VotingRule",
    "big_r_adjust": "BigRAdjust",
    "big_r_range": "BigRRange",
    "third_party_commit": "ThirdPartyCommit",
    "inter_vec_brgn": "InterVecBrgn",
    "bargn_model": "BargnModel",
}
"""Field name → KTAB XML element name (``<ModelParameters>`` children)."""

KTAB_DEFAULTS: dict[str, str] = {
    "victory_prob_model": "Linear",
    "pce_model": "Conditional",
    "state_transitions": "Deterministic",
    "voting_rule": "Prop",
    "big_r_adjust": "OneThird",
    "big_r_range": "Mid",
    "third_party_commit": "SemiCommit",
    "inter_vec_brgn": "S2P2",
    "bargn_model": "InitOnlyInterp",
}
"""KTAB's defaults (``smp.h``, ``kmodel.h``), used for CSV input."""

_XSD_ALIASES = {"Proportional": "Prop", "No": "None"}
"""Spellings of KTAB's XSD that its code rejects; accepted here as the code's names."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SMPParams:
    """Parameters of the SMP; ``"auto"`` means "from the scenario file, else KTAB's default"."""

    victory_prob_model: Literal[Auto, VictoryProbModel] = "auto"
    """Victory probability from coalition strengths [KTAB] ``VPModel``; default Linear."""
    pce_model: Literal[Auto, PCEModel] = "auto"
    """Probabilistic Condorcet election [KTAB] ``PCEModel``; default Conditional."""
    state_transitions: Literal[Auto, StateTransitions] = "auto"
    """Deterministic (argmax) or Stochastic (draw) bargain choice; default Deterministic."""
    voting_rule: Literal[Auto, VotingRule] = "auto"
    """Vote as a function of utility difference [KTAB] ``VotingRule``; default Prop."""
    big_r_adjust: Literal[Auto, BigRAdjust] = "auto"
    """How h estimates i's risk attitude [KTAB] ``BigRAdjust``; default OneThird."""
    big_r_range: Literal[Auto, BigRRange] = "auto"
    """Range of the risk attitudes [KTAB] ``BigRRange``; default Mid ([−½, 1])."""
    third_party_commit: Literal[Auto, ThirdPartyCommit] = "auto"
    """Third parties' commitment in challenges [KTAB] ``ThirdPartyCommit``; default SemiCommit."""
    inter_vec_brgn: Literal[Auto, InterVecBrgn] = "auto"
    """Bargain interpolation [KTAB] ``InterVecBrgn``; default S2P2."""
    bargn_model: Literal[Auto, BargnModel] = "auto"
    """Whose view forms the bargain [KTAB] ``SMPBargnModel``; default InitOnlyInterp."""
    fix_receiver_probability: bool = False
    """Use j's estimate of P[i>j] for the receiver's view (KTAB uses j's ΔEU: a bug)."""
    fix_pwcomp_weight: bool = False
    """PWCompInterp weighs j's view by c_j·S_j (KTAB uses c_i·S_j: a bug)."""
    max_turns: int = 100
    """Stop after this many turns (``maxIter`` in ``SMPModel::configExec``)."""
    min_turns: int = 2
    """Never stop on quiet before this turn (``minIter``)."""
    min_delta_ratio: float = 0.02
    """Stop when a turn moves less than this fraction of the first turn (``minDeltaRatio``)."""
    min_sig_delta: float = 1e-4
    """Added to the first turn's movement to avoid 0/0 (``minSigDelta``)."""
    position_tolerance: float = 1e-3
    """Positions closer than this ([0, 1] scale) are one in the win probabilities (``posTol``)."""
    use_file_parameters: bool = True
    """Take unset KTAB parameters from the scenario's ``<ModelParameters>``."""
    use_ideal_adjustment: bool = True
    """Use the scenario's ``<IdealAdjustment>`` (otherwise ideals track positions)."""

    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {
        "ktab": {},
        "fixed": {"fix_receiver_probability": True, "fix_pwcomp_weight": True},
    }

    def __post_init__(self) -> None:
        if self.max_turns < 1 or self.min_turns < 1:
            raise ValueError("max_turns and min_turns must be at least 1")
        if not (self.min_delta_ratio >= 0 and self.min_sig_delta >= 0):
            raise ValueError("min_delta_ratio and min_sig_delta must be non-negative")
        if not self.position_tolerance >= 0:
            raise ValueError("position_tolerance must be non-negative")

    def resolve(self, scenario: Scenario) -> SMPParams:
        """These parameters with every ``"auto"`` taken from the scenario file or KTAB's default."""
        file = _file_parameters(scenario) if self.use_file_parameters else {}
        values: dict[str, Any] = {
            name: file.get(name, KTAB_DEFAULTS[name])
            if getattr(self, name) == "auto"
            else getattr(self, name)
            for name in KTAB_ELEMENTS
        }
        return dataclasses.replace(self, **values)


def _ktab_extra(scenario: Scenario) -> Mapping[str, Any]:
    extra = scenario.extra.get("ktab", {}) if isinstance(scenario.extra, Mapping) else {}
    return extra if isinstance(extra, Mapping) else {}


def _file_parameters(scenario: Scenario) -> dict[str, str]:
    """The scenario's KTAB ``<ModelParameters>`` as field name → value, checked."""
    raw = _ktab_extra(scenario).get("model_parameters") or {}
    hints = get_type_hints(SMPParams)
    out: dict[str, str] = {}
    for name, element in KTAB_ELEMENTS.items():
        if element not in raw:
            continue
        text = str(raw[element]).strip()
        text = _XSD_ALIASES.get(text, text)
        choices = get_args(hints[name])[1:]
        if text not in choices:
            raise ModelInputError(
                f"<ModelParameters>/<{element}>: {raw[element]!r} is not one of "
                + ", ".join(choices)
            )
        out[name] = text
    return out


def accommodation(scenario: Scenario, use: bool = True) -> NDArray[np.float64] | None:
    """KTAB's accommodation matrix from ``<IdealAdjustment>``, or None for the identity.

    Starts from the identity and sets ``A[adjusting, reference] = adjust`` for each pair; every
    entry must be in [0, 1] and every row sum at most 1.
    """
    pairs = _ktab_extra(scenario).get("ideal_adjustment") or []
    if not use or not pairs:
        return None
    ids = {a: n for n, a in enumerate(scenario.actor_ids)}
    names = {a.name: n for n, a in enumerate(scenario.actors)}
    acc = np.eye(len(ids))
    for pair in pairs:
        a, r = (ids.get(pair[key], names.get(pair[key])) for key in ("adjusting", "reference"))
        if a is None or r is None:
            raise ModelInputError(f"<IdealAdjustment>: unknown actor in {dict(pair)!r}")
        acc[a, r] = float(pair["adjust"])
    if np.any(acc < 0) or np.any(acc > 1) or np.any(acc.sum(axis=1) > 1 + 1e-10):
        raise ModelInputError("<IdealAdjustment>: entries must be in [0, 1] with row sums ≤ 1")
    return None if np.array_equal(acc, np.eye(len(ids))) else acc
