"""Test isolation shared by every layer.

Every test runs against its own data directory (POKERLAKE_HOME under tmp) with the local
profile, so no test touches the repo's `.pokerlake/` or another test's lake. Real data is
read from ../shared (never copied into the project).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pokerlake.settings import get_settings

REPO = Path(__file__).resolve().parents[1]
REAL_DATA = REPO.parent / "shared" / "data" / "real"
FPDB = REAL_DATA / "fpdb-3" / "regression-test-files"

_PROFILE_VARS = ("POKERLAKE_PROFILE", "POKERLAKE_CATALOG_URI", "POKERLAKE_WAREHOUSE", "POKERLAKE_S3_BUCKET",
                 "POKERLAKE_S3_ENDPOINT", "POKERLAKE_S3_ACCESS_KEY", "POKERLAKE_S3_SECRET_KEY",
                 "POKERLAKE_S3_REGION", "POKERLAKE_DAGSTER_PG_URL", "MLFLOW_TRACKING_URI")


def pytest_configure(config: pytest.Config) -> None:
    """Module- and session-scoped fixtures run before the autouse one: give them a temp home too."""
    import os
    import tempfile

    os.environ["POKERLAKE_HOME"] = tempfile.mkdtemp(prefix="pokerlake_session_")
    for var in _PROFILE_VARS:
        os.environ.pop(var, None)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh local-profile data directory for each test."""
    home = tmp_path_factory.mktemp("pokerlake_home")
    monkeypatch.setenv("POKERLAKE_HOME", str(home))
    for var in _PROFILE_VARS:
        monkeypatch.delenv(var, raising=False)
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()


@pytest.fixture
def real_data() -> Path:
    if not REAL_DATA.is_dir():
        pytest.fail(f"real data not found at {REAL_DATA} (expected ../shared/data/real beside the repo)")
    return REAL_DATA
