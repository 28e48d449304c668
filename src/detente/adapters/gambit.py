"""Cross-checks against pygambit (optional extra ``[gambit]``, GPL-2.0-or-later).

This is the only module that imports pygambit, and only inside functions; the core package never
needs it.  Games pass to pygambit as ``.efg`` text (:func:`detente.games.efg.format_efg`), with
outcome labels made unique as pygambit requires.  Written for pygambit 16.7 (see
``specs/dependencies.md`` §2): navigation by label, ``rational=False``, and the QRE profile read
from the flat vector because ``LogitQREMixedBehaviorProfile.profile`` raises in 16.7.0.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from typing import Any

from detente.games.efg import format_efg
from detente.games.solution import outcome_key
from detente.games.tree import Game, Outcome, action_keys, infoset_key

__all__ = ["pure_nash_outcomes", "qre_profile", "to_gambit"]


def _unique_outcomes(game: Game) -> Game:
    outs = tuple(
        Outcome(f"{o.label or 'o'}_{k + 1}", o.payoffs) for k, o in enumerate(game.outcomes)
    )
    return dataclasses.replace(game, outcomes=outs)


def to_gambit(game: Game) -> Any:
    """The game as a ``pygambit.Game`` (read back from ``.efg`` text)."""
    import pygambit as gbt

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "game.efg"
        path.write_text(format_efg(_unique_outcomes(game), rational=False), encoding="utf-8")
        return gbt.read_efg(str(path))


def _terminal_labels(game: Game) -> list[str]:
    return [outcome_key(game, t) for t in game.terminals()]


def pure_nash_outcomes(game: Game) -> list[dict[str, float]]:
    """Outcome probabilities of pygambit's pure-strategy Nash equilibria (``enumpure_solve``).

    pygambit enumerates the reduced strategic form, so compare sets of outcome distributions,
    not counts of equilibria.
    """
    import pygambit as gbt

    g = to_gambit(game)
    labels = _terminal_labels(game)
    found = []
    for eq in gbt.nash.enumpure_solve(g).equilibria:
        beh = eq.as_behavior()
        terms = [n for n in _preorder(g.root) if len(n.children) == 0]
        probs: dict[str, float] = {}
        for label, node in zip(labels, terms, strict=True):
            probs[label] = probs.get(label, 0.0) + float(beh.realiz_prob(node))
        found.append(probs)
    return found


def _preorder(node: Any) -> list[Any]:
    out = [node]
    for child in node.children:
        out.extend(_preorder(child))
    return out


def qre_profile(game: Game, lam: float) -> dict[str, dict[str, dict[str, float]]]:
    """Pygambit's agent logit QRE at ``lam`` as {player: {information set: {action: prob}}}."""
    import pygambit as gbt

    g = to_gambit(game)
    q = gbt.qre.logit_solve_lambda(g, lam=[lam])[0]
    flat = [float(q[i]) for i in range(sum(len(h.actions) for h in game.infosets if h.player > 0))]
    out: dict[str, dict[str, dict[str, float]]] = {p: {} for p in game.players}
    k = 0
    for p in range(1, game.n_players + 1):
        for h, info in enumerate(game.infosets):
            if info.player != p:
                continue
            n = len(info.actions)
            out[game.players[p - 1]][infoset_key(game, h)] = dict(
                zip(action_keys(info), flat[k : k + n], strict=True)
            )
            k += n
    return out
