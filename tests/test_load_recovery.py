"""Rewrites and repairs: `reparse` after a parser upgrade (delete-then-insert per hand) and the
rollback of a load that died midway. Real dlt + pyiceberg; the parser is replaced by `FakeParser`.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from pyiceberg.catalog import load_catalog

from ingestion.load.ingest import ingest_paths
from ingestion.schema import SCHEMAS
from pokerlake.settings import get_settings
from tests.load_support import HERO_CARDS, FakeParser


@pytest.fixture
def fake(monkeypatch, isolated_home) -> FakeParser:
    return FakeParser(monkeypatch, isolated_home / "inbox" / "hh")


def _table(name: str):
    s = get_settings()
    return load_catalog(s.catalog_name, **s.catalog_properties()).load_table(f"raw.{name}")


def _rows(name: str):
    return _table(name).scan().to_arrow()


def _counts() -> dict[str, int]:
    return {name: _rows(name).num_rows for name in SCHEMAS}



def test_reparse_rewrites_hands_of_files_read_by_an_older_parser(fake: FakeParser) -> None:
    a = fake.add_file("alice.txt", [1, 2, 3, 4, 5], hero="alice", actions_per_hand=4)
    fake.add_file("bob.txt", [4, 5], hero="bob")
    ingest_paths([fake.folder])
    assert _rows("actions").num_rows == 20

    fake.set_version(a, "test-2", actions_per_hand=2, amount_units=20_000)
    plain = ingest_paths([fake.folder])
    assert (plain.files_skipped_unchanged, plain.hands_loaded, plain.hands_replaced) == (2, 0, 0)

    report = ingest_paths([fake.folder], reparse=True)
    assert (report.files_skipped_unchanged, report.hands_replaced, report.hands_loaded) == (1, 5, 0)
    actions = _rows("actions")
    assert actions.num_rows == 10, "stale action rows of the old parse must not survive"
    assert set(actions["parser_version"].to_pylist()) == {"test-2"}
    assert set(actions["amount"].to_pylist()) == {Decimal("2.0000")}
    hands = _rows("hands")
    assert hands.num_rows == 5 and set(hands["parser_version"].to_pylist()) == {"test-2"}
    hp = {(r["hand_id"], r["player"]): r for r in _rows("hand_players").to_pylist()}
    assert len(hp) == 15
    assert hp[("4", "bob")]["is_hero"] and hp[("4", "bob")]["hole_cards"] == HERO_CARDS["bob"], \
        "the other observer's view survives the reparse"
    assert _rows("hand_sources").num_rows == 7
    versions = {r["path"].rsplit("/", 1)[-1]: r["parser_version"] for r in _rows("import_files").to_pylist()}
    assert versions == {"alice.txt": "test-2", "bob.txt": "test-1"}

    again = ingest_paths([fake.folder], reparse=True)
    assert (again.files_skipped_unchanged, again.hands_replaced) == (2, 0)


def test_a_load_that_died_midway_is_repaired_by_the_next_ingest(fake: FakeParser, monkeypatch) -> None:
    import dlt.common.libs.pyiceberg as dlt_iceberg
    from dlt.common.destination.exceptions import DestinationTerminalException

    from ingestion.load.source import make_pipeline

    fake.add_file("a.txt", [1, 2, 3])
    ingest_paths([fake.folder])
    fake.add_file("b.txt", [3, 4, 5, 6], hero="bob")

    real_write = dlt_iceberg.write_iceberg_table

    def flaky(table, data, write_disposition):  # every table but actions commits
        if table.name()[-1] == "actions":
            raise DestinationTerminalException("simulated crash while loading actions")
        return real_write(table, data, write_disposition)

    monkeypatch.setattr(dlt_iceberg, "write_iceberg_table", flaky)
    with pytest.raises(Exception, match="simulated crash"):
        ingest_paths([fake.folder])
    assert _rows("hands").num_rows == 6 and _rows("actions").num_rows == 12, "the partial state"
    monkeypatch.setattr(dlt_iceberg, "write_iceberg_table", real_write)
    make_pipeline(get_settings()).drop()  # as dagster-dlt does before each run: pending package gone

    report = ingest_paths([fake.folder])
    assert (report.files_skipped_unchanged, report.hands_loaded, report.hands_already_present) == (1, 3, 1)
    assert _counts() == {"hands": 6, "hand_players": 18, "actions": 24, "hand_sources": 7, "tournaments": 0,
                         "quarantine": 0, "sessions": 0, "import_files": 2}
    hp = {(r["hand_id"], r["player"]): r for r in _rows("hand_players").to_pylist()}
    assert hp[("3", "alice")]["is_hero"] and hp[("3", "bob")]["is_hero"]
