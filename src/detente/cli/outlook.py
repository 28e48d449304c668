"""``detente outlook``: probability of agreement by a date, with its components."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from detente.cli import located
from detente.cli.common import (
    Out,
    check_new_file,
    check_seed,
    emit,
    fail,
    progress_bar,
    write_new_file,
)
from detente.cli.saving import SaveOpt, StoreOpt, Timer, check_store, save_if_asked

if TYPE_CHECKING:  # detente.deal_outlook is imported inside the command: --help is quick
    from detente.deal_outlook import Outlook

__all__ = ["register"]

_out = Out(highlight=False)


def _print(o: Outlook) -> None:
    _out.print(o.sentence())
    intervals: dict[str, list[str]] = {}  # each interval's method, and the components it serves
    for key in ("p_deal", "p_zone", "p_agreement", "p_provocation", "p_containment"):
        e = getattr(o, key)
        if e is not None:
            _out.print(f"  {key:14s} {e.value:6.1%}  [{e.low:.1%}, {e.high:.1%}]  {e.method}")
            intervals.setdefault(e.interval, []).append(key)
    p = o.provenance
    _out.print(f"seed {p.seed}; {o.p_deal.n} draws; intervals:")
    for method, keys in intervals.items():
        _out.print(f"  {', '.join(keys)}: {method}")
    _out.print(f"scenario sha256: {p.scenario_sha256[:12]}…  detente {p.version}")


def _check_by(source: str, by: dt.date | None, as_of: dt.date | None) -> None:
    """``--by`` before the scenario's as_of: one line naming the file, the line and the field."""
    if by is None or as_of is None or by >= as_of:
        return
    from detente.bundled import bundled_path

    path = Path(source) if Path(source).exists() else bundled_path(source)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next((i + 1 for i, t in enumerate(lines) if t.lstrip(' "').startswith("as_of")), None)
    where = f"line {line} (as_of)" if line else "as_of"
    fail(f"--by {by}: before the scenario's as_of date {as_of} ({path}: {where})")


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"--by {text!r}: expected a date YYYY-MM-DD")


def _pool(text: str | None) -> dict[str, tuple[str, ...]]:
    """``--strategies`` as the outlook's keyword (none: its default pool), checked before work."""
    from detente.deal_outlook import check_pool
    from detente.params import ParamError

    if text is None:
        return {}
    pool = tuple(x.strip() for x in text.split(",") if x.strip())
    if not pool:
        fail(f"--strategies {text!r}: give one or more strategy names, comma-separated")
    try:
        check_pool(pool)
    except ParamError as exc:
        fail(f"--strategies {exc.value!r}: {exc.detail()}")
    return {"strategies": pool}


def outlook_command(
    scenario: Annotated[str, typer.Argument(help="Scenario file or bundled scenario name.")],
    by: Annotated[
        str | None,
        typer.Option(help="Date YYYY-MM-DD (default: the first deadline after the as_of date)."),
    ] = None,
    draws: Annotated[int, typer.Option(help="Draws of the uncertain inputs.")] = 1000,
    seed: Annotated[
        int | None, typer.Option(help="Seed (a fresh one is recorded if absent).")
    ] = None,
    jobs: Annotated[int, typer.Option(help="Parallel processes for the win-set draws.")] = 1,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler: local:N or tcp://host:8786.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON result.")] = False,
    out: Annotated[Path | None, typer.Option(help="Write an HTML page FILE.html.")] = None,
    strategies: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated strategies each party's is drawn from, uniformly (default: "
            "boulware, linear, conceder, tit-for-tat, hardliner, stall-and-water-down)."
        ),
    ] = None,
    save: SaveOpt = None,
    store: StoreOpt = None,
) -> None:
    """How likely is any agreement by a date: zone of agreement, negotiation, crisis game.

    Each probability is shown with its method and 90% interval; the headline counts the draws
    in which the negotiators agree by the date and the deal passes the decision rule.
    """
    check_store(save, store)  # before the work: a bad --store is an error now
    from detente.deal_outlook import outlook

    if out is not None:
        if out.suffix.lower() not in (".html", ".htm"):
            fail(f"{out}: --out writes an HTML page; give a FILE.html")
        check_new_file(out)
    if jobs < 1 and jobs != -1:
        fail(f"--jobs {jobs}: give a number of processes ≥ 1 (or -1 for all cores)")
    pool = _pool(strategies)
    timer, (s, when) = Timer(), (located.load_scenario(scenario), _date(by))
    _check_by(scenario, when, s.as_of)
    with progress_bar("outlook") as tick:
        o = outlook(
            s,
            by=when,
            draws=draws,
            seed=check_seed(seed),
            jobs=jobs,
            scheduler=scheduler,
            progress=tick,
            **pool,
        )
    data = json.loads(o.to_json())
    save_if_asked("outlook", data, s, save=save, store=store, timer=timer)
    if out is not None:
        from detente.reports.html import render_page
        from detente.reports.outlook import section

        prov = o.provenance  # the section heads with the headline: the subtitle says how
        how = f"scenario {s.id}, {prov.params['draws']:,} draws, seed {prov.seed}"
        write_new_file(out, render_page(f"Outlook: {s.title}", how, section(o)))
        _out.print(f"wrote {out}")
    elif as_json:
        emit(o.to_json())
    else:
        _print(o)


def register(app: typer.Typer) -> None:
    """Add ``outlook`` to ``app``."""
    app.command("outlook")(outlook_command)
