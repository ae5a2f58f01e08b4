"""Pure merge helpers of the loader: keys, dedupe, and how several observers' views combine."""

from __future__ import annotations

import pyarrow as pa

from ingestion.load.combine import (
    combine_hand_players,
    dedupe,
    filter_keys,
    merge_duplicate_players,
    union_cards,
)
from ingestion.schema import SCHEMAS
from tests.load_support import file_tables


def test_union_cards_keeps_first_seen_order() -> None:
    assert union_cards(None, "As Ks") == "As Ks"
    assert union_cards("As Ks", None) == "As Ks"
    assert union_cards("As Ks", "Ks Qd") == "As Ks Qd"
    assert union_cards(None, None) is None
    assert union_cards("", "") is None


def test_dedupe_and_filter_keys() -> None:
    t = pa.table({"a": ["x", "x", "y"], "b": [1, 1, 2], "v": [10, 11, 12]})
    assert dedupe(t, ("a", "b"))["v"].to_pylist() == [10, 12]
    assert filter_keys(t, ("a", "b"), {("y", 2)})["v"].to_pylist() == [12]
    assert filter_keys(t, ("a", "b"), {("y", 2)}, keep=False)["v"].to_pylist() == [10, 11]
    assert filter_keys(t, ("a",), {("x",)})["v"].to_pylist() == [10, 11]


def test_combine_unions_cards_and_heroes() -> None:
    mine = file_tables("a.txt", [7], hero="alice").tables["hand_players"]
    theirs = file_tables("b.txt", [7], hero="bob", show_cards={"alice": "As Ks"}).tables["hand_players"]
    out = {r["player"]: r for r in combine_hand_players(mine, theirs, {}).to_pylist()}
    assert out["alice"]["is_hero"] and out["bob"]["is_hero"]
    assert out["alice"]["hole_cards"] == "As Ks" and out["bob"]["hole_cards"] == "Qh Qd"
    assert combine_hand_players(mine, theirs, {}).schema == SCHEMAS["hand_players"]


def test_observers_make_heroes_and_duplicates_merge() -> None:
    hp = file_tables("a.txt", [1], hero="alice").tables["hand_players"]
    out = {r["player"]: r["is_hero"] for r in combine_hand_players(hp, None, {("pokerstars", "1"): {"bob"}})
           .to_pylist()}
    assert out == {"alice": True, "bob": True, "carol": False}
    both = pa.concat_tables([hp, file_tables("b.txt", [1, 2], hero="bob").tables["hand_players"]])
    merged = merge_duplicate_players(both)
    assert merged.num_rows == 6
    heroes = {(r["hand_id"], r["player"]) for r in merged.to_pylist() if r["is_hero"]}
    assert heroes == {("1", "alice"), ("1", "bob"), ("2", "bob")}


def test_filter_keys_on_timestamp_keys() -> None:
    from datetime import UTC, datetime

    t = pa.table({"player": ["a", "a", "b"],
                  "started_at": pa.array([datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 1, 2, tzinfo=UTC),
                                          datetime(2024, 1, 1, tzinfo=UTC)], type=pa.timestamp("us", tz="UTC"))})
    keys = {("a", datetime(2024, 1, 2, tzinfo=UTC))}
    assert filter_keys(t, ("player", "started_at"), keys).num_rows == 1
    assert filter_keys(t, ("player", "started_at"), keys, keep=False).num_rows == 2
    assert filter_keys(t, ("player", "started_at"), set()).num_rows == 0
