"""The report in two steps (run, then render), and progress for long runs."""

from __future__ import annotations

import pytest

import detente
from detente.cli.progress import Bar, progress_bar
from detente.reports import html as report_html
from detente.reports.run import ReportData, SweepRequest, run_report

pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def korea() -> detente.Scenario:
    return detente.load_scenario("korea-2019-12")


class Recorder:
    """A Progress that remembers what it was told."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []
        self.stages: list[str] = []

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))

    def stage(self, label: str) -> None:
        self.stages.append(label)


def test_run_then_render(korea: detente.Scenario) -> None:
    progress = Recorder()
    data = run_report(
        korea,
        ["median", "bdm", "smp"],
        seed=1,
        negotiations=[{"USA": "boulware", "PRK": "stall-and-water-down"}],
        sweeps=[SweepRequest("deadline_provocation", "months_to_election", (1.0, 6.0))],
        uncertainty=False,
        outlook_draws=0,
        progress=progress,
    )
    assert [r.model for r in data.results] == ["median", "bdm", "smp"]
    assert len(data.negotiations) == 1 and len(data.sweeps) == 1
    assert progress.stages == ["median", "bdm", "smp", "game sweeps"]
    smp_turns = data.results[2].extra["turns"]
    assert progress.calls[-smp_turns:] == [(t, 100) for t in range(1, smp_turns + 1)]
    text = report_html.render_report(data)
    assert text.count("<h2>bdm</h2>") == 1 and text.count("<h2>smp</h2>") == 1
    assert "Crisis game deadline_provocation" in text and "<b>Preset:</b>" in text


def test_render_runs_nothing_and_sections_are_a_list(
    korea: detente.Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = detente.run(korea, "mean")
    data = ReportData(scenario=korea, results=(result,))

    def extra_section(d: ReportData) -> str:
        return f"<section id='extra'>{len(d.results)} result</section>"

    monkeypatch.setattr(report_html, "SECTIONS", (*report_html.SECTIONS, extra_section))
    monkeypatch.setattr(detente.api, "run", lambda *a, **k: pytest.fail("render ran a model"))
    text = report_html.render_report(data)
    assert "<section id='extra'>1 result</section>" in text
    assert text.index("id='extra'") < text.index('id="scenario"')


def test_an_unknown_model_is_refused_before_running(korea: detente.Scenario) -> None:
    with pytest.raises(detente.api.UnknownNameError, match="no model nope"):
        run_report(korea, ["mean", "nope"])


def test_the_smp_run_reports_each_turn(korea: detente.Scenario) -> None:
    calls: list[tuple[int, int]] = []
    result = detente.run(korea, "smp", {"max_turns": 3}, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(t, 3) for t in range(1, len(result.rounds))]
    detente.run(korea, "median", progress=lambda d, t: pytest.fail("median has no progress"))


def test_the_bar_draws_nothing_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with progress_bar("work") as bar:
        assert isinstance(bar, Bar)
        bar.stage("stage two")
        for k in range(3):
            bar(k + 1, 3)
    assert not bar.shown and capsys.readouterr() == ("", "")
