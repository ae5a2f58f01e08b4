"""The one dlt source of the lake (`pokerlake_raw`) and the pipeline that loads it into Iceberg.

Why this shape (dlt verified-sources style): one source, one resource per raw table, resource
name = table name, primary keys declared from `ingestion.schema.PRIMARY_KEYS`, Arrow tables
handed to dlt (never dicts). The CLI builds the source with explicit paths; Dagster builds it
with no arguments at definition time, and each run then discovers the inbox's files. Either
way nothing is parsed until dlt extracts: the first resource to run computes the load plan
(parse the new files once, merge against the lake — see `plan.py`), the others share it; the
plan is keyed by dlt's load id, so a source object reused for a second run plans again.

Write disposition: the loader has already merged on the primary keys, so by default the
resources `append` the net rows (one Iceberg commit per table per ingest). dlt's own Iceberg
`merge` (pyiceberg upsert, 1,000-row chunks, a commit and a table scan each) is kept
selectable with `write_disposition="merge"`; it is idempotent but ~100x slower (see plan.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dlt
import pyarrow as pa
from dlt.common.storages.exceptions import CurrentLoadPackageStateNotAvailable
from dlt.extract.source import DltSource

from ingestion.load import lake
from ingestion.load.plan import LoadPlan, build_plan, known_files, select_files
from ingestion.schema import PARSED_TABLES, PRIMARY_KEYS, SCHEMAS
from pokerlake.settings import Settings, get_settings

SOURCE_NAME = "pokerlake_raw"
PIPELINE_NAME = "pokerlake"
TABLE_NAMES: tuple[str, ...] = ("hands", "hand_players", "actions", "hand_sources", "tournaments",
                                "quarantine", "sessions", "import_files")

log = logging.getLogger(__name__)


def prepare_load(paths: Sequence[str | Path] | None, *, reparse: bool = False, workers: int = 1,
                 settings: Settings | None = None, progress: Callable[..., Any] | None = None) -> LoadPlan:
    """Parse what is new under `paths` (default: the inbox), plan the lake change, run its deletes."""
    from ingestion.parse import current_parser_version, discover_files, parse_paths

    settings = settings or get_settings()
    catalog = lake.ensure_catalog(settings)
    roots = list(paths) if paths is not None else [settings.inbox_dir]
    files = discover_files(roots)
    last_good = lake.load_interrupted(catalog, settings)
    if last_good is not None:
        rolled = lake.roll_back(catalog, settings, last_good)
        log.warning("the previous load into the lake did not complete: rolled %s back to the last "
                    "completed load; its files load again now", ", ".join(rolled))
    known = known_files(catalog, settings)
    to_parse, skipped, reparse_shas = select_files(files, known, reparse, current_parser_version)
    for _ in skipped:
        if progress is not None:
            progress()
    if to_parse:
        parsed = parse_paths(to_parse, workers=workers,
                             progress=(lambda _report: progress()) if progress is not None else None)
    else:
        from ingestion.parse import ParseResult

        parsed = ParseResult(tables={n: SCHEMAS[n].empty_table() for n in PARSED_TABLES}, files=[])
    plan = build_plan(parsed, skipped, reparse_shas, known, catalog, settings)
    plan.create_empty = set(lake.missing_tables(catalog, settings))
    for name, expr in plan.deletes:
        lake.delete_where(lake.load_table(catalog, settings, name), expr)
    return plan


class _PlanHolder:
    """Computes the plan once per dlt load (keyed by load id) and shares it across resources."""

    def __init__(self, paths: Sequence[str | Path] | None, reparse: bool, workers: int,
                 settings: Settings | None, progress: Callable[..., Any] | None) -> None:
        self.paths = [Path(p) for p in paths] if paths is not None else None
        self.reparse, self.workers, self.settings, self.progress = reparse, workers, settings, progress
        self.plan: LoadPlan | None = None
        self._load_id: str | None = None
        self._lock = threading.Lock()

    def get(self) -> LoadPlan:
        try:
            load_id = dlt.current.load_package_state()["load_id"]
        except CurrentLoadPackageStateNotAvailable:  # iterated outside a dlt extract: plan once
            load_id = "no-load-id"
        with self._lock:
            if self.plan is None or self._load_id != load_id:
                started = datetime.now(UTC)
                self.plan = prepare_load(self.paths, reparse=self.reparse, workers=self.workers,
                                         settings=self.settings, progress=self.progress)
                self._load_id = load_id
                log.info("planned load %s in %.1fs: %s", load_id,
                         (datetime.now(UTC) - started).total_seconds(), self.plan.rows)
            return self.plan

    def rows(self, name: str) -> Callable[[], Iterator[pa.Table]]:
        schema = lake.iceberg_arrow_schema(name)

        def gen() -> Iterator[pa.Table]:
            plan = self.get()
            table = plan.tables[name]
            if table.num_rows or name in plan.create_empty:
                yield table.cast(schema)

        gen.__name__ = name
        return gen


def pokerlake_raw(paths: Sequence[str | Path] | None = None, *, reparse: bool = False, workers: int = 1,
                  settings: Settings | None = None, progress: Callable[..., Any] | None = None,
                  write_disposition: str = "append") -> DltSource:
    """The raw-lake source: one resource per table, named as the table, keyed as the contract says.

    `paths=None` means "the settings' inbox folder, looked at when the source is extracted".
    After a run, `source.plan` (attribute of the returned source's holder) holds what was loaded.
    """
    if write_disposition not in ("append", "merge"):
        raise ValueError(f"write_disposition must be 'append' or 'merge', got {write_disposition!r}")
    holder = _PlanHolder(paths, reparse, workers, settings, progress)

    @dlt.source(name=SOURCE_NAME, max_table_nesting=0)
    def _raw() -> list:
        return [dlt.resource(holder.rows(name), name=name, primary_key=list(PRIMARY_KEYS[name]),
                             write_disposition=write_disposition, table_format="iceberg")
                for name in TABLE_NAMES]

    source = _raw()
    source._pokerlake_plan_holder = holder  # type: ignore[attr-defined]  # read by ingest_paths
    return source


def last_plan(source: DltSource) -> LoadPlan | None:
    """The plan the source's last extraction computed (None before it ran)."""
    holder = getattr(source, "_pokerlake_plan_holder", None)
    return holder.plan if holder is not None else None


def configure_dlt(settings: Settings) -> None:
    """Point dlt's Iceberg catalog at this profile's persistent SQL catalog (in-process config)."""
    config = settings.catalog_properties()
    dlt.secrets["iceberg_catalog.iceberg_catalog_name"] = settings.catalog_name
    dlt.secrets["iceberg_catalog.iceberg_catalog_type"] = "sql"
    dlt.secrets["iceberg_catalog.iceberg_catalog_config"] = config
    # One load job at a time: commits to a SQLite catalog from parallel jobs can lock each other,
    # and the per-table commits are few (one per table per ingest) anyway.
    dlt.config["load.workers"] = 8


def make_destination(settings: Settings) -> Any:
    """dlt's filesystem destination on the warehouse (local folder or S3)."""
    if settings.s3 is None:
        return dlt.destinations.filesystem(bucket_url=settings.warehouse_uri)
    from dlt.common.configuration.specs import AwsCredentials

    creds = AwsCredentials(aws_access_key_id=settings.s3.access_key,
                           aws_secret_access_key=settings.s3.secret_key,
                           region_name=settings.s3.region, endpoint_url=settings.s3.endpoint)
    return dlt.destinations.filesystem(bucket_url=settings.warehouse_uri, credentials=creds)


def make_pipeline(settings: Settings | None = None) -> dlt.Pipeline:
    """The dlt pipeline that loads `pokerlake_raw` into Iceberg namespace `raw` of this profile."""
    settings = settings or get_settings()
    settings.dlt_dir.mkdir(parents=True, exist_ok=True)
    configure_dlt(settings)
    return dlt.pipeline(pipeline_name=PIPELINE_NAME, destination=make_destination(settings),
                        dataset_name=settings.raw_namespace, pipelines_dir=str(settings.dlt_dir))
