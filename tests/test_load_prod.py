"""The prod profile for real: Iceberg on S3 (moto's S3 server on loopback) + the PostgreSQL catalog.

Ingests real PokerStars files through dlt into the bucket, reads the rows back through pyiceberg
(catalog on PostgreSQL, data on S3) and through `query_lake` (now and as of the first snapshot),
then re-ingests and checks that nothing is added. Fails, never skips, when PostgreSQL is down.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from minio import Minio
from pyiceberg.catalog import load_catalog
from sqlalchemy import create_engine, text

from ingestion.load.ingest import ingest_paths
from ingestion.load.lake_query import lake_snapshots, query_lake
from ingestion.schema import SCHEMAS
from tests.fixtures_s3 import pg_database, prod_env, s3_bucket, s3_server  # noqa: F401

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real"
STARS_FLOP = REAL / "fpdb-3" / "regression-test-files" / "cash" / "Stars" / "Flop"

pytestmark = pytest.mark.slow


def test_prod_profile_loads_to_s3_with_a_postgres_catalog(prod_env, s3_server, s3_bucket, pg_database) -> None:  # noqa: F811
    settings = prod_env
    assert settings.profile == "prod" and settings.warehouse_uri == f"s3://{s3_bucket}/lake"
    files = sorted(STARS_FLOP.glob("NLHE-6max-*.txt"))[:6]
    assert files, f"real data missing: {STARS_FLOP}"

    report = ingest_paths(files)
    assert report.hands_loaded > 0 and report.files_seen == len(files)

    catalog = load_catalog(settings.catalog_name, **settings.catalog_properties())
    hands = catalog.load_table("raw.hands")
    assert hands.metadata_location.startswith(f"s3://{s3_bucket}/lake/raw/hands/")
    counts = {n: catalog.load_table(f"raw.{n}").scan().to_arrow().num_rows for n in SCHEMAS}
    assert counts["hands"] == report.hands_loaded
    assert counts["import_files"] == len(files)
    assert counts["actions"] > counts["hands"]

    # The catalog really is the PostgreSQL database, and the data really is in the bucket.
    with create_engine(pg_database).connect() as conn:
        tables = conn.execute(text("select table_namespace, table_name from iceberg_tables")).fetchall()
    create_engine(pg_database).dispose()
    assert ("raw", "hands") in {tuple(r) for r in tables}
    client = Minio(s3_server.host_port, access_key=s3_server.access_key, secret_key=s3_server.secret_key,
                   secure=False, region=s3_server.region)
    objects = [o.object_name for o in client.list_objects(s3_bucket, prefix="lake/raw/hands/data/", recursive=True)]
    assert any(name.endswith(".parquet") for name in objects)

    assert query_lake("select count(*) as n from raw.hands")["n"].to_pylist() == [counts["hands"]]
    first = lake_snapshots()[0]
    assert query_lake("select count(*) as n from hands", as_of=str(first.snapshot_id))["n"].to_pylist() == \
        [counts["hands"]]

    more = ingest_paths(files + sorted(STARS_FLOP.glob("PLO-*.txt"))[:2])
    assert more.files_skipped_unchanged == len(files) and more.hands_loaded > 0
    total = counts["hands"] + more.hands_loaded
    assert query_lake("select count(*) as n from hands")["n"].to_pylist() == [total]
    assert query_lake("select count(*) as n from hands", as_of=str(first.snapshot_id))["n"].to_pylist() == \
        [counts["hands"]], "time travel on S3"

    again = ingest_paths(files)
    assert (again.hands_loaded, again.files_skipped_unchanged) == (0, len(files))
    assert catalog.load_table("raw.hands").scan().to_arrow().num_rows == total
