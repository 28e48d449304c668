"""``detente ingest``: news text → dated events, claims, positions and a draft scenario."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from detente.cli.common import emit, fail, write_new_file

if TYPE_CHECKING:  # detente.extraction is imported inside the command: --help is quick
    from detente.extraction.types import Extraction

__all__ = ["register"]


def ingest(
    file: Annotated[Path, typer.Argument(help="The article as a plain-text file.")],
    date: Annotated[str, typer.Option("--date", help="Publication date, YYYY-MM-DD.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print everything as JSON.")] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            help="Write the draft scenario (.yaml/.yml), the full JSON (.json), "
            "or a page with the timeline of events and claims (.html)."
        ),
    ] = None,
    aliases: Annotated[
        Path | None, typer.Option(help="Your actor alias file (extends the bundled table).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
    issuer: Annotated[
        str | None,
        typer.Option(
            help="Who issued the text, for an official statement or press release that does "
            "not name its issuer: an actor code (USA) or a name in the actor table "
            "('the White House', 'United Nations'). 'I', 'we' and 'our' are then this actor. "
            "Default: the issuer the text's header names, if any. Not for wire stories."
        ),
    ] = None,
) -> None:
    """Extract dated PLOVER events, claims, positions and a draft scenario from an article."""
    from detente.extraction import draft_yaml
    from detente.extraction.run import ingest_file, summary_text, to_json

    writers = {".yaml": draft_yaml, ".yml": draft_yaml, ".json": to_json, ".html": _page}
    if out is not None and out.suffix.lower() not in writers:
        fail(f"{out}: use .yaml/.yml (draft scenario), .json (everything) or .html (timeline)")
    x = ingest_file(file, date, aliases, issuer)
    if out is not None:
        inputs = (file, aliases) if aliases else (file,)
        write_new_file(out, writers[out.suffix.lower()](x), overwrite=force, inputs=inputs)
        typer.echo(f"wrote {out}")
    emit(to_json(x)) if as_json else typer.echo(summary_text(x))


def _page(x: Extraction) -> str:
    from detente.reports.events import section
    from detente.reports.html import render_page

    return render_page(
        "Events and claims", f"article published {x.pub_date.isoformat()}", section(x)
    )


def register(app: typer.Typer) -> None:
    """Add the ``ingest`` command to ``app``."""
    app.command("ingest")(ingest)
