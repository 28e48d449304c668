"""Check that a change leaves the output of ``detente ingest`` byte for byte as it was.

For a change that must not change any result (a faster start-up, a refactoring), save the JSON
that ``detente ingest --json`` prints for a fixed set of development texts before the change,
then compare after it::

    git switch main && .venv/bin/python benchmarks/ingest_identity.py --save /tmp/before
    git switch my-branch && .venv/bin/python benchmarks/ingest_identity.py --against /tmp/before

The texts: the README's example article (published 2020-06-01), the motivating op-ed (2019-12-09,
from ../shared/mission), the *development* part of the news texts (odd-numbered files of
../shared/event-data/news-dev) and of our own texts (odd-numbered files of
``tests/reference/news-own``), each with its publication date and, for an official statement or
press release, its issuer (as ``benchmarks/events.py --news`` runs them).  Held-out texts are never
read.  Each JSON is what the command prints (the same ``to_json`` of the same ``ingest_file``),
run in one process; the comparison names every text whose JSON differs and the first differing
line, and exits with 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from detente.extraction.newsset import half_of, issuer_of
from detente.extraction.run import ingest_file, to_json

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO / ".." / "shared" / "event-data" / "news-dev"
OWN = REPO / "tests" / "reference" / "news-own"
MISSION = REPO / ".." / "shared" / "mission"


def texts() -> Iterator[tuple[str, Path, str, str | None]]:
    """(name, file, publication date, issuer) of every text checked, development parts only."""
    yield "example-article", REPO / "examples" / "article.txt", "2020-06-01", None
    for oped in sorted(MISSION.glob("*.txt")):
        yield f"oped-{oped.stem}", oped, "2019-12-09", None
    for prefix, folder in (("news", NEWS), ("own", OWN)):
        for meta_file in sorted(folder.glob("*.meta.json")):
            doc = meta_file.name.removesuffix(".meta.json")
            if half_of(doc) != "dev":
                continue  # held out: never read
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            yield f"{prefix}-{doc}", folder / f"{doc}.txt", meta["pub_date"], issuer_of(meta)


def outputs() -> Iterator[tuple[str, str]]:
    """(name, the JSON ``detente ingest --json`` prints) for every text."""
    for name, path, date, issuer in texts():
        yield name, to_json(ingest_file(path, date, None, issuer))


def _first_difference(a: str, b: str) -> str:
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False)):
        if x != y:
            return f"line {i + 1}: {x.strip()[:80]!r} -> {y.strip()[:80]!r}"
    return "one is a prefix of the other"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write each text's JSON into this folder")
    group.add_argument("--against", type=Path, help="compare with the JSON saved in this folder")
    args = ap.parse_args(argv)
    t0, differ, n = time.perf_counter(), [], 0
    for name, text in outputs():
        n += 1
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{name}.json").write_text(text, encoding="utf-8")
            continue
        saved = args.against / f"{name}.json"
        before = saved.read_text(encoding="utf-8") if saved.is_file() else ""
        if before != text:
            differ.append(f"  {name}: {_first_difference(before, text) if before else 'not saved'}")
    secs = time.perf_counter() - t0
    if args.save:
        print(f"saved the JSON of {n} texts in {args.save} ({secs:.0f} s)")
        return 0
    print(f"{n - len(differ)} of {n} texts give identical JSON ({secs:.0f} s)")
    print("\n".join(differ))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
