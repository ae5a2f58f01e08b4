"""`dagster dev -w workspace.yaml` from the repo root serves the whole asset graph.

Starts the real webserver + daemon + code server in their own process group (with SIGINT and
SIGTERM restored: a background job would otherwise ignore them), waits until the code location
has loaded (polling readiness, not timing anything), reads the asset graph over GraphQL, and
stops the group.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pipelines.instance import ensure_dagster_home
from pokerlake.settings import get_settings

REPO = Path(__file__).resolve().parents[1]
DAGSTER = REPO / ".venv" / "bin" / "dagster"
READY_DEADLINE_S = 240

LOCATION_QUERY = """
{ workspaceOrError { __typename ... on Workspace { locationEntries { name
    locationOrLoadError { __typename ... on PythonError { message } } } } } }
"""
GRAPH_QUERY = """
{ assetNodes { assetKey { path } groupName dependencyKeys { path }
    assetChecksOrError { __typename ... on AssetChecks { checks { name } } } } }
"""
SCHEDULES_QUERY = """
{ sensorsOrError(repositorySelector: {repositoryLocationName: "pokerlake", repositoryName: "__repository__"}) {
    __typename ... on Sensors { results { name } } }
  schedulesOrError(repositorySelector: {repositoryLocationName: "pokerlake", repositoryName: "__repository__"}) {
    __typename ... on Schedules { results { name cronSchedule } } } }
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _graphql(port: int, query: str) -> dict:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        body = json.load(resp)
    assert "errors" not in body, body
    return body["data"]


def _location_state(port: int) -> str | None:
    """The code location's load state, or None while the webserver is not answering yet."""
    try:
        data = _graphql(port, LOCATION_QUERY)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None
    entries = data["workspaceOrError"].get("locationEntries") or []
    if not entries or entries[0]["locationOrLoadError"] is None:
        return "loading"
    loaded = entries[0]["locationOrLoadError"]
    if loaded["__typename"] == "PythonError":
        pytest.fail(f"code location failed to load: {loaded['message']}")
    return loaded["__typename"]


@pytest.mark.slow
def test_dagster_dev_serves_the_asset_graph(isolated_home: Path, tmp_path: Path) -> None:
    settings = get_settings()
    dagster_home = ensure_dagster_home(settings)
    port = _free_port()
    log = tmp_path / "dagster_dev.log"
    env = {**os.environ, "POKERLAKE_HOME": str(isolated_home), "DAGSTER_HOME": str(dagster_home)}
    with log.open("w") as out:
        proc = subprocess.Popen(
            ["setsid", "env", "--default-signal=INT,TERM", str(DAGSTER), "dev", "-w", "workspace.yaml",
             "-h", "127.0.0.1", "-p", str(port)],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + READY_DEADLINE_S
        state = None
        while time.monotonic() < deadline and proc.poll() is None:
            state = _location_state(port)
            if state == "RepositoryLocation":
                break
            time.sleep(0.5)  # readiness poll interval, not a timing assumption
        assert state == "RepositoryLocation", f"not ready (state {state}); log:\n{log.read_text()[-4000:]}"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=10) as resp:
            assert "dagster_webserver_version" in json.load(resp)

        nodes = _graphql(port, GRAPH_QUERY)["assetNodes"]
        by_key = {"/".join(n["assetKey"]["path"]): n for n in nodes}
        for table in ("hands", "hand_players", "actions", "hand_sources", "tournaments", "quarantine",
                      "sessions", "import_files"):
            assert f"raw/{table}" in by_key, sorted(by_key)
            assert by_key[f"raw/{table}"]["groupName"] == "ingest"
        assert "fct_hand_players" in by_key
        # dbt's sources are the dlt assets: one graph, no dangling source assets.
        staged = by_key["staging/stg_raw__hands"]
        assert ["raw", "hands"] in [d["path"] for d in staged["dependencyKeys"]]
        served_deps = {"/".join(d["path"]) for d in by_key["served_marts"]["dependencyKeys"]}
        assert "fct_hand_players" in served_deps
        checks = by_key["fct_hand_players"]["assetChecksOrError"]["checks"]
        assert checks, "dbt tests should appear as asset checks"

        data = _graphql(port, SCHEDULES_QUERY)
        assert [s["name"] for s in data["sensorsOrError"]["results"]] == ["inbox_sensor"]
        assert [s["cronSchedule"] for s in data["schedulesOrError"]["results"]] == ["0 3 * * *"]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
