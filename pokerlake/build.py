"""Build the dbt marts over the Iceberg lake and publish them as the served DuckDB file.

Why here and not in dbt alone: dbt-duckdb reads the raw Iceberg tables in place through the
iceberg extension (no copy per run, so incremental marts stay fast on millions of hands), which
needs each table's CURRENT metadata file; only the pyiceberg catalog knows it, so this module
resolves it and hands it to dbt as JSON in the env var POKERLAKE_DBT_RAW_RELATIONS (the
`create_raw_views` on-run-start hook turns it into `raw.<table>` views; an env var read at run
time keeps dbt's partial parsing, where a changing `--vars` costs a full re-parse). It also derives every environment variable `profiles.yml` reads from
`pokerlake.settings` (the one module that reads the environment), runs `dbt build` in-process,
and publishes a good build by copy-then-rename (DESIGN.md, "Served marts"):

    build DB --checkpoint--> copy to marts.duckdb.next --prune iceberg views--> os.replace

Readers open the served file read-only per query, so a swap never blocks them and they never
block the build. A failed build raises `BuildError` and publishes nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import duckdb
import pyarrow as pa

from ingestion.schema import SCHEMAS
from pokerlake.settings import Settings, get_settings

DBT_PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"
# Schemas of the build DB that never reach the served file: `raw` holds views onto iceberg_scan
# (they need the iceberg extension); staging/intermediate are views over those.
BUILD_ONLY_SCHEMAS = ("raw", "staging", "intermediate")
_ENV_LOCK = threading.Lock()


class BuildError(RuntimeError):
    """dbt build failed (or a publish check failed); `failures` lists each failing node."""

    def __init__(self, message: str, failures: list[str] | None = None) -> None:
        super().__init__(message)
        self.failures = failures or []


@dataclass(frozen=True)
class BuildReport:
    """What one `build()` did."""

    models: int
    tests: int
    seeds: int
    duration_s: float
    published: Path | None
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    raw_tables: dict[str, str | None] = field(default_factory=dict)  # table -> metadata location

    @property
    def elapsed_s(self) -> float:
        """Alias of duration_s (the CLI's name)."""
        return self.duration_s


# ---------------------------------------------------------------- dbt's inputs from settings


def extension_path(name: str) -> Path:
    """The PyPI-bundled DuckDB extension file (`duckdb-extension-<name>`) for this duckdb version."""
    import importlib.util

    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or not spec.submodule_search_locations:
        raise BuildError(f"duckdb-extension-{name} is not installed (uv sync)")
    pkg = Path(next(iter(spec.submodule_search_locations)))
    path = pkg / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.exists():
        raise BuildError(f"no {name} extension for duckdb {duckdb.__version__} at {path}")
    return path


def duckdb_type(arrow_type: pa.DataType) -> str:
    """DuckDB SQL type of a contract column (used for empty views of not-yet-loaded tables)."""
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "varchar"
    if pa.types.is_decimal(arrow_type):
        return f"decimal({arrow_type.precision}, {arrow_type.scale})"
    if pa.types.is_timestamp(arrow_type):
        return "timestamptz" if arrow_type.tz else "timestamp"
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_int32(arrow_type):
        return "integer"
    if pa.types.is_int64(arrow_type):
        return "bigint"
    if pa.types.is_date(arrow_type):
        return "date"
    if pa.types.is_floating(arrow_type):
        return "double"
    raise BuildError(f"no DuckDB type for Arrow {arrow_type}")


def raw_relations(settings: Settings) -> dict[str, dict[str, Any]]:
    """Each raw table's current metadata location (None if absent or never written) and columns."""
    from pyiceberg.catalog import load_catalog
    from pyiceberg.exceptions import NoSuchNamespaceError, NoSuchTableError

    catalog = load_catalog(settings.catalog_name, **settings.catalog_properties())
    out: dict[str, dict[str, Any]] = {}
    for name, contract in SCHEMAS.items():
        location: str | None = None
        schema = contract
        try:
            table = catalog.load_table((settings.raw_namespace, name))
        except (NoSuchTableError, NoSuchNamespaceError):
            table = None
        if table is not None and table.current_snapshot() is not None:
            location = table.metadata_location
            schema = table.schema().as_arrow()
        columns = [[f.name, duckdb_type(f.type)] for f in schema]
        out[name] = {"metadata_location": location, "columns": columns}
    return out


def dbt_vars(settings: Settings) -> dict[str, Any]:
    """Extra `--vars` for dbt build/run/test: none needed (the raw relations travel in `dbt_env`).

    Kept so callers can pass it unconditionally; a constant value keeps dbt's partial parsing.
    """
    return {}


def _s3_endpoint(endpoint: str | None) -> tuple[str, str, str]:
    """(host[:port], url_style, use_ssl) for a DuckDB S3 secret."""
    if not endpoint:
        return "s3.amazonaws.com", "vhost", "true"
    parsed = urlparse(endpoint if "://" in endpoint else f"https://{endpoint}")
    return parsed.netloc, "path", "false" if parsed.scheme == "http" else "true"


def dbt_env(settings: Settings, relations: dict[str, dict[str, Any]] | None = None,
            resolve_raw: bool = True) -> dict[str, str]:
    """Environment for a dbt invocation: what profiles.yml reads, plus the raw relations.

    Call it just before invoking dbt (metadata locations move with every load). `relations`
    reuses an already resolved `raw_relations(settings)`; `resolve_raw=False` skips the catalog
    (for `dbt parse`, which never runs the hook).
    """
    if relations is None and resolve_raw:
        relations = raw_relations(settings)
    env = {
        "POKERLAKE_DBT_TARGET": settings.profile,
        "POKERLAKE_DBT_BUILD_DB": str(settings.build_db),
        "POKERLAKE_DBT_EXTENSION_DIR": str(settings.build_db.parent / "duckdb_extensions"),
        "POKERLAKE_DBT_AVRO_EXTENSION": str(extension_path("avro")),
        "POKERLAKE_DBT_ICEBERG_EXTENSION": str(extension_path("iceberg")),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
    }
    if relations is not None:
        env["POKERLAKE_DBT_RAW_RELATIONS"] = json.dumps(relations, separators=(",", ":"))
    if settings.s3 is not None:
        host, url_style, use_ssl = _s3_endpoint(settings.s3.endpoint)
        env.update({
            "POKERLAKE_DBT_HTTPFS_EXTENSION": str(extension_path("httpfs")),
            "POKERLAKE_DBT_S3_KEY_ID": settings.s3.access_key,
            "POKERLAKE_DBT_S3_SECRET": settings.s3.secret_key,
            "POKERLAKE_DBT_S3_REGION": settings.s3.region,
            "POKERLAKE_DBT_S3_ENDPOINT": host,
            "POKERLAKE_DBT_S3_URL_STYLE": url_style,
            "POKERLAKE_DBT_S3_USE_SSL": use_ssl,
        })
    return env


def dbt_target_dir(settings: Settings) -> Path:
    """Where builds keep dbt's target/ and logs (per data directory, so test homes stay apart)."""
    return settings.build_db.parent / "dbt_target"


# ---------------------------------------------------------------- running dbt in-process


@contextmanager
def _patched_env(env: dict[str, str]) -> Iterator[None]:
    with _ENV_LOCK:
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            yield
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


def _release_duckdb() -> None:
    """Close dbt-duckdb's process-wide DuckDB instance so the build file can be copied/reopened."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        env = DuckDBConnectionManager._ENV
        DuckDBConnectionManager._ENV = None
    if env is not None:
        env.close()


def run_dbt(args: list[str], settings: Settings, target_path: Path | None = None,
            env: dict[str, str] | None = None) -> Any:
    """Invoke dbt in-process on dbt_project/ with the environment derived from settings."""
    from dbt.cli.main import dbtRunner

    target = target_path or dbt_target_dir(settings)
    full = [
        *args,
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target", settings.profile,
        "--target-path", str(target),
        "--log-path", str(target / "logs"),
        "--log-level", "warn",
        "--log-level-file", "info",
        "--no-send-anonymous-usage-stats",
        "--no-version-check",
    ]
    with _patched_env(env if env is not None else dbt_env(settings)):
        try:
            return dbtRunner().invoke(full)
        finally:
            _release_duckdb()


def dbt_parse(settings: Settings | None = None) -> Path:
    """Write dbt_project/target/manifest.json (Dagster's dbt assets load it); returns its path."""
    settings = settings or get_settings()
    target = DBT_PROJECT_DIR / "target"
    res = run_dbt(["parse"], settings, target_path=target, env=dbt_env(settings, resolve_raw=False))
    if not res.success:
        raise BuildError(f"dbt parse failed: {res.exception}")
    return target / "manifest.json"


def _summarize(res: Any) -> tuple[dict[str, int], list[str], list[str]]:
    counts = {"model": 0, "test": 0, "seed": 0, "skipped": 0}
    failures: list[str] = []
    warnings: list[str] = []
    results = getattr(res.result, "results", None) or []
    for r in results:
        node = r.node
        kind = str(getattr(node, "resource_type", ""))
        kind = kind.split(".")[-1].lower()
        kind = "test" if kind == "unit_test" else kind
        status = str(r.status).split(".")[-1].lower()
        label = f"{kind} {getattr(node, 'name', node)}"
        if status in ("error", "fail", "runtime error"):
            failures.append(f"{label}: {status}" + (f" ({r.message})" if r.message else "")
                            + (f" [{r.failures} failing rows]" if getattr(r, "failures", None) else ""))
        elif status == "warn":
            warnings.append(f"{label}: {r.message}")
        elif status == "skipped":
            counts["skipped"] += 1
        if kind in counts and status not in ("skipped", "error", "fail"):
            counts[kind] += 1
    return counts, failures, warnings


def build(settings: Settings | None = None, full_refresh: bool = False,
          select: str | None = None) -> BuildReport:
    """`dbt build` into the persistent build DB, then publish the served marts.

    Raises BuildError (listing every failing model/test) and publishes nothing when any node fails.
    """
    settings = settings or get_settings()
    settings.ensure_dirs()
    started = time.perf_counter()
    relations = raw_relations(settings)
    args = ["build"]
    if full_refresh:
        args.append("--full-refresh")
    if select:
        args += ["--select", select]
    res = run_dbt(args, settings, env=dbt_env(settings, relations=relations))
    counts, failures, warnings = _summarize(res)
    if not res.success or failures:
        if not failures:
            failures = [f"dbt: {res.exception or 'build failed'}"]
        skipped = f"\n  ({counts['skipped']} downstream nodes skipped)" if counts["skipped"] else ""
        raise BuildError("dbt build failed, marts not published:\n  " + "\n  ".join(failures) + skipped,
                         failures)
    published = publish(settings)
    return BuildReport(
        models=counts["model"], tests=counts["test"], seeds=counts["seed"],
        duration_s=time.perf_counter() - started, published=published, warnings=warnings,
        raw_tables={t: spec["metadata_location"] for t, spec in relations.items()},
    )


# ---------------------------------------------------------------- publishing


_NO_EXTENSIONS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def _prune_for_serving(path: Path) -> None:
    """Drop build-only schemas and any view still calling iceberg_scan from the served copy."""
    con = duckdb.connect(str(path), config=_NO_EXTENSIONS)
    try:
        for schema in BUILD_ONLY_SCHEMAS:
            con.execute(f'drop schema if exists "{schema}" cascade')
        views = con.execute(
            "select schema_name, view_name from duckdb_views() "
            "where not internal and database_name = current_database() "
            "and lower(sql) like '%iceberg_scan%'").fetchall()
        for schema, view in views:
            con.execute(f'drop view if exists "{schema}"."{view}"')
        con.execute("checkpoint")
    finally:
        con.close()


def _check_served(path: Path) -> None:
    """Every table and view of the served copy must be queryable without any extension."""
    con = duckdb.connect(str(path), read_only=True, config=_NO_EXTENSIONS)
    try:
        rels = con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = current_database() "
            "union all select schema_name, view_name from duckdb_views() "
            "where not internal and database_name = current_database()").fetchall()
        for schema, name in rels:
            try:
                con.execute(f'select * from "{schema}"."{name}" limit 0')
            except duckdb.Error as exc:
                raise BuildError(f"served marts would not open {schema}.{name} without extensions: {exc}") \
                    from exc
    finally:
        con.close()


def publish(settings: Settings | None = None) -> Path:
    """Copy the build DB to marts.duckdb.next, prune it, and atomically replace marts.duckdb."""
    settings = settings or get_settings()
    build_db, served = settings.build_db, settings.marts_db
    if not build_db.exists():
        raise BuildError(f"no build database at {build_db}: run `pokerlake build` first")
    try:
        con = duckdb.connect(str(build_db), config=_NO_EXTENSIONS)
    except duckdb.IOException as exc:
        raise BuildError(f"cannot open {build_db} to publish (is a build running?): {exc}") from exc
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    if build_db.with_name(build_db.name + ".wal").exists():
        raise BuildError(f"{build_db}.wal still exists after checkpoint: is another process building?")
    nxt = served.with_name(served.name + ".next")
    for stale in (nxt, nxt.with_name(nxt.name + ".wal")):
        stale.unlink(missing_ok=True)
    shutil.copyfile(build_db, nxt)
    _prune_for_serving(nxt)
    _check_served(nxt)
    nxt.with_name(nxt.name + ".wal").unlink(missing_ok=True)
    served.with_name(served.name + ".wal").unlink(missing_ok=True)
    os.replace(nxt, served)
    return served
