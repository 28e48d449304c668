"""DEU issues as scenarios: which issues can be scored, capabilities, status quo, decision rule.

An issue is *scored* when its outcome is coded and at least three actors have both a position and
a salience (351 of DEU III's 364 issues; the protocol of the backtest data).  Its scenario has one
issue on DEU's 0–100 scale, the actors with both a position and a salience, and the reference
point ``rp`` as status quo where coded.  Actors with a position but no salience are left out and
named in the scenario's notes.

Capability (``capability=``):

* ``equal`` — every actor 1, the reference choice of the backtest protocol (the weighted mean is
  then the salience-weighted mean, the "compromise model" [Achen2006]);
* ``council`` — member states carry their Council votes under qualified majority, from the treaty
  in force at the decision (act adopted before 1 Nov 2004: the EU-15 weights of [Amsterdam1997],
  total 87; from 1 Nov 2004: the weights of [Nice2001], Croatia 7 [Accession2012]).  Under Lisbon
  (acts from 1 Nov 2014) QMV has no weights; we keep Nice's, which any member could still invoke
  until 31 March 2017 (Protocol 36 of the Lisbon treaty, Art. 3(2)).  When an actor has no weight
  in the table of its date (a state coded before it joined), the Nice table is used for the issue.

  *Our documented choice, not a published one:* the Commission, which proposes and can withdraw,
  carries the weight of the largest member state; so does the Parliament under codecision (COD),
  where it is a co-legislator with a veto; under consultation (CNS) it gives an opinion only and
  carries the weight of the smallest member state (a capability must be > 0).  It is fixed here,
  not tuned on any data.

Decision rule: DEU's Council rule ``counvte`` (``QMV``, ``QMV(10)``, ``Unan``) and procedure
``proc`` are kept in ``extra["deu"]`` and, where the reference point is coded (a decision section
needs a reversion point), become the scenario's ``decision`` section (:mod:`detente.decision`):
rule ``unanimity`` with every coded member state as veto player, or ``qmv`` with the coded member
states' weights and the treaty's threshold as a share of the weight (62/87 [Amsterdam1997],
255/345 [Nice2001]); under codecision the Parliament is a veto player too; the Commission is
the agenda setter.

References
----------
[Achen2006] Achen, C. H. (2006). Evaluating political decision-making models. In Thomson et al.
    (eds.), The European Union Decides, ch. 10.
[Amsterdam1997] Treaty establishing the European Community, Art. 205(2) as in force 1999–2003.
[Nice2001] Treaty of Nice, Protocol on the enlargement of the EU, Art. 3, with the 2003 and 2005
    Acts of Accession.
[Accession2012] Act of Accession of Croatia, Art. 20 (Council weights from 1 July 2013).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from detente.decision import Decision, DecisionRule
from detente.errors import InputError, Problem, SettingError
from detente.io.deu import DeuIssue, read_deu
from detente.scenario import Actor, Issue, Scenario, Source, Stance

__all__ = [
    "CAPABILITIES",
    "Capability",
    "council_weights",
    "load_issue",
    "scoring_problem",
    "to_scenario",
]

Capability = Literal["equal", "council"]
CAPABILITIES: tuple[str, ...] = ("equal", "council")
MIN_ACTORS = 3
"""Fewest actors with position and salience for an issue to be scored (backtest protocol)."""

_EU15 = {
    "at": 4,
    "be": 5,
    "dk": 3,
    "fi": 3,
    "fr": 10,
    "de": 10,
    "el": 5,
    "ie": 3,
    "it": 10,
    "lu": 2,
    "nl": 5,
    "pt": 5,
    "es": 8,
    "se": 4,
    "uk": 10,
}
"""EU-15 QMV weights, total 87, threshold 62 [Amsterdam1997]."""
_NICE = {
    "at": 10,
    "be": 12,
    "bu": 10,
    "cr": 7,
    "cy": 4,
    "cz": 12,
    "dk": 7,
    "ee": 4,
    "fi": 7,
    "fr": 29,
    "de": 29,
    "el": 12,
    "hu": 12,
    "ie": 7,
    "it": 29,
    "lv": 4,
    "lt": 7,
    "lu": 4,
    "mt": 3,
    "nl": 13,
    "pl": 27,
    "pt": 12,
    "ro": 14,
    "si": 4,
    "sk": 7,
    "es": 27,
    "se": 10,
    "uk": 29,
}
"""Nice QMV weights (EU-27 total 345, threshold 255; Croatia 7 from July 2013) [Nice2001]."""
NAMES = {
    "com": "European Commission",
    "ep": "European Parliament",
    "at": "Austria",
    "be": "Belgium",
    "bu": "Bulgaria",
    "cr": "Croatia",
    "cy": "Cyprus",
    "cz": "Czech Republic",
    "dk": "Denmark",
    "ee": "Estonia",
    "fi": "Finland",
    "fr": "France",
    "de": "Germany",
    "el": "Greece",
    "hu": "Hungary",
    "ie": "Ireland",
    "it": "Italy",
    "lv": "Latvia",
    "lt": "Lithuania",
    "lu": "Luxembourg",
    "mt": "Malta",
    "nl": "Netherlands",
    "pl": "Poland",
    "pt": "Portugal",
    "ro": "Romania",
    "si": "Slovenia",
    "sk": "Slovakia",
    "es": "Spain",
    "se": "Sweden",
    "uk": "United Kingdom",
}
"""Names of DEU's actor codes [Arregui2022]."""
_NICE_FROM = dt.date(2004, 11, 1)
_THRESHOLD = {"amsterdam": 62 / 87, "nice": 255 / 345}
_SOURCES = (
    Source(
        "Arregui2022",
        "Arregui, J. & Perarnaud, C. (2022). A new dataset on legislative decision-making in the "
        "European Union: the DEU III dataset. JEPP. Data doi:10.34810/data53 (CC BY 4.0).",
        "https://doi.org/10.34810/data53",
    ),
)


def scoring_problem(issue: DeuIssue) -> str | None:
    """Why ``issue`` cannot be scored, or None when it can."""
    if issue.outcome is None:
        return "no outcome coded"
    n = sum(s is not None for s in issue.saliences)
    if n < MIN_ACTORS:
        return f"only {n} actor(s) with both position and salience (needs {MIN_ACTORS})"
    return None


def council_weights(issue: DeuIssue) -> tuple[str, dict[str, int]]:
    """The treaty (``amsterdam`` or ``nice``) and its member-state QMV weights for ``issue``."""
    when = issue.decided or issue.introduced
    members = [a for a in issue.actors if a not in ("com", "ep")]
    if when is not None and when < _NICE_FROM and all(a in _EU15 for a in members):
        return "amsterdam", dict(_EU15)
    return "nice", dict(_NICE)


def _capabilities(issue: DeuIssue, capability: str) -> tuple[dict[str, float], str]:
    if capability == "equal":
        return dict.fromkeys(issue.actors, 1.0), "equal capability (backtest protocol)"
    if capability != "council":
        raise ValueError(f"capability must be one of {', '.join(CAPABILITIES)}, got {capability!r}")
    treaty, weights = council_weights(issue)
    big, small = max(weights.values()), min(weights.values())
    ep = big if issue.procedure == "COD" else small
    caps = {a: float({"com": big, "ep": ep}.get(a, weights.get(a, small))) for a in issue.actors}
    return (
        caps,
        f"Council QMV votes ({treaty}); Commission {big}, Parliament {ep} ({issue.procedure})",
    )


def _decision(issue: DeuIssue, actors: list[str]) -> Decision | None:
    """The Council rule and procedure as a decision section (needs the reference point)."""
    if issue.reference_point is None:
        return None
    treaty, weights = council_weights(issue)
    unanimity = issue.council_rule.lower().startswith("unan")
    members = [a for a in actors if a not in ("com", "ep")]
    veto = [
        *(members if unanimity else []),
        *(["ep"] if issue.procedure == "COD" and "ep" in actors else []),
    ]
    why = f"DEU: Council {issue.council_rule}, procedure {issue.procedure}, {treaty} weights"
    return Decision(
        DecisionRule(
            rule="unanimity" if unanimity else "qmv",
            veto=tuple(veto),
            weights=None if unanimity else {a: float(weights[a]) for a in members},
            threshold=None if unanimity else _THRESHOLD[treaty],
            agenda_setter="com" if "com" in actors else None,
            rationale=why,
        )
    )


def to_scenario(issue: DeuIssue, capability: Capability | str = "equal") -> Scenario:
    """The one-issue scenario of a DEU issue (see the module docstring)."""
    caps, cap_note = _capabilities(issue, capability)
    keep = [k for k, s in enumerate(issue.saliences) if s is not None]
    dropped = [issue.actors[k] for k, s in enumerate(issue.saliences) if s is None]
    actors = tuple(
        Actor(
            id=issue.actors[k],
            name=NAMES[issue.actors[k]],
            capability=caps[issue.actors[k]],
            stances=(
                Stance(
                    issue=issue.isnr,
                    position=issue.positions[k],
                    salience=float(issue.saliences[k] or 0.0),
                ),
            ),
            capability_rationale=cap_note,
        )
        for k in keep
    )
    notes = f"DEU actors with a position but no salience, left out: {', '.join(dropped)}. "
    rp = issue.reference_point
    sq_note = "DEU reference point (rp)" if rp is not None else ""
    about = f"DEU III issue {issue.isnr} of proposal {issue.proposal}, period {issue.period}."
    return Scenario(
        id=issue.isnr,
        title=f"DEU {issue.isnr}: {issue.name} ({issue.proposal})",
        actors=actors,
        issues=(
            Issue(
                id=issue.isnr,
                label=f"{issue.name}, issue {issue.isnr}",
                status_quo=rp,
                status_quo_rationale=sq_note,
            ),
        ),
        as_of=issue.decided,
        description=about,
        notes=(notes if dropped else "") + cap_note,
        sources=_SOURCES,
        decision=_decision(issue, [a.id for a in actors]),
        extra={"deu": _extra(issue)},
    )


def _extra(issue: DeuIssue) -> dict[str, Any]:
    return {
        "isnr": issue.isnr,
        "proposal": issue.proposal,
        "period": issue.period,
        "introduced": issue.introduced.isoformat() if issue.introduced else None,
        "decided": issue.decided.isoformat() if issue.decided else None,
        "outcome": issue.outcome,
        "procedure": issue.procedure,
        "council_rule": issue.council_rule,
        "treaty": council_weights(issue)[0],
    }


def load_issue(path: str | Path, isnr: str, capability: str = "equal") -> Scenario:
    """The scenario of DEU issue ``isnr`` read from the DEU folder or file ``path``."""
    if capability not in CAPABILITIES:
        reason = f"must be one of {', '.join(CAPABILITIES)}"
        raise SettingError(reason, setting="capability", value=capability, allowed=CAPABILITIES)
    for issue in read_deu(path):
        if issue.isnr == isnr:
            return to_scenario(issue, capability)
    raise InputError([Problem(str(path), "", f"no DEU issue {isnr!r}")])
