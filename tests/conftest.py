import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COMMENTS_SHARED", REPO.parent / "shared"))
EXAMPLES = REPO / "examples"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not found: tests on the shared labelled data need ../shared beside the repo")
    return path


@pytest.fixture
def shared_data() -> Path:
    return _need(SHARED / "data")


@pytest.fixture
def shared_pages() -> Path:
    return _need(SHARED / "pages")


@pytest.fixture
def shared_seeds() -> Path:
    return _need(SHARED / "seeds")
