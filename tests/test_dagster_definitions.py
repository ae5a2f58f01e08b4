"""The assembled code location, without running it: keys line up, profiles pick their resources."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import build_definitions, defs
from pipelines.ingest.sensors import INGEST_JOB_NAME, INGEST_SENSOR_NAME
from pipelines.transform.assets import SERVED_MARTS_KEY
from pokerlake.settings import get_settings

RAW_TABLES = ("hands", "hand_players", "actions", "hand_sources", "tournaments", "quarantine", "sessions",
              "import_files")


def test_graph_is_one_piece_from_raw_tables_to_served_marts() -> None:
    d = build_definitions(get_settings())
    graph = d.resolve_asset_graph()
    keys = graph.get_all_asset_keys()
    for table in RAW_TABLES:
        key = dg.AssetKey(["raw", table])
        assert key in keys
        assert graph.get(key).is_materializable, f"raw/{table} must be the dlt asset, not a dbt source stub"
    # No dangling external assets: every dependency of every asset is itself materializable here.
    for key in keys:
        assert graph.get(key).is_materializable, f"{key.to_user_string()} is not produced by this location"
    assert dg.AssetKey(["raw", "hands"]) in graph.get(dg.AssetKey(["staging", "stg_raw__hands"])).parent_keys
    assert dg.AssetKey(["fct_hand_players"]) in graph.get(SERVED_MARTS_KEY).parent_keys
    checks = graph.asset_check_keys
    assert any(c.asset_key == dg.AssetKey(["fct_hand_players"]) for c in checks), "dbt tests -> asset checks"
    assert dg.AssetCheckKey(SERVED_MARTS_KEY, "serves_every_mart") in checks
    assert d.resolve_sensor_def(INGEST_SENSOR_NAME).job_name == INGEST_JOB_NAME
    assert d.resolve_job_def(INGEST_JOB_NAME)


def test_lazy_definitions_read_settings_only_when_loaded(isolated_home: Path) -> None:
    loaded = defs()
    assert isinstance(loaded, dg.Definitions)
    assert (isolated_home / "inbox").is_dir()


@pytest.mark.parametrize("profile", ["local", "prod"])
def test_each_profile_gets_its_dbt_target(profile: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POKERLAKE_PROFILE", profile)
    if profile == "prod":  # only loaded, never run: nothing connects to these
        monkeypatch.setenv("POKERLAKE_S3_BUCKET", "pokerlake")
        monkeypatch.setenv("POKERLAKE_S3_ENDPOINT", "http://127.0.0.1:1")
        monkeypatch.setenv("POKERLAKE_S3_ACCESS_KEY", "test")
        monkeypatch.setenv("POKERLAKE_S3_SECRET_KEY", "test-secret")
        monkeypatch.setenv("POKERLAKE_CATALOG_URI", "postgresql+psycopg2://postgres@127.0.0.1:1/none")
    get_settings.cache_clear()
    d = build_definitions(get_settings())
    dbt = d.resources["dbt"]
    assert dbt.target == profile
    assert Path(dbt.dbt_executable).name == "dbt"


def test_raw_tables_refuse_to_load_a_subset() -> None:
    d = build_definitions(get_settings())
    job = d.resolve_implicit_global_asset_job_def()
    with dg.instance_for_test() as instance:
        result = job.execute_in_process(instance=instance, asset_selection=[dg.AssetKey(["raw", "hands"])],
                                        raise_on_error=False)
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert "load together" in str(failure.step_failure_data.error)
