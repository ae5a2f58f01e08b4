"""The code location: assembles the domains into one Definitions object, nothing more.

Loaded lazily (`@dg.definitions`), so importing this module reads no settings and touches no
files; `build_definitions(settings)` is the same assembly for tests and other entry points.
"""

from __future__ import annotations

import dagster as dg

from pipelines.ingest.assets import build_raw_assets
from pipelines.ingest.sensors import build_inbox_sensor, build_ingest_job
from pipelines.resources import resources_for
from pipelines.transform.assets import (
    build_dbt_assets,
    build_served_marts_asset,
    build_served_marts_check,
    dbt_project,
)
from pipelines.transform.schedules import build_nightly_schedule
from pokerlake.settings import Settings, get_settings


def build_definitions(settings: Settings) -> dg.Definitions:
    """Every asset, check, job, sensor, schedule and resource of pokerlake for `settings`."""
    settings.ensure_dirs()
    raw = build_raw_assets(settings)
    dbt_models = build_dbt_assets(settings, dbt_project(settings))
    served = build_served_marts_asset(settings, dbt_models)
    ingest_job = build_ingest_job(raw)
    return dg.Definitions(
        assets=[raw, dbt_models, served],
        asset_checks=[build_served_marts_check(settings, dbt_models)],
        jobs=[ingest_job],
        sensors=[build_inbox_sensor(settings, ingest_job)],
        schedules=[build_nightly_schedule()],
        resources=resources_for(settings),
    )


@dg.definitions
def defs() -> dg.Definitions:
    return build_definitions(get_settings())
