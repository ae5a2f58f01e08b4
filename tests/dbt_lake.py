"""A tiny, hand-checked lake for the dbt/publish tests (no parser or loader needed).

Why: the dbt project and the publish step must be testable on their own, with amounts whose
expected marts values are known exactly. Tables follow `ingestion.schema.SCHEMAS` and are written
straight into Iceberg with pyiceberg, as the loader would.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal as D

import pyarrow as pa
from pyiceberg.catalog import load_catalog

from ingestion.schema import SCHEMAS
from pokerlake.settings import Settings

PV = "test-1"
T0 = datetime(2026, 1, 5, 20, 0, tzinfo=UTC)


def _hand(site, hand_id, sb, bb, currency="USD", ante="0", rake="0", fees="0", tournament=None,
          minute=0, game="holdem", limit_type="nl"):
    return {
        "site": site, "hand_id": hand_id, "game": game, "limit_type": limit_type,
        "is_tournament": tournament is not None, "tournament_id": tournament, "currency": currency,
        "small_blind": D(sb), "big_blind": D(bb), "ante": D(ante),
        "started_at": T0.replace(minute=minute), "table_name": "Test I", "max_seats": 6, "button_seat": 1,
        "board": "Ah Kd 7c 2s 9h", "board2": None, "total_pot": None, "rake": D(rake), "fees": D(fees),
        "parser_version": PV,
    }


def _player(site, hand_id, player, seat, position, invested, collected, hero=False,
            vpip=False, pfr=False, showdown=False, won_sd=False):
    return {
        "site": site, "hand_id": hand_id, "player": player, "seat": seat, "position": position,
        "is_hero": hero, "starting_stack": D("2.00"), "hole_cards": "As Ks" if hero else None,
        "invested": D(invested), "collected": D(collected), "cashout": None,
        "net": D(collected) - D(invested), "vpip": vpip, "pfr": pfr, "three_bet": False,
        "saw_flop": showdown, "saw_showdown": showdown, "won_at_showdown": won_sd, "parser_version": PV,
    }


def base_rows() -> dict[str, list[dict]]:
    """Four hands: USD cash with rake, EUR cash with a 1/3-bb result, a tournament in chips, a GG hand."""
    hands = [
        _hand("pokerstars", "1001", "0.01", "0.02", rake="0.01", minute=0),
        _hand("pokerstars", "1002", "0.01", "0.03", currency="EUR", minute=1),
        _hand("pokerstars", "T1", "10", "20", currency="chips", ante="2", tournament="555", minute=2),
        _hand("ggpoker", "G1", "0.05", "0.10", rake="0.02", fees="0.01", minute=3),
    ]
    players = [
        _player("pokerstars", "1001", "alice", 1, "BTN", "0.06", "0.11", hero=True, vpip=True, pfr=True,
                showdown=True, won_sd=True),
        _player("pokerstars", "1001", "bob", 2, "SB", "0.03", "0", vpip=True, showdown=True),
        _player("pokerstars", "1001", "carol", 3, "BB", "0.03", "0"),
        _player("pokerstars", "1002", "alice", 1, "SB", "0.01", "0", hero=True),
        _player("pokerstars", "1002", "bob", 2, "BB", "0.03", "0.04"),
        _player("pokerstars", "T1", "alice", 1, "SB", "22", "44", hero=True, vpip=True),
        _player("pokerstars", "T1", "dave", 2, "BB", "22", "0"),
        _player("ggpoker", "G1", "erin", 1, "SB", "0.20", "0.37", hero=True, vpip=True, pfr=True),
        _player("ggpoker", "G1", "frank", 2, "BB", "0.20", "0"),
    ]
    actions = []
    for hp in players:
        seq = sum(1 for a in actions if a["hand_id"] == hp["hand_id"] and a["site"] == hp["site"])
        actions.append({"site": hp["site"], "hand_id": hp["hand_id"], "seq": seq, "street": "preflop",
                        "player": hp["player"], "action": "call", "amount": hp["invested"],
                        "raise_to": None, "is_all_in": False, "parser_version": PV})
    sources = [{"site": h["site"], "hand_id": h["hand_id"], "source_sha256": "f" * 64,
                "observer": "alice" if h["site"] == "pokerstars" else "erin", "source_file": "hh.txt",
                "source_offset": i * 100, "parser_version": PV} for i, h in enumerate(hands)]
    tournaments = [{"site": "pokerstars", "tournament_id": "555", "name": "Test", "buy_in": D("10"),
                    "fee": D("1"), "bounty": None, "currency": "USD", "started_at": T0, "players": 9,
                    "hero": "alice", "finish": 2, "prize": D("30"), "parser_version": PV}]
    quarantine = [{"source_file": "hh.txt", "source_offset": 999, "site": "pokerstars",
                   "reason": "incomplete hand", "raw": "PokerStars Hand #1: ...", "source_sha256": "f" * 64,
                   "parser_version": PV}]
    import_files = [{"path": "hh.txt", "sha256": "f" * 64, "bytes": 1000, "hands_found": 5, "hands_loaded": 4,
                     "hands_quarantined": 1, "parser_version": PV, "started_at": T0, "finished_at": T0}]
    sessions = [
        {"player": "alice", "started_at": datetime(2026, 1, 1, 18, 0, tzinfo=UTC),
         "ended_at": datetime(2026, 1, 1, 21, 30, tzinfo=UTC), "game": "holdem", "stakes": "1/2",
         "currency": "USD", "location": "Casino", "buy_in": D("200"), "rebuys": D("100"),
         "cash_out": D("450"), "expenses": D("20"), "notes": None, "source_file": "s.csv", "source_line": 2},
        {"player": "bob", "started_at": datetime(2026, 1, 2, 19, 0, tzinfo=UTC),
         "ended_at": datetime(2026, 1, 2, 21, 0, tzinfo=UTC), "game": "holdem", "stakes": "1/2",
         "currency": "EUR", "location": "Club", "buy_in": D("100"), "rebuys": None,
         "cash_out": D("40"), "expenses": None, "notes": "short", "source_file": "s.csv", "source_line": 3},
    ]
    return {"hands": hands, "hand_players": players, "actions": actions, "hand_sources": sources,
            "tournaments": tournaments, "quarantine": quarantine, "import_files": import_files,
            "sessions": sessions}


def to_tables(rows: dict[str, list[dict]]) -> dict[str, pa.Table]:
    return {t: pa.Table.from_pylist(r, schema=SCHEMAS[t]) for t, r in rows.items()}


def write_lake(settings: Settings, tables: dict[str, pa.Table], mode: str = "overwrite") -> None:
    """Write tables into Iceberg `raw` (create if missing; `overwrite` replaces, `append` adds)."""
    settings.ensure_dirs()
    catalog = load_catalog(settings.catalog_name, **settings.catalog_properties())
    catalog.create_namespace_if_not_exists(settings.raw_namespace)
    for name, table in tables.items():
        table_mode = mode
        ident = (settings.raw_namespace, name)
        if catalog.table_exists(ident):
            ice = catalog.load_table(ident)
        else:
            ice = catalog.create_table(ident, schema=table.schema)
            table_mode = "append"
        if table_mode == "append":
            ice.append(table)
        else:
            ice.overwrite(table)


def loop_reader(settings: Settings, ready, stop, results) -> None:
    """Query the served marts until `stop` is set; put (queries, errors, distinct counts) on results.

    Runs in a thread or a spawned process (module-level so it pickles) during publish tests.
    """
    from pokerlake.marts import query_marts

    queries, errors, counts = 0, [], set()
    while not stop.is_set():
        try:
            t = query_marts("select count(*) as n, sum(net) as s from fct_hand_players", settings=settings)
            counts.add(t.column("n")[0].as_py())
            queries += 1
        except Exception as exc:  # any failure of a reader during a swap is what the test counts
            errors.append(repr(exc))
        ready.set()
    results.put((queries, errors, sorted(counts)))
