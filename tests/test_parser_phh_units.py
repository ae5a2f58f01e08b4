"""Money rules, flags, metadata and quarantine reasons of the PHH parser on small hands written here."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.parse import parse_file
from ingestion.parsers import detect_parser
from ingestion.parsers.phh import PHHParser, game_of, hand_id_of
from ingestion.parsers.phh_toml import loads
from ingestion.schema import SCHEMAS

D = Decimal


def _parse(tmp_path: Path, text: str, name: str = "h.phh"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return parse_file(path)


def _players(result) -> dict[str, dict]:
    return {p["player"]: p for p in result.tables["hand_players"].to_pylist()}


def _hand(result) -> dict:
    hands = result.tables["hands"].to_pylist()
    assert len(hands) == 1, result.tables["quarantine"].to_pylist()
    return hands[0]


def _reasons(result) -> list[str]:
    return result.tables["quarantine"]["reason"].to_pylist()


def _conserved(result) -> None:
    for h in result.tables["hands"].to_pylist():
        rows = [p for p in result.tables["hand_players"].to_pylist() if p["hand_id"] == h["hand_id"]]
        assert sum(p["collected"] for p in rows) - sum(p["invested"] for p in rows) == -(h["rake"] + h["fees"])
        for p in rows:
            assert p["net"] == p["collected"] - p["invested"]


FOLD_TO_RAISE = """variant = 'NT'
antes = [0, 0, 0, 0]
blinds_or_straddles = [1, 2, 0, 0]
min_bet = 2
starting_stacks = [200, 200, 200, 200]
actions = ['d dh p1 ????', 'd dh p2 ????', 'd dh p3 AhKh', 'd dh p4 ????', 'p3 cbr 6', 'p4 cbr 18', 'p1 f', 'p2 f', 'p3 cbr 54', 'p4 f']
players = ['Ann', 'Bob', 'Cid', 'Dee']
"""


def test_uncalled_raise_returned_and_flags(tmp_path: Path) -> None:
    r = _parse(tmp_path, FOLD_TO_RAISE, name="anything.txt")  # detected by content, not name
    h = _hand(r)
    assert (h["site"], h["game"], h["limit_type"], h["currency"]) == ("phh", "holdem", "nl", "chips")
    assert (h["small_blind"], h["big_blind"], h["ante"], h["button_seat"]) == (1, 2, 0, 4)
    assert h["total_pot"] == D(1 + 2 + 18 + 18) and h["rake"] == 0
    p = _players(r)
    assert p["Cid"]["invested"] == 18 and p["Cid"]["collected"] == 39 and p["Cid"]["net"] == 21
    assert p["Dee"]["net"] == -18 and p["Ann"]["net"] == -1 and p["Bob"]["net"] == -2
    assert [p[n]["position"] for n in ("Ann", "Bob", "Cid", "Dee")] == ["SB", "BB", "CO", "BTN"]
    assert (p["Cid"]["vpip"], p["Cid"]["pfr"], p["Cid"]["three_bet"]) == (True, True, False)
    assert (p["Dee"]["pfr"], p["Dee"]["three_bet"]) == (True, True)
    assert p["Cid"]["hole_cards"] == "Ah Kh" and p["Ann"]["hole_cards"] is None
    assert not any(x["saw_flop"] or x["saw_showdown"] or x["is_hero"] for x in p.values())
    acts = r.tables["actions"].to_pylist()
    assert [(a["player"], a["action"], a["amount"], a["raise_to"]) for a in acts[:4]] == [
        ("Ann", "post_sb", 1, None), ("Bob", "post_bb", 2, None), ("Cid", "raise", 6, 6),
        ("Dee", "raise", 18, 18)]
    assert acts[-2]["action"] == "raise" and acts[-2]["amount"] == 48  # 54 - 6 already in
    assert r.tables["hand_sources"]["observer"].to_pylist() == [None]
    for name, table in r.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


HEADS_UP = """variant = "NT"
antes = [0, 0]
blinds_or_straddles = [50, 100]
min_bet = 100
starting_stacks = [1000, 1000]
actions = ["d dh p1 ????", "d dh p2 ????", "p2 cc", "p1 cc", "d db 2c3d4h", "p1 cbr 100", "p2 f"]
players = ["Big", "Button"]
"""


def test_heads_up_blinds_are_reversed(tmp_path: Path) -> None:
    r = _parse(tmp_path, HEADS_UP)
    p = _players(r)
    assert (p["Button"]["position"], p["Big"]["position"]) == ("SB", "BB")
    acts = r.tables["actions"].to_pylist()
    assert [(a["player"], a["action"], a["amount"]) for a in acts[:4]] == [
        ("Button", "post_sb", 50), ("Big", "post_bb", 100), ("Button", "call", 50),
        ("Big", "check", 0)]
    assert acts[4]["action"] == "bet" and acts[4]["street"] == "flop" and acts[4]["raise_to"] is None
    assert p["Big"]["net"] == 100 and p["Button"]["net"] == -100
    assert p["Big"]["saw_flop"] and p["Button"]["saw_flop"] and not p["Big"]["saw_showdown"]
    assert _hand(r)["board"] == "2c 3d 4h"


SIDE_POTS = """variant = 'NT'
antes = [0, 0, 0]
blinds_or_straddles = [5, 10, 0]
min_bet = 10
starting_stacks = [50, 200, 300]
actions = [
  'd dh p1 AsAd',  # short stack, best hand
  'd dh p2 KsKd',
  'd dh p3 QsQd',
  'p3 cbr 30',
  'p1 cbr 50',  # all-in
  'p2 cbr 200',  # all-in over the top
  'p3 cc',
  'd db 2c7d9h',
  'd db 3s',
  'd db 8c',
  'p1 sm AsAd',
  'p2 sm KsKd',
  'p3 sm QsQd',
]
players = ['Short', 'Mid', 'Deep']
"""


def test_side_pots_awarded_from_shown_cards(tmp_path: Path) -> None:
    r = _parse(tmp_path, SIDE_POTS)
    p = _players(r)
    assert p["Short"]["collected"] == 150  # main pot 3 x 50
    assert p["Mid"]["collected"] == 300  # side pot 2 x 150
    assert p["Deep"]["net"] == -200 and p["Deep"]["invested"] == 200
    assert all(x["saw_showdown"] for x in p.values())
    assert p["Short"]["won_at_showdown"] and not p["Deep"]["won_at_showdown"]
    assert [a["is_all_in"] for a in r.tables["actions"].to_pylist() if a["action"] == "raise"] == [
        False, True, True]
    _conserved(r)


CALL_ALL_IN_FOR_LESS = """variant = 'NT'
antes = [0, 0]
blinds_or_straddles = [1, 2]
min_bet = 2
starting_stacks = [40, 100]
actions = ['d dh p1 AhAc', 'd dh p2 KhKc', 'p2 cbr 100', 'p1 cc', 'd db 2s3s4d', 'd db 9c', 'd db Tc',
           'p1 sm AhAc', 'p2 sm KhKc']
"""


def test_call_all_in_for_less_returns_the_excess(tmp_path: Path) -> None:
    r = _parse(tmp_path, CALL_ALL_IN_FOR_LESS)
    p = _players(r)
    assert set(p) == {"p1", "p2"}  # no `players` field: names p1..pN
    assert p["p2"]["invested"] == 40 and p["p2"]["net"] == -40
    assert p["p1"]["collected"] == 80 and p["p1"]["net"] == 40
    _conserved(r)


SPLIT = """variant = 'NT'
antes = [0, 0, 0]
blinds_or_straddles = [1, 2, 0]
min_bet = 2
starting_stacks = [100, 100, 100]
actions = ['d dh p1 2c3c', 'd dh p2 2d3d', 'd dh p3 4h5h', 'p3 f', 'p1 cc', 'p2 cc',
           'd db AsKsQs', 'p1 cc', 'p2 cc', 'd db Js', 'p1 cc', 'p2 cc', 'd db Ts', 'p1 cbr 1.5',
           'p2 cc', 'p1 sm -', 'p2 sm -']
"""


def test_split_pot_halves_kept_exact(tmp_path: Path) -> None:
    r = _parse(tmp_path, SPLIT)
    p = _players(r)
    assert p["p1"]["collected"] == p["p2"]["collected"] == D("3.5")  # (2 + 2 + 1.5 + 1.5) / 2
    assert p["p1"]["net"] == p["p2"]["net"] == 0
    assert p["p1"]["hole_cards"] == "2c 3c"
    _conserved(r)


HILO = """variant = 'FO/8'
antes = [0, 0]
blinds_or_straddles = [1, 2]
small_bet = 2
big_bet = 4
starting_stacks = [100, 100]
actions = ['d dh p1 AhKh2c3d', 'd dh p2 KdKs9c9d', 'p2 cc', 'p1 cc', 'd db 4s7h8dQc', 'd db Kc']
"""


def test_hi_lo_split(tmp_path: Path) -> None:
    text = HILO.replace("'d db 4s7h8dQc', 'd db Kc'", "'d db 4s7h8d', 'p1 cc', 'p2 cc', 'd db Qc', "
                        "'p1 cc', 'p2 cc', 'd db Kc', 'p1 cc', 'p2 cc', 'p1 sm -', 'p2 sm -'")
    r = _parse(tmp_path, text)
    h = _hand(r)
    assert (h["game"], h["limit_type"]) == ("omaha_hilo", "fl")
    p = _players(r)
    assert p["p2"]["collected"] == 2 and p["p1"]["collected"] == 2  # set of kings high, A-2-3 low
    _conserved(r)


def test_short_deck_straight_beats_trips(tmp_path: Path) -> None:
    text = """variant = 'NS'
antes = [1, 1]
blinds_or_straddles = [0, 2]
min_bet = 2
starting_stacks = [100, 100]
actions = ['d dh p1 KhKs', 'd dh p2 QhQd', 'p1 cbr 99', 'p2 cc', 'd db 9h6cKc', 'd db Jh', 'd db Ts',
           'p1 sm -', 'p2 sm -']
"""
    r = _parse(tmp_path, text)
    assert _hand(r)["game"] == "shortdeck"
    p = _players(r)
    assert p["p2"]["collected"] == 200 and p["p1"]["net"] == -100


def test_finishing_stacks_give_rake_and_net(tmp_path: Path) -> None:
    text = FOLD_TO_RAISE.replace("'p4 f']", "'p4 cc', 'd db 2c3d4h', 'p3 cbr 50', 'p4 f']")
    text += "finishing_stacks = [199, 198, 255.5, 146]\ncurrency = 'usd'\n"
    r = _parse(tmp_path, text)
    h = _hand(r)
    assert h["currency"] == "USD" and h["rake"] == D("1.5") and h["total_pot"] == 111
    p = _players(r)
    assert p["Cid"]["net"] == D("55.5") and p["Cid"]["collected"] == D("109.5")
    assert p["Dee"]["net"] == -54
    assert r.tables["actions"].to_pylist()[-2]["action"] == "bet"
    _conserved(r)


def test_winnings_field(tmp_path: Path) -> None:
    text = SIDE_POTS.replace("'p3 sm QsQd',\n]", "'p3 sm QsQd',\n]\nwinnings = [150, 290, 0]")
    r = _parse(tmp_path, text)
    h = _hand(r)
    assert h["rake"] == 10
    assert _players(r)["Mid"]["collected"] == 290


def test_inconsistent_finishing_stacks_quarantined(tmp_path: Path) -> None:
    r = _parse(tmp_path, FOLD_TO_RAISE + "finishing_stacks = [199, 198, 300, 182]\n")
    assert _reasons(r)[0].startswith("invalid PHH: the results pay out")
    r = _parse(tmp_path, FOLD_TO_RAISE + "finishing_stacks = [199, 198, 221, 100]\n")
    assert "finishing stack of p4" in _reasons(r)[0]


def test_antes_straddles_and_button_blind(tmp_path: Path) -> None:
    text = """variant = 'NT'
antes = [0, 3, 0, 0]
blinds_or_straddles = [1, 2, 4, 0]
min_bet = 2
starting_stacks = [100, 100, 100, 2]
actions = ['d dh p1 ????', 'd dh p2 ????', 'd dh p3 ????', 'd dh p4 ????', 'p4 cc', 'p1 f', 'p2 f', 'p3 cc',
           'd db AcKdQh', 'd db 2s', 'd db 3s', 'p4 sm AhAd', 'p3 sm 7c7d']
"""
    r = _parse(tmp_path, text)
    h = _hand(r)
    assert (h["ante"], h["small_blind"], h["big_blind"]) == (3, 1, 2)
    acts = r.tables["actions"].to_pylist()
    assert [(a["player"], a["action"], a["amount"]) for a in acts[:4]] == [
        ("p2", "post_ante", 3), ("p1", "post_sb", 1), ("p2", "post_bb", 2), ("p3", "post_straddle", 4)]
    assert acts[4]["action"] == "call" and acts[4]["amount"] == 2 and acts[4]["is_all_in"]
    p = _players(r)
    assert p["p4"]["collected"] == 2 + 2 + 1 + 2 + 3  # main pot; p3's 2 extra returned
    assert p["p3"]["invested"] == 2
    _conserved(r)
    button_only = """variant = 'NS'
antes = [1, 1, 1]
blinds_or_straddles = [0, 0, 2]
min_bet = 2
starting_stacks = [50, 50, 50]
actions = ['d dh p1 ????', 'd dh p2 ????', 'd dh p3 ????', 'p1 f', 'p2 f']
"""
    r = _parse(tmp_path, button_only)
    h = _hand(r)
    assert (h["small_blind"], h["big_blind"]) == (2, 2)
    p = _players(r)
    assert p["p3"]["position"] == "BTN" and p["p3"]["net"] == 2


def test_tournament_time_and_metadata(tmp_path: Path) -> None:
    text = FOLD_TO_RAISE + """event = 'Sunday Million Tournament | Day 2'
level = 12
table = 7
seat_count = 9
seats = [2, 4, 5, 9]
year = 2024
month = 7
day = 14
time = 21:30:15
time_zone = 'Europe/London'
"""
    r = _parse(tmp_path, text)
    h = _hand(r)
    assert h["is_tournament"] and h["currency"] == "chips"
    assert h["tournament_id"] == "Sunday Million Tournament"
    assert (h["table_name"], h["max_seats"], h["button_seat"]) == ("7", 9, 9)
    assert h["started_at"] == datetime(2024, 7, 14, 20, 30, 15, tzinfo=UTC)
    assert _players(r)["Bob"]["seat"] == 4
    t = r.tables["tournaments"].to_pylist()
    assert t[0]["name"] == "Sunday Million Tournament | Day 2" and t[0]["buy_in"] is None
    # an offset date-time is used as is; a venue-local time without a zone stays null
    r = _parse(tmp_path, FOLD_TO_RAISE + "time = 2024-07-14T21:30:15-04:00\n")
    assert _hand(r)["started_at"] == datetime(2024, 7, 15, 1, 30, 15, tzinfo=UTC)
    r = _parse(tmp_path, FOLD_TO_RAISE + "time = 21:30:15\nyear = 2024\nmonth = 7\nday = 14\n"
               "city = 'Las Vegas'\nregion = 'Nevada'\ncountry = 'United States of America'\n")
    assert _hand(r)["started_at"] is None
    r = _parse(tmp_path, FOLD_TO_RAISE + "time = 21:30:15\nyear = 2024\nmonth = 7\nday = 14\n")
    assert _hand(r)["started_at"] == datetime(2024, 7, 14, 21, 30, 15, tzinfo=UTC)
    r = _parse(tmp_path, FOLD_TO_RAISE + "time = 21:30:15\nyear = 2024\nmonth = 1\nday = 14\n"
               "time_zone_abbreviation = 'ET'\n")
    assert _hand(r)["started_at"] == datetime(2024, 1, 15, 2, 30, 15, tzinfo=UTC)


def test_unknown_stack_is_null(tmp_path: Path) -> None:
    r = _parse(tmp_path, FOLD_TO_RAISE.replace("[200, 200, 200, 200]", "[200, inf, 200, 200]"))
    p = _players(r)
    assert p["Bob"]["starting_stack"] is None and p["Bob"]["net"] == -2


def test_phhs_many_hands_offsets_and_stable_ids(tmp_path: Path) -> None:
    body = FOLD_TO_RAISE
    other = HEADS_UP
    text = f"# a session\n[1]\n{body}\n[2]\n{other}\n[3]\nvariant = 'FR'\nantes = [1, 1]\n" \
           "bring_in = 1\nsmall_bet = 2\nbig_bet = 4\nstarting_stacks = [10, 10]\nactions = []\n"
    r = _parse(tmp_path, text, name="session.phhs")
    report = r.files[0]
    assert (report.hands_found, report.hands_parsed, report.hands_quarantined) == (3, 2, 1)
    data = text.encode()
    offsets = r.tables["hand_sources"]["source_offset"].to_pylist()
    assert [data[o:o + 3] for o in offsets] == [b"[1]", b"[2]"]
    q = r.tables["quarantine"].to_pylist()[0]
    assert data[q["source_offset"]:].startswith(b"[3]") and q["reason"].startswith("unsupported game: FR")
    # the same hand alone in a .phh, reformatted (double quotes, multi-line array, comments)
    single = _parse(tmp_path, FOLD_TO_RAISE, name="one.phh")
    reformatted = FOLD_TO_RAISE.replace("'", '"').replace("actions = [", "# comment\nactions = [\n  ")
    reformatted = reformatted.replace(", 'p4 f']", ",  # last\n  'p4 f' # folds\n]")
    again = _parse(tmp_path, reformatted, name="two.phh")
    ids = r.tables["hands"]["hand_id"].to_pylist()
    assert single.tables["hands"]["hand_id"].to_pylist() == [ids[0]]
    assert again.tables["hands"]["hand_id"].to_pylist() == [ids[0]]
    assert ids[0] != ids[1]


@pytest.mark.parametrize(("code", "name"), [
    ("F7S", "seven card stud"), ("F7S/8", "stud hi/lo"), ("FR", "razz"), ("N2L1D", "single draw"),
    ("F2L3D", "triple draw"), ("FB", "badugi"), ("F5CD", "draw"), ("XYZ", "unknown PHH variant")])
def test_unsupported_games_by_name(tmp_path: Path, code: str, name: str) -> None:
    r = _parse(tmp_path, FOLD_TO_RAISE.replace("variant = 'NT'", f"variant = '{code}'"))
    reason = _reasons(r)[0]
    assert reason.startswith("unsupported game: ") and name in reason


def test_variant_codes() -> None:
    assert game_of("NT") == ("holdem", "nl") and game_of("FT") == ("holdem", "fl")
    assert game_of("PO") == ("omaha", "pl") and game_of("NS") == ("shortdeck", "nl")
    assert game_of("FO/8") == ("omaha_hilo", "fl") and game_of("PO/8") == ("omaha_hilo", "pl")


@pytest.mark.parametrize(("edit", "reason"), [
    (("'p4 f']", "'p4 cc']"), "incomplete hand: the actions stop before the hand ends (0 board cards)"),
    ((", 'p4 f']", "]"), "incomplete hand: the actions stop before the hand ends "
                          "(0 board cards, waiting for p4)"),
    (("actions = [", "acts = ["), "incomplete hand: required field 'actions' is missing"),
    (("antes = [0, 0, 0, 0]", "antes = [0, 0]"), "invalid PHH: field 'antes': expected 4 values"),
    (("'p3 cbr 6'", "'p3 xx 6'"), "invalid PHH: action 5 'p3 xx 6': unknown action 'xx'"),
    (("'p3 cbr 6'", "'p9 cbr 6'"), "invalid PHH: action 5 'p9 cbr 6': 'p9' is not a player"),
    (("AhKh", "AhKz"), "invalid PHH: action 3 'd dh p3 AhKz': 'Kz' is not a card"),
    (("'p3 cbr 6'", "'p3 cbr six'"), "invalid PHH: action 5 'p3 cbr six': 'six' is not an amount"),
    (("'p3 cbr 6'", "'p3 cbr 1'"), "invalid PHH: action 5 'p3 cbr 1': 'cbr 1' does not raise"),
    (("'p1 f', ", "'p1 f', 'p1 cc', "), "invalid PHH: action 8 'p1 cc': p1 acts after folding"),
    (("min_bet = 2", "min_bet = [2"), "invalid TOML: "),
    (("'p4 f']", "'p4 sd']"), "unsupported game: draw action in a NT hand"),
])
def test_quarantine_reasons(tmp_path: Path, edit: tuple[str, str], reason: str) -> None:
    text = FOLD_TO_RAISE.replace(*edit)
    assert text != FOLD_TO_RAISE
    r = _parse(tmp_path, text)
    assert r.files[0].hands_quarantined == 1
    assert _reasons(r)[0].startswith(reason), _reasons(r)[0]


def test_missing_variant_in_a_session(tmp_path: Path) -> None:
    no_variant = FOLD_TO_RAISE.replace("variant = 'NT'\n", "")
    text = f"[1]\n{FOLD_TO_RAISE}\n[2]\n{no_variant}"
    r = _parse(tmp_path, text, name="s.phhs")
    assert r.files[0].hands_parsed == 1
    assert _reasons(r) == ["incomplete hand: required field 'variant' is missing"]


def test_unknown_showdown_cards_without_results(tmp_path: Path) -> None:
    r = _parse(tmp_path, SIDE_POTS.replace("'d dh p2 KsKd'", "'d dh p2 ????'").replace(
        "'p2 sm KsKd',", "'p2 sm',"))
    assert _reasons(r)[0] == ("incomplete hand: no finishing_stacks or winnings, and the showdown "
                              "cards of p2 are unknown")


def test_detection() -> None:
    assert isinstance(detect_parser(FOLD_TO_RAISE), PHHParser)
    assert isinstance(detect_parser("[1]\n" + FOLD_TO_RAISE), PHHParser)
    assert detect_parser("variant = 'NT'\n") is None  # a lone key is not a hand history
    stars = "PokerStars Hand #1: Hold'em No Limit ($0.01/$0.02 USD) - 2024/01/01 00:00:00 ET\n"
    assert not PHHParser().detect(stars)


def test_toml_reader_matches_tomllib() -> None:
    samples = [FOLD_TO_RAISE, HEADS_UP, SIDE_POTS, SPLIT,
               "a = 1_000\nb = -2.50\nc = [1, 2.5, inf]\nd = true\ne = 'x # y'\nf = \"q\" # c\n",
               "a = [\n 1,\n 2,\n]\nb = \"esc\\\"aped\"\nc = 2024-01-02T03:04:05Z\n"]
    for s in samples:
        assert loads(s) == tomllib.loads(s, parse_float=Decimal)
    with pytest.raises(tomllib.TOMLDecodeError):
        loads("a = 1\na = 2\n")
    with pytest.raises(tomllib.TOMLDecodeError):
        loads("a = 01\n")


def test_hand_id_ignores_formatting() -> None:
    a = tomllib.loads(FOLD_TO_RAISE, parse_float=Decimal)
    b = dict(a, starting_stacks=[D("200.0")] * 4, actions=[x + "  # note" for x in a["actions"]])
    assert hand_id_of(a) == hand_id_of(b)
    assert hand_id_of(a) != hand_id_of(dict(a, starting_stacks=[201, 200, 200, 200]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(SIDE_POTS)),
       junk=st.binary(max_size=12), where=st.integers(min_value=0, max_value=len(SIDE_POTS)))
def test_fuzz_never_raises(tmp_path: Path, cut: int, junk: bytes, where: int) -> None:
    data = SIDE_POTS.encode()
    mutated = data[:where] + junk + data[where:cut] if where < cut else data[:cut] + junk
    path = tmp_path / "fuzz.phh"
    path.write_bytes(mutated)
    r = parse_file(path)
    report = r.files[0]
    assert report.hands_parsed + report.hands_quarantined == max(report.hands_found, report.hands_quarantined)
    _conserved(r)


def test_crlf_bom_utf16_and_non_ascii_names(tmp_path: Path) -> None:
    text = "[1]\n" + FOLD_TO_RAISE.replace("'Ann'", "'Ánn Ø'") + "\n[2]\n" + HEADS_UP
    crlf = text.replace("\n", "\r\n")
    for name, data in (("crlf.phhs", b"\xef\xbb\xbf" + crlf.encode("utf-8")),
                       ("utf16.phhs", crlf.encode("utf-16"))):
        path = tmp_path / name
        path.write_bytes(data)
        r = parse_file(path)
        assert (r.files[0].hands_found, r.files[0].hands_parsed) == (2, 2), _reasons(r)
        assert "Ánn Ø" in _players(r)
        for offset in r.tables["hand_sources"]["source_offset"].to_pylist():
            assert data[offset:offset + 6] in (b"[\x001\x00]\x00", b"[\x002\x00]\x00") or \
                data[offset:offset + 3] in (b"[1]", b"[2]")


def test_omaha_size_from_hole_cards_and_cash_events(tmp_path: Path) -> None:
    text = """variant = 'PO'
antes = [0, 0]
blinds_or_straddles = [1, 2]
min_bet = 2
starting_stacks = [100, 100]
actions = ['d dh p1 AhKhQhJhTh', 'd dh p2 2c3c4c5c6c', 'p2 f']
event = '2023 World Series of Poker cash game'
currency = 'USD'
"""
    r = _parse(tmp_path, text)
    h = _hand(r)
    assert (h["game"], h["limit_type"], h["is_tournament"], h["currency"]) == ("omaha5", "pl", False, "USD")
    r = _parse(tmp_path, text.replace("\ncurrency = 'USD'", ""))
    assert _hand(r)["is_tournament"] is False and _hand(r)["currency"] == "chips"


def test_concatenated_phh_files(tmp_path: Path) -> None:
    r = _parse(tmp_path, FOLD_TO_RAISE + "\n" + HEADS_UP + "\n" + SIDE_POTS, name="cat.phh")
    assert (r.files[0].hands_found, r.files[0].hands_parsed) == (3, 3)
    data = (FOLD_TO_RAISE + "\n" + HEADS_UP + "\n" + SIDE_POTS).encode()
    for offset in r.tables["hand_sources"]["source_offset"].to_pylist():
        assert data[offset:].startswith(b"variant = ")


def test_extra_tables_stay_with_their_hand(tmp_path: Path) -> None:
    r = _parse(tmp_path, FOLD_TO_RAISE + "[_notes]\nwho = 'coach'\n")
    assert (r.files[0].hands_found, r.files[0].hands_parsed) == (1, 1)
    r = _parse(tmp_path, "[1]\n" + FOLD_TO_RAISE + "[1._notes]\nwho = 'coach'\n[2]\n" + HEADS_UP,
               name="s.phhs")
    assert (r.files[0].hands_found, r.files[0].hands_parsed) == (2, 2)


def test_float_noise_and_sub_unit_amounts(tmp_path: Path) -> None:
    noisy = FOLD_TO_RAISE.replace("[200, 200, 200, 200]", "[200.30000000000001, 200, 200, 200]")
    r = _parse(tmp_path, noisy)
    assert _players(r)["Ann"]["starting_stack"] == D("200.3")
    fine = FOLD_TO_RAISE.replace("[200, 200, 200, 200]", "[200.00005, 200, 200, 200]")
    r = _parse(tmp_path, fine)
    assert _reasons(r) == ["invalid PHH: field 'starting_stacks': 200.00005 has more than 4 decimals"]
