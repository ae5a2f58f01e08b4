"""Read-only queries of the served marts file.

Why one tiny module: every reader (CLI `query`, Streamlit, reports, exports) must open
`marts.duckdb` read-only per request and close it right after; a held connection would pin an
old file after a publish (same-process instance cache) and a read-write one would block the
swap. Extensions are never loaded: the served file is plain DuckDB tables (publish prunes the
Iceberg views), so Superset's duckdb<2 driver and any fresh client can read it.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from pokerlake.settings import Settings, get_settings

READER_CONFIG = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


class MartsNotBuiltError(FileNotFoundError):
    """The served marts file does not exist yet."""


def query_marts(sql: str, params: list | None = None, settings: Settings | None = None) -> pa.Table:
    """Run one read-only query on the served marts and return an Arrow table."""
    settings = settings or get_settings()
    path = settings.marts_db
    if not path.exists():
        raise MartsNotBuiltError(f"no served marts at {path}: run `pokerlake build` first")
    con = duckdb.connect(str(path), read_only=True, config=READER_CONFIG)
    try:
        con.execute("set TimeZone = 'UTC'")  # timestamptz columns come back in UTC
        return con.execute(sql, params or []).fetch_arrow_table()
    finally:
        con.close()


def list_marts(settings: Settings | None = None) -> list[str]:
    """Names of the tables and views in the served marts (schema `main`), sorted."""
    rows = query_marts(
        "select table_name from information_schema.tables "
        "where table_schema = 'main' order by table_name", settings=settings)
    return rows.column("table_name").to_pylist()
