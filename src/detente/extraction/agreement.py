"""Agreement between two hand annotations of the news set (inter-annotator agreement).

Two annotators code the same texts to the same guideline; how far they agree is the ceiling an
extractor can be expected to reach on that guideline.  For mention-level span annotations there is
no chance-corrected kappa (the set of possible mentions is open, so chance agreement is not
defined), and agreement is reported as an F-measure [Hripcsak2005]:

* **Symmetric**: the events of one text are paired one to one (greedy in text order, overlapping
  triggers first, then the nearest): same sentence (either trigger inside the other's sentence),
  a shared source code, a shared target code (``null``, "not scored", agrees with anything; ``[]``
  only with ``[]``), and for *strict* the same type or one in the other's alternatives.  With
  ``m`` pairs, ``n_A`` and ``n_B`` events, F1 = 2m / (n_A + n_B); precision and recall swap
  exactly when the roles do.
* **As the extractor is scored**: B's events are treated as predictions and scored by
  :func:`detente.extraction.newsset.score` against A as gold (B's ``null`` target becomes "no
  target", as an extractor's would; B's alternatives are ignored; duplicates per sentence, source,
  target and type are merged), and A against B.  These figures are the ones comparable with the
  extractor's.
* **Claims**: how many of A's claims B leaves as non-events (no B event outside the matches has
  its trigger in the claim's span: the extractor's *leak* test) and how many B marks as claims
  itself (a B claim whose span overlaps A's claim trigger, or whose trigger lies in A's span).
* **Kinds of disagreement**: every event left unpaired by the strict symmetric alignment is put
  in the first class that applies against the other annotation's unpaired events: with an
  overlapping trigger, ``type`` (source and target agree), ``target`` (source and type agree),
  ``source`` (target and type agree); ``other`` (the other annotation has an unpaired event in
  that sentence, but not the same one or with two fields different); ``event or not`` (no
  unpaired event of the other annotation in that sentence).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from detente.extraction.newsset import Gold, NewsScore, Predicted, score

__all__ = ["Agreement", "ClaimAgreement", "align", "as_predicted", "compare", "disagreements"]

KINDS = ("type", "target", "source", "other", "event or not")
Event = dict[str, Any]


def _setter(value: str | list[str] | None) -> str:
    return value if isinstance(value, str) else ",".join(value or ())


def as_predicted(gold: Gold) -> Predicted:
    """One annotation's events of a text as if an extractor had emitted them."""
    events = tuple(
        (
            e["trigger"][0],
            frozenset(e["source"]),
            frozenset(e["target"] or ()),
            e["type"],
            e["date"] or "",
        )
        for e in gold.events
    )
    deadlines = tuple((d["date"], _setter(d.get("set_by"))) for d in gold.deadlines)
    return Predicted(gold.doc, events, deadlines)


def _inside(pos: int, span: list[int]) -> bool:
    return span[0] <= pos < span[1]


def _overlaps(span: list[int], other: list[int]) -> bool:
    return span[0] < other[1] and other[0] < span[1]


def _codes(a: list[str] | None, b: list[str] | None) -> bool:
    """Codes agree when the lists share a code; ``None`` (not scored) agrees with anything."""
    return a is None or b is None or bool(set(a) & set(b)) or not (a or b)


def _fields(a: Event, b: Event) -> tuple[bool, bool, bool]:
    """Whether two events of one sentence agree on source, target and type."""
    typed = a["type"] == b["type"] or a["type"] in b["alt"] or b["type"] in a["alt"]
    return _codes(a["source"], b["source"]), _codes(a["target"], b["target"]), typed


def _same_sentence(a: Event, b: Event) -> bool:
    return _inside(a["trigger"][0], b["sentence"]) or _inside(b["trigger"][0], a["sentence"])


def align(a: tuple[Event, ...], b: tuple[Event, ...], typed: bool) -> list[tuple[Event, Event]]:
    """One-to-one pairs of agreeing events of one text, greedy in text order of ``a``.

    Symmetric in its test: same sentence, shared source code, shared target code (``None`` on
    either side agrees with anything), and with ``typed`` the same type or one in the other's
    alternatives.  A candidate whose trigger overlaps is preferred, then the nearest one.
    """
    free = list(b)
    pairs = []
    for e in sorted(a, key=lambda e: e["trigger"][0]):
        fits = [f for f in free if _same_sentence(e, f) and all(_fields(e, f)[: 3 if typed else 2])]
        if fits:
            best = min(
                fits,
                key=lambda f: (
                    not _overlaps(e["trigger"], f["trigger"]),
                    abs(e["trigger"][0] - f["trigger"][0]),
                ),
            )
            free.remove(best)
            pairs.append((e, best))
    return pairs


def _kind(e: Event, rivals: list[Event]) -> str:
    """The first class of disagreement that fits ``e`` against the other's unpaired events."""
    near = [r for r in rivals if _same_sentence(e, r)]
    fields = [_fields(e, r) for r in near if _overlaps(e["trigger"], r["trigger"])]
    for kind, (i, j) in (("type", (0, 1)), ("target", (0, 2)), ("source", (1, 2))):
        if any(f[i] and f[j] for f in fields):
            return kind
    return "other" if near else "event or not"


def disagreements(a: Gold, b: Gold) -> tuple[list[tuple[Event, str]], list[tuple[Event, str]]]:
    """Events of ``a`` and of ``b`` left unpaired by the typed alignment, with their class."""
    pairs = align(a.events, b.events, typed=True)
    paired_a, paired_b = {id(x) for x, _ in pairs}, {id(y) for _, y in pairs}
    only_a = [e for e in a.events if id(e) not in paired_a]
    only_b = [e for e in b.events if id(e) not in paired_b]
    return [(e, _kind(e, only_b)) for e in only_a], [(e, _kind(e, only_a)) for e in only_b]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimAgreement:
    """Of one annotator's claims: how many the other leaves as non-events or marks as claims."""

    claims: int
    non_events: int
    also_claims: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Agreement:
    """Mention-level agreement of annotations A and B on the same texts.

    ``strict`` and ``untyped`` are (pairs, events of A, events of B) of the symmetric
    alignment; its F1 is ``2 * pairs / (A + B)``.
    """

    strict: tuple[int, int, int]
    untyped: tuple[int, int, int]
    b_vs_a: NewsScore
    a_vs_b: NewsScore
    claims_of_a: ClaimAgreement
    claims_of_b: ClaimAgreement
    kinds_a: dict[str, int]
    kinds_b: dict[str, int]
    types: dict[tuple[str, str], int]

    @staticmethod
    def f1(counts: tuple[int, int, int]) -> float:
        """F1 of a symmetric alignment: twice the pairs over all events of both."""
        pairs, n_a, n_b = counts
        return 2 * pairs / (n_a + n_b) if n_a + n_b else 0.0


def _also_claims(gold: Gold, other: Gold) -> int:
    """Claims of ``gold`` that ``other`` marks as claims too (overlapping span and trigger)."""
    return sum(
        any(
            _overlaps(c["trigger"], o["span"]) or _overlaps(c["span"], o["trigger"])
            for o in other.claims
        )
        for c in gold.claims
    )


def _claims(s: NewsScore, pairs: list[tuple[Gold, Gold]]) -> ClaimAgreement:
    also = sum(_also_claims(g, o) for g, o in pairs)
    return ClaimAgreement(claims=s.claims, non_events=s.claims - s.claims_leaked, also_claims=also)


def _counts(pairs: list[tuple[Gold, Gold]], typed: bool) -> tuple[int, int, int]:
    n = sum(len(align(a.events, b.events, typed)) for a, b in pairs)
    return n, sum(len(a.events) for a, _ in pairs), sum(len(b.events) for _, b in pairs)


def compare(a: list[Gold], b: list[Gold]) -> Agreement:
    """Agreement of annotation ``b`` with annotation ``a`` over the texts either annotates."""
    by_a, by_b = {g.doc: g for g in a}, {g.doc: g for g in b}
    docs = sorted(by_a.keys() | by_b.keys())
    pairs = [(by_a.get(d, Gold(d, (), (), ())), by_b.get(d, Gold(d, (), (), ()))) for d in docs]
    swapped = [(gb, ga) for ga, gb in pairs]
    b_vs_a = score([(ga, as_predicted(gb)) for ga, gb in pairs])
    a_vs_b = score([(gb, as_predicted(ga)) for gb, ga in swapped])
    kinds_a: Counter[str] = Counter(dict.fromkeys(KINDS, 0))
    kinds_b: Counter[str] = Counter(dict.fromkeys(KINDS, 0))
    types: Counter[tuple[str, str]] = Counter()
    for ga, gb in pairs:
        only_a, only_b = disagreements(ga, gb)
        kinds_a.update(k for _, k in only_a)
        kinds_b.update(k for _, k in only_b)
        types.update(
            (x["type"], y["type"])
            for x, y in align(ga.events, gb.events, typed=False)
            if not _fields(x, y)[2]
        )
    return Agreement(
        strict=_counts(pairs, typed=True),
        untyped=_counts(pairs, typed=False),
        b_vs_a=b_vs_a,
        a_vs_b=a_vs_b,
        claims_of_a=_claims(b_vs_a, pairs),
        claims_of_b=_claims(a_vs_b, swapped),
        kinds_a=dict(kinds_a),
        kinds_b=dict(kinds_b),
        types=dict(types),
    )
