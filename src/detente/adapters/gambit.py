"""Cross-checks against pygambit (optional extra ``[gambit]``, GPL-2.0-or-later).

This is the only module that imports pygambit, and only inside functions; the core package never
needs it.  Games pass to pygambit as ``.efg`` text (:func:`detente.games.efg.format_efg`) and come
back the same way (``Game.to_efg``), so the interchange format is exercised in both directions.
Written for pygambit 16.7:

* navigation is by iteration, never by integer index (removed in 16.7); our information sets are
  matched to pygambit's in order and their labels checked, so a change of order fails loudly;
* the agent QRE is read from the flat vector ``q[i]`` (player → information set → action),
  because ``LogitQREMixedBehaviorProfile.profile`` raises in 16.7.0;
* pygambit 16.7 renames repeated outcome labels on reading (``War`` → ``War_1``, ``War_2``);
  results are therefore mapped back by terminal node (both sides list nodes in preorder), never
  by outcome label.

Verified against pygambit 16.7.0 built from the sdist; the measured agreement is in
``docs/explanation/games.md``.
"""

from __future__ import annotations

import io
from typing import Any

from detente.games.efg import format_efg, parse_efg
from detente.games.solution import outcome_key
from detente.games.tree import Game, action_keys, infoset_key

__all__ = [
    "from_gambit",
    "logit_limit_profile",
    "pure_nash_outcomes",
    "qre_profile",
    "to_gambit",
]

Profile = dict[str, dict[str, dict[str, float]]]


def to_gambit(game: Game, rational: bool = True) -> Any:
    """The game as a ``pygambit.Game``, read by ``pygambit.read_efg`` from our ``.efg`` text."""
    import pygambit as gbt

    return gbt.read_efg(io.StringIO(format_efg(game, rational=rational)))


def from_gambit(g: Any, name: str = "<pygambit>") -> Game:
    """A ``pygambit.Game`` as our :class:`Game`, parsed from the text ``Game.to_efg()`` writes."""
    return parse_efg(str(g.to_efg()), name)


def _preorder(node: Any) -> list[Any]:
    out = [node]
    for child in node.children:
        out.extend(_preorder(child))
    return out


def pure_nash_outcomes(game: Game) -> list[dict[str, float]]:
    """Outcome probabilities of pygambit's pure-strategy Nash equilibria (``enumpure_solve``).

    pygambit enumerates the reduced strategic form, so compare sets of outcome distributions,
    not counts of equilibria.
    """
    import pygambit as gbt

    g = to_gambit(game)
    labels = [outcome_key(game, t) for t in game.terminals()]
    terms = [n for n in _preorder(g.root) if not n.children]
    found = []
    for eq in gbt.nash.enumpure_solve(g).equilibria:
        beh = eq.as_behavior()
        probs: dict[str, float] = {}
        for label, node in zip(labels, terms, strict=True):
            probs[label] = probs.get(label, 0.0) + float(beh.realiz_prob(node))
        found.append(probs)
    return found


def _slots(game: Game, g: Any) -> list[tuple[str, str, str, Any]]:
    """(player, information-set key, action key, pygambit action) in pygambit's flat order."""
    out = []
    for p, gplayer in enumerate(g.players, start=1):
        ours = [h for h, info in enumerate(game.infosets) if info.player == p]
        theirs = list(gplayer.infosets)
        if len(ours) != len(theirs):
            raise RuntimeError(f"player {p}: {len(ours)} information sets, pygambit has {theirs}")
        for h, ginfo in zip(ours, theirs, strict=True):
            info = game.infosets[h]
            gacts = list(ginfo.actions)
            named = [(a, ga.label) for a, ga in zip(info.actions, gacts, strict=False) if a]
            if (
                ginfo.label != info.label
                or len(gacts) != len(info.actions)
                or any(a != b for a, b in named)  # pygambit fills in empty action labels
            ):
                raise RuntimeError(f"information set {info.label!r} does not match pygambit's")
            key = infoset_key(game, h)
            for a, ga in zip(action_keys(info), gacts, strict=True):
                out.append((game.players[p - 1], key, a, ga))
    return out


def _nest(rows: list[tuple[str, str, str, float]], players: tuple[str, ...]) -> Profile:
    out: Profile = {p: {} for p in players}
    for player, h, a, prob in rows:
        out[player].setdefault(h, {})[a] = prob
    return out


def qre_profile(game: Game, lam: float) -> Profile:
    """Pygambit's agent logit QRE at ``lam`` (``qre.logit_solve_lambda``, principal branch)."""
    import pygambit as gbt

    g = to_gambit(game)
    q = gbt.qre.logit_solve_lambda(g, lam=[lam])[0]
    slots = _slots(game, g)
    if len(q) != len(slots):
        raise RuntimeError(f"pygambit QRE has {len(q)} entries for {len(slots)} actions")
    rows = [(p, h, a, float(q[i])) for i, (p, h, a, _) in enumerate(slots)]
    return _nest(rows, game.players)


def logit_limit_profile(game: Game) -> Profile:
    """The limit of pygambit's principal logit branch (``nash.logit_solve``): an equilibrium."""
    import pygambit as gbt

    g = to_gambit(game)
    eq = gbt.nash.logit_solve(g).equilibria[0]
    rows = [(p, h, a, float(eq[ga])) for p, h, a, ga in _slots(game, g)]
    return _nest(rows, game.players)
