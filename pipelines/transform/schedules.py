"""The nightly full build: the whole graph, dbt with --full-refresh, then a fresh publish.

During the day the inbox sensor keeps the lake and marts current incrementally; once a night
everything is rebuilt from the lake, so an incremental model can never drift for long.
"""

from __future__ import annotations

import dagster as dg

from pipelines.transform.assets import DBT_ASSETS_NAME

NIGHTLY_CRON = "0 3 * * *"
NIGHTLY_JOB_NAME = "nightly_full_build"


def build_nightly_schedule() -> dg.ScheduleDefinition:
    job = dg.define_asset_job(
        NIGHTLY_JOB_NAME,
        selection=dg.AssetSelection.all(),
        description="Ingest anything pending, dbt build --full-refresh, publish the served marts.",
    )
    return dg.ScheduleDefinition(
        name="nightly_build_schedule",
        job=job,
        cron_schedule=NIGHTLY_CRON,
        execution_timezone="UTC",
        run_config={"ops": {DBT_ASSETS_NAME: {"config": {"full_refresh": True}}}},
        default_status=dg.DefaultScheduleStatus.RUNNING,
        tags={"pokerlake/trigger": "nightly"},
    )
