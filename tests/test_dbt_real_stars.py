"""Parsed real PokerStars cash files through Iceberg and dbt: every invariant test holds, money is exact."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow.compute as pc
import pytest

from pokerlake.build import build
from pokerlake.marts import query_marts
from pokerlake.settings import get_settings
from tests.dbt_lake import write_lake

pytestmark = pytest.mark.slow

STARS_CASH = (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real" / "fpdb-3"
              / "regression-test-files" / "cash" / "Stars")


def test_real_stars_cash_build():
    parse = pytest.importorskip("ingestion.parse")
    if not STARS_CASH.is_dir():
        pytest.fail(f"real data not found at {STARS_CASH}")
    tables = parse.parse_paths([STARS_CASH]).tables
    assert tables["hands"].num_rows > 100
    settings = get_settings()
    write_lake(settings, tables)
    report = build(settings)  # includes pot conservation, keys, accepted values, pfr <= vpip
    assert report.failures == []

    hp = tables["hand_players"]
    fct = query_marts("select * from fct_hand_players", settings=settings)
    assert fct.num_rows == hp.num_rows
    # Net per currency is the parsed net, to the cent, after Iceberg and dbt.
    hands = tables["hands"].select(["site", "hand_id", "currency"])
    joined = hp.join(hands, ["site", "hand_id"])
    expected = {r["currency"]: r["net_sum"] for r in
                joined.group_by("currency").aggregate([("net", "sum")]).to_pylist()}
    got = {r["currency"]: r["net"] for r in query_marts(
        "select currency, sum(net) as net from fct_hand_players group by currency", settings=settings).to_pylist()}
    assert got == expected
    for r in fct.select(["net", "big_blind", "net_bb"]).to_pylist():
        assert r["net_bb"] == (r["net"] / r["big_blind"]).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    players = query_marts("select count(*) as n, sum(hands) as hands from dim_players",
                          settings=settings).to_pylist()[0]
    distinct = len(set(zip(hp.column("site").to_pylist(), hp.column("player").to_pylist(), strict=True)))
    assert players == {"n": distinct, "hands": hp.num_rows}
    heroes = query_marts("select count(*) as n from fct_hand_players where is_hero", settings=settings)
    assert heroes.column("n")[0].as_py() == pc.sum(hp.column("is_hero")).as_py()
