"""A strategy sees only its own utility, the offers and the clock (enforced structurally)."""

from __future__ import annotations

import gc
import types
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

import numpy as np

from detente.negotiation import NegotiationParams, Strategy, View
from detente.negotiation.chance import draw_chance
from detente.negotiation.outcomes import AdditiveUtility, outcome_space, utilities_from_scenario
from detente.negotiation.protocol import _Talks, negotiate
from detente.negotiation.strategies import Linear


@dataclass(frozen=True)
class Spy(Strategy):
    """Plays linear, and keeps every view it is shown."""

    seen: list[View] = field(default_factory=list)
    name: ClassVar[str] = "spy"
    citation: ClassVar[str] = "test"

    def aspiration(self, view: View) -> Any:
        self.seen.append(view)
        return Linear().aspiration(view)


def reachable(root: object) -> list[object]:
    """Every object reachable from ``root`` through references, not crossing into code."""
    skip = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType)
    seen: dict[int, object] = {}
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, skip):
            continue
        seen[id(obj)] = obj
        stack.extend(gc.get_referents(obj))
    return list(seen.values())


def test_a_view_holds_only_own_utility_offers_and_clock() -> None:
    names = {f.name for f in fields(View)}
    assert names == {
        "t",
        "deadline",
        "me",
        "period",
        "utility",
        "offers",
        "proposers",
        "received",
        "own_last",
        "explore",
        "explore_point",
    }


def test_no_other_party_utility_is_reachable_from_any_view(korea_like) -> None:
    space = outcome_space(korea_like)
    us = utilities_from_scenario(korea_like, ["USA", "PRK"], space)
    spy = Spy()
    params = NegotiationParams(deadline=12)
    chance = draw_chance([np.random.default_rng(0)], [12], 0, 3, 2)
    negotiate(space, us, [spy, Linear()], params, chance)
    assert spy.seen
    other = us[1]
    forbidden = {id(other), id(other.weights), id(other.ideal), id(other.rv)}
    for view in spy.seen:
        assert view.utility is us[0]
        objs = reachable(view)
        assert not forbidden & {id(o) for o in objs}
        assert not any(isinstance(o, _Talks) for o in objs)
        others = [o for o in objs if isinstance(o, AdditiveUtility)]
        assert others == [us[0]]
        # the utilities it can read are its own: they match its own utility of the offers
        if len(view.offers):
            assert np.allclose(view.received, us[0](view.offers))
