"""The inbox sensor: a new or changed file in the inbox requests one ingest run.

The cursor is the inbox snapshot already handed to a run ({path: "size:mtime_ns"}), so the
same files never trigger twice, a changed file triggers again, and the run key is derived
from the batch so a retried tick cannot launch a duplicate. The run itself discovers what to
load (the dlt source compares against `import_files`), so the sensor stays cheap: it lists
and stats, never reads.
"""

from __future__ import annotations

import dagster as dg

from pipelines.ingest import inbox
from pokerlake.settings import Settings

INGEST_SENSOR_NAME = "inbox_sensor"
INGEST_JOB_NAME = "ingest_inbox"


def build_ingest_job(raw_assets: dg.AssetsDefinition) -> dg.UnresolvedAssetJobDefinition:
    """What an inbox drop runs: the raw tables and everything downstream, up to the served marts."""
    return dg.define_asset_job(
        INGEST_JOB_NAME,
        selection=dg.AssetSelection.assets(raw_assets).downstream(),
        description="Load new inbox files into the lake, rebuild the marts, publish them.",
        tags={"pokerlake/trigger": "inbox"},
    )


def build_inbox_sensor(settings: Settings, job: dg.UnresolvedAssetJobDefinition) -> dg.SensorDefinition:
    """A sensor over `settings.inbox_dir` that targets `job`."""
    inbox_dir = settings.inbox_dir

    @dg.sensor(
        name=INGEST_SENSOR_NAME,
        job=job,
        minimum_interval_seconds=30,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description=f"Ingest new hand-history files dropped into {inbox_dir}.",
    )
    def inbox_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        seen = inbox.decode_cursor(context.cursor)
        current = inbox.snapshot(inbox_dir)
        fresh = inbox.new_files(current, seen)
        if not fresh:
            return dg.SensorResult(skip_reason=dg.SkipReason(f"no new files in {inbox_dir}"),
                                   cursor=inbox.encode_cursor(current))
        preview = ", ".join(fresh[:5]) + (f" (+{len(fresh) - 5} more)" if len(fresh) > 5 else "")
        context.log.info(f"{len(fresh)} new file(s) in the inbox: {preview}")
        return dg.SensorResult(
            run_requests=[dg.RunRequest(run_key=inbox.run_key(fresh, current),
                                        tags={"pokerlake/trigger": "inbox",
                                              "pokerlake/new_files": str(len(fresh))})],
            cursor=inbox.encode_cursor(current),
        )

    return inbox_sensor
