"""Hypothesis generators of scenarios ("strategies" is a domain word here, hence the name)."""

from __future__ import annotations

from hypothesis import strategies as st

from detente.scenario import Actor, Issue, NegotiationSetup, PartyValue, Scenario, Stance

_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)
_ids = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-",
    min_size=1,
    max_size=8,
)


@st.composite
def scenarios(draw: st.DrawFn, max_actors: int = 8, max_issues: int = 3) -> Scenario:
    """Valid scenarios with random scales, status quo, positions, saliences and rationales."""
    n_issues = draw(st.integers(1, max_issues))
    issues = []
    for k in range(n_issues):
        lo = draw(st.floats(-1000, 1000, allow_nan=False))
        width = draw(st.floats(0.5, 1000, allow_nan=False))
        sq = draw(st.none() | st.floats(0, 1))
        issues.append(
            Issue(
                f"issue{k}",
                draw(_text) or f"issue{k}",
                lo,
                lo + width,
                draw(_text),
                draw(_text),
                None if sq is None else min(lo + width, lo + sq * width),
                draw(_text),
            )
        )
    ids = draw(st.lists(_ids, min_size=1, max_size=max_actors, unique=True))
    actors = []
    for ident in ids:
        stances = tuple(
            Stance(
                i.id,
                min(i.high, i.low + draw(st.floats(0, 1)) * i.range),
                draw(st.floats(0, 100)),
                draw(_text),
                draw(_text),
            )
            for i in issues
        )
        cap = draw(st.floats(1e-3, 1e6, allow_nan=False))
        actors.append(
            Actor(
                ident,
                draw(_text) or ident,
                cap,
                stances,
                tuple(draw(st.lists(_text, max_size=2))),
                draw(_text),
            )
        )
    return Scenario(draw(_ids), draw(_text) or "t", tuple(actors), tuple(issues), notes=draw(_text))


@st.composite
def negotiation_scenarios(draw: st.DrawFn, max_issues: int = 3) -> Scenario:
    """Two-party scenarios (A, B) on a 0–100 box with declared reservation values and discounts."""
    n = draw(st.integers(1, max_issues))
    unit = st.floats(0, 1, allow_nan=False)
    issues = tuple(
        Issue(f"i{k}", f"i{k}", status_quo=draw(st.none() | st.floats(0, 100))) for k in range(n)
    )
    actors = tuple(
        Actor(
            a,
            a,
            1.0,
            tuple(Stance(i.id, 100 * draw(unit), draw(st.floats(1, 100))) for i in issues),
        )
        for a in ("A", "B")
    )
    rv = {a: draw(st.none() | st.floats(0, 0.9)) for a in ("A", "B")}
    delta = {a: draw(st.sampled_from([1.0, 0.99, 0.95, 0.9, 0.8])) for a in ("A", "B")}
    setup = NegotiationSetup(
        parties=("A", "B"),
        reservation=tuple(PartyValue(a, v) for a, v in rv.items() if v is not None),
        discount=tuple(PartyValue(a, v) for a, v in delta.items()),
    )
    return Scenario("neg", "neg", actors, issues, negotiation=setup)
