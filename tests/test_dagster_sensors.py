"""The inbox sensor and the nightly schedule, evaluated with Dagster's own test contexts."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pytest

from pipelines.ingest import inbox
from pipelines.ingest.sensors import build_inbox_sensor
from pipelines.transform.assets import DBT_ASSETS_NAME
from pipelines.transform.schedules import NIGHTLY_CRON, build_nightly_schedule
from pokerlake.settings import get_settings

STARS_FLOP = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real" / "fpdb-3" / \
    "regression-test-files" / "cash" / "Stars" / "Flop"
HAND_FILES = ["NLHE-6max-EUR-0.05-0.10-200911.txt", "NLHE-6max-USD-0.05-0.10-200911.txt"]


@dg.asset(key=["raw", "hands"])
def _stand_in() -> None:
    """A target for the sensor's job; the sensor never runs it."""


def _sensor() -> dg.SensorDefinition:
    job = dg.define_asset_job("ingest_inbox", selection=[_stand_in])
    return build_inbox_sensor(get_settings(), job)


def _tick(sensor: dg.SensorDefinition, cursor: str | None) -> dg.SensorResult:
    with dg.instance_for_test() as instance:
        result = sensor(dg.build_sensor_context(instance=instance, cursor=cursor))
    assert isinstance(result, dg.SensorResult)
    return result


def _drop(name: str) -> Path:
    dest = get_settings().inbox_dir / name
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STARS_FLOP / name, dest)
    return dest


def test_empty_inbox_requests_nothing() -> None:
    result = _tick(_sensor(), None)
    assert not result.run_requests
    assert result.skip_reason is not None


def test_new_file_requests_one_run_and_same_files_again_none() -> None:
    sensor = _sensor()
    _drop(HAND_FILES[0])
    first = _tick(sensor, None)
    assert len(first.run_requests) == 1
    assert first.run_requests[0].run_key
    assert first.run_requests[0].tags["pokerlake/new_files"] == "1"

    again = _tick(sensor, first.cursor)
    assert not again.run_requests, "the same files must not trigger a second run"

    _drop(HAND_FILES[1])
    second = _tick(sensor, again.cursor)
    assert len(second.run_requests) == 1
    assert second.run_requests[0].tags["pokerlake/new_files"] == "1"
    assert second.run_requests[0].run_key != first.run_requests[0].run_key


def test_changed_file_triggers_again_and_sidecars_never_do() -> None:
    sensor = _sensor()
    path = _drop(HAND_FILES[0])
    first = _tick(sensor, None)
    # Sidecars, notes, hidden and half-copied files are not hand histories.
    root = get_settings().inbox_dir
    for name in ("a.txt.hp", "README.md", ".hidden.txt", "big.txt.part", "LICENSE"):
        (root / name).write_text("x")
    assert not _tick(sensor, first.cursor).run_requests
    # Same path, new content (the file grew): must be picked up again.
    with path.open("a") as fh:
        fh.write("\n")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert len(_tick(sensor, first.cursor).run_requests) == 1


def test_files_in_subfolders_count() -> None:
    sensor = _sensor()
    dest = get_settings().inbox_dir / "player_a" / HAND_FILES[0]
    dest.parent.mkdir(parents=True)
    shutil.copyfile(STARS_FLOP / HAND_FILES[0], dest)
    result = _tick(sensor, None)
    assert len(result.run_requests) == 1
    assert "player_a/" + HAND_FILES[0] in inbox.decode_cursor(result.cursor)


def test_cursor_round_trip_and_garbage() -> None:
    seen = {"b.txt": "2:2", "a.txt": "1:1"}
    assert inbox.decode_cursor(inbox.encode_cursor(seen)) == seen
    assert inbox.decode_cursor("not json") == {}
    assert inbox.decode_cursor("[1, 2]") == {}
    assert inbox.decode_cursor(None) == {}
    assert inbox.new_files({"a.txt": "1:1", "c.txt": "3:3"}, seen) == ["c.txt"]
    assert inbox.run_key(["a.txt"], {"a.txt": "1:1"}) == inbox.run_key(["a.txt"], {"a.txt": "1:1"})


def test_nightly_schedule_runs_a_full_refresh_build_at_night_utc() -> None:
    schedule = build_nightly_schedule()
    assert schedule.cron_schedule == NIGHTLY_CRON
    assert schedule.execution_timezone == "UTC"
    with dg.instance_for_test() as instance:
        ctx = dg.build_schedule_context(instance=instance,
                                        scheduled_execution_time=datetime(2026, 11, 28, 3, 0, tzinfo=UTC))
        data = schedule.evaluate_tick(ctx)
    assert data.run_requests and len(data.run_requests) == 1
    request = data.run_requests[0]
    assert request.run_config["ops"][DBT_ASSETS_NAME]["config"]["full_refresh"] is True
    assert request.tags["pokerlake/trigger"] == "nightly"


@pytest.mark.parametrize("name,expected", [
    ("hands.txt", True), ("x.TXT.hp", False), ("notes.md", False), ("LICENSE.txt", False),
    (".DS_Store", False), ("h.txt.crdownload", False), ("session.csv", True),
])
def test_candidate_filter(name: str, expected: bool) -> None:
    assert inbox.is_candidate(Path(name)) is expected
