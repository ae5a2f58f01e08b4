"""The invariant tests can fail: a broken hand stops the build and nothing is published."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pokerlake.build import BuildError, build
from pokerlake.marts import query_marts
from pokerlake.settings import get_settings
from tests.dbt_lake import base_rows, to_tables, write_lake

pytestmark = pytest.mark.slow


def _alice_1001_net(settings):
    return query_marts("select net from fct_hand_players where hand_id = '1001' and player = 'alice'",
                       settings=settings).column("net").to_pylist()


def test_pot_conservation_failure_blocks_publish():
    settings = get_settings()
    write_lake(settings, to_tables(base_rows()))
    build(settings)
    assert _alice_1001_net(settings) == [Decimal("0.0500")]

    rows = base_rows()
    for hp in rows["hand_players"]:
        if hp["hand_id"] == "1001" and hp["player"] == "alice":
            hp["collected"] = Decimal("0.12")  # one cent out of thin air
            hp["net"] = hp["collected"] - hp["invested"]
    write_lake(settings, to_tables({"hand_players": rows["hand_players"]}))
    with pytest.raises(BuildError) as err:
        build(settings)
    assert any("assert_pot_conservation" in f and "fail" in f for f in err.value.failures)
    assert "marts not published" in str(err.value)
    # The served marts are the last good build's, untouched; no half-published file lies around.
    assert _alice_1001_net(settings) == [Decimal("0.0500")]
    assert not settings.marts_db.with_name("marts.duckdb.next").exists()


def test_pfr_without_vpip_fails_build():
    settings = get_settings()
    rows = base_rows()
    for hp in rows["hand_players"]:
        if hp["hand_id"] == "1001" and hp["player"] == "carol":
            hp["pfr"], hp["vpip"] = True, False
    write_lake(settings, to_tables(rows))
    with pytest.raises(BuildError) as err:
        build(settings)
    assert [f for f in err.value.failures if "assert_pfr_implies_vpip" in f]
    assert not settings.marts_db.exists()


def test_duplicate_key_in_lake_fails_build():
    """Staging does not hide duplicates (the loader merges on keys): the key test stops the build."""
    settings = get_settings()
    rows = base_rows()
    dup = [hp for hp in rows["hand_players"] if hp["hand_id"] == "G1"]
    rows["hand_players"] += dup
    rows["hands"] += [h for h in rows["hands"] if h["hand_id"] == "G1"]
    write_lake(settings, to_tables(rows))
    with pytest.raises(BuildError) as err:
        build(settings)
    failing = " ".join(err.value.failures)
    assert "unique_combination_stg_raw__hands_site__hand_id" in failing
    assert "unique_combination_stg_raw__hand_players_site__hand_id__player" in failing
    assert not settings.marts_db.exists()
