"""The compose stack's shape without Docker: the prod profile materialized through Dagster.

Same code location, prod settings: the lake on S3 (moto's S3 server on loopback, standing in for
MinIO), the Iceberg catalog on PostgreSQL, Dagster's own storage on PostgreSQL through the very
docker/dagster.yaml the image bakes in, dbt on its `prod` target (httpfs + S3 secret). A real
PokerStars file goes in through the inbox and comes out in the served marts.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.instance import DagsterInstance

from pipelines.definitions import build_definitions
from pipelines.instance import PROD_DAGSTER_YAML
from pipelines.transform.assets import SERVED_MARTS_KEY
from pokerlake.marts import query_marts
from tests.fixtures_s3 import _admin_connection, pg_database, prod_env, s3_bucket, s3_server  # noqa: F401

STARS_FLOP = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real" / "fpdb-3" / \
    "regression-test-files" / "cash" / "Stars" / "Flop"
HAND_FILE = "NLHE-6max-USD-0.05-0.10-200911.txt"


@pytest.fixture
def dagster_pg_url() -> Iterator[str]:
    """A second throwaway database: Dagster's storage, apart from the catalog (as in compose)."""
    name = f"pokerlake_test_dagster_{uuid.uuid4().hex[:10]}"
    conn = _admin_connection()
    try:
        with conn.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{name}"')
        yield f"postgresql+psycopg2://postgres@127.0.0.1:5432/{name}"
    finally:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.close()


@pytest.mark.slow
def test_prod_profile_materializes_on_s3_and_postgres(prod_env, dagster_pg_url: str, tmp_path: Path,  # noqa: F811
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    settings = prod_env
    assert settings.profile == "prod" and settings.warehouse_uri.startswith("s3://")
    settings.ensure_dirs()
    shutil.copyfile(STARS_FLOP / HAND_FILE, settings.inbox_dir / HAND_FILE)

    dagster_home = tmp_path / "dagster_home"
    dagster_home.mkdir()
    (dagster_home / "dagster.yaml").write_text(PROD_DAGSTER_YAML.read_text().replace("/data/", f"{tmp_path}/data/"))
    monkeypatch.setenv("DAGSTER_HOME", str(dagster_home))
    monkeypatch.setenv("POKERLAKE_DAGSTER_PG_URL", dagster_pg_url)

    defs = build_definitions(settings)
    assert defs.resources["dbt"].target == "prod"
    with DagsterInstance.get() as instance:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        result = defs.resolve_implicit_global_asset_job_def().execute_in_process(instance=instance,
                                                                                 raise_on_error=False)
        assert result.success, [str(e.message) for e in result.all_events if e.is_failure]
        failed = [c.check_name for c in result.get_asset_check_evaluations() if not c.passed]
        assert not failed, failed
        assert instance.get_latest_materialization_event(SERVED_MARTS_KEY) is not None
        assert instance.get_latest_materialization_event(dg.AssetKey(["raw", "hands"])) is not None

    from pyiceberg.catalog import load_catalog

    catalog = load_catalog(settings.catalog_name, **settings.catalog_properties())
    hands = catalog.load_table((settings.raw_namespace, "hands"))
    assert hands.metadata_location.startswith(f"s3://{settings.s3.bucket}/")
    n_hands = hands.scan().to_arrow().num_rows
    assert n_hands > 0
    served = query_marts("select count(distinct hand_id) as n from fct_hand_players", settings=settings)
    assert served.column("n")[0].as_py() == n_hands
