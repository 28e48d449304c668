"""Agreement between two hand annotations of the news set, and the extractor against each.

Annotation A (``tests/reference/news/annotations.jsonl``) and annotation B
(``tests/reference/news/annotations-b.jsonl``, a second annotator, blind to A and to the system)
code the same 30 news texts to the guideline in ``docs/explanation/extraction.md``.  Per part
(held-out = even text numbers, development = odd, all) this prints: strict and untyped
mention-level P/R/F1 of B scored against A and of A scored against B (the scorer of
``detente.extraction.newsset``, the rules the extractor faces); agreement on claims; deadlines;
the type confusion between the annotators; the kinds of disagreement
(``detente.extraction.agreement``); how far A and B each agree with the adjudicated gold
(``tests/reference/news/annotations-gold.jsonl``, every disagreement decided by the clarified
guideline, log in ``adjudication.tsv``); and then the extractor scored against B beside its score
against A (one extraction per text, scored against both).

Run ``.venv/bin/python benchmarks/events_agreement.py [--skip-extractor] [--no-issuer]
[--list PART]`` (``--list`` prints every event the other annotator did not code the same way, and
stops; ``--no-issuer`` is the protocol before the issuer of statements was passed).  The texts
are read from ../shared/event-data/news-dev (not part of detente); without them the script
says so and stops.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from detente.extraction import newsset
from detente.extraction.agreement import Agreement, compare, disagreements
from detente.extraction.newsset import Gold, NewsScore, Predicted

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO / ".." / "shared" / "event-data" / "news-dev"
REFERENCE = REPO / "tests" / "reference" / "news"
A, B = REFERENCE / "annotations.jsonl", REFERENCE / "annotations-b.jsonl"
GOLD = REFERENCE / "annotations-gold.jsonl"
PARTS = {"test": "held-out", "dev": "development", "all": "all"}


def _prf(name: str, s: NewsScore) -> str:
    return (
        f"  {name:22s} strict P/R/F1 {s.strict[0]:.3f} {s.strict[1]:.3f} {s.strict[2]:.3f}"
        f"   untyped {s.untyped[0]:.3f} {s.untyped[1]:.3f} {s.untyped[2]:.3f}"
    )


def _top(cells: Iterable[tuple[tuple[str, str], int]], n: int = 12) -> str:
    pairs = sorted(((c, k) for k, c in cells if k[0] != k[1]), reverse=True)[:n]
    return ", ".join(f"{a}->{b} {c}" for c, (a, b) in pairs) or "none"


def _sym(name: str, counts: tuple[int, int, int]) -> str:
    pairs, n_a, n_b = counts
    p, r = (pairs / n_b if n_b else 0.0), (pairs / n_a if n_a else 0.0)
    return f"{name} {p:.3f} {r:.3f} {Agreement.f1(counts):.3f}"


def agreement(half: str) -> None:
    """Print how far B agrees with A on one part."""
    ga, gb = newsset.load_gold(A, half), newsset.load_gold(B, half)
    ag = compare(ga, gb)
    n_a, n_b = ag.strict[1], ag.strict[2]
    print(f"\n{PARTS[half]} part: {ag.b_vs_a.texts} texts, A {n_a} events, B {n_b} events")
    print(
        f"  {'symmetric (B vs A)':22s} {_sym('strict P/R/F1', ag.strict)}   "
        f"{_sym('untyped', ag.untyped)}   ({ag.strict[0]} / {ag.untyped[0]} pairs)"
    )
    print(_prf("B scored against A", ag.b_vs_a))
    print(_prf("A scored against B", ag.a_vs_b))
    for who, c in (("A", ag.claims_of_a), ("B", ag.claims_of_b)):
        other = "B" if who == "A" else "A"
        print(
            f"  claims of {who}: {c.claims}; {other} codes no event there in {c.non_events}, "
            f"marks a claim there too in {c.also_claims}"
        )
    s = ag.b_vs_a
    print(
        f"  deadlines: A {s.deadlines}, B {s.deadlines_predicted}, "
        f"A's found by B with the same date {s.deadlines_found}"
    )
    print(f"  dates equal on strict matches: {s.dates_right} of {s.dates_scored} dated by A")
    print(f"  type confusion (A type -> B type, untyped pairs): {_top(ag.types.items())}")
    for who, k in (("A", ag.kinds_a), ("B", ag.kinds_b)):
        other = "B" if who == "A" else "A"
        cells = ", ".join(f"{name} {n}" for name, n in k.items())
        print(f"  {who}'s events unpaired in {other} ({sum(k.values())}): {cells}")


def against_gold(half: str) -> None:
    """Print how far each annotator agrees with the adjudicated gold on one part."""
    gold = newsset.load_gold(GOLD, half)
    n = sum(len(g.events) for g in gold)
    print(f"\n{PARTS[half]} part against the adjudicated gold ({n} events)")
    for who, path in (("A", A), ("B", B)):
        ag = compare(gold, newsset.load_gold(path, half))
        print(
            f"  {who}: symmetric {_sym('strict P/R/F1', ag.strict)}   {_sym('untyped', ag.untyped)}"
        )
        print(_prf(f"{who} scored against gold", ag.b_vs_a))


def listing(half: str) -> None:
    """Print every unpaired event of either annotation with its class of disagreement."""
    ga = {g.doc: g for g in newsset.load_gold(A, half)}
    gb = {g.doc: g for g in newsset.load_gold(B, half)}
    for doc in sorted(ga.keys() | gb.keys()):
        empty = Gold(doc, (), (), ())
        only_a, only_b = disagreements(ga.get(doc, empty), gb.get(doc, empty))
        for who, rows in (("A only", only_a), ("B only", only_b)):
            for e, kind in rows:
                alt = "".join(f"/{t}" for t in e["alt"])
                print(
                    f"{doc[:2]} {who} [{kind}] {e['type']}{alt} {e['source']}->{e['target']} "
                    f"{e['trigger_text']!r} @{e['trigger'][0]}"
                )


def extractions(issuer: bool) -> dict[str, Predicted]:
    """Run the extractor once on every text, with the protocol of ``benchmarks/events.py``."""
    from detente.extraction.document import extract

    out = {}
    for g in newsset.load_gold(A, "all"):
        raw = (NEWS / f"{g.doc}.txt").read_text(encoding="utf-8")
        meta = json.loads((NEWS / f"{g.doc}.meta.json").read_text(encoding="utf-8"))
        pub = dt.date.fromisoformat(meta["pub_date"])
        kw = {"issuer": newsset.issuer_of(meta)} if issuer else {}
        out[g.doc] = newsset.predict(g.doc, raw, pub, extract, **kw)
    return out


def _scored(path: Path, half: str, preds: dict[str, Predicted]) -> NewsScore:
    golds: list[Gold] = newsset.load_gold(path, half)
    return newsset.score([(g, preds[g.doc]) for g in golds])


def extractor(preds: dict[str, Predicted]) -> None:
    """Print the extractor's score against A and against B, per part."""
    for half, name in PARTS.items():
        print(f"\nextractor, {name} part:")
        for who, path in (("A", A), ("B", B)):
            s = _scored(path, half, preds)
            print(_prf(f"against {who} ({s.gold} gold)", s))
            print(f"  {'':22s} claims of {who} emitted as events {s.claims_leaked} of {s.claims}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-extractor", action="store_true", help="annotator agreement only")
    ap.add_argument(
        "--no-issuer",
        action="store_true",
        help="do not pass the publisher of statements and press releases as the issuer",
    )
    ap.add_argument(
        "--list", choices=tuple(PARTS), help="list the unpaired events of one part and stop"
    )
    args = ap.parse_args()
    if not NEWS.is_dir():
        print(f"skipped: the news texts are not in {NEWS}", file=sys.stderr)
        return 0
    if args.list:
        listing(args.list)
        return 0
    for half in PARTS:
        agreement(half)
    for half in PARTS:
        against_gold(half)
    if not args.skip_extractor:
        t0 = time.perf_counter()
        preds = extractions(issuer=not args.no_issuer)
        print(f"\n(extraction of {len(preds)} texts: {time.perf_counter() - t0:.1f} s)")
        extractor(preds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
