"""dbt models (with their tests as asset checks) and the served marts file, as Dagster assets.

dbt reads the raw Iceberg tables (`source('raw', <table>)`, keyed `raw/<table>` like the dlt
assets) and builds into the persistent build database; `served_marts` then publishes that file
by copy-then-rename (DESIGN.md). Both steps are `pokerlake.build` functions; this module only
wires them so Dagster sees one asset per model and one check per dbt test.
"""

import json
import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import dagster as dg
from dagster._utils import run_with_concurrent_update_guard
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from pokerlake import build as pl_build
from pokerlake.marts import list_marts
from pokerlake.settings import Settings

TRANSFORM_GROUP = "transform"
DBT_PROJECT_DIR = pl_build.DBT_PROJECT_DIR
DBT_ASSETS_NAME = "pokerlake_dbt_models"
SERVED_MARTS_KEY = dg.AssetKey(["served_marts"])


class PokerlakeDbtTranslator(DagsterDbtTranslator):
    """Default keys (sources -> `raw/<table>`, models -> `<model>`); every model in one group."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return TRANSFORM_GROUP


class DbtBuildConfig(dg.Config):
    """Run-time switches of the dbt step (the nightly schedule sets full_refresh)."""

    full_refresh: bool = False


def dbt_project(settings: Settings) -> DbtProject:
    """The dbt project, with a manifest on disk (written by `dbt parse` when missing)."""
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR, target=settings.profile)
    # Under `dagster dev` re-parse on every load so model edits show up; otherwise only when missing
    # (the image writes it at build time). In-process dbt: no `dbt` on PATH needed. The guard keeps
    # concurrent loaders from writing the manifest at once.
    if os.getenv("DAGSTER_IS_DEV_CLI") or not project.manifest_path.exists():
        project.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        run_with_concurrent_update_guard(project.manifest_path, lambda: pl_build.dbt_parse(settings))
    return project


@contextmanager
def _environ(extra: Mapping[str, str]) -> Iterator[None]:
    """Overlay os.environ while dagster-dbt spawns dbt (it copies os.environ into the child)."""
    saved = {k: os.environ.get(k) for k in extra}
    os.environ.update(extra)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def build_dbt_assets(settings: Settings, project: DbtProject) -> dg.AssetsDefinition:
    """Every dbt model as an asset; every dbt test as an asset check."""

    @dbt_assets(manifest=project.manifest_path, project=project, name=DBT_ASSETS_NAME,
                dagster_dbt_translator=PokerlakeDbtTranslator())
    def pokerlake_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, config: DbtBuildConfig):
        args = ["build", "--vars", json.dumps(pl_build.dbt_vars(settings))]
        if config.full_refresh:
            args.append("--full-refresh")
        # dbt's target/ per data directory and run, so concurrent homes (tests, users) never mix.
        target = pl_build.dbt_target_dir(settings) / f"dagster-{context.run.run_id}"
        with _environ(pl_build.dbt_env(settings)):
            invocation = dbt.cli(args, context=context, target_path=target)
        yield from invocation.stream()
        # A good run's artifacts are in Dagster's event log now; a failed run's stay for debugging.
        shutil.rmtree(target, ignore_errors=True)

    return pokerlake_dbt_models


def build_served_marts_asset(settings: Settings, dbt_models: dg.AssetsDefinition) -> dg.AssetsDefinition:
    """The served `marts.duckdb`, published from the build database after the dbt models."""
    model_keys = sorted(dbt_models.keys, key=lambda k: k.to_user_string())

    @dg.asset(
        key=SERVED_MARTS_KEY,
        deps=model_keys,
        group_name=TRANSFORM_GROUP,
        kinds={"duckdb"},
        description=f"Read-only marts served to the app, Superset and `pokerlake query` ({settings.marts_db}).",
    )
    def served_marts(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
        served = pl_build.publish(settings)
        context.log.info(f"published {served}")
        return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(served)),
                                              "bytes": served.stat().st_size})

    return served_marts


def build_served_marts_check(settings: Settings, dbt_models: dg.AssetsDefinition) -> dg.AssetChecksDefinition:
    """After a publish, the served file opens read-only (no extensions) and holds every mart."""
    # dbt models in the default schema (no key prefix) are the marts that reach the served file.
    marts = sorted(k.path[0] for k in dbt_models.keys if len(k.path) == 1)

    @dg.asset_check(asset=SERVED_MARTS_KEY, name="serves_every_mart",
                    description="marts.duckdb opens read-only and lists every dbt mart.")
    def serves_every_mart() -> dg.AssetCheckResult:
        served = set(list_marts(settings))
        missing = [m for m in marts if m not in served]
        return dg.AssetCheckResult(passed=not missing, metadata={"marts": len(served), "missing": ", ".join(missing)})

    return serves_every_mart
