"""The words of a verdict in a speaker's voice (:mod:`~detente.extraction.verdicts`).

Kept apart from the rules so that the pre-filter (:mod:`~detente.extraction.prefilter`) can
keep a sentence that holds one without importing the coder.  Types and CAMEO codes
[Schrodt2012]: disapproval is ACCUSE (111 criticize or denounce), attributing guilt ACCUSE (112
accuse), praise SUPPORT (051 praise or endorse), calling a claim or a ruling void or false
REJECT (120, like "denied").  Written from those definitions and general diplomatic English,
not from any evaluation text.
"""

from __future__ import annotations

from detente.extraction.lexicon import Sense, words

__all__ = ["GOOD", "GUILT", "STEPS", "VERDICT_WORDS"]

ACCUSE_WORDS = words(
    "unacceptable unjustified unjustifiable unwarranted unprovoked illegal unlawful illegitimate "
    "provocative irresponsible reckless outrageous deplorable regrettable reprehensible "
    "abhorrent intolerable inadmissible indefensible inexcusable shameful disgraceful heinous "
    "cowardly barbaric inhumane criminal destabilizing destabilising hypocritical arbitrary "
    "discriminatory disproportionate "
    "violation breach infringement provocation setback crime affront insult outrage disgrace "
    "mistake blunder threat danger menace travesty sham farce escalation obstacle blow"
)
SUPPORT_WORDS = words(
    "positive constructive encouraging welcome commendable admirable historic landmark "
    "breakthrough milestone achievement success"
)
REJECT_WORDS = words(
    "void null invalid baseless groundless unfounded false untrue fabricated lie fabrication"
)
GUILT = words("responsible guilty culpable")
"""Attributing guilt (CAMEO 112) needs its "for / of" phrase: "Y was responsible for the attack"."""
STEPS = words("step progress development sign signal contribution move")
GOOD = words("important significant major good")
"""Adjectives that praise only a step forward: "an important step", "a major development"."""

VERDICT_WORDS: dict[str, Sense] = {
    **{w: Sense("ACCUSE", "", "111", w) for w in ACCUSE_WORDS},
    **{w: Sense("ACCUSE", "", "112", w) for w in GUILT | {"behind"}},
    **{w: Sense("SUPPORT", "", "051", w) for w in SUPPORT_WORDS},
    **{w: Sense("REJECT", "", "120", w) for w in REJECT_WORDS},
}
