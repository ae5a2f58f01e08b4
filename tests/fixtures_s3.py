"""Fixtures for the `prod` profile's real components: an S3 server on loopback and a PostgreSQL database.

Why: the prod profile (Iceberg on MinIO/S3, catalog on PostgreSQL) must be exercised for real,
and neither a MinIO binary nor Docker exists here. moto's S3 server speaks the S3 protocol on
127.0.0.1 (a fresh port per test session); the `minio` client makes the buckets, as the
compose file's bucket-init does. PostgreSQL is the local server on 127.0.0.1:5432 (user
`postgres`, trust auth); each test gets a throwaway database, dropped afterwards. When
PostgreSQL is not reachable the tests FAIL with a clear message (CI starts it), never skip.

Use from a test module by importing the fixtures (pytest finds them in the module's namespace):

    from tests.fixtures_s3 import pg_database, prod_env, s3_bucket, s3_server  # noqa: F401

(`pytest_plugins = ["tests.fixtures_s3"]` works only in the rootdir's conftest.py, which the repo
does not have; tests/conftest.py is not it.)

Fixtures:
- `s3_server` (session): `S3Endpoint(url, host_port, access_key, secret_key, region)`.
- `s3_bucket`: a new empty bucket name on that server.
- `pg_database`: SQLAlchemy URL (`postgresql+psycopg2://...`) of a fresh database.
- `prod_env`: sets POKERLAKE_PROFILE=prod and every POKERLAKE_S3_* / POKERLAKE_CATALOG_URI variable
  for that bucket and database, clears the settings cache, and returns the resolved `Settings`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_USER = "postgres"


@dataclass(frozen=True)
class S3Endpoint:
    url: str  # http://127.0.0.1:PORT
    host_port: str  # 127.0.0.1:PORT (for the minio client)
    access_key: str = "pokerlake-test"
    secret_key: str = "pokerlake-test-secret"
    region: str = "us-east-1"


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Endpoint]:
    """moto's S3 server on 127.0.0.1, a free port, for the whole session."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield S3Endpoint(url=f"http://{host}:{port}", host_port=f"{host}:{port}")
    finally:
        server.stop()


@pytest.fixture
def s3_bucket(s3_server: S3Endpoint) -> str:
    """A fresh, empty bucket (made with the minio client, like the compose bucket-init)."""
    from minio import Minio

    name = f"pokerlake-{uuid.uuid4().hex[:12]}"
    client = Minio(s3_server.host_port, access_key=s3_server.access_key, secret_key=s3_server.secret_key,
                   secure=False, region=s3_server.region)
    client.make_bucket(name)
    return name


def _admin_connection():
    import psycopg2

    try:
        conn = psycopg2.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", connect_timeout=5)
    except psycopg2.OperationalError as exc:
        pytest.fail(f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT} as {PG_USER} (the prod-profile tests "
                    f"need it; CI starts it): {str(exc).strip()}", pytrace=False)
    conn.autocommit = True
    return conn


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A throwaway PostgreSQL database; yields its SQLAlchemy URL and drops it afterwards."""
    name = f"pokerlake_test_{uuid.uuid4().hex[:12]}"
    conn = _admin_connection()
    try:
        with conn.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{name}"')
        yield f"postgresql+psycopg2://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.close()


@pytest.fixture
def prod_env(monkeypatch: pytest.MonkeyPatch, s3_server: S3Endpoint, s3_bucket: str, pg_database: str):
    """The prod profile on the moto bucket and the throwaway database; returns `get_settings()`."""
    from pokerlake.settings import get_settings

    monkeypatch.setenv("POKERLAKE_PROFILE", "prod")
    monkeypatch.setenv("POKERLAKE_S3_BUCKET", s3_bucket)
    monkeypatch.setenv("POKERLAKE_S3_ENDPOINT", s3_server.url)
    monkeypatch.setenv("POKERLAKE_S3_ACCESS_KEY", s3_server.access_key)
    monkeypatch.setenv("POKERLAKE_S3_SECRET_KEY", s3_server.secret_key)
    monkeypatch.setenv("POKERLAKE_S3_REGION", s3_server.region)
    monkeypatch.setenv("POKERLAKE_CATALOG_URI", pg_database)
    get_settings.cache_clear()
    settings = get_settings()
    yield settings
    get_settings.cache_clear()
