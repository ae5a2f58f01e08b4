"""Where Dagster keeps its own state (runs, event logs, schedule ticks) for each profile.

`local`: a SQLite-backed instance under `settings.dagster_home` (inside POKERLAKE_HOME, so one
data directory holds everything). `prod`: docker/dagster.yaml (PostgreSQL storage, daemon
scheduler), baked into the image with DAGSTER_HOME=/opt/dagster/home.
Dagster reads DAGSTER_HOME before our code runs, so the launcher (Makefile, shell) sets it:
    DAGSTER_HOME=$(python -m pipelines.instance) dagster dev -w workspace.yaml
"""

from __future__ import annotations

from pathlib import Path

from pokerlake.settings import Settings, get_settings

PROD_DAGSTER_YAML = Path(__file__).resolve().parents[1] / "docker" / "dagster.yaml"


def local_dagster_yaml(home: Path) -> str:
    """dagster.yaml for the local profile: SQLite storage in `home`, no telemetry."""
    return (
        "# Written by pipelines.instance for the local profile; safe to delete (it is rewritten).\n"
        "storage:\n"
        "  sqlite:\n"
        f"    base_dir: {home / 'storage'}\n"
        "local_artifact_storage:\n"
        "  module: dagster.core.storage.root\n"
        "  class: LocalArtifactStorage\n"
        "  config:\n"
        f"    base_dir: {home}\n"
        "telemetry:\n"
        "  enabled: false\n"
    )


def ensure_dagster_home(settings: Settings) -> Path:
    """Create the instance directory of `settings` and its dagster.yaml; return the directory."""
    home = settings.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if settings.profile == "prod":
        text = PROD_DAGSTER_YAML.read_text()
    else:
        text = local_dagster_yaml(home)
    if not config.exists() or config.read_text() != text:
        config.write_text(text)
    return home


if __name__ == "__main__":  # pragma: no cover - used by the Makefile/shell
    print(ensure_dagster_home(get_settings()))
