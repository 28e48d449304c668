"""The ``detente`` application: every command registered on one typer app (see :mod:`detente.cli`).

Typer and rich are imported only in this package.  Each command parses its options, calls the
API and prints; errors a user can fix (:class:`detente.errors.DetenteError`) become one line per
problem on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
from typing import NoReturn

import typer

from detente import __version__
from detente.cli import backtest as backtest_cli
from detente.cli import core, located
from detente.cli import games as games_cli
from detente.cli import ingest as ingest_cli
from detente.cli import negotiate as negotiate_cli
from detente.cli import outlook as outlook_cli
from detente.cli import runs as runs_cli
from detente.cli import sensitivity as sensitivity_cli
from detente.cli import serve as serve_cli
from detente.cli import sweep as sweep_cli
from detente.cli.common import fail
from detente.cli.params import setting_error_line
from detente.cli.saving import remember_command
from detente.errors import DetenteError, ModelInputError, SettingError

__all__ = ["app", "main"]

app = typer.Typer(
    name="detente",
    help="Model, simulate and forecast multi-actor negotiations and crises.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"detente {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        help="Print the version and exit.",
        callback=_print_version,
        is_eager=True,
    ),
) -> None:
    """Model, simulate and forecast multi-actor negotiations and crises."""


core.register(app)
backtest_cli.register(app)
games_cli.register(app)
ingest_cli.register(app)
negotiate_cli.register(app)
outlook_cli.register(app)
runs_cli.register(app)
sensitivity_cli.register(app)
serve_cli.register(app)
sweep_cli.register(app)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    remember_command(argv)
    located.forget()
    try:
        code = app(args=argv, prog_name="detente", standalone_mode=False)
    except typer.TyperException as exc:  # click's errors (bad option, missing argument, ...)
        _option_error(exc, argv)
    except ModelInputError as exc:  # the scenario lacks what the model needs: name its file
        fail(located.line(exc) or setting_error_line(exc))
    except SettingError as exc:  # a library setting: named by the flag that sets it
        fail(setting_error_line(exc))
    except DetenteError as exc:
        fail(exc)
    except (KeyboardInterrupt, typer.Abort):  # typer turns Ctrl-C into Abort
        sys.stderr.write("detente: interrupted\n")
        raise SystemExit(130) from None
    raise SystemExit(code if isinstance(code, int) else 0)  # as click's standalone mode does


def _option_error(exc: Exception, argv: list[str] | None) -> NoReturn:
    """A command-line usage error as one ``error:`` line (no args at all: the help, as before)."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        app(args=argv, prog_name="detente", standalone_mode=True)
        raise SystemExit(2)
    message = getattr(exc, "format_message", lambda: str(exc))()
    sys.stderr.write(f"error: {message}\n")
    raise SystemExit(getattr(exc, "exit_code", 2))
