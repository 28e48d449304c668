"""Reading and cleaning article text before parsing (pipeline stage 0).

Cleaning removes web furniture (photo credits, "Leave a comment", share widgets), normalises
quotes and spaces and joins "test-fire(d)" into one word; character offsets in every extraction
record refer to the cleaned text.  Bytes that are not UTF-8 are decoded leniently and reported as
a warning; text that is binary or not English is refused with a one-line message
(``docs/explanation/extraction.md``).
"""

from __future__ import annotations

import re
from pathlib import Path

from detente.errors import InputError, Problem
from detente.extraction.lexicon import words

__all__ = ["MAX_BYTES", "clean", "decode", "headline_case", "looks_english", "read_article"]

MAX_BYTES = 20_000_000
"""Refuse files above 20 MB: an article is far smaller, and parsing would take many minutes."""

_BOILERPLATE = re.compile(
    r"^\s*(?:photo|image|picture|file photo)\s*:.*$"
    r"|^\s*(?:leave a comment|share (?:this|on \w+)|click to share.*|read more.*|advertisement"
    r"|subscribe.*|sign up for.*|follow us.*)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_INLINE_CREDIT = re.compile(r"\s*\b(?:Photo|Image)\s*:\s*[A-Z][\w./ -]*$", re.MULTILINE)
_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‘": "'",
        "’": "'",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\ufeff": "",
    }
)
_TEST_FIRE = re.compile(r"\b([Tt]est)-(fir|launch)")
"""'test-fired' → 'testfired': the small English model parses the hyphenated verb as an ADJ."""
_STOPWORDS = words(
    "the of and to in is that for on with as was by it at from his has have are be this "
    "not but its an which were said will their been would or who they more had after than"
)
_FOREIGN = words(
    "le la les des du que et est une dans pour pas sur aux el los las del y por con una es der "
    "das und ist nicht mit den zu von ein eine il di che non per della sono"
)


def decode(data: bytes, file: str) -> tuple[str, list[str]]:
    """Bytes → text; invalid UTF-8 is replaced and reported as a warning, binary is refused."""
    if b"\x00" in data[:4096]:
        raise InputError([Problem(file, "", "looks like a binary file, not plain text")])
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        warnings.append(
            f"{file}: not valid UTF-8 (first bad byte at offset {exc.start}); "
            f"{bad} undecodable byte sequence(s) were replaced"
        )
    return text, warnings


def read_article(path: Path | str) -> tuple[str, list[str]]:
    """Read a plain-text article; problems a user can fix raise :class:`InputError`."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise InputError([Problem(str(p), "", "is not a file")])
        if size > MAX_BYTES:
            raise InputError(
                [Problem(str(p), "", f"is {size:,} bytes; the limit is {MAX_BYTES:,}")]
            )
        data = p.read_bytes()
    except OSError as exc:
        raise InputError([Problem(str(p), "", f"cannot read ({exc.strerror or exc})")]) from None
    return decode(data, str(p))


_WRAPPED = re.compile(r"(\S) ?\n ?(?=[a-z])")
"""A line break inside a sentence of hard-wrapped text: the next line goes on in lower case (no
sentence, headline or paragraph starts so), so the break is a space ("…to fill the reservoir /
before a binding agreement is signed"); without it the pre-filter cut the sentence in two."""


def clean(text: str) -> str:
    """Strip web furniture, normalise quotes and spaces; join wrapped lines; keep paragraphs."""
    text = text.translate(_QUOTES).replace("\r\n", "\n").replace("\r", "\n")
    text = _BOILERPLATE.sub("", text)
    text = _INLINE_CREDIT.sub("", text)
    text = re.sub(r"[ \t]+", " ", text)
    text = _TEST_FIRE.sub(r"\1\2", text)
    text = _WRAPPED.sub(r"\1 ", text)
    return re.sub(r"\n\s*\n\s*(?:\n\s*)+", "\n\n", text).strip()


def looks_english(text: str, sample: int = 20_000) -> bool:
    """Whether common English function words make up a plausible share of the words."""
    tokens = re.findall(r"[^\W\d_]+", text[:sample].lower())
    if not tokens:
        return False
    hits = sum(w in _STOPWORDS for w in tokens)
    foreign = sum(w in _FOREIGN for w in tokens)
    if foreign > hits:
        return False
    return hits / len(tokens) >= 0.12 or (len(tokens) < 40 and hits > 0)


_CAPITALISED = re.compile(r"\b[A-Z][a-z'’-]+\b")
_SMALL = words("a an and as at by for from in of on or the to with vs")


def headline_case(text: str, names: re.Pattern[str]) -> str:
    """A title-case headline in sentence case, so that the tagger reads its verbs as verbs.

    A paragraph counts as a title-case headline when it does not end in a full stop and most
    of its longer words are capitalised ("Security Council Adopts Resolution Extending
    Sanctions").  Every capitalised word except the first and the actor names found by
    ``names`` is lower-cased; the length, and so every offset, is unchanged.
    """
    stripped = text.rstrip()
    long_words = [
        w for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", stripped) if w.lower() not in _SMALL
    ]
    capitals = sum(w[0].isupper() for w in long_words)
    if stripped.endswith((".", "?", "!", ":")) or len(long_words) < 3 or "\n" in stripped:
        return text
    if capitals < 0.75 * len(long_words):
        return text
    keep = [m.span() for m in names.finditer(text)]
    out = list(text)
    for m in _CAPITALISED.finditer(text):
        inside = any(a <= m.start() < b for a, b in keep)
        if m.start() > 0 and not inside:
            out[m.start()] = text[m.start()].lower()
    return "".join(out)
