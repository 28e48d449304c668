"""Inline a matplotlib figure as SVG text, so reports fetch nothing from the network."""

from __future__ import annotations

import io
from typing import Any

__all__ = ["figure_svg", "new_figure"]


def new_figure(width: float = 7.0, height: float = 3.0) -> tuple[Any, Any]:
    """A (figure, axes) pair on the Agg backend, without touching pyplot's global state."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def figure_svg(fig: Any) -> str:
    """The figure as an ``<svg>`` element (no XML prolog), fonts as paths so it renders alike."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    return text[text.index("<svg") :]
