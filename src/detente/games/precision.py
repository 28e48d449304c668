"""The QRE precision λ used where none is given, in a module light enough for ``--help``.

:mod:`detente.games.qre` solves the agent logit QRE at precision λ [McKelveyPalfrey1998]; every
front end (``detente game solve``, ``detente game sweep``, the report's game sweeps, the outlook's
crisis game and the workbench) takes its default from here.
"""

from __future__ import annotations

__all__ = ["DEFAULT_LAMBDA"]

DEFAULT_LAMBDA = 5.0
"""QRE precision λ where none is given: ``game solve``, ``game sweep``, the report and the outlook.

Not a published value: [McKelveyPalfrey1998] leave λ to be estimated from observed play, and its
scale is the payoffs' (the catalog games' payoffs lie within ±2).  5 is this project's choice for
the catalog games: an action worth 0.2 more is e ≈ 2.7 times as likely, so play is far from
uniform (λ = 0) yet every move keeps a probability, where the Nash limit (λ → ∞) gives 0 or 1."""
