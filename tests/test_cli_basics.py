"""The CLI contract that needs no lake: help on every command, exit codes, exact output formats."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from pokerlake import output
from pokerlake.cli import app

COMMANDS = ["generate", "parse", "ingest", "build", "query", "demo"]
runner = CliRunner()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_usage_error_exits_2() -> None:
    assert runner.invoke(app, ["query", "select 1", "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["query", "select 1", "--as-of", "1"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2


def test_failure_is_one_line_on_stderr_exit_1(tmp_path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pokerlake.cli", "parse", str(tmp_path / "missing"),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0
    assert proc.stderr.startswith("error: no such file or folder")


def _sample() -> pa.Table:
    return pa.table({
        "player": ["a,b", "c"],
        "net": pa.array([Decimal("1234.5000"), Decimal("-0.0100")], pa.decimal128(18, 4)),
        "hands": [1000000, 3],
        "at": pa.array([dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC), None], pa.timestamp("us", tz="UTC")),
        "ok": [True, False],
    })


def test_csv_is_plain_and_exact() -> None:
    text = output.to_csv(_sample())
    lines = text.splitlines()
    assert lines[0] == "player,net,hands,at,ok"
    assert lines[1] == '"a,b",1234.5000,1000000,2026-01-02T03:04:00+00:00,true'
    assert lines[2] == "c,-0.0100,3,,false"


def test_json_keeps_decimals_exact() -> None:
    text = output.to_json(_sample())
    assert '"net":1234.5000' in text
    rows = json.loads(text, parse_float=Decimal)
    assert rows[1]["net"] == Decimal("-0.0100")
    assert rows[1]["at"] is None


def test_unknown_generate_format_is_a_usage_error(tmp_path) -> None:
    result = runner.invoke(app, ["generate", "--out", str(tmp_path), "--format", "nosuchsite"])
    assert result.exit_code == 2
