"""Golden trace: a readable round-by-round negotiation under a fixed seed (STYLE rule 16).

Regenerate after an intended behaviour change with
``DETENTE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/negotiation/test_golden.py``
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from detente.negotiation import NegotiationParams, NegotiationResult, run

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "korea-like_boulware_stall-and-water-down": (
        ["boulware", "stall-and-water-down"],
        "alternating",
    ),
    "korea-like_linear_tit-for-tat_mediated": (["linear", "tit-for-tat"], "mediated"),
}


def render(r: NegotiationResult) -> str:
    lines = [
        f"# {' vs '.join(r.strategies)} ({r.protocol}), seed {r.provenance.seed}",
        f"# issues: {', '.join(r.issues)}",
        "round proposer  offer                  utilities      accepted",
    ]
    for t in r.trace:
        offer = " ".join(f"{v:6.2f}" for v in t.offer)
        utils = " ".join(f"{u:.4f}" for u in t.utilities)
        acc = "".join("Y" if a else "." for a in t.accepted)
        lines.append(f"{t.round:5d} {t.proposer:<9} {offer}  {utils}  {acc}")
    deal = "none" if r.agreement is None else " ".join(f"{v:.2f}" for v in r.agreement)
    lines.append(f"status {r.status}, round {r.round}, agreement {deal}")
    lines.append(f"settled {', '.join(r.settled) or '-'}")
    lines.append("utilities " + " ".join(f"{u:.4f}" for u in r.utilities))
    return "\n".join(lines) + "\n"


def test_golden_traces(korea_like) -> None:
    for name, (strategies, protocol) in CASES.items():
        params = NegotiationParams(protocol=protocol, deadline=30, explore=0.2)
        text = render(run(korea_like, ["USA", "PRK"], strategies, params, rng=7))
        path = GOLDEN / f"{name}.txt"
        if os.environ.get("DETENTE_REGEN_GOLDEN"):
            GOLDEN.mkdir(exist_ok=True)
            path.write_text(text)
        assert path.read_text() == text, f"{path.name} changed; regenerate if intended"
