"""Inline a matplotlib figure as SVG text, so reports fetch nothing from the network."""

from __future__ import annotations

import io
from typing import Any

from detente.plot import new_figure

__all__ = ["figure_svg", "new_figure"]


def figure_svg(fig: Any) -> str:
    """The figure as an ``<svg>`` element (no XML prolog), fonts as paths so it renders alike."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    return text[text.index("<svg") :]
