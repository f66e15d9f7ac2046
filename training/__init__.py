"""How the shipped models are trained and measured (not installed with the package).

    python -m training.train       # retrain every shipped model, rewrite the model cards
    python -m training.evaluate    # evaluate shipped models on every dev set -> reports/evaluation.md
    python -m training.splitter    # measure the splitter on ../shared/pages -> reports/splitter.md
"""
