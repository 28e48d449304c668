"""A readable round-by-round text of a negotiation, for golden traces and review diffs.

One line per offer (round, proposer, offer on each issue's own scale, its utility to each party,
who accepted), then the outcome; numbers are rounded so that the text changes only when the
behaviour does (STYLE rule 16).
"""

from __future__ import annotations

from detente.negotiation.result import NegotiationResult

__all__ = ["trace_text"]


def trace_text(r: NegotiationResult) -> str:
    """The trace of ``r`` as text (see the module docstring)."""
    p = r.provenance.params
    lines = [
        f"# {' vs '.join(r.parties)} on {r.provenance.scenario_id}: "
        f"{' vs '.join(r.strategies)} ({r.protocol}), seed {r.provenance.seed}",
        f"# deadline {p['deadline']} (jitter {p['deadline_jitter']}, binding {r.deadline}), "
        f"discount {', '.join(f'{k} {v:g}' for k, v in p['discount'].items())}",
        f"# issues: {', '.join(r.issues)}; reservation "
        + " ".join(f"{v:.4f}" for v in r.reservation),
        "round proposer  offer"
        + " " * (7 * len(r.issues) - 5)
        + "  utilities"
        + " " * 5
        + "accepted",
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
    lines.append("payoffs " + " ".join(f"{u:.4f}" for u in r.payoffs))
    return "\n".join(lines) + "\n"
