"""Direct pyiceberg access to the raw lake: the catalog, the tables, key reads and deletes.

Why a module of its own: dlt writes the rows, but three things need the catalog directly —
creating the catalog, the `raw` namespace and every raw table up front (a fresh SQLite catalog
races under dlt's parallel load jobs, and dbt sources need every table to exist even when a
load had no rows for it), reading the keys already in the lake (so a load hands dlt only the
net change), and the delete half of delete-then-insert (reparse, multi-source hand updates).
Deletes are scoped per hand: one filter per site, `hand_id IN (...)`, one commit per table.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa
from pyiceberg.catalog import Catalog, load_catalog
from pyiceberg.exceptions import NoSuchTableError
from pyiceberg.expressions import AlwaysFalse, AlwaysTrue, And, BooleanExpression, EqualTo, In, Or
from pyiceberg.table import Table

from ingestion.schema import PRIMARY_KEYS, SCHEMAS
from pokerlake.settings import Settings

RAW_TABLES: tuple[str, ...] = tuple(SCHEMAS)


def open_catalog(settings: Settings) -> Catalog:
    """The persistent SQL catalog of this profile (SQLite file locally, PostgreSQL in prod)."""
    if settings.profile == "local":
        settings.lake_dir.mkdir(parents=True, exist_ok=True)
    return load_catalog(settings.catalog_name, **settings.catalog_properties())


def table_id(settings: Settings, name: str) -> str:
    return f"{settings.raw_namespace}.{name}"


def table_location(settings: Settings, name: str) -> str:
    """Where dlt's filesystem destination keeps the table: <warehouse>/<dataset>/<table>."""
    return f"{settings.warehouse_uri.rstrip('/')}/{settings.raw_namespace}/{name}"


def iceberg_arrow_schema(name: str) -> pa.Schema:
    """The contract schema with primary-key columns non-nullable, as dlt declares them."""
    keys = set(PRIMARY_KEYS[name])
    return pa.schema([f.with_nullable(f.name not in keys) for f in SCHEMAS[name]])


def ensure_catalog(settings: Settings) -> Catalog:
    """Create the catalog's own tables and the raw namespace if missing (idempotent)."""
    catalog = open_catalog(settings)
    catalog.create_namespace_if_not_exists(settings.raw_namespace)
    return catalog


def missing_tables(catalog: Catalog, settings: Settings) -> list[str]:
    return [n for n in RAW_TABLES if not catalog.table_exists(table_id(settings, n))]


def load_table(catalog: Catalog, settings: Settings, name: str) -> Table | None:
    try:
        return catalog.load_table(table_id(settings, name))
    except NoSuchTableError:
        return None


def read_columns(table: Table | None, columns: Sequence[str],
                 row_filter: BooleanExpression | None = None) -> pa.Table | None:
    """Only the given columns of the current snapshot (None when the table does not exist)."""
    if table is None:
        return None
    scan = table.scan(selected_fields=tuple(columns)) if row_filter is None else \
        table.scan(row_filter=row_filter, selected_fields=tuple(columns))
    return scan.to_arrow().select(list(columns))


def hands_filter(keys: Iterable[tuple[str, str]], site_col: str = "site",
                 id_col: str = "hand_id") -> BooleanExpression:
    """`(site = s AND hand_id IN (...)) OR ...`: exact for (site, id) pairs, one term per site."""
    by_site: dict[str, set[str]] = {}
    for site, hid in keys:
        by_site.setdefault(site, set()).add(hid)
    terms = [And(EqualTo(site_col, s), In(id_col, ids)) for s, ids in sorted(by_site.items())]
    if not terms:
        return AlwaysFalse()
    expr = terms[0]
    for t in terms[1:]:
        expr = Or(expr, t)
    return expr


def delete_where(table: Table | None, expr: BooleanExpression) -> None:
    """One delete commit (copy-on-write); a no-op filter commits nothing."""
    if table is None or isinstance(expr, AlwaysFalse):
        return
    with warnings.catch_warnings():  # "did not match any records" is an expected outcome here
        warnings.filterwarnings("ignore", message="Delete operation did not match any records")
        table.delete(delete_filter=expr)


def _dataset_fs(settings: Settings) -> tuple[Any, str]:
    """(fsspec filesystem, path of the raw dataset folder) on the warehouse."""
    import fsspec

    base = f"{settings.warehouse_uri.rstrip('/')}/{settings.raw_namespace}"
    if settings.s3 is not None:
        # No cached instance or listing: `_dlt_loads` must be read as it is now, or a load that
        # just completed would look interrupted.
        fs = fsspec.filesystem("s3", skip_instance_cache=True, use_listings_cache=False,
                               **settings.s3.fsspec_options())
        return fs, base.removeprefix("s3://")
    return fsspec.filesystem("file"), base.removeprefix("file://")


def load_windows(settings: Settings) -> list[tuple[float, float]]:
    """(start, end) in epoch ms of every completed dlt load into the raw dataset (`_dlt_loads`).

    dlt writes a `_dlt_loads` row only after every table of the load is committed, and the
    load id is the load's start time, so each window spans all commits of one ingest.
    """
    import json

    fs, root = _dataset_fs(settings)
    try:
        names = fs.ls(f"{root}/_dlt_loads", detail=False)
    except FileNotFoundError:
        return []
    windows = []
    for name in names:
        with fs.open(name, "rb", compression="gzip" if name.endswith(".gz") else None) as fh:
            for line in fh.read().decode().splitlines():
                if line.strip():
                    row = json.loads(line)
                    end = datetime.fromisoformat(row["inserted_at"]).timestamp() * 1000
                    windows.append((float(row["load_id"]) * 1000, end))
    return sorted(windows)


def load_interrupted(catalog: Catalog, settings: Settings) -> int | None:
    """When some raw table changed after the last completed dlt load (a load died midway), the
    end of that last completed load in epoch ms (0 if none completed); else None."""
    last_commit = 0
    for name in RAW_TABLES:
        t = load_table(catalog, settings, name)
        current = t.current_snapshot() if t is not None else None
        if current is not None:
            last_commit = max(last_commit, current.timestamp_ms)
    if last_commit == 0:
        return None
    windows = load_windows(settings)
    if not windows:
        fs, root = _dataset_fs(settings)
        if not fs.exists(f"{root}/init"):  # tables written by other tools, never by dlt: leave them
            return None
    last_end = int(windows[-1][1]) if windows else 0
    return last_end if last_commit > last_end else None


def roll_back(catalog: Catalog, settings: Settings, at_ms: int) -> list[str]:
    """Put every raw table back to its state at `at_ms` (the end of the last completed load).

    Why: a load that dies midway leaves some tables committed and others not (dlt commits table
    by table), and dagster-dlt drops the pending package, so dlt would never finish it. Rolling
    back makes the lake consistent again; the interrupted files are then simply new again.
    """
    rolled = []
    for name in RAW_TABLES:
        t = load_table(catalog, settings, name)
        current = t.current_snapshot() if t is not None else None
        if t is None or current is None or current.timestamp_ms <= at_ms:
            continue
        target = None
        snap = current
        while snap is not None:  # the current snapshot's ancestry, newest first
            if snap.timestamp_ms <= at_ms:
                target = snap.snapshot_id
                break
            snap = t.snapshot_by_id(snap.parent_snapshot_id) if snap.parent_snapshot_id is not None else None
        if target is None:
            delete_where(t, AlwaysTrue())
        else:
            t.manage_snapshots().rollback_to_snapshot(target).commit()
        rolled.append(name)
    return rolled


def snapshot_at(table: Table, at_ms: int) -> int | None:
    """The table's last snapshot committed at or before `at_ms` (None: no data yet then)."""
    best = None
    for s in table.snapshots():
        if s.timestamp_ms <= at_ms and (best is None or (s.timestamp_ms, s.sequence_number or 0) >=
                                        (best.timestamp_ms, best.sequence_number or 0)):
            best = s
    return best.snapshot_id if best is not None else None
