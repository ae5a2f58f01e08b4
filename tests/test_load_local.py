"""The loader on the local profile (warehouse folder + SQLite catalog), with parser output we control.

Real dlt, real pyiceberg, real DuckDB; only `ingestion.parse.parse_paths` is replaced by
`FakeParser`, so each test states exactly which hands each file holds. The real parser on real
files is covered by test_load_real_stars.py.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pyarrow as pa
import pytest
from pyiceberg.catalog import load_catalog
from pyiceberg.types import DecimalType, TimestamptzType

from ingestion.load.ingest import ingest_paths
from ingestion.schema import SCHEMAS
from pokerlake.settings import get_settings
from tests.load_support import HERO_CARDS, T0, FakeParser


@pytest.fixture
def fake(monkeypatch, isolated_home) -> FakeParser:
    return FakeParser(monkeypatch, isolated_home / "inbox" / "hh")


def _table(name: str):
    s = get_settings()
    return load_catalog(s.catalog_name, **s.catalog_properties()).load_table(f"raw.{name}")


def _rows(name: str) -> pa.Table:
    return _table(name).scan().to_arrow()


def _counts() -> dict[str, int]:
    return {name: _rows(name).num_rows for name in SCHEMAS}


def test_first_ingest_loads_every_table_exactly(fake: FakeParser) -> None:
    fake.add_file("a.txt", list(range(1, 11)), hero="alice", quarantined=2)
    fake.add_file("b.txt", list(range(11, 21)), hero="bob")
    report = ingest_paths([fake.folder])

    assert (report.files_seen, report.files_skipped_unchanged) == (2, 0)
    assert (report.hands_found, report.hands_loaded, report.hands_already_present) == (22, 20, 0)
    assert report.hands_quarantined == 2
    counts = _counts()
    assert counts == {"hands": 20, "hand_players": 60, "actions": 80, "hand_sources": 20, "tournaments": 0,
                      "quarantine": 2, "sessions": 0, "import_files": 2}

    # Iceberg types: money decimal(18, 4), times timestamptz; nothing added by dlt.
    for name in SCHEMAS:
        ice = _table(name).schema()
        assert [f.name for f in ice.fields] == SCHEMAS[name].names, name
        for field in SCHEMAS[name]:
            if field.type == pa.decimal128(18, 4):
                assert ice.find_field(field.name).field_type == DecimalType(18, 4)
            if field.type == pa.timestamp("us", tz="UTC"):
                assert ice.find_field(field.name).field_type == TimestamptzType()

    # Exact values back through pyiceberg (decimals, UTC microseconds).
    hands = _rows("hands").sort_by("hand_id")
    assert hands.schema.field("rake").type == pa.decimal128(18, 4)
    assert hands.column("total_pot")[0].as_py() == Decimal("3.7035")
    assert hands.column("rake")[0].as_py() == Decimal("0.1234")
    first = hands.filter(pa.compute.equal(hands["hand_id"], "1"))
    assert first["started_at"][0].as_py() == T0 + timedelta(minutes=1)
    hp = _rows("hand_players")
    assert hp.schema.field("starting_stack").type == pa.decimal128(18, 4)
    assert set(hp["starting_stack"].to_pylist()) == {Decimal("100.0001")}

    q = _rows("quarantine")
    assert q["reason"][0].as_py().startswith("incomplete hand")
    imports = {r["path"]: r for r in _rows("import_files").to_pylist()}
    a = imports[str(fake.folder / "a.txt")]
    assert (a["hands_found"], a["hands_loaded"], a["hands_quarantined"], a["parser_version"]) == (12, 10, 2, "test-1")
    assert a["sha256"] == fake.results[str(fake.folder / "a.txt")].files[0].sha256


def test_second_ingest_adds_nothing(fake: FakeParser) -> None:
    fake.add_file("a.txt", list(range(1, 31)), quarantined=1)
    ingest_paths([fake.folder])
    before = _counts()
    snapshots = len(_table("hands").snapshots())
    parsed = len(fake.parsed)

    again = ingest_paths([fake.folder])
    assert (again.files_seen, again.files_skipped_unchanged, again.hands_loaded) == (1, 1, 0)
    assert len(fake.parsed) == parsed, "an unchanged file must not be parsed again"
    assert _counts() == before
    assert len(_table("hands").snapshots()) == snapshots


def test_hand_seen_from_two_files_keeps_every_source(fake: FakeParser) -> None:
    fake.add_file("alice.txt", [1, 2, 3, 4, 5], hero="alice")
    ingest_paths([fake.folder])
    fake.add_file("bob.txt", [3, 4, 5, 6, 7, 8], hero="bob", show_cards={"carol": "8h 8s"})
    report = ingest_paths([fake.folder])

    assert (report.hands_loaded, report.hands_already_present, report.hands_updated) == (3, 3, 3)
    assert _rows("hands").num_rows == 8
    sources = _rows("hand_sources")
    assert sources.num_rows == 11
    hp = _rows("hand_players")
    assert hp.num_rows == 8 * 3, "one row per player per hand, never duplicated"
    rows = {(r["hand_id"], r["player"]): r for r in hp.to_pylist()}
    for hid in ("3", "4", "5"):
        assert rows[(hid, "alice")]["is_hero"] and rows[(hid, "bob")]["is_hero"]
        assert rows[(hid, "alice")]["hole_cards"] == HERO_CARDS["alice"]
        assert rows[(hid, "bob")]["hole_cards"] == HERO_CARDS["bob"]
        assert rows[(hid, "carol")]["hole_cards"] == "8h 8s"
        assert not rows[(hid, "carol")]["is_hero"]
    assert not rows[("1", "bob")]["is_hero"] and rows[("1", "bob")]["hole_cards"] is None
    assert not rows[("7", "alice")]["is_hero"]


def test_two_observers_in_one_batch_combine(fake: FakeParser) -> None:
    fake.add_file("alice.txt", [1, 2], hero="alice")
    fake.add_file("bob.txt", [2, 3], hero="bob")
    report = ingest_paths([fake.folder])
    assert (report.hands_found, report.hands_loaded, report.hands_already_present) == (4, 3, 1)
    hp = {(r["hand_id"], r["player"]): r for r in _rows("hand_players").to_pylist()}
    assert len(hp) == _rows("hand_players").num_rows == 9
    assert hp[("2", "alice")]["is_hero"] and hp[("2", "bob")]["is_hero"]
    assert hp[("2", "bob")]["hole_cards"] == HERO_CARDS["bob"]
    assert _rows("actions").num_rows == 12
    loaded = {r["path"].rsplit("/", 1)[-1]: r["hands_loaded"] for r in _rows("import_files").to_pylist()}
    assert loaded == {"alice.txt": 2, "bob.txt": 1}


def test_live_sessions_load_once(fake: FakeParser) -> None:
    fake.add_file("hands.txt", [1, 2])
    fake.add_file("sessions.txt", [], session_players=["alice", "bob", "carol"])
    report = ingest_paths([fake.folder])
    assert (report.sessions_loaded, report.hands_loaded, report.hands_found) == (3, 2, 2)
    sessions = _rows("sessions")
    assert sessions.num_rows == 3
    assert set(sessions["buy_in"].to_pylist()) == {Decimal("100.0050")}
    assert set(sessions["cash_out"].to_pylist()) == {Decimal("250.1234")}
    again = ingest_paths([fake.folder])
    assert again.sessions_loaded == 0 and _rows("sessions").num_rows == 3
    audit = {r["path"].rsplit("/", 1)[-1]: r["hands_loaded"] for r in _rows("import_files").to_pylist()}
    assert audit == {"hands.txt": 2, "sessions.txt": 3}
