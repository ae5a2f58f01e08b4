"""The prod route: dbt-duckdb reads Iceberg on S3 (moto's S3 server on loopback) through httpfs."""

from __future__ import annotations

import logging

import pytest

from pokerlake.build import build, dbt_env
from pokerlake.marts import query_marts
from pokerlake.settings import load_settings
from tests.dbt_lake import base_rows, to_tables, write_lake

pytestmark = pytest.mark.slow


@pytest.fixture
def s3_settings(tmp_path, monkeypatch):
    boto3 = pytest.importorskip("boto3")
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                 region_name="us-east-1").create_bucket(Bucket="pokerlake")
    for k, v in {"POKERLAKE_PROFILE": "prod", "POKERLAKE_S3_BUCKET": "pokerlake",
                 "POKERLAKE_S3_ENDPOINT": endpoint, "POKERLAKE_S3_ACCESS_KEY": "test",
                 "POKERLAKE_S3_SECRET_KEY": "test", "POKERLAKE_HOME": str(tmp_path),
                 "POKERLAKE_CATALOG_URI": f"sqlite:///{tmp_path / 'catalog.db'}"}.items():
        monkeypatch.setenv(k, v)
    yield load_settings()
    server.stop()


def test_build_reads_iceberg_on_s3(s3_settings):
    settings = s3_settings
    env = dbt_env(settings)
    assert env["POKERLAKE_DBT_TARGET"] == "prod"
    assert env["POKERLAKE_DBT_S3_URL_STYLE"] == "path" and env["POKERLAKE_DBT_S3_USE_SSL"] == "false"
    assert "://" not in env["POKERLAKE_DBT_S3_ENDPOINT"]
    write_lake(settings, to_tables(base_rows()))
    report = build(settings)
    assert report.raw_tables["hands"].startswith("s3://pokerlake/")
    got = query_marts("select count(*) as n, sum(net) as s from fct_hand_players where currency = 'USD'",
                      settings=settings).to_pylist()
    assert got[0]["n"] == 5
    assert str(got[0]["s"]) == "-0.0400"
