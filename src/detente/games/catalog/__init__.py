"""Canonical crisis games, each a function of named parameters (a plain, hand-written dict).

=========================  ====================================================  ==============
name                       game                                                   source
=========================  ====================================================  ==============
``iig``                    International Interaction Game                         [BDM-Lalman1992]
``audience_costs``         audience-cost crisis bargaining                        [Fearon1994]
``deterrence``             one-sided incomplete-information deterrence            [Morrow1994]
``deadline_provocation``   North Korea's deadline and the US election             [AsiaTimes2019]
``provoke_respond``        repeated provoke/respond (benchmark game)              specs §2
=========================  ====================================================  ==============
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from detente.games.catalog import deterrence, fearon, iig, korea, provoke
from detente.games.tree import Game

__all__ = ["CATALOG", "CatalogEntry"]


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """A canonical game: its builder, its Params class, a summary and citations."""

    build: Callable[[Any], Game]
    params: type
    summary: str
    citations: tuple[str, ...]


CATALOG: dict[str, CatalogEntry] = {
    "iig": CatalogEntry(
        iig.build_game,
        iig.IIGParams,
        "International Interaction Game (complete information)",
        ("BDM-Lalman1992",),
    ),
    "audience_costs": CatalogEntry(
        fearon.build_game,
        fearon.FearonParams,
        "audience-cost crisis bargaining, challenger's resolve hidden",
        ("Fearon1994", "Morrow1994"),
    ),
    "deterrence": CatalogEntry(
        deterrence.build_game,
        deterrence.DeterrenceParams,
        "deterrence, defender's resolve hidden from the challenger",
        ("Morrow1994", "ZagareKilgour2000"),
    ),
    "deadline_provocation": CatalogEntry(
        korea.build_game,
        korea.DeadlineParams,
        "NK deadline provocation vs US response before an election",
        ("AsiaTimes2019", "Fearon1994"),
    ),
    "provoke_respond": CatalogEntry(
        provoke.build_game, provoke.ProvokeParams, "repeated provoke/respond crisis (benchmark)", ()
    ),
}
