"""The `training/` commands' own command lines (what they measure is tested beside each model)."""
import runpy
import sys

import pytest

from training import datasets


@pytest.mark.parametrize("command", ["evaluate", "adaptation", "threat_cues", "hate_cues", "sentiment", "conspiracy",
                                     "span_experiments", "toxicity_severity", "conspiracy_experiments"])
def test_help_says_what_a_command_does_and_runs_nothing(command, monkeypatch, tmp_path, capsys):
    """QA: `python -m training.evaluate --help` ran the whole evaluation and rewrote reports/evaluation.md, and
    `python -m training.adaptation --help` ran for a minute and rewrote reports/adaptation.md."""
    monkeypatch.setattr(datasets, "DATA", tmp_path / "no-data")  # a command that ran anyway would fail on it
    monkeypatch.setattr(datasets, "REPORTS", tmp_path)  # and write nothing of the repository's
    monkeypatch.delitem(sys.modules, f"training.{command}", raising=False)  # run as `python -m` runs it
    for argv, code in ((["--help"], 0), (["--quick"], 2)):
        monkeypatch.setattr(sys, "argv", [command, *argv])
        with pytest.raises(SystemExit) as done:
            runpy.run_module(f"training.{command}", run_name="__main__")
        assert done.value.code == code
    out, err = capsys.readouterr()
    assert out.startswith("usage:") and "unrecognized arguments: --quick" in err
    assert not list(tmp_path.iterdir())
