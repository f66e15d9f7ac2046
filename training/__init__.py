"""How the shipped models are trained and measured (not installed with the package).

    python -m training.train       # retrain every shipped model, rewrite the model cards
    python -m training.evaluate    # evaluate shipped models on every dev set -> reports/evaluation.md
    python -m training.splitter    # measure the splitter on ../shared/pages -> reports/splitter.md
"""

import argparse


def no_options(doc: str | None, argv: list[str] | None = None) -> None:
    """The command line of a command that takes no options: `--help` prints what it does (`doc`, its
    module's docstring) and anything else is an error. Without it, `--help` or a mistyped option ran the
    whole command, minutes of it, and rewrote its report."""
    argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args(argv)
