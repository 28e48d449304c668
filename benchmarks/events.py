"""Event coder accuracy on the PLOVER gold-standard records, beside the spec's baselines.

Split (fixed, ``specs/event-extraction.md`` §3): records whose id ends in an even digit are the
development half, odd the held-out test half.  The lexicon and rules were tuned on dev only.
Run ``.venv/bin/python benchmarks/events.py [--half dev|test|all]
[--news dev|test|own-dev|own-test] [--petr] [--speed]`` (``--petr`` also scores PETRARCH2's
unit-test records, same half, with PETRARCH's own actor dictionary; MIT licence, read from
../shared/event-data/petrarch2)
(``--fold A|B`` scores one fold of the development part, ``--no-issuer`` the old protocol,
``--gold a|b|gold`` the reference: annotator A (default), annotator B or the adjudicated gold).
Both sets print precision and recall by type and the confusion between types.  ``--news`` scores
the hand-annotated news texts (``tests/reference/news/annotations.jsonl``; texts read from
../shared/event-data/news-dev) at the mention level; ``--news own-dev`` / ``own-test`` score
detente's own news-style texts (``tests/reference/news-own``, texts and annotations both in the
repository) the same way; ``--errors`` lists the mistakes of a development part only.
``--speed`` also times extraction on three 1 MB texts (distinct sentences that are all
events; distinct sentences of which one in five is an event; the op-ed repeated) and prints wall
and CPU seconds (this process and spaCy's worker processes) and how many characters the
pre-filter sent to spaCy — the requirement is under 30 s on the 2-core machine.

Data: PLOVER gold standard records, Copyright 2016 Open Event Data Alliance, CC BY-SA 4.0,
https://github.com/openeventdata/PLOVER (read from ../shared/event-data/, not copied).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

from detente.extraction import extract, newsset, petr
from detente.extraction.gsr import BASELINES, evaluate, load_gsr
from detente.extraction.lexicon import PLOVER_TYPES
from detente.extraction.news_interval import f1_interval
from detente.extraction.petr import load_petr
from detente.extraction.petr_dictionary import read_actors, read_agents

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared" / "event-data" / "plover"
NEWS = REPO / ".." / "shared" / "event-data" / "news-dev"
PETR = REPO / ".." / "shared" / "event-data" / "petrarch2"
ANNOTATIONS = REPO / "tests" / "reference" / "news" / "annotations.jsonl"
OWN = REPO / "tests" / "reference" / "news-own"  # our own texts, annotated blind (--news own-…)
REFERENCES = {  # --gold: which hand annotation of the news texts to score against
    "a": ANNOTATIONS,  # annotator A, one pass (the default)
    "b": ANNOTATIONS.with_name("annotations-b.jsonl"),  # annotator B, blind to A
    "gold": ANNOTATIONS.with_name("annotations-gold.jsonl"),  # A and B adjudicated
}
NEWS_BASELINE = {  # held-out part, before any change for issue 14 (commit 1e934ba)
    "strict P/R/F1": (0.298, 0.146, 0.196),
    "untyped P/R/F1": (0.362, 0.177, 0.238),
}
OWN_BASELINE = {  # own held-out part, before any change for it (main at 066f2eb)
    "strict P/R/F1": (0.287, 0.205, 0.239),
    "untyped P/R/F1": (0.319, 0.227, 0.265),
}
MISSION = Path(__file__).resolve().parents[1] / ".." / "shared" / "mission"


_ACTORS = ["North Korea", "Seoul", "Washington", "Beijing", "Tokyo", "Moscow", "Tehran"]
_VERBS = ["accused", "praised", "threatened", "criticized", "met", "urged", "warned"]


def _distinct_megabyte() -> str:
    """Worst case: 30,000 distinct sentences, every one an event between two named states."""
    rng = np.random.default_rng(7)
    lines = [
        f"{rng.choice(_ACTORS)} {rng.choice(_VERBS)} {rng.choice(_ACTORS)} on day {i}."
        for i in range(30_000)
    ]
    return " ".join(lines)[:1_000_000]


def _news_like_megabyte(share: float = 0.2) -> str:
    """Distinct sentences of which about ``share`` name an actor and a trigger (illustration).

    The rest is background with no actor and no trigger (figures, weather, markets), in
    paragraphs of five sentences; every sentence carries a distinct number.
    """
    rng = np.random.default_rng(11)
    things = ["rainfall", "rice output", "the stock index", "traffic", "the harvest", "exports"]
    moves = ["rose", "fell", "grew", "slowed", "edged up", "dropped"]
    places = ["the northern provinces", "the coastal region", "the river valley", "the suburbs"]
    out: list[str] = []
    i = size = 0
    while size < 1_000_000:
        i += 1
        if rng.random() < share:
            a, b = rng.choice(_ACTORS, 2, replace=False)
            out.append(f"{a} {rng.choice(_VERBS)} {b} over item {i} of the agenda on Monday.")
        else:
            t, m, p = rng.choice(things), rng.choice(moves), rng.choice(places)
            out.append(f"{t.capitalize()} in {p} {m} by {i % 97 + 1}.{i % 10} percent (ref. {i}).")
        if i % 5 == 0:
            out[-1] += "\n\n"
        size += len(out[-1]) + 1
    return " ".join(out)[:1_000_000]


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (spaCy's worker processes)."""
    multiprocessing.active_children()  # reap finished workers so that their time is counted
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + child.ru_utime + child.ru_stime


def speed() -> None:
    """Time extraction on 1 MB inputs (wall clock and CPU time with workers, one run each)."""
    texts = {
        "distinct, every sentence an event": _distinct_megabyte(),
        "distinct, 1 sentence in 5 an event": _news_like_megabyte(),
    }
    oped = sorted(MISSION.glob("*.txt")) if MISSION.is_dir() else []
    if oped:
        one = oped[0].read_text(encoding="utf-8")
        texts["the op-ed repeated"] = (one + "\n\n") * (1_000_000 // len(one) + 1)
    extract("Seoul met Tokyo on Monday.", dt.date(2019, 12, 9))  # load the model once
    print(f"load average before the runs: {os.getloadavg()[0]:.2f} (2 cores)")
    print(f"1 MB inputs (limit 30 s wall): {'input':36s} {'chars':>9s} {'parsed':>9s} wall   cpu")
    for name, text in texts.items():
        t0, c0 = time.perf_counter(), _cpu()
        x = extract(text, dt.date(2019, 12, 9))
        secs, cpu = time.perf_counter() - t0, _cpu() - c0
        print(
            f"{'':30s} {name:36s} {len(text):>9,} {x.document['parsed_chars']:>9,} "
            f"{secs:5.1f} {cpu:5.1f}  {len(x.events)} events; "
            f"{'; '.join(x.warnings) or 'no warnings'}"
        )


def by_type(counts: dict[str, tuple[int, int, int]]) -> None:
    """Precision and recall per type from (true positives, false positives, false negatives)."""
    print(f"  {'type':10s} {'gold':>5s} {'pred':>5s} {'P':>6s} {'R':>6s}")
    for t, (tp, fp, fn) in sorted(counts.items()):
        p = f"{tp / (tp + fp):.2f}" if tp + fp else "-"
        r = f"{tp / (tp + fn):.2f}" if tp + fn else "-"
        print(f"  {t:10s} {tp + fn:5d} {tp + fp:5d} {p:>6s} {r:>6s}")


def confusion(cells: dict[tuple[str, str], int]) -> None:
    """Rows gold type, columns predicted type ("(none)": missed or spurious)."""
    rows = sorted({g for g, _ in cells}, key=lambda t: (t == "(none)", t))
    cols = sorted({p for _, p in cells}, key=lambda t: (t == "(none)", t))
    print("  gold \\ predicted " + " ".join(f"{c[:5]:>5s}" for c in cols))
    for r in rows:
        print(f"  {r:16s} " + " ".join(f"{cells.get((r, c), 0) or '.':>5}" for c in cols))


def plover_tables(pairs: tuple[tuple[str, str], ...]) -> None:
    """Per-type precision/recall and the confusion matrix of the PLOVER sentence-level pairs."""
    counts = {
        t: (
            sum(g == p == t for g, p in pairs),
            sum(p == t != g for g, p in pairs),
            sum(g == t != p for g, p in pairs),
        )
        for t in PLOVER_TYPES
        if any(t in gp for gp in pairs)
    }
    by_type(counts)
    cells: dict[tuple[str, str], int] = {}
    for gp in pairs:
        cells[gp] = cells.get(gp, 0) + 1
    confusion(cells)


def petr_records(half: str, errors: bool) -> None:
    """CAMEO root and 16-type accuracy on PETRARCH2's unit-test records (one half)."""
    if not (PETR / "PETR.UnitTest.records.xml").is_file():
        print(f"petr: skipped, {PETR} not found", file=sys.stderr)
        return
    actors = read_actors(PETR / "PETR.Validate.actors.txt")
    agents = read_agents(PETR / "PETR.Validate.agents.txt")
    records = load_petr(PETR / "PETR.UnitTest.records.xml", half)
    t0 = time.perf_counter()
    s = petr.evaluate(records, actors)
    print(
        f"\nPETRARCH2 unit-test records, {half} half: {len(records)} records, {s.n} scored "
        f"({s.unscored} with test-only codes or expected errors not scored), "
        f"{time.perf_counter() - t0:.1f} s; {len(actors)} actor entries, {len(agents)} agents "
        "(agents add no actor)"
    )
    print(f"  CAMEO root-code accuracy (20 roots): {s.root:.3f}")
    print(f"  PLOVER 16-type accuracy (CAMEO->PLOVER): {s.acc:.3f}")
    print(
        f"  source root match: {s.source:.3f} (n={s.n_source}); "
        f"target root match: {s.target:.3f} (n={s.n_target})"
    )
    print(f"  source and target of one gold coding (dyad): {s.dyad:.3f}")
    print(f"  coverage (an event coded): {s.coverage:.3f}")
    print(f"  records expecting no event that got one: {s.noevents_coded} of {s.noevents}")
    plover_tables(s.pairs)
    if errors and half == "dev":
        print("\n".join(s.errors))


def news(
    part: str, errors: bool, fold: str | None = None, issuer: bool = True, gold: str = "a"
) -> None:
    """Mention-level scores on one part of the news texts (or one dev fold), or of our own texts.

    ``part`` is ``dev`` or ``test`` (the public news texts), or ``own-dev`` or ``own-test``
    (detente's own texts, one annotation: ``gold`` is ignored there).
    """
    own = part.startswith("own-")
    folder, half = (OWN, part[4:]) if own else (NEWS, part)
    if not folder.is_dir():
        print(f"news: skipped, {folder} not found", file=sys.stderr)
        return
    reference = folder / "annotations.jsonl" if own else REFERENCES[gold]
    t0 = time.perf_counter()
    s, pairs = newsset.evaluate(folder, reference, half, fold=fold, issuer=issuer)
    against = "our annotation" if own else f"against {gold!r}"
    label = f"{'own texts' if own else 'news texts'}, {half} part"
    label += (f", fold {fold}" if fold else "") + f", {against}"
    print(
        f"\n{label} (issuer {'given' if issuer else 'not given'}): {s.texts} texts, "
        f"{s.gold} gold events, {s.predicted} predicted, {time.perf_counter() - t0:.1f} s"
    )
    print("  strict  P/R/F1 {:.3f} {:.3f} {:.3f}".format(*s.strict))
    ci = f1_interval(pairs)
    print(
        f"  strict F1 {ci.level:.0%} interval over texts: [{ci.low:.3f}, {ci.high:.3f}] "
        f"(cluster bootstrap, {ci.replicates} replicates, seed {ci.seed})"
    )
    print("  untyped P/R/F1 {:.3f} {:.3f} {:.3f}".format(*s.untyped))
    baseline = OWN_BASELINE if own else NEWS_BASELINE
    if half == "test" and (own or gold == "a"):
        for name, v in baseline.items():
            print(f"  baseline {name}: {v[0]:.3f} {v[1]:.3f} {v[2]:.3f}")
    print(f"  claims emitted as events: {s.claims_leaked} of {s.claims}")
    print(
        f"  deadlines found with their date: {s.deadlines_found} of {s.deadlines} "
        f"({s.deadlines_predicted} predicted)"
    )
    print(f"  dates right on strict matches: {s.dates_right} of {s.dates_scored}")
    by_type(s.by_type)
    confusion(s.confusion)
    if errors and half == "dev" and fold != "B":  # fold B checks transfer: its errors are unread
        print("\n".join([*newsset.mistakes(pairs), *s.errors]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("dev", "test", "all"), default="test")
    ap.add_argument("--errors", action="store_true", help="print mistakes (dev half only)")
    ap.add_argument(
        "--news",
        choices=("dev", "test", "own-dev", "own-test"),
        help="also score one part of the news texts, or of detente's own texts (own-dev, own-test)",
    )
    ap.add_argument(
        "--fold", choices=("A", "B"), help="with --news dev: only one fold (by crisis family)"
    )
    ap.add_argument(
        "--no-issuer",
        action="store_true",
        help="news: do not pass the publisher of statements and press releases as the issuer",
    )
    ap.add_argument(
        "--gold",
        choices=tuple(REFERENCES),
        default="a",
        help="news: score against annotator A (default), annotator B or the adjudicated gold",
    )
    ap.add_argument(
        "--petr",
        action="store_true",
        help="also score PETRARCH2's unit-test records (the --half chosen; CAMEO roots)",
    )
    ap.add_argument("--speed", action="store_true", help="also time 1 MB inputs")
    args = ap.parse_args()
    path = SHARED / "PLOVER_GSR_CAMEO.json"
    if not path.exists():
        print(f"skipped: {path} not found", file=sys.stderr)
        return 0
    records = load_gsr(path, args.half)
    t0 = time.perf_counter()
    score = evaluate(records)
    secs = time.perf_counter() - t0
    print(f"PLOVER GSR, {args.half} half: {score.n} sentences, {secs:.1f} s")
    print(f"{'method':58s} {'acc-16':>7s} {'macro-F1':>8s} {'quad':>6s}")
    print(
        f"{'detente rules (this run)':58s} {score.acc:7.3f} {score.macro_f1:8.3f} {score.quad:6.3f}"
    )
    for name, (acc, f1, quad) in BASELINES.items():
        cells = [f"{v:.3f}" if v is not None else "-" for v in (acc, f1, quad)]
        print(f"{name:58s} {cells[0]:>7s} {cells[1]:>8s} {cells[2]:>6s}")
    print(
        f"source ISO3 match: {score.source:.3f} (n={score.n_source}); "
        f"target ISO3 match: {score.target:.3f} (n={score.n_target})"
    )
    print(f"coverage (a trigger fired): {score.coverage:.3f}")
    plover_tables(score.pairs)
    if args.errors and args.half == "dev":
        for line in score.errors:
            print(line)
    if args.petr:
        petr_records(args.half, args.errors)
    if args.news:
        fold = args.fold if args.news == "dev" else None
        news(args.news, args.errors, fold, not args.no_issuer, args.gold)
    if args.speed:
        speed()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
