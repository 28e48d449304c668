"""Does a learned type classifier help the rules?  spaCy's own text categorizer, measured.

Trains spaCy's ``textcat`` (exclusive classes, the bag-of-words architecture, CPU, seeded) on the
development data only: the PLOVER gold sentences of the development half (ids ending in an even
digit) and the sentences of the hand-annotated news events of the development part (odd text
numbers), each labelled with its 16-type class.  It is then scored on the held-out data:

* PLOVER held-out half, sentence type accuracy (acc-16): the classifier alone, and a hybrid that
  keeps the rules' type and uses the classifier only where no trigger fired;
* news held-out part, mention-level strict P/R/F1 when every event the rules found is re-typed
  by the classifier (all events, or only where the classifier is confident).

Nothing here is shipped: the numbers decide whether a trained component is worth shipping as
package data.  Run ``.venv/bin/python benchmarks/events_textcat.py [--epochs 20] [--seed 0]``.
Data: PLOVER gold standard records, Copyright 2016 Open Event Data Alliance, CC BY-SA 4.0
(read from ../shared/event-data/, not copied); news texts read from ../shared/event-data/news-dev.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from detente.extraction import extract
from detente.extraction.actors import load_aliases
from detente.extraction.coder import code_sentence
from detente.extraction.gsr import evaluate, load_gsr
from detente.extraction.lexicon import PLOVER_TYPES
from detente.extraction.mentions import doc_actors, new_mentions
from detente.extraction.newsset import load_gold, predict, score
from detente.extraction.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / ".." / "shared" / "event-data"
ANNOTATIONS = REPO / "tests" / "reference" / "news" / "annotations.jsonl"


def _news_examples(half: str) -> list[tuple[str, str]]:
    out = []
    for gold in load_gold(ANNOTATIONS, half):
        text = (DATA / "news-dev" / f"{gold.doc}.txt").read_text(encoding="utf-8")
        out += [(text[slice(*g["sentence"])], g["type"]) for g in gold.events]
    return out


def train(examples: list[tuple[str, str]], epochs: int, seed: int) -> Any:
    """A blank English pipeline with a bag-of-words ``textcat`` trained on ``examples``."""
    import spacy
    from spacy.training import Example

    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    cat = nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
            }
        },
    )
    for label in PLOVER_TYPES:
        cat.add_label(label)
    data = [
        Example.from_dict(nlp.make_doc(t), {"cats": {k: float(k == y) for k in PLOVER_TYPES}})
        for t, y in examples
    ]
    opt = nlp.initialize(lambda: data)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(data)
        for i in range(0, len(data), 16):
            nlp.update(data[i : i + 16], sgd=opt, drop=0.2)
    return nlp


def _label(nlp: Any, text: str) -> tuple[str, float]:
    cats = nlp(text).cats
    best = max(cats, key=cats.get)
    return best, float(cats[best])


def _fired(records: list[Any]) -> list[bool]:
    """Whether a rule trigger fired in each gold sentence (else the rules predict AGREE)."""
    table = load_aliases()
    pipe = load_pipeline(table)
    out = []
    for doc in pipe.pipe(r.text for r in records):
        actors = doc_actors(doc, 0, new_mentions(table))
        out.append(any(code_sentence(s, actors) for s in doc.sents))
    return out


def plover(nlp: Any) -> None:
    """acc-16 on the PLOVER held-out half: rules, classifier, hybrid."""
    records = load_gsr(DATA / "plover" / "PLOVER_GSR_CAMEO.json", "test")
    rules = evaluate(records)
    learned = [_label(nlp, r.text)[0] for r in records]
    fired = _fired(records)
    hybrid = [
        pred if hit else lab
        for (_, pred), lab, hit in zip(rules.pairs, learned, fired, strict=True)
    ]
    n = len(records)
    gold = [g for g, _ in rules.pairs]
    print(
        f"PLOVER held-out acc-16: rules {rules.acc:.3f}; "
        f"textcat {sum(g == p for g, p in zip(gold, learned, strict=True)) / n:.3f}; "
        f"rules, textcat where no trigger fired "
        f"{sum(g == p for g, p in zip(gold, hybrid, strict=True)) / n:.3f}"
    )


def news(nlp: Any, threshold: float) -> None:
    """Mention-level strict F1 on the news held-out part with events re-typed by ``nlp``."""
    pairs, retyped = [], []
    for gold in load_gold(ANNOTATIONS, "test"):
        raw = (DATA / "news-dev" / f"{gold.doc}.txt").read_text(encoding="utf-8")
        meta = json.loads((DATA / "news-dev" / f"{gold.doc}.meta.json").read_text("utf-8"))
        pub = dt.date.fromisoformat(meta["pub_date"])
        x = extract(raw, pub)
        pred = predict(gold.doc, raw, pub, lambda *_a, x=x: x)
        events = []
        for e, p in zip(x.events, pred.events, strict=True):
            lab, conf = _label(nlp, e.text)
            events.append((*p[:3], lab if conf >= threshold else p[3], p[4]))
        pairs.append((gold, pred))
        retyped.append((gold, dataclasses.replace(pred, events=tuple(events))))
    base, new = score(pairs), score(retyped)
    print(
        f"news held-out strict P/R/F1: rules {base.strict[0]:.3f} {base.strict[1]:.3f} "
        f"{base.strict[2]:.3f}; re-typed where textcat >= {threshold:.2f}: "
        f"{new.strict[0]:.3f} {new.strict[1]:.3f} {new.strict[2]:.3f}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    records = load_gsr(DATA / "plover" / "PLOVER_GSR_CAMEO.json", "dev")
    examples = [(r.text, r.label) for r in records] + _news_examples("dev")
    print(f"training on {len(examples)} development sentences, {args.epochs} epochs")
    nlp = train(examples, args.epochs, args.seed)
    plover(nlp)
    for threshold in (0.0, 0.5, 0.8):
        news(nlp, threshold)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
