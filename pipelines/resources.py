"""Dagster resources for each profile, in one mapping.

The profile (`POKERLAKE_PROFILE`, read by pokerlake.settings) is the one switch: it picks the
dbt target (profiles.yml has `local` and `prod` outputs over the same variables) and the rest
follows from `Settings` (catalog, warehouse, S3 keys are derived there, not here).
Instance storage (SQLite locally, PostgreSQL in prod) is not a resource: see pipelines/instance.py.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dagster_dbt import DbtCliResource
from dagster_dlt import DagsterDltResource

from pipelines.transform.assets import DBT_PROJECT_DIR
from pokerlake.settings import Settings


def dbt_executable() -> str:
    """dbt beside this interpreter (the venv need not be on PATH, e.g. `.venv/bin/dagster dev`)."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else "dbt"


def _dbt(target: str) -> DbtCliResource:
    return DbtCliResource(project_dir=str(DBT_PROJECT_DIR), profiles_dir=str(DBT_PROJECT_DIR), target=target,
                          dbt_executable=dbt_executable())


RESOURCES_BY_PROFILE: dict[str, Callable[[Settings], dict[str, Any]]] = {
    # Embedded: local warehouse folder + SQLite catalog; dbt's `local` output.
    "local": lambda settings: {"dlt": DagsterDltResource(), "dbt": _dbt("local")},
    # MinIO/S3 + PostgreSQL catalog; dbt's `prod` output (adds httpfs and the S3 secret).
    "prod": lambda settings: {"dlt": DagsterDltResource(), "dbt": _dbt("prod")},
}


def resources_for(settings: Settings) -> dict[str, Any]:
    """The resources of `settings.profile`."""
    return RESOURCES_BY_PROFILE[settings.profile](settings)
