"""Dagster's own state per profile: SQLite under POKERLAKE_HOME locally, PostgreSQL in prod.

The prod test loads the real docker/dagster.yaml against the machine's PostgreSQL (a throwaway
database), so the file the compose image bakes in is known to configure a working instance.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.instance import DagsterInstance

from pipelines.instance import PROD_DAGSTER_YAML, ensure_dagster_home
from pokerlake.settings import get_settings


def test_local_instance_is_sqlite_under_pokerlake_home(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = get_settings()
    home = ensure_dagster_home(settings)
    assert home == isolated_home / "dagster"
    assert ensure_dagster_home(settings) == home  # idempotent
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with DagsterInstance.get() as instance:
        assert type(instance.run_storage).__name__ == "SqliteRunStorage"
        result = dg.materialize([dg.asset(name="probe")(lambda: 1)], instance=instance)
        assert result.success
        assert len(instance.get_runs()) == 1
    assert (home / "storage").is_dir()


def _local_postgres() -> bool:
    if not shutil.which("psql") or not shutil.which("pg_isready"):
        return False
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432"], capture_output=True).returncode == 0


def _psql(sql: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", sql],
                   check=True, capture_output=True, text=True)


@pytest.mark.skipif(not _local_postgres(), reason="no PostgreSQL on 127.0.0.1:5432")
def test_prod_dagster_yaml_runs_on_postgres(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = f"pl_test_dagster_{uuid.uuid4().hex[:8]}"
    _psql(f'CREATE DATABASE "{db}"')
    try:
        dagster_home = tmp_path / "dagster_home"
        dagster_home.mkdir()
        # The compose file mounts the data volume at /data; point those paths at tmp instead.
        text = PROD_DAGSTER_YAML.read_text().replace("/data/", f"{tmp_path}/data/")
        (dagster_home / "dagster.yaml").write_text(text)
        monkeypatch.setenv("DAGSTER_HOME", str(dagster_home))
        monkeypatch.setenv("POKERLAKE_DAGSTER_PG_URL", f"postgresql+psycopg2://postgres@127.0.0.1:5432/{db}")
        with DagsterInstance.get() as instance:
            assert type(instance.run_storage).__name__ == "PostgresRunStorage"
            assert type(instance.event_log_storage).__name__ == "PostgresEventLogStorage"
            assert type(instance.schedule_storage).__name__ == "PostgresScheduleStorage"
            assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
            result = dg.materialize([dg.asset(name="probe")(lambda: 1)], instance=instance)
            assert result.success
            assert len(instance.get_runs()) == 1
    finally:
        _psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def test_module_prints_the_dagster_home_for_launchers(isolated_home: Path) -> None:
    """`DAGSTER_HOME=$(python -m pipelines.instance) dagster dev -w workspace.yaml` (Makefile, shell)."""
    repo = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-m", "pipelines.instance"], cwd=repo, check=True, capture_output=True,
                         text=True, env={**os.environ, "POKERLAKE_HOME": str(isolated_home)}).stdout.strip()
    assert Path(out) == isolated_home / "dagster"
    assert (Path(out) / "dagster.yaml").is_file()
