"""The one place that reads the environment.

Everything else asks `get_settings()` for paths, URIs and credentials, so switching
between the embedded `local` profile and the `prod` profile (MinIO/S3 + PostgreSQL)
is one variable, and tests can point a whole run at a temporary directory by setting
`POKERLAKE_HOME` and calling `get_settings.cache_clear()`.

Nothing here runs at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PROFILES = ("local", "prod")
CATALOG_NAME = "pokerlake"
RAW_NAMESPACE = "raw"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class S3Settings:
    """Object-store coordinates; endpoint is None for AWS itself."""

    bucket: str
    endpoint: str | None
    access_key: str
    secret_key: str
    region: str = "us-east-1"

    def pyiceberg_properties(self) -> dict[str, str]:
        props = {
            "s3.access-key-id": self.access_key,
            "s3.secret-access-key": self.secret_key,
            "s3.region": self.region,
        }
        if self.endpoint:
            props["s3.endpoint"] = self.endpoint
            props["s3.path-style-access"] = "true"
        return props

    def fsspec_options(self) -> dict[str, object]:
        """Options for s3fs/fsspec and polars `storage_options`."""
        opts: dict[str, object] = {"key": self.access_key, "secret": self.secret_key}
        if self.endpoint:
            opts["client_kwargs"] = {"endpoint_url": self.endpoint, "region_name": self.region}
        return opts


@dataclass(frozen=True)
class Settings:
    """Resolved configuration for one process."""

    profile: str
    home: Path
    warehouse_uri: str
    catalog_uri: str
    s3: S3Settings | None = None
    catalog_name: str = CATALOG_NAME
    raw_namespace: str = RAW_NAMESPACE
    dagster_postgres_url: str | None = None
    mlflow_tracking_uri: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    # ---- local folders (every profile keeps these on the local disk) ----
    @property
    def inbox_dir(self) -> Path:
        return self.home / "inbox"

    @property
    def lake_dir(self) -> Path:
        return self.home / "lake"

    @property
    def dlt_dir(self) -> Path:
        """dlt's pipelines working directory (state, load packages)."""
        return self.home / "dlt"

    @property
    def build_db(self) -> Path:
        """Persistent dbt build database (incremental models keep their state here)."""
        return self.home / "build" / "pokerlake_build.duckdb"

    @property
    def marts_db(self) -> Path:
        """The served, read-only marts file, replaced atomically after each good build."""
        return self.home / "marts.duckdb"

    @property
    def dagster_home(self) -> Path:
        return self.home / "dagster"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def exports_dir(self) -> Path:
        return self.home / "exports"

    @property
    def mlflow_dir(self) -> Path:
        return self.home / "mlflow"

    def ensure_dirs(self) -> None:
        for d in (self.home, self.inbox_dir, self.lake_dir, self.dlt_dir, self.build_db.parent,
                  self.dagster_home, self.reports_dir, self.exports_dir, self.mlflow_dir):
            d.mkdir(parents=True, exist_ok=True)

    def catalog_properties(self) -> dict[str, str]:
        """Properties for `pyiceberg.catalog.load_catalog(self.catalog_name, **props)`."""
        props = {"type": "sql", "uri": self.catalog_uri, "warehouse": self.warehouse_uri}
        if self.s3 is not None:
            props.update(self.s3.pyiceberg_properties())
        return props


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _require(name: str) -> str:
    value = _env(name)
    if value is None:
        raise SettingsError(f"{name} must be set for POKERLAKE_PROFILE=prod (see .env.example)")
    return value


def load_settings() -> Settings:
    """Read the environment now (uncached); prefer `get_settings()`."""
    profile = (_env("POKERLAKE_PROFILE", "local") or "local").lower()
    if profile not in PROFILES:
        raise SettingsError(f"POKERLAKE_PROFILE must be one of {', '.join(PROFILES)}, got {profile!r}")
    home = Path(_env("POKERLAKE_HOME", ".pokerlake") or ".pokerlake").expanduser().resolve()

    if profile == "local":
        catalog_uri = _env("POKERLAKE_CATALOG_URI", f"sqlite:///{home / 'catalog.db'}")
        warehouse = _env("POKERLAKE_WAREHOUSE", (home / "lake").as_uri())
        mlflow_uri = _env("MLFLOW_TRACKING_URI", f"sqlite:///{home / 'mlflow' / 'mlflow.db'}")
        return Settings(profile=profile, home=home, warehouse_uri=warehouse or "",
                        catalog_uri=catalog_uri or "", mlflow_tracking_uri=mlflow_uri or "")

    s3 = S3Settings(
        bucket=_require("POKERLAKE_S3_BUCKET"),
        endpoint=_env("POKERLAKE_S3_ENDPOINT"),
        access_key=_require("POKERLAKE_S3_ACCESS_KEY"),
        secret_key=_require("POKERLAKE_S3_SECRET_KEY"),
        region=_env("POKERLAKE_S3_REGION", "us-east-1") or "us-east-1",
    )
    warehouse = _env("POKERLAKE_WAREHOUSE", f"s3://{s3.bucket}/lake")
    return Settings(
        profile=profile,
        home=home,
        warehouse_uri=warehouse or "",
        catalog_uri=_require("POKERLAKE_CATALOG_URI"),
        s3=s3,
        dagster_postgres_url=_env("POKERLAKE_DAGSTER_PG_URL"),
        mlflow_tracking_uri=_env("MLFLOW_TRACKING_URI", "") or "",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings for this process, read once on first use."""
    return load_settings()
