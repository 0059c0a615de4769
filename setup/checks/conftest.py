"""Shared fixtures of the repository-wide checks (run by setup/test)."""

import os
from pathlib import Path
import sys

import pytest

ROOT = Path(os.environ.get("AFTERSALES_ROOT", Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(ROOT / "i18n"))


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def addon_dirs():
    return sorted(p.parent for p in ROOT.glob("*/__manifest__.py"))


@pytest.fixture(scope="session")
def test_db():
    name = os.environ.get("AFTERSALES_TEST_DB")
    if not name:
        pytest.fail("AFTERSALES_TEST_DB is not set: run the checks through setup/test")
    return name
