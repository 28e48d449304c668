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
                id=f"issue{k}",
                label=draw(_text) or f"issue{k}",
                low=lo,
                high=lo + width,
                low_label=draw(_text),
                high_label=draw(_text),
                status_quo=None if sq is None else min(lo + width, lo + sq * width),
                status_quo_rationale=draw(_text),
            )
        )
    ids = draw(st.lists(_ids, min_size=1, max_size=max_actors, unique=True))
    actors = []
    for ident in ids:
        stances = tuple(
            Stance(
                issue=i.id,
                position=min(i.high, i.low + draw(st.floats(0, 1)) * i.range),
                salience=draw(st.floats(0, 100)),
                position_rationale=draw(_text),
                salience_rationale=draw(_text),
            )
            for i in issues
        )
        cap = draw(st.floats(1e-3, 1e6, allow_nan=False))
        actors.append(
            Actor(
                id=ident,
                name=draw(_text) or ident,
                capability=cap,
                stances=stances,
                aliases=tuple(draw(st.lists(_text, max_size=2))),
                description=draw(_text),
            )
        )
    return Scenario(
        id=draw(_ids),
        title=draw(_text) or "t",
        actors=tuple(actors),
        issues=tuple(issues),
        notes=draw(_text),
    )


@st.composite
def negotiation_scenarios(draw: st.DrawFn, max_issues: int = 3) -> Scenario:
    """Two-party scenarios (A, B) on a 0–100 box with declared reservation values and discounts."""
    n = draw(st.integers(1, max_issues))
    unit = st.floats(0, 1, allow_nan=False)
    issues = tuple(
        Issue(id=f"i{k}", label=f"i{k}", status_quo=draw(st.none() | st.floats(0, 100)))
        for k in range(n)
    )
    actors = tuple(
        Actor(
            id=a,
            name=a,
            capability=1.0,
            stances=tuple(
                Stance(issue=i.id, position=100 * draw(unit), salience=draw(st.floats(1, 100)))
                for i in issues
            ),
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
    return Scenario(id="neg", title="neg", actors=actors, issues=issues, negotiation=setup)
