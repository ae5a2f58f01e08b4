"""`pokerlake query --lake`: read-only SQL over the raw Iceberg tables, optionally as of the past.

Why pyiceberg scans -> Arrow -> an in-memory DuckDB (and not DuckDB's bundled iceberg
extension): the tables live in a SQL catalog (SQLite/PostgreSQL) that DuckDB cannot read, so
the extension would need each table's metadata file from pyiceberg anyway, plus its own S3
settings; pyiceberg already resolves the catalog, S3 credentials, copy-on-write deletes and
snapshots exactly as the writer made them. Time travel is then pyiceberg's `snapshot_id` per
table. Only the tables the SQL names are scanned.

"As of" is consistent across tables: a snapshot id (of any raw table, usually `raw.hands`, see
`lake_snapshots`) stands for the end of the ingest that made it (dlt's `_dlt_loads` gives each
load's start and end), and every table is read at its last snapshot up to that moment; an ISO
8601 time reads every table at its last snapshot at or before that time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pyarrow as pa
from pyiceberg.table import Table

from ingestion.load import lake
from pokerlake.settings import Settings, get_settings


class LakeQueryError(ValueError):
    """The SQL or the as-of point cannot be served; the message says why."""


@dataclass(frozen=True)
class LakeSnapshot:
    snapshot_id: int
    committed_at: datetime
    operation: str
    total_records: int | None


def lake_snapshots(settings: Settings | None = None, table: str = "hands") -> list[LakeSnapshot]:
    """Snapshots of `raw.<table>` (default `raw.hands`), oldest first."""
    settings = settings or get_settings()
    t = lake.load_table(lake.open_catalog(settings), settings, table)
    if t is None:
        return []
    out = []
    for s in sorted(t.snapshots(), key=lambda s: (s.timestamp_ms, s.sequence_number or 0)):
        summary = s.summary
        total = summary.get("total-records") if summary is not None else None
        out.append(LakeSnapshot(snapshot_id=s.snapshot_id,
                                committed_at=datetime.fromtimestamp(s.timestamp_ms / 1000, tz=UTC),
                                operation=str(summary.operation.value) if summary is not None else "",
                                total_records=int(total) if total is not None else None))
    return out


def _parse_time(text: str) -> datetime:
    try:
        ts = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise LakeQueryError(f"--as-of must be a snapshot id or an ISO 8601 time, got {text!r}") from None
    return ts if ts.tzinfo is not None else ts.replace(tzinfo=UTC)


def resolve_as_of(as_of: str, settings: Settings, tables: dict[str, Table]) -> int:
    """The moment (epoch ms) that `as_of` stands for; see the module docstring."""
    text = as_of.strip()
    if text.lstrip("-").isdigit():
        snap_id = int(text)
        for t in tables.values():
            snap = t.snapshot_by_id(snap_id)
            if snap is not None:
                ts = snap.timestamp_ms
                for start, end in lake.load_windows(settings):
                    if start <= ts <= end:
                        return int(end)
                return ts
        raise LakeQueryError(f"no raw table has snapshot {snap_id} (see `lake_snapshots`)")
    return int(_parse_time(text).timestamp() * 1000)


def _referenced(sql: str) -> set[str]:
    try:
        names = duckdb.get_table_names(sql)
    except duckdb.Error:
        return set(lake.RAW_TABLES)
    return {n.split(".")[-1] for n in names} & set(lake.RAW_TABLES)


def query_lake(sql: str, as_of: str | None = None, settings: Settings | None = None) -> pa.Table:
    """Run one read-only SELECT over the raw tables (`hands` or `raw.hands`), now or as of the past."""
    settings = settings or get_settings()
    con = duckdb.connect(":memory:")
    try:
        statements = con.extract_statements(sql)
        if len(statements) != 1 or statements[0].type not in (duckdb.StatementType.SELECT,
                                                                duckdb.StatementType.EXPLAIN):
            raise LakeQueryError("the lake is read-only: give one SELECT statement")
        catalog = lake.open_catalog(settings)
        names = _referenced(sql)
        all_tables = {n: t for n in lake.RAW_TABLES if (t := lake.load_table(catalog, settings, n)) is not None}
        at_ms = resolve_as_of(as_of, settings, all_tables) if as_of is not None else None
        con.execute("SET TimeZone = 'UTC'")
        con.execute("CREATE SCHEMA IF NOT EXISTS raw")
        for name in sorted(names):
            con.register(f"__raw_{name}", _read(all_tables.get(name), name, at_ms))
            con.execute(f'CREATE VIEW raw."{name}" AS SELECT * FROM "__raw_{name}"')
            con.execute(f'CREATE VIEW main."{name}" AS SELECT * FROM "__raw_{name}"')
        con.execute("SET enable_external_access = false")
        result = con.sql(sql)
        if result is None:
            return pa.table({})
        out = result.arrow()
        return out.read_all() if isinstance(out, pa.RecordBatchReader) else out
    except duckdb.Error as exc:
        raise LakeQueryError(str(exc).splitlines()[0]) from exc
    finally:
        con.close()


def _read(table: Table | None, name: str, at_ms: int | None) -> pa.Table:
    schema = lake.iceberg_arrow_schema(name)
    if table is None:
        return schema.empty_table()
    if at_ms is None:
        return table.scan().to_arrow()
    snap = lake.snapshot_at(table, at_ms)
    if snap is None:  # the table had no data yet at that moment
        return schema.empty_table()
    return table.scan(snapshot_id=snap).to_arrow()
