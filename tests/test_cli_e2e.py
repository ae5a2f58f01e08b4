"""The issue's acceptance path through the real CLI: real Stars files -> lake -> marts -> query.

Runs the installed `pokerlake` entry point in subprocesses (as a user would), against an
isolated data directory: ingest, build, query, then ingest + build again and load nothing new.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import FPDB, REPO

pytestmark = pytest.mark.slow
CLI = str(REPO / ".venv" / "bin" / "pokerlake")
STARS_CASH = FPDB / "cash" / "Stars"


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POKERLAKE_HOME": str(home)}
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, env=env, cwd=home, timeout=600)
    assert proc.returncode == 0, f"{args}: {proc.stderr}\n{proc.stdout}"
    return proc


def counts(stdout: str) -> dict[str, int]:
    line = next(ln for ln in stdout.splitlines() if ln.startswith("hands found:"))
    return {k.strip().replace(" ", "_"): int(v) for k, v in re.findall(r"([a-z ]+?): (\d+)", line.replace("hands found", "found"))}


def test_real_stars_ingest_build_query_idempotent(isolated_home: Path) -> None:
    first = counts(run(isolated_home, "ingest", str(STARS_CASH)).stdout)
    assert first["found"] == first["loaded"] + first["quarantined"] + first["already_present"]
    assert first["loaded"] > 0 and first["quarantined"] > 0  # Draw/Stud hands are quarantined by name
    run(isolated_home, "build")

    lake = json.loads(run(isolated_home, "query", "--lake", "--format", "json",
                          "select count(*) as n from hands").stdout)
    quarantined = json.loads(run(isolated_home, "query", "--lake", "--format", "json",
                                 "select count(*) as n, count(reason) as with_reason from quarantine").stdout)
    assert lake[0]["n"] == first["loaded"]
    assert quarantined[0]["n"] == quarantined[0]["with_reason"] == first["quarantined"]

    marts = run(isolated_home, "query", "--format", "csv",
                "select count(distinct site || hand_id) as hands from fct_hand_players")
    assert int(next(csv.DictReader(io.StringIO(marts.stdout)))["hands"]) == first["loaded"]
    # Players as a whole lose the rake, in each currency, once site-paid cash-outs are set aside.
    by_currency = run(isolated_home, "query", "--format", "csv",
                      "select currency, sum(net) as net from fct_hand_players where hand_id not in "
                      "(select hand_id from fct_hand_players where cashout is not null) group by currency")
    rows = list(csv.DictReader(io.StringIO(by_currency.stdout)))
    assert rows and all(Decimal(r["net"]) <= 0 for r in rows), rows

    second = counts(run(isolated_home, "ingest", str(STARS_CASH)).stdout)
    assert second["loaded"] == 0
    assert second["found"] == 0 or second["already_present"] == second["found"] - second["quarantined"]
    run(isolated_home, "build")
    again = json.loads(run(isolated_home, "query", "--lake", "--format", "json",
                           "select count(*) as n from hands").stdout)
    assert again == lake


def test_demo_runs_the_whole_spine(isolated_home: Path) -> None:
    out = run(isolated_home, "demo", "--hands", "1500", "--players", "18").stdout
    for needle in ("Hands per site", "pokerstars", "Net won per player", "served marts", "inbox", "lake"):
        assert needle in out, out
    rows = list(csv.DictReader(io.StringIO(run(
        isolated_home, "query", "--format", "csv",
        "select currency, count(distinct hand_id) as hands from fct_hand_players group by currency").stdout)))
    assert rows == [{"currency": "USD", "hands": "1500"}]


def test_generate_then_parse_writes_every_table(isolated_home: Path) -> None:
    data = isolated_home / "gen"
    run(isolated_home, "generate", "--hands", "300", "--players", "12", "--seed", "3", "--out", str(data))
    assert (data / "labels" / "tilt.parquet").is_file()
    assert list((data / "hands").glob("*.txt")) and list((data / "sessions").glob("*.csv"))
    out = isolated_home / "parsed"
    text = run(isolated_home, "parse", str(data), "--out", str(out)).stdout
    assert "quarantined: 0" in text
    import pyarrow.parquet as pq

    from ingestion.schema import PARSED_TABLES, SCHEMAS

    for name in PARSED_TABLES:
        table = pq.read_table(out / f"{name}.parquet")
        assert table.schema.remove_metadata() == SCHEMAS[name], name
    assert pq.read_table(out / "hands.parquet").num_rows == 300
