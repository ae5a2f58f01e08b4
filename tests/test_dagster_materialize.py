"""The whole Dagster graph, materialized for real: inbox -> dlt -> Iceberg -> dbt -> served marts.

In-process (one run of the implicit global asset job) on an isolated POKERLAKE_HOME: a few real
PokerStars files are copied into the temporary inbox, then every asset is materialized and
every dbt test runs as an asset check. Checks the raw Iceberg tables and the served marts have
rows, and that a second run over the same inbox loads nothing new.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import build_definitions
from pipelines.ingest.sensors import INGEST_JOB_NAME
from pipelines.transform.assets import SERVED_MARTS_KEY
from pokerlake.marts import query_marts
from pokerlake.settings import get_settings

STARS_FLOP = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real" / "fpdb-3" / \
    "regression-test-files" / "cash" / "Stars" / "Flop"
FILES = [
    "NLHE-6max-EUR-0.05-0.10-200911.txt",
    "NLHE-6max-USD-0.05-0.10-200911.txt",
    "NLHE-FR-USD-0.01-0.02-201005.microgrind.txt",
]


def _raw_counts() -> dict[str, int]:
    from pyiceberg.catalog import load_catalog

    settings = get_settings()
    catalog = load_catalog(settings.catalog_name, **settings.catalog_properties())
    out = {}
    for table in ("hands", "hand_players", "actions", "hand_sources", "import_files"):
        out[table] = catalog.load_table((settings.raw_namespace, table)).scan().to_arrow().num_rows
    return out


@pytest.mark.slow
def test_materialize_whole_graph_from_the_inbox() -> None:
    settings = get_settings()
    settings.ensure_dirs()
    for name in FILES:
        shutil.copyfile(STARS_FLOP / name, settings.inbox_dir / name)

    defs = build_definitions(settings)
    job = defs.resolve_implicit_global_asset_job_def()
    with dg.instance_for_test() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False)
        failures = [e.message for e in result.all_events if e.is_failure]
        assert result.success, "\n".join(str(f) for f in failures)

        materialized = {e.event_specific_data.materialization.asset_key
                        for e in result.get_asset_materialization_events()}
        for table in ("hands", "hand_players", "actions", "hand_sources", "import_files"):
            assert dg.AssetKey(["raw", table]) in materialized
        assert dg.AssetKey(["fct_hand_players"]) in materialized
        assert SERVED_MARTS_KEY in materialized

        checks = result.get_asset_check_evaluations()
        assert checks, "dbt tests should run as asset checks"
        failed = [f"{c.asset_key.to_user_string()}:{c.check_name}" for c in checks if not c.passed]
        assert not failed, f"asset checks failed: {failed}"

        counts = _raw_counts()
        assert counts["hands"] > 0 and counts["hand_players"] >= 2 * counts["hands"]
        assert counts["import_files"] == len(FILES)
        served = query_marts("select count(*) as n, count(distinct hand_id) as hands from fct_hand_players")
        assert served.column("n")[0].as_py() == counts["hand_players"]
        assert served.column("hands")[0].as_py() == counts["hands"]

        # The inbox sensor's job starts at the raw tables and runs through to the served marts.
        ingest_job = defs.resolve_job_def(INGEST_JOB_NAME)
        ingest_keys = set(ingest_job.asset_layer.selected_asset_keys)
        assert {dg.AssetKey(["raw", "hands"]), dg.AssetKey(["fct_hand_players"]), SERVED_MARTS_KEY} <= ingest_keys
        # Loading the same inbox again adds nothing to the lake.
        raw_keys = [k for k in ingest_keys if k.path[0] == "raw"]
        again = ingest_job.execute_in_process(instance=instance, asset_selection=raw_keys)
        assert again.success
        assert _raw_counts() == counts
