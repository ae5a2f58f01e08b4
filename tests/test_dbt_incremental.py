"""A second build is incremental: new and re-parsed rows arrive, untouched rows are not rewritten."""

from __future__ import annotations

import duckdb
import pytest

from pokerlake.build import build
from pokerlake.marts import query_marts
from pokerlake.settings import get_settings
from tests.dbt_lake import base_rows, to_tables, write_lake

pytestmark = pytest.mark.slow


def _marker_on_1001(settings) -> None:
    """Stamp rows of hand 1001 in the build DB: a rewrite of those rows would lose the stamp."""
    con = duckdb.connect(str(settings.build_db))
    try:
        con.execute("update main.fct_hand_players set table_name = 'kept' where hand_id = '1001'")
    finally:
        con.close()


def test_second_build_is_incremental_then_full_refresh_rebuilds():
    settings = get_settings()
    rows = base_rows()
    write_lake(settings, to_tables(rows))
    build(settings)
    _marker_on_1001(settings)

    # New hand 1003, and hand 1002 re-parsed by a newer parser (the loader merges on the key, so
    # the lake holds the new version only).
    new_hand = dict(rows["hands"][0], hand_id="1003")
    new_players = [dict(hp, hand_id="1003") for hp in rows["hand_players"] if hp["hand_id"] == "1001"]
    for r in (*rows["hands"], *rows["hand_players"]):
        if r["hand_id"] == "1002":
            r["parser_version"] = "test-2"
    write_lake(settings, to_tables({"hands": [*rows["hands"], new_hand],
                                    "hand_players": [*rows["hand_players"], *new_players]}))
    build(settings)

    got = query_marts("select hand_id, player, table_name, parser_version from fct_hand_players "
                      "order by hand_id, player", settings=settings).to_pylist()
    assert len(got) == 12  # 9 + 3 new, no duplicates
    by_hand = {}
    for r in got:
        by_hand.setdefault(r["hand_id"], []).append(r)
    assert {r["table_name"] for r in by_hand["1001"]} == {"kept"}  # not rewritten
    assert {r["parser_version"] for r in by_hand["1002"]} == {"test-2"}  # re-selected
    assert [r["player"] for r in by_hand["1003"]] == ["alice", "bob", "carol"]
    hands = query_marts("select hands from dim_players where site = 'pokerstars' and player = 'alice'",
                        settings=settings).column("hands").to_pylist()
    assert hands == [4]

    build(settings, full_refresh=True)
    names = query_marts("select distinct table_name from fct_hand_players where hand_id = '1001'",
                        settings=settings).column("table_name").to_pylist()
    assert names == ["Test I"]


def test_missing_raw_tables_build_as_empty():
    """A young lake (only hands so far) still builds; absent tables read as empty."""
    settings = get_settings()
    rows = base_rows()
    write_lake(settings, to_tables({"hands": rows["hands"], "hand_players": rows["hand_players"]}))
    report = build(settings)
    assert report.raw_tables["sessions"] is None and report.raw_tables["hands"]
    assert query_marts("select count(*) as n from fct_sessions", settings=settings).column("n").to_pylist() == [0]
    assert query_marts("select count(*) as n from fct_hand_players",
                       settings=settings).column("n").to_pylist() == [9]
