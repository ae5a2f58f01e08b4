"""dbt build + publish on a small hand-checked lake: marts content, exact money, a clean served file."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest

from pokerlake.build import BUILD_ONLY_SCHEMAS, build, dbt_parse
from pokerlake.marts import MartsNotBuiltError, list_marts, query_marts
from pokerlake.settings import get_settings
from tests.dbt_lake import base_rows, to_tables, write_lake

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    mp = pytest.MonkeyPatch()
    mp.setenv("POKERLAKE_HOME", str(home))
    mp.delenv("POKERLAKE_PROFILE", raising=False)
    get_settings.cache_clear()
    settings = get_settings()
    with pytest.raises(MartsNotBuiltError, match="run `pokerlake build` first"):
        query_marts("select 1", settings=settings)
    write_lake(settings, to_tables(base_rows()))
    report = build(settings)
    yield settings, report
    mp.undo()
    get_settings.cache_clear()


def rows(sql, settings, params=None):
    return query_marts(sql, params, settings=settings).to_pylist()


def test_report_and_served_tables(built):
    settings, report = built
    assert report.published == settings.marts_db and settings.marts_db.exists()
    assert report.models >= 12 and report.tests >= 40 and report.failures == []
    assert all(loc and loc.endswith(".metadata.json") for loc in report.raw_tables.values())
    assert list_marts(settings) == ["dim_players", "fct_hand_players", "fct_sessions"]


def test_fct_hand_players_net_per_currency(built):
    settings, _ = built
    got = rows("select site, currency, sum(net) as net, count(*) as n from fct_hand_players "
               "group by all order by all", settings)
    assert got == [
        {"site": "ggpoker", "currency": "USD", "net": Decimal("-0.0300"), "n": 2},  # rake 0.02 + fee 0.01
        {"site": "pokerstars", "currency": "EUR", "net": Decimal("0.0000"), "n": 2},
        {"site": "pokerstars", "currency": "USD", "net": Decimal("-0.0100"), "n": 3},  # rake 0.01
        {"site": "pokerstars", "currency": "chips", "net": Decimal("0.0000"), "n": 2},
    ]
    alice = rows("select hand_id, net, net_bb, stakes, is_hero, position, vpip, pfr, is_tournament "
                 "from fct_hand_players where player = 'alice' order by hand_id", settings)
    assert [(r["hand_id"], r["net"], r["net_bb"], r["stakes"]) for r in alice] == [
        ("1001", Decimal("0.0500"), Decimal("2.5000"), "0.01/0.02 USD"),
        ("1002", Decimal("-0.0100"), Decimal("-0.3333"), "0.01/0.03 EUR"),
        ("T1", Decimal("22.0000"), Decimal("1.1000"), "10/20 chips ante 2"),
    ]
    assert all(r["is_hero"] for r in alice)
    assert [r["is_tournament"] for r in alice] == [False, False, True]


def test_net_bb_is_exact_decimal(built):
    settings, _ = built
    table = query_marts("select net, big_blind, net_bb from fct_hand_players", settings=settings)
    assert str(table.schema.field("net_bb").type) == "decimal128(18, 4)"
    assert str(table.schema.field("net").type) == "decimal128(18, 4)"
    for r in table.to_pylist():
        expected = (r["net"] / r["big_blind"]).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        assert r["net_bb"] == expected


def test_fct_sessions(built):
    settings, _ = built
    got = rows("select player, currency, net, duration_minutes, duration_hours, hourly "
               "from fct_sessions order by player", settings)
    assert got == [
        {"player": "alice", "currency": "USD", "net": Decimal("130.0000"), "duration_minutes": 210,
         "duration_hours": Decimal("3.5000"), "hourly": Decimal("37.1429")},
        {"player": "bob", "currency": "EUR", "net": Decimal("-60.0000"), "duration_minutes": 120,
         "duration_hours": Decimal("2.0000"), "hourly": Decimal("-30.0000")},
    ]


def test_dim_players(built):
    settings, _ = built
    got = rows("select site, player, hands, hero_hands, is_hero from dim_players order by all", settings)
    assert got == [
        {"site": "ggpoker", "player": "erin", "hands": 1, "hero_hands": 1, "is_hero": True},
        {"site": "ggpoker", "player": "frank", "hands": 1, "hero_hands": 0, "is_hero": False},
        {"site": "pokerstars", "player": "alice", "hands": 3, "hero_hands": 3, "is_hero": True},
        {"site": "pokerstars", "player": "bob", "hands": 2, "hero_hands": 0, "is_hero": False},
        {"site": "pokerstars", "player": "carol", "hands": 1, "hero_hands": 0, "is_hero": False},
        {"site": "pokerstars", "player": "dave", "hands": 1, "hero_hands": 0, "is_hero": False},
    ]


def test_served_file_opens_without_extensions(built):
    settings, _ = built
    con = duckdb.connect(str(settings.marts_db), read_only=True,
                         config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        loaded = con.execute("select extension_name from duckdb_extensions() where loaded "
                             "and extension_name in ('iceberg', 'avro', 'httpfs')").fetchall()
        assert loaded == []
        schemas = {r[0] for r in con.execute(
            "select schema_name from duckdb_schemas() where database_name = current_database()").fetchall()}
        assert not schemas & set(BUILD_ONLY_SCHEMAS)
        rels = con.execute("select table_name from information_schema.tables").fetchall()
        for (name,) in rels:
            con.execute(f'select * from "{name}"').fetchall()
        views = con.execute("select view_name from duckdb_views() where not internal").fetchall()
        assert views == []
    finally:
        con.close()


def test_dbt_parse_writes_manifest_with_raw_sources(built):
    settings, _ = built
    manifest = json.loads(dbt_parse(settings).read_text())
    sources = {(s["source_name"], s["name"]) for s in manifest["sources"].values()}
    assert sources == {("raw", t) for t in ("hands", "hand_players", "actions", "hand_sources",
                                            "tournaments", "quarantine", "import_files", "sessions")}
    models = {n["name"] for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    assert {"fct_hand_players", "fct_sessions", "dim_players", "stg_raw__hands"} <= models
