"""A human-readable, round-by-round text trace of a BDM result (used by the golden tests).

Numbers are printed to four decimals so that the trace is stable across platforms while still
showing every behaviour change in review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from detente.result import Result, Round

__all__ = ["trace_text"]


def _num(v: float | None, signed: bool = False) -> str:
    if v is None:
        return "-"
    v = float(v) + 0.0  # no "-0.0000"
    return f"{v:+.4f}" if signed else f"{v:.4f}"


def _header(result: Result) -> list[str]:
    p = result.provenance
    params = ", ".join(f"{k}={v}" for k, v in sorted(p.params.items()))
    return [
        f"# model {p.model} on scenario {p.scenario_id} "
        + ("(no seed: nothing drawn)" if p.seed is None else f"(seed {p.seed})"),
        f"# params: {params}",
        f"# stop: {result.extra.get('stop', {}).get('rule')}",
    ]


def _actor_lines(result: Result, rnd: Round, k: int) -> Iterable[str]:
    risk: Mapping[str, list[float | None]] = rnd.extra.get("risk", {})
    moves = {m["actor"]: m for m in rnd.extra.get("accepted", []) if m["issue"] == result.issues[k]}
    width = max(len(a) for a in result.actors)
    for i, actor in enumerate(result.actors):
        m = moves.get(actor)
        acc = "-" if m is None else f"{m['kind']} from {m['from']} ({_num(m['move'], True)})"
        r = risk.get(actor, [None] * len(result.issues))[k]
        yield f"  {actor:<{width}}  x {_num(rnd.positions[i][k])}  r {_num(r)}  accepted: {acc}"


def _offer_lines(offers: list[dict[str, Any]], issue: str) -> Iterable[str]:
    mine = sorted((o for o in offers if o["issue"] == issue), key=lambda o: (o["to"], o["from"]))
    if mine:
        yield "  offers (from -> to: eu of sender; receiver's reading; proposed position):"
    for o in mine:
        kind = o["kind"] or "rejected"
        star = "  *accepted*" if o["accepted"] else ""
        yield (
            f"    {o['from']} -> {o['to']}: eu {_num(o['eu'], True)}; {kind}; "
            f"{_num(o['position'])}{star}"
        )


def trace_text(result: Result) -> str:
    """The trace: a header, then per round and issue the median, mean, actors and offers."""
    lines = _header(result)
    for rnd in result.rounds:
        for k, issue in enumerate(result.issues):
            lines.append(
                f"round {rnd.index} issue {issue}: median {_num(rnd.median[k])} "
                f"mean {_num(rnd.mean[k])}"
            )
            if rnd.index > 0:
                lines.extend(_actor_lines(result, rnd, k))
                lines.extend(_offer_lines(rnd.extra.get("offers", []), issue))
    return "\n".join(lines) + "\n"
