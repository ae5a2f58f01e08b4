"""Money rules, flags, summaries and quarantine reasons of the Full Tilt parser on small hands written here."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.hand_builder import TableBuilder
from ingestion.parse import parse_file
from ingestion.parsers import detect_parser
from ingestion.parsers.fulltilt import FullTiltParser
from ingestion.parsers.pokerstars import PokerStarsParser

D = Decimal


def _parse(tmp_path: Path, text: str, name: str = "h.txt", encoding: str = "utf-8"):
    path = tmp_path / name
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    path.write_bytes(data)
    return parse_file(path)


def _players(result) -> dict[str, dict]:
    return {p["player"]: p for p in result.tables["hand_players"].to_pylist()}


def _balanced(result) -> None:
    for h in result.tables["hands"].to_pylist():
        rows = [p for p in result.tables["hand_players"].to_pylist() if p["hand_id"] == h["hand_id"]]
        assert sum(p["collected"] for p in rows) - sum(p["invested"] for p in rows) == -(h["rake"] + h["fees"])


NL = """Full Tilt Poker Game #1001: Table Vera (6 max) - NL Hold'em - €0.50/€1 - 18:38:07 UTC - 2013/05/24 [14:38:07 ET - 2013/05/24]
Seat 1: Ann (€100)
Seat 2: Bob Smith (€50)
Seat 3: Cid (€80), is sitting out
Seat 4: Hero (€120)
Seat 5: Eve (€30)
Bob Smith posts the small blind of €0.50
Hero posts the big blind of €1
Eve posts €1
The button is in seat #1
*** HOLE CARDS ***
Dealt to Hero [Ah Kd]
Eve checks
Ann raises to €3
Ann: good luck all
Bob Smith folds
Hero raises to €10
Eve folds
Ann calls €7
*** FLOP *** [2c 7d Ts] (Total Pot: €21.50, 2 Players)
Hero bets €110, and is all in
Ann calls €90, and is all in
Uncalled bet of €20 returned to Hero
Ann shows [Qs Qh]
Hero shows [Ah Kd]
*** TURN *** [2c 7d Ts] [Ac] (Total Pot: €201.50, 2 Players, 2 All-In)
*** RIVER *** [2c 7d Ts Ac] [3h] (Total Pot: €201.50, 2 Players, 2 All-In)
Hero wins the pot (€198.50) with a pair of Aces
*** SUMMARY ***
Total pot €201.50 | Rake €3
Board: [2c 7d Ts Ac 3h]
Seat 1: Ann (button) showed [Qs Qh] and lost with a pair of Queens
Seat 2: Bob Smith (small blind) folded before the Flop
Seat 3: Cid is sitting out
Seat 4: Hero (big blind) showed [Ah Kd] and won (€198.50) with a pair of Aces
Seat 5: Eve folded before the Flop
"""


def test_nl_money_names_currency_and_flags(tmp_path: Path) -> None:
    r = _parse(tmp_path, NL)
    assert r.files[0].site == "fulltilt" and r.files[0].hands_parsed == 1, r.tables["quarantine"].to_pylist()
    h = r.tables["hands"].to_pylist()[0]
    assert (h["site"], h["hand_id"], h["game"], h["limit_type"], h["currency"]) == (
        "fulltilt", "1001", "holdem", "nl", "EUR")
    assert (h["small_blind"], h["big_blind"], h["rake"], h["total_pot"]) == (D("0.5"), 1, 3, D("201.5"))
    assert h["started_at"] == datetime(2013, 5, 24, 18, 38, 7, tzinfo=UTC)  # bracketed ET time
    assert (h["table_name"], h["max_seats"], h["button_seat"]) == ("Vera", 6, 1)
    p = _players(r)
    assert set(p) == {"Ann", "Bob Smith", "Hero", "Eve"}  # Cid sat out: not in the hand
    assert p["Hero"]["is_hero"] and p["Hero"]["invested"] == D("100") and p["Hero"]["net"] == D("98.5")
    assert p["Ann"]["invested"] == D("100") and p["Ann"]["hole_cards"] == "Qs Qh"
    assert p["Hero"]["three_bet"] and p["Ann"]["pfr"] and not p["Ann"]["three_bet"]
    assert p["Eve"]["invested"] == 1 and not p["Eve"]["vpip"]
    assert p["Hero"]["won_at_showdown"] and p["Ann"]["saw_showdown"]
    posts = [(a["player"], a["action"]) for a in r.tables["actions"].to_pylist() if a["action"].startswith("post")]
    assert posts == [("Bob Smith", "post_sb"), ("Hero", "post_bb"), ("Eve", "post_bb")]
    assert p["Hero"]["position"] == "BB" and p["Ann"]["position"] == "BTN"
    _balanced(r)


LIMIT = """FullTiltPoker Game #1002: Table Slaw - $1/$2 - Limit Hold'em - 20:26:12 ET - 2010/12/11
Seat 1: Ann ($21)
Seat 2: Bob ($31.50)
Seat 3: Hero ($19.50)
Bob posts a dead small blind of $0.50
Ann posts the small blind of $0.50
Hero posts the big blind of $1
The button is in seat #2
*** HOLE CARDS ***
Dealt to Hero [9s Th]
Bob raises to $2
Ann calls $1.50
Hero calls $1
*** FLOP *** [Tc 3s As]
Ann checks
Hero bets $1
Bob folds
Ann folds
Uncalled bet of $1 returned to Hero
Hero mucks
Hero wins the pot ($6.50)
*** SUMMARY ***
Total pot $6.50 | Rake $0
Board: [Tc 3s As]
Seat 3: Hero (big blind) collected ($6.50), mucked
"""


def test_limit_blinds_from_posts_dead_blind_and_et_time(tmp_path: Path) -> None:
    r = _parse(tmp_path, LIMIT, encoding="utf-16-le")
    h = r.tables["hands"].to_pylist()[0]
    assert (h["limit_type"], h["small_blind"], h["big_blind"]) == ("fl", D("0.5"), 1)
    assert h["started_at"] == datetime(2010, 12, 12, 1, 26, 12, tzinfo=UTC)
    p = _players(r)
    assert p["Bob"]["invested"] == D("2.5") and p["Hero"]["collected"] == D("6.5")
    dead = [a for a in r.tables["actions"].to_pylist() if a["action"] == "post_dead"]
    assert dead[0]["player"] == "Bob" and dead[0]["amount"] == D("0.5")
    _balanced(r)


RIT = """Full Tilt Poker Game #1003: Table Rymer (6 max, shallow) - $2/$4 - Pot Limit Omaha Hi - 11:00:14 ET - 2012/11/06
Seat 1: Ann ($38.55)
Seat 2: Bob ($263.80)
Ann posts the small blind of $2
Bob posts the big blind of $4
The button is in seat #1
*** HOLE CARDS ***
Ann raises to $12
Bob raises to $36
Ann calls $24
*** FLOP *** [2c As Jh] (Total Pot: $72, 2 Players)
Bob bets $60
Ann calls $2.55, and is all in
Uncalled bet of $57.45 returned to Bob
Ann shows [6d Jc Kd Qc]
Bob shows [Ah 9c 4h Ac]
*** TURN 1 *** [2c As Jh] [9h] (Total Pot: $77.10, 2 Players, 1 All-In)
*** RIVER 1 *** [2c As Jh 9h] [Kh] (Total Pot: $77.10, 2 Players, 1 All-In)
*** TURN 2 *** [2c As Jh] [Th] (Total Pot: $77.10, 2 Players, 1 All-In)
*** RIVER 2 *** [2c As Jh Th] [5d] (Total Pot: $77.10, 2 Players, 1 All-In)
*** SHOW DOWN 1 ***
*** SHOW DOWN 2 ***
Bob wins pot 1 ($37.05) with a flush, Ace high
Ann ties for pot 2 ($18.50) with a straight, Ace high
Bob ties for pot 2 ($18.55) with a straight, Ace high
*** SUMMARY ***
Total pot $77.10 | Rake $3
*** SUMMARY 1 ***
Board: [2c As Jh 9h Kh]
*** SUMMARY 2 ***
Board: [2c As Jh Th 5d]
"""


def test_run_it_twice_boards_and_split_pots(tmp_path: Path) -> None:
    r = _parse(tmp_path, RIT)
    h = r.tables["hands"].to_pylist()[0]
    assert h["game"] == "omaha" and h["limit_type"] == "pl"
    assert h["board"] == "2c As Jh 9h Kh" and h["board2"] == "2c As Jh Th 5d"
    p = _players(r)
    assert p["Ann"]["collected"] == D("18.5") and p["Bob"]["collected"] == D("55.6")
    assert p["Ann"]["hole_cards"] == "6d Jc Kd Qc"
    assert p["Ann"]["position"] == "SB" and p["Bob"]["position"] == "BB"
    _balanced(r)


COURCHEVEL = """Full Tilt Poker Game #1004: Table Play Chip 2409 (6 max) - PL Courchevel Hi - 25/50 - 14:04:16 ET - 2013/05/11
Seat 1: Ann (10,925)
Seat 2: Hero (720)
Ann posts the small blind of 25
Hero posts the big blind of 50
The button is in seat #1
*** HOLE CARDS ***
Dealt to Hero [8s Ac 9c 7c 5h]
*** FLOPET *** [9h] (Total Pot: 75, 2 Players)
Ann calls 25
Hero checks
*** FLOP *** [9s Kd] (Total Pot: 100, 2 Players)
Ann bets 100
Hero folds
Uncalled bet of 100 returned to Ann
Ann mucks
Ann wins the pot (100)
*** SUMMARY ***
Total pot 100 | Rake 0
Board: [9h 9s Kd]
"""


def test_courchevel_flopet_is_the_first_board_card_and_play_money(tmp_path: Path) -> None:
    r = _parse(tmp_path, COURCHEVEL)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["game"], h["currency"], h["board"]) == ("omaha5", "play", "9h 9s Kd")
    p = _players(r)
    assert p["Ann"]["vpip"] and not p["Ann"]["saw_showdown"] and p["Hero"]["saw_flop"]
    streets = [a["street"] for a in r.tables["actions"].to_pylist() if a["player"] == "Ann"]
    assert streets == ["preflop", "preflop", "flop"]
    _balanced(r)


TOURNEY = """Full Tilt Poker Game #1005: $4 + $0.40 Rush On Demand (233183652), Table 5 - 20/40 Ante 5 - No Limit Hold'em - 20:16:13 ET - 2011/04/10
Seat 1: Ann (1,500)
Seat 2: Hero (1,500)
Seat 3: Cid (30)
Ann antes 5
Hero antes 5
Cid antes 5
Ann posts the small blind of 20
Hero posts the big blind of 40
The button is in seat #3
*** HOLE CARDS ***
Dealt to Hero [Kd Kh]
Cid calls 25, and is all in
Ann folds
Uncalled bet of 15 returned to Hero
*** FLOP *** [2c 7d Ts] (Total Pot: 85, 2 Players, 1 All-In)
*** TURN *** [2c 7d Ts] [Ac] (Total Pot: 85, 2 Players, 1 All-In)
*** RIVER *** [2c 7d Ts Ac] [3h] (Total Pot: 85, 2 Players, 1 All-In)
Cid shows [Qs Qh]
Hero shows [Kd Kh]
Hero wins the main pot (85) with a pair of Kings
*** SUMMARY ***
Total pot 85 | Rake 0
Board: [2c 7d Ts Ac 3h]
"""


def test_tournament_hand_and_buy_in_from_the_name(tmp_path: Path) -> None:
    r = _parse(tmp_path, TOURNEY)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["is_tournament"], h["tournament_id"], h["currency"], h["table_name"]) == (
        True, "233183652", "chips", "Table 5")
    assert (h["small_blind"], h["big_blind"], h["ante"]) == (20, 40, 5)
    p = _players(r)
    assert p["Cid"]["invested"] == 30 and p["Cid"]["saw_showdown"] and p["Hero"]["net"] == 85 - 30
    t = r.tables["tournaments"].to_pylist()[0]
    assert (t["name"], t["buy_in"], t["fee"], t["currency"], t["hero"]) == (
        "$4 + $0.40 Rush On Demand", 4, D("0.4"), "USD", "Hero")
    _balanced(r)


SUMMARY = """Full Tilt Poker Tournament Summary $2 + $0.25 Sit & Go (214976900) Hold'em No Limit
Buy-In: $2 + $0.25
Knockout Bounty: $0.50
Buy-In Chips: 1500
9 Entries
Total Prize Pool: $18
Tournament started: 2011/01/27 14:35:00 ET
Tournament finished: 2011/01/27 15:25:00 ET

1: Player1, $9
2: Player2, $5.40
3: Hero, $3.60
4: Player4
Hero finished in 3rd place

Full Tilt Poker Tournament Summary Tier One $11+$1 (Turbo) (130659004) Hold'em No Limit
Buy-In: $11 + $1
Buy-In Chips: 1500
9 Entries
Tournament started: Wed, July 21, 2010 22:40 ET
1: Hero, $75 Satellite Token
2: Villain, $24
Hero finished in 1st place

Full Tilt Poker Tournament Summary 250 Play Money Sit & Go (102909471) Hold'em No Limit
Buy-In: 250 Play Chips + 0 Play Chips
6 Entries
Tournament started: 2013/01/12 18:00:00 CET [2013/01/12 12:00:00 ET]
5: Hero
Hero finished in 5th place
"""


def test_tournament_summaries(tmp_path: Path) -> None:
    r = _parse(tmp_path, SUMMARY, encoding="utf-16-le")
    assert r.files[0].site == "fulltilt" and r.files[0].hands_found == 0
    assert r.tables["quarantine"].num_rows == 0
    t = {row["tournament_id"]: row for row in r.tables["tournaments"].to_pylist()}
    sng = t["214976900"]
    assert (sng["name"], sng["buy_in"], sng["fee"], sng["bounty"], sng["currency"], sng["players"]) == (
        "$2 + $0.25 Sit & Go", 2, D("0.25"), D("0.5"), "USD", 9)
    assert (sng["hero"], sng["finish"], sng["prize"]) == ("Hero", 3, D("3.6"))
    assert sng["started_at"] == datetime(2011, 1, 27, 19, 35, tzinfo=UTC)
    token = t["130659004"]
    assert (token["finish"], token["prize"]) == (1, None)
    assert token["started_at"] == datetime(2010, 7, 22, 2, 40, tzinfo=UTC)
    play = t["102909471"]
    assert (play["currency"], play["buy_in"], play["finish"], play["prize"]) == ("play", 250, 5, 0)
    assert play["started_at"] == datetime(2013, 1, 12, 17, 0, tzinfo=UTC)


def test_quarantine_reasons(tmp_path: Path) -> None:
    stud = ("Full Tilt Poker Game #2001: Table Hagan - $3/$6 Ante $0.50 - Limit Stud Hi - "
            "10:00:00 ET - 2010/06/01\nSeat 1: A ($10)\n*** 3RD STREET ***\n*** SUMMARY ***\n")
    draw = stud.replace("#2001", "#2002").replace("Limit Stud Hi", "Limit 2-7 Triple Draw")
    partial = NL.replace("#1001", "#2003").replace("[14:38:07 ET - 2013/05/24]",
                                                    "[14:38:07 ET - 2013/05/24] (partial)")
    no_summary = NL.replace("#1001", "#2004").split("*** SUMMARY ***")[0]
    cancelled = NL.replace("#1001", "#2005").replace("*** SUMMARY ***",
                                                     "Hand #2005 has been canceled\n*** SUMMARY ***")
    cut = NL.replace("#1001", "#2006").split("\n")[0] + "\n*** SUMMARY ***\nTotal pot 30 | Rake 0\n"
    bad_pot = NL.replace("#1001", "#2007").replace("wins the pot (€198.50)", "wins the pot (€298.50)") \
        .replace("won (€198.50)", "won (€298.50)")
    text = "\n\n".join([stud, draw, partial, no_summary, cancelled, cut, bad_pot, NL])
    r = _parse(tmp_path, text)
    reasons = r.tables["quarantine"]["reason"].to_pylist()
    assert r.files[0].hands_found == 8 and r.files[0].hands_parsed == 1
    assert reasons[0] == "unsupported game: Limit Stud Hi"
    assert reasons[1] == "unsupported game: Limit 2-7 Triple Draw"
    assert reasons[2] == "incomplete hand: header marked (partial)"
    assert reasons[3] == "incomplete hand: no *** SUMMARY *** section"
    assert reasons[4].startswith("cancelled hand")
    assert reasons[5] == "incomplete hand: no *** HOLE CARDS *** section"
    assert reasons[6].startswith("pot does not balance")
    assert set(r.tables["quarantine"]["site"].to_pylist()) == {"fulltilt"}


def test_observed_hand_has_no_hero_and_ignores_chat(tmp_path: Path) -> None:
    observed = NL.replace("Dealt to Hero [Ah Kd]\n", "").replace(
        "Ann: good luck all", "Ann (Observer): Hero raises to €50\nRail: Hero bets €5")
    r = _parse(tmp_path, observed)
    p = _players(r)
    assert not any(x["is_hero"] for x in p.values())
    assert p["Hero"]["invested"] == D("100") and p["Hero"]["hole_cards"] == "Ah Kd"  # shown at showdown


def test_worded_date_header(tmp_path: Path) -> None:
    text = LIMIT.replace("20:26:12 ET - 2010/12/11", "15:13 ET - Wed, July 21, 2010")
    r = _parse(tmp_path, text)
    assert r.tables["hands"]["started_at"][0].as_py() == datetime(2010, 7, 21, 19, 13, tzinfo=UTC)


def test_detection_by_content_and_stars_keeps_rush() -> None:
    assert isinstance(detect_parser(NL), FullTiltParser)
    assert isinstance(detect_parser("\ufeff" + LIMIT), FullTiltParser)
    assert isinstance(detect_parser(SUMMARY), FullTiltParser)
    rush = "Full Tilt Rush Hand #1: Hold'em No Limit ($0.05/$0.10) - 2013/01/01 10:00:00 ET\n"
    assert isinstance(detect_parser(rush), PokerStarsParser)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_never_raises_on_mangled_hands(data) -> None:
    lines = NL.splitlines()
    op = data.draw(st.sampled_from(["truncate", "delete", "swap", "garbage"]))
    if op == "truncate":
        lines = lines[:data.draw(st.integers(1, len(lines)))]
    elif op == "delete":
        del lines[data.draw(st.integers(1, len(lines) - 1))]
    elif op == "swap":
        i = data.draw(st.integers(1, len(lines) - 2))
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    else:
        i = data.draw(st.integers(1, len(lines) - 1))
        lines[i] = data.draw(st.text(max_size=40))
    builder = TableBuilder("x.txt", "0" * 64)
    found = FullTiltParser().parse_text("\n".join(lines), "utf-8", 0, builder)
    assert found == 1 and builder.hands_parsed + builder.hands_quarantined == 1
