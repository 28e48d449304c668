"""KTAB's SMP scenario files, CSV and XML [Efird2016; KTAB], read into the native document.

Layouts [KTABDoc]: the CSV has a title line ``name,description,nActors,nDims``, a
header ``Actor,Description,<power>,<dim 1>,<sal 1>,...`` naming the dimensions, then one row per
actor ``name,description,capability,pos_1,sal_1,...``; trailing commas are optional.  The XML has
``<name> <desc> <prngSeed> [<ModelParameters>] <Dimensions> <Actors> [<IdealAdjustment>]``.
Positions and saliences are on KTAB's 0–100 scale.

KTAB-only data go to ``extra["ktab"]``: ``model_parameters`` ({element: text}),
``ideal_adjustment`` ([{adjusting, reference, adjust}]), ``prng_seed``, and ``fixups``.

Fix-up (documented in ``docs/reference/scenario-format.md``): KTAB's reader requires an
``<IdealAdjustment>`` element although its schema makes it optional, so the shipped
``dummyData_3Dim.xml`` fails in KTAB; detente reads a missing element as the identity
accommodation matrix (KTAB's own starting value) and records that in ``fixups``.  An empty
``<dCoord>`` (as in the shipped ``smpExample.xml``) is an error that names the element and line.
"""

from __future__ import annotations

import math
from pathlib import Path as FsPath
from typing import Any

from detente.errors import InputError, Problem
from detente.io.located import FieldPath, Located
from detente.io.table import csv_rows
from detente.io.xmltree import Element, parse_xml

__all__ = ["parse_ktab_csv", "parse_ktab_xml"]

_MISSING_IA = (
    "no <IdealAdjustment> element: identity accommodation assumed "
    "(KTAB's reader would reject the file)"
)


def _row(line: list[str]) -> list[str]:
    cells = [c.strip().strip('"').strip() for c in line]
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def _scenario(
    name: str, file: str, dims: list[str], actors: list[dict[str, Any]], ktab: dict[str, Any]
) -> dict[str, Any]:
    ident = name or FsPath(file).stem
    return {
        "id": ident,
        "title": ident,
        "description": ktab.get("description", ""),
        "issues": [{"id": d, "label": d} for d in dims],
        "actors": actors,
        "extra": {"ktab": ktab},
    }


def parse_ktab_csv(text: str, file: str) -> Located:
    """Read a KTAB SMP CSV file."""
    rows = [_row(r) for r in csv_rows(text, file)]
    if len(rows) < 2 or len(rows[0]) < 4:
        raise InputError(
            [Problem(file, "line 1", "expected KTAB's title line name,description,nActors,nDims")]
        )
    name, desc, n_act, n_dim = rows[0][:4]
    header = rows[1]
    dims = header[3::2]
    problems = []
    if not n_dim.isdigit() or int(n_dim) != len(dims):
        problems.append(
            Problem(
                file, "line 1", f"declares {n_dim!r} dimensions but the header names {len(dims)}"
            )
        )
    lines: dict[FieldPath, int] = {}
    labels: dict[FieldPath, str] = {}
    actors: list[dict[str, Any]] = []
    for n, cells in enumerate(rows[2:], start=3):
        if not cells:
            continue
        if len(cells) != 3 + 2 * len(dims):
            problems.append(
                Problem(file, f"line {n}", f"expected {3 + 2 * len(dims)} cells, got {len(cells)}")
            )
            continue
        i = len(actors)
        positions = {
            d: {"position": cells[3 + 2 * k], "salience": cells[4 + 2 * k]}
            for k, d in enumerate(dims)
        }
        actors.append(
            {
                "id": cells[0],
                "name": cells[0],
                "description": cells[1],
                "capability": cells[2],
                "positions": positions,
            }
        )
        lines[("actors", i)] = n
        for path in [("actors", i, "id"), ("actors", i, "capability")] + [
            ("actors", i, "positions", d) for d in dims
        ]:
            lines[path] = n
    if n_act.isdigit() and int(n_act) != len(actors) and not problems:
        problems.append(
            Problem(file, "line 1", f"declares {n_act} actors but {len(actors)} rows follow")
        )
    if problems:
        raise InputError(problems)
    data = _scenario(
        name,
        file,
        dims,
        actors,
        {"description": desc, "model_parameters": {}, "ideal_adjustment": [], "fixups": []},
    )
    return Located(data, file, lines, labels)


def _text(el: Element | None) -> str:
    return el.text if el is not None else ""


def _xml_actor(
    el: Element, i: int, dims: list[str], lines: dict[FieldPath, int], labels: dict[FieldPath, str]
) -> dict[str, Any]:
    name = _text(el.find("name"))
    coords = (el.find("Position") or Element("Position", el.line)).findall("dCoord")
    sals = (el.find("Salience") or Element("Salience", el.line)).findall("dSal")
    positions: dict[str, dict[str, str]] = {}
    for k, d in enumerate(dims):
        stance = {}
        for key, tag, items in (("position", "dCoord", coords), ("salience", "dSal", sals)):
            path = ("actors", i, "positions", d, key)
            if k < len(items):
                stance[key] = items[k].text
                lines[path] = items[k].line
            labels[path] = f"actor {name} <{tag}> #{k + 1}"
        positions[d] = stance
    lines[("actors", i)] = el.line
    cap = el.find("capability")
    lines[("actors", i, "capability")] = cap.line if cap is not None else el.line
    return {
        "id": name,
        "name": name,
        "description": _text(el.find("description")),
        "capability": _text(cap) if cap is not None else None,
        "positions": positions,
    }


def _ia_pair(el: Element, file: str, names: set[str]) -> dict[str, Any]:
    for tag in ("adjustingIdeal", "referencePos"):
        who = _text(el.find(tag))
        if who not in names:
            msg = f"<iaPair> <{tag}> names {who!r}, which is not an actor of this scenario"
            raise InputError([Problem(file, f"line {el.line}", msg)])
    text = _text(el.find("adjust"))
    try:
        adjust = float(text)
    except ValueError:
        adjust = float("nan")
    if not math.isfinite(adjust):
        raise InputError(
            [
                Problem(
                    file,
                    f"line {el.line}",
                    f"<iaPair> <adjust> must be a finite number, got {text!r}",
                )
            ]
        )
    return {
        "adjusting": _text(el.find("adjustingIdeal")),
        "reference": _text(el.find("referencePos")),
        "adjust": adjust,
    }


def parse_ktab_xml(text: str, file: str) -> Located:
    """Read a KTAB SMP XML file."""
    root = parse_xml(text, file)
    if root.tag != "Scenario":
        raise InputError(
            [
                Problem(
                    file,
                    f"line {root.line}",
                    f"expected a <Scenario> root element, got <{root.tag}>",
                )
            ]
        )
    dims_el = root.find("Dimensions")
    actors_el = root.find("Actors")
    missing = [t for t, e in (("Dimensions", dims_el), ("Actors", actors_el)) if e is None]
    if missing:
        raise InputError(
            [
                Problem(file, f"line {root.line}", f"<Scenario> has no <{m}> element")
                for m in missing
            ]
        )
    assert dims_el is not None and actors_el is not None
    dims = [d.text for d in dims_el.findall("dName")]
    lines: dict[FieldPath, int] = {}
    labels: dict[FieldPath, str] = {}
    actors = [
        _xml_actor(a, i, dims, lines, labels) for i, a in enumerate(actors_el.findall("Actor"))
    ]
    params = root.find("ModelParameters")
    ia = root.find("IdealAdjustment")
    ktab: dict[str, Any] = {
        "description": _text(root.find("desc")),
        "prng_seed": _text(root.find("prngSeed")),
        "model_parameters": {c.tag: c.text for c in params.children} if params is not None else {},
        "ideal_adjustment": [
            _ia_pair(p, file, {a["id"] for a in actors})
            for p in (ia.findall("iaPair") if ia is not None else [])
        ],
        "fixups": [] if ia is not None else [_MISSING_IA],
    }
    return Located(
        _scenario(_text(root.find("name")), file, dims, actors, ktab), file, lines, labels
    )
