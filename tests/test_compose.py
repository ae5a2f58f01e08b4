"""docker-compose.yml and docker/: structure checks (Docker cannot run here).

What this exercises: the compose file parses (anchors and merges included), every service is
buildable or pulled, long-running services have healthchecks, start order only waits on
conditions that can become true, every `${VAR}` is documented in .env.example (and every
variable settings.py reads), host ports are unique, every file the stack mounts or copies
exists, and the PostgreSQL init script really creates its databases (run against the local
PostgreSQL server when one answers). Not exercised: pulling/building images, starting
containers, MinIO and the containers' healthchecks themselves.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
COMPOSE = REPO / "docker-compose.yml"
ENV_EXAMPLE = REPO / ".env.example"

VALID_CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}
VAR_RE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")


def _compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def _services() -> dict[str, dict]:
    return _compose()["services"]


def _env_example() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        assert sep, f".env.example line without '=': {line!r}"
        assert key not in out, f"{key} listed twice in .env.example"
        out[key] = value
    return out


def _one_shot(service: dict) -> bool:
    return str(service.get("restart", "no")) == "no"


def test_compose_uses_x_anchors_and_every_service_has_an_image_or_build() -> None:
    doc = _compose()
    assert any(k.startswith("x-") for k in doc), "shared settings belong in x- anchors"
    services = doc["services"]
    expected = {"postgres", "minio", "minio-init", "dagster-webserver", "dagster-daemon", "mlflow",
                "streamlit", "superset"}
    assert expected <= set(services), f"missing services: {expected - set(services)}"
    for name, svc in services.items():
        assert "image" in svc or "build" in svc, f"{name}: needs image or build"
        if "build" in svc:
            build = svc["build"]
            context = REPO / (build["context"] if isinstance(build, dict) else build)
            dockerfile = context / (build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile")
            assert context.is_dir(), f"{name}: build context {context} missing"
            assert dockerfile.is_file(), f"{name}: Dockerfile {dockerfile} missing"


def test_every_long_running_service_has_a_healthcheck() -> None:
    for name, svc in _services().items():
        if _one_shot(svc):
            continue
        check = svc.get("healthcheck")
        assert check and check.get("test"), f"{name}: long-running service without healthcheck"
        assert check["test"][0] in ("CMD", "CMD-SHELL"), f"{name}: healthcheck test must be CMD/CMD-SHELL"
        for key in ("interval", "timeout", "retries"):
            assert key in check, f"{name}: healthcheck lacks {key}"


def test_depends_on_targets_exist_and_conditions_can_be_met() -> None:
    services = _services()
    for name, svc in services.items():
        deps = svc.get("depends_on", {})
        assert isinstance(deps, dict), f"{name}: depends_on must use the long form with conditions"
        for target, spec in deps.items():
            assert target in services, f"{name} depends on unknown service {target}"
            assert target != name
            condition = spec.get("condition")
            assert condition in VALID_CONDITIONS, f"{name} -> {target}: bad condition {condition!r}"
            if condition == "service_healthy":
                assert services[target].get("healthcheck"), f"{name} waits for {target} to be healthy but it has no healthcheck"
            if condition == "service_completed_successfully":
                assert _one_shot(services[target]), f"{name} waits for {target} to complete but it restarts"


def test_start_order_has_no_cycles() -> None:
    services = _services()
    state: dict[str, str] = {}

    def visit(node: str, path: tuple[str, ...]) -> None:
        if state.get(node) == "done":
            return
        assert state.get(node) != "active", f"depends_on cycle: {' -> '.join((*path, node))}"
        state[node] = "active"
        for dep in services[node].get("depends_on", {}):
            visit(dep, (*path, node))
        state[node] = "done"

    for name in services:
        visit(name, ())


def test_every_variable_is_documented_in_env_example() -> None:
    documented = set(_env_example())
    code = "\n".join(line for line in COMPOSE.read_text().splitlines() if not line.lstrip().startswith("#"))
    used = set(VAR_RE.findall(code))
    assert used, "compose should read its settings from .env"
    assert not used - documented, f"used in docker-compose.yml but not in .env.example: {sorted(used - documented)}"
    settings_src = (REPO / "pokerlake" / "settings.py").read_text()
    read = set(re.findall(r"_(?:env|require)\(\"([A-Z0-9_]+)\"", settings_src))
    assert "POKERLAKE_PROFILE" in read
    assert not read - documented, f"read by settings.py but not in .env.example: {sorted(read - documented)}"
    # Scripts mounted into containers read variables the compose file must pass in.
    init = (REPO / "docker" / "postgres" / "init-databases.sh").read_text()
    pg_env = set(_services()["postgres"]["environment"])
    for var in re.findall(r"\$\{([A-Z_]+):\?\}", init):
        assert var in pg_env, f"init-databases.sh needs {var} in the postgres service environment"


def test_env_example_commits_no_secrets() -> None:
    for key, value in _env_example().items():
        if any(word in key for word in ("PASSWORD", "SECRET")):
            assert value == "", f"{key} must be empty in .env.example (no secrets in git)"


def test_secrets_are_required_not_defaulted() -> None:
    text = COMPOSE.read_text()
    for var in ("POSTGRES_PASSWORD", "MINIO_ROOT_PASSWORD", "POKERLAKE_S3_SECRET_KEY", "SUPERSET_SECRET_KEY"):
        assert re.search(rf"\$\{{{var}:\?", text), f"{var} should fail loudly when unset"
        assert not re.search(rf"\$\{{{var}:-", text), f"{var} must not have a default"


def test_host_ports_are_unique_and_bound_to_loopback() -> None:
    seen: dict[str, str] = {}
    for name, svc in _services().items():
        for port in svc.get("ports", []):
            resolved = _resolve(str(port))
            parts = resolved.split(":")
            assert len(parts) == 3 and parts[0] == "127.0.0.1", f"{name}: publish on 127.0.0.1 only ({port})"
            host = parts[1]
            assert host not in seen, f"host port {host} used by {seen[host]} and {name}"
            seen[host] = name


def test_prod_profile_and_pokerlake_env_reach_the_dagster_services() -> None:
    services = _services()
    for name in ("dagster-webserver", "dagster-daemon", "streamlit"):
        env = services[name]["environment"]
        assert env["POKERLAKE_PROFILE"].endswith("prod}"), f"{name} should default to the prod profile"
        for var in ("POKERLAKE_CATALOG_URI", "POKERLAKE_S3_BUCKET", "POKERLAKE_S3_ENDPOINT",
                    "POKERLAKE_DAGSTER_PG_URL", "POKERLAKE_HOME", "DAGSTER_HOME"):
            assert var in env, f"{name} lacks {var}"
    for name in ("dagster-webserver", "dagster-daemon"):
        assert "workspace.yaml" in services[name]["command"]
        assert any(str(v).endswith(":/data") for v in services[name]["volumes"])


def _resolve(value: str) -> str:
    """Compose interpolation with defaults: ${X:-d} -> d; ${X}, ${X:?msg} -> X."""
    value = re.sub(r"\$\{[A-Za-z0-9_]+:-([^}]*)\}", lambda m: m.group(1), value)
    return re.sub(r"\$\{([A-Za-z0-9_]+)(:\?[^}]*)?\}", lambda m: m.group(1), value)


def test_referenced_files_exist() -> None:
    for name, svc in _services().items():
        for volume in svc.get("volumes", []):
            source = _resolve(str(volume)).split(":")[0]
            if source.startswith("./docker/"):
                assert (REPO / source).exists(), f"{name}: mounts missing {source}"
            elif source.startswith("./"):
                # Host folders docker creates on first start: keep them out of git.
                assert source.startswith("./.pokerlake/"), f"{name}: host folder {source} is not git-ignored"
                assert ".pokerlake/" in (REPO / ".gitignore").read_text().split()
        entry = svc.get("entrypoint") or []
        for arg in entry:
            if str(arg).startswith("/") and arg.endswith(".sh"):
                mounted = [_resolve(str(v)).split(":")[1] for v in svc.get("volumes", [])]
                assert arg in mounted, f"{name}: entrypoint script {arg} is not mounted"
    assert (REPO / "workspace.yaml").is_file()
    assert (REPO / "docker" / "dagster.yaml").is_file()


@pytest.mark.parametrize("dockerfile", sorted(str(p.relative_to(REPO)) for p in (REPO / "docker").rglob("Dockerfile")))
def test_dockerfile_copies_only_existing_paths(dockerfile: str) -> None:
    text = (REPO / dockerfile).read_text()
    assert re.search(r"^FROM \S+:\S+", text, re.M), "pin base images by tag"
    for line in text.splitlines():
        m = re.match(r"^COPY\s+(?!--from)(.+)$", line.strip())
        if not m:
            continue
        *sources, _dest = m.group(1).split()
        for src in sources:
            assert (REPO / src).exists(), f"{dockerfile}: COPY source {src} missing (build context = repo root)"


def test_app_image_installs_from_the_lock_file() -> None:
    text = (REPO / "docker" / "Dockerfile").read_text()
    assert "uv.lock" in text and "uv sync --frozen" in text
    ignore = (REPO / "docker" / "Dockerfile.dockerignore").read_text().split()
    assert ".venv" in ignore and ".pokerlake" in ignore and ".env" in ignore


def test_shell_scripts_parse() -> None:
    for script in sorted((REPO / "docker").rglob("*.sh")):
        shell = "sh" if script.read_text().startswith("#!/bin/sh") else "bash"
        subprocess.run([shell, "-n", str(script)], check=True)


def _local_postgres() -> bool:
    if not shutil.which("psql") or not shutil.which("pg_isready"):
        return False
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432"], capture_output=True).returncode == 0


def _psql(sql: str) -> str:
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-tAc", sql],
                          check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(not _local_postgres(), reason="no PostgreSQL on 127.0.0.1:5432")
def test_postgres_init_script_creates_each_database_idempotently() -> None:
    suffix = uuid.uuid4().hex[:8]
    names = {var: f"pl_test_{var.lower()}_{suffix}" for var in
             ("POKERLAKE_CATALOG_DB", "DAGSTER_PG_DB", "MLFLOW_PG_DB", "SUPERSET_PG_DB")}
    env = {**os.environ, **names, "POSTGRES_USER": "postgres", "PGHOST": "127.0.0.1", "PGPORT": "5432"}
    script = REPO / "docker" / "postgres" / "init-databases.sh"
    try:
        for _ in range(2):  # a second start must not fail on existing databases
            subprocess.run(["bash", str(script)], env=env, check=True, capture_output=True, text=True)
        found = set(_psql(f"SELECT datname FROM pg_database WHERE datname LIKE 'pl_test_%_{suffix}'").split())
        assert found == set(names.values())
    finally:
        for db in names.values():
            _psql(f'DROP DATABASE IF EXISTS "{db}"')
