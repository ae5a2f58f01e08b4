"""The typed contract of the parsed tables (DESIGN.md, "Parsed tables").

Parsers, the loader, dbt sources and tests all take the column names, Arrow types and
primary keys from here, so the contract is written down exactly once. Money and chips are
`decimal128(18, 4)` in the hand's own unit; times are UTC microseconds.
"""

from __future__ import annotations

import pyarrow as pa

MONEY = pa.decimal128(18, 4)
TS = pa.timestamp("us", tz="UTC")
STR = pa.string()
BOOL = pa.bool_()
INT = pa.int32()
BIGINT = pa.int64()

HANDS = pa.schema([
    ("site", STR), ("hand_id", STR), ("game", STR), ("limit_type", STR),
    ("is_tournament", BOOL), ("tournament_id", STR), ("currency", STR),
    ("small_blind", MONEY), ("big_blind", MONEY), ("ante", MONEY),
    ("started_at", TS), ("table_name", STR), ("max_seats", INT), ("button_seat", INT),
    ("board", STR), ("board2", STR), ("total_pot", MONEY), ("rake", MONEY), ("fees", MONEY),
    ("parser_version", STR),
])

HAND_PLAYERS = pa.schema([
    ("site", STR), ("hand_id", STR), ("player", STR), ("seat", INT), ("position", STR),
    ("is_hero", BOOL), ("starting_stack", MONEY), ("hole_cards", STR),
    ("invested", MONEY), ("collected", MONEY), ("cashout", MONEY), ("net", MONEY),
    ("vpip", BOOL), ("pfr", BOOL), ("three_bet", BOOL), ("saw_flop", BOOL),
    ("saw_showdown", BOOL), ("won_at_showdown", BOOL),
    ("parser_version", STR),
])

ACTIONS = pa.schema([
    ("site", STR), ("hand_id", STR), ("seq", INT), ("street", STR), ("player", STR),
    ("action", STR), ("amount", MONEY), ("raise_to", MONEY), ("is_all_in", BOOL),
    ("parser_version", STR),
])

HAND_SOURCES = pa.schema([
    ("site", STR), ("hand_id", STR), ("source_sha256", STR), ("observer", STR),
    ("source_file", STR), ("source_offset", BIGINT), ("parser_version", STR),
])

TOURNAMENTS = pa.schema([
    ("site", STR), ("tournament_id", STR), ("name", STR), ("buy_in", MONEY), ("fee", MONEY),
    ("bounty", MONEY), ("currency", STR), ("started_at", TS), ("players", INT),
    ("hero", STR), ("finish", INT), ("prize", MONEY), ("parser_version", STR),
])

QUARANTINE = pa.schema([
    ("source_file", STR), ("source_offset", BIGINT), ("site", STR), ("reason", STR),
    ("raw", STR), ("source_sha256", STR), ("parser_version", STR),
])

IMPORT_FILES = pa.schema([
    ("path", STR), ("sha256", STR), ("bytes", BIGINT), ("hands_found", INT),
    ("hands_loaded", INT), ("hands_quarantined", INT), ("parser_version", STR),
    ("started_at", TS), ("finished_at", TS),
])

SESSIONS = pa.schema([
    ("player", STR), ("started_at", TS), ("ended_at", TS), ("game", STR), ("stakes", STR),
    ("currency", STR), ("location", STR), ("buy_in", MONEY), ("rebuys", MONEY),
    ("cash_out", MONEY), ("expenses", MONEY), ("notes", STR),
    ("source_file", STR), ("source_line", INT),
])

SCHEMAS: dict[str, pa.Schema] = {
    "hands": HANDS,
    "hand_players": HAND_PLAYERS,
    "actions": ACTIONS,
    "hand_sources": HAND_SOURCES,
    "tournaments": TOURNAMENTS,
    "quarantine": QUARANTINE,
    "import_files": IMPORT_FILES,
    "sessions": SESSIONS,
}

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "hands": ("site", "hand_id"),
    "hand_players": ("site", "hand_id", "player"),
    "actions": ("site", "hand_id", "seq"),
    "hand_sources": ("site", "hand_id", "source_sha256"),
    "tournaments": ("site", "tournament_id"),
    "quarantine": ("source_sha256", "source_offset"),
    "import_files": ("sha256",),
    "sessions": ("player", "started_at"),
}

# Tables `pokerlake parse` writes (import_files is the loader's audit table).
PARSED_TABLES = ("hands", "hand_players", "actions", "hand_sources", "tournaments", "quarantine", "sessions")

# Vocabularies the contract fixes.
SITES = ("pokerstars", "ggpoker", "winamax", "ipoker", "partypoker", "888", "winning", "bovada",
         "fulltilt", "phh")
GAMES = ("holdem", "shortdeck", "omaha", "omaha5", "omaha6",
         "holdem_hilo", "omaha_hilo", "omaha5_hilo", "omaha6_hilo")
LIMIT_TYPES = ("nl", "pl", "fl")
STREETS = ("preflop", "flop", "turn", "river")
ACTION_TYPES = ("post_sb", "post_bb", "post_ante", "post_straddle", "post_dead", "fold", "check",
                "call", "bet", "raise")
POSITIONS = ("SB", "BB", "BTN", "CO", "HJ", "LJ", "UTG", "UTG1", "UTG2", "UTG3")


def empty_table(name: str) -> pa.Table:
    """A zero-row table of the contract's schema."""
    return SCHEMAS[name].empty_table()
