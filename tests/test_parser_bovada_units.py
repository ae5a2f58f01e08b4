"""Money rules, names, flags and quarantine reasons of the Bovada parser on small hands written here."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.hand_builder import TableBuilder
from ingestion.parse import parse_file
from ingestion.parsers import detect_parser
from ingestion.parsers.bovada import BovadaParser

D = Decimal


def _parse(tmp_path: Path, text: str, name: str = "h.txt"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return parse_file(path)


def _players(result) -> dict[str, dict]:
    return {p["player"]: p for p in result.tables["hand_players"].to_pylist()}


def _balanced(result) -> None:
    for h in result.tables["hands"].to_pylist():
        rows = [p for p in result.tables["hand_players"].to_pylist() if p["hand_id"] == h["hand_id"]]
        assert sum(p["collected"] for p in rows) - sum(p["invested"] for p in rows) == -(h["rake"] + h["fees"])


NEW_FORMAT = """Ignition Hand #100 TBL#55 HOLDEM No Limit - 2024-03-01 12:00:00
Seat 1: Dealer ($10 in chips)
Seat 2: Small Blind [ME] ($20.50 in chips)
Seat 3: Big Blind ($1,010 in chips)
Seat 4: UTG ($5 in chips)
Dealer : Set dealer [1]
Small Blind  [ME] : Small Blind $0.10
Big Blind : Big blind $0.25
*** HOLE CARDS ***
Dealer : Card dealt to a spot [Ah Kh]
Small Blind  [ME] : Card dealt to a spot [Qs Qd]
Big Blind : Card dealt to a spot [2c 3c]
UTG : Card dealt to a spot [9d 9h]
UTG : Folds
Dealer : Raises $0.75 to $0.75
Small Blind  [ME] : Raises $2.15 to $2.25
Big Blind : Folds
Dealer : Calls $1.50
*** FLOP *** [Ts 4c 2h]
Small Blind  [ME] : Bets $3
Dealer : All-in(raise) $7.75 to $7.75
Small Blind  [ME] : Calls $4.75
*** TURN *** [Ts 4c 2h] [5s]
*** RIVER *** [Ts 4c 2h 5s] [Js]
Small Blind  [ME] : Showdown [Qs Qd Js Ts 5s] (One pair)
Dealer : Showdown [As Kh Js Ts 5s] (High Card)
Small Blind  [ME] : Hand result $19.75
*** SUMMARY ***
Total Pot($20.25)
Board [Ts 4c 2h 5s Js]
Seat+1: Dealer lost with High Card [Ah Kh-As Kh Js Ts 5s]
Seat+2: Small Blind $19.75  with One pair [Qs Qd-Qs Qd Js Ts 5s]
"""


def test_new_format_money_names_and_flags(tmp_path: Path) -> None:
    r = _parse(tmp_path, NEW_FORMAT)
    assert r.files[0].site == "bovada" and r.files[0].hands_parsed == 1
    h = r.tables["hands"].to_pylist()[0]
    assert (h["site"], h["hand_id"], h["game"], h["limit_type"], h["currency"]) == (
        "bovada", "100", "holdem", "nl", "USD")
    assert (h["small_blind"], h["big_blind"], h["rake"], h["total_pot"]) == (
        D("0.1"), D("0.25"), D("0.5"), D("20.25"))
    assert h["started_at"] == datetime(2024, 3, 1, 17, 0, tzinfo=UTC)  # ET -> UTC
    assert h["board"] == "Ts 4c 2h 5s Js" and h["button_seat"] == 1
    p = _players(r)
    assert set(p) == {"Hero", "Seat 1", "Seat 3", "Seat 4"}
    hero = p["Hero"]
    assert hero["is_hero"] and hero["position"] == "SB" and hero["hole_cards"] == "Qs Qd"
    assert hero["invested"] == D("10") and hero["collected"] == D("19.75") and hero["net"] == D("9.75")
    assert hero["three_bet"] and hero["pfr"] and hero["saw_showdown"] and hero["won_at_showdown"]
    assert p["Seat 1"]["invested"] == D("10") and p["Seat 1"]["position"] == "BTN"
    assert p["Seat 3"]["position"] == "BB" and p["Seat 4"]["position"] == "CO"
    acts = r.tables["actions"].to_pylist()
    raise_ = [a for a in acts if a["action"] == "raise" and a["player"] == "Seat 1" and a["street"] == "flop"]
    assert raise_[0]["amount"] == D("7.75") and raise_[0]["raise_to"] == D("7.75") and raise_[0]["is_all_in"]
    _balanced(r)


OLD_FORMAT = """Bodog Hand #200 TBL#7 OMAHA Pot Limit - 2012-05-14 00:54:46
Seat 1: UTG ($100 in chips)
Seat 2: Dealer [ME] ($124 in chips)
Seat 3: Small Blind ($116 in chips)
Seat 4: Big Blind ($400 in chips)
Dealer  [ME] : Set dealer/Bring in spot [2]
Small Blind : Ante/Small Blind $2
Big Blind : Big blind/Bring in $4
*** HOLE CARDS ***
UTG : Card dealt to a spot [Tc 5s 5h Kc]
Dealer  [ME] : Card dealt to a spot [Js Ad Jd 9h]
Small Blind : Card dealt to a spot [2s Kh 6s 8d]
Big Blind : Card dealt to a spot [7s 7d 9d 8c]
UTG : Calls $4
Dealer  [ME] : Calls $4
Small Blind : Folds
Big Blind : Raises $22
UTG : Folds
Dealer  [ME] : All-in(raise) $124
Big Blind : Calls $102
Big Blind : Showdown [7d 9d Td 6d 5d] (Flush)
Dealer  [ME] : Showdown [Ad Jd Td 6d 5d] (Flush)
Dealer  [ME] : Hand result $250
*** SUMMARY ***
Total Pot($254) | Rake ($4)
Board [Td 8h Qs 6d 5d]
"""


def test_old_format_raise_is_the_total(tmp_path: Path) -> None:
    r = _parse(tmp_path, OLD_FORMAT)
    p = _players(r)
    assert p["Seat 4"]["invested"] == D("124")   # raises to 22, then calls 102
    assert p["Hero"]["invested"] == D("124") and p["Hero"]["collected"] == D("250")
    assert r.tables["hands"]["rake"][0].as_py() == D("4")
    acts = [a for a in r.tables["actions"].to_pylist() if a["action"] == "raise"]
    assert [(a["amount"], a["raise_to"]) for a in acts] == [(D("18"), D("22")), (D("120"), D("124"))]
    _balanced(r)


ZONE = """Bovada Hand #300  Zone Poker ID#1708 HOLDEMZonePoker No Limit - 2021-04-11 01:51:55
Seat 1: Dealer ($20 in chips)
Seat 2: Small Blind [ME] ($24.75 in chips)
Seat 3: Big Blind ($50.78 in chips)
Dealer : Set dealer [1]
Small Blind  [ME] : Small Blind $0.10
Big Blind : Big blind $0.25
*** HOLE CARDS ***
Dealer : Card dealt to a spot [Kh Ah]
Small Blind  [ME] : Card dealt to a spot [5d 4d]
Big Blind : Card dealt to a spot [2c 2h]
Dealer : Raises $0.75 to $0.75
Dealer : Raises $0.75 to $0.75
Dealer : Raises $0.75 to $0.75
Small Blind  [ME] : Leave(Auto)
Small Blind  [ME] : Folds
Big Blind : Calls $0.50
*** FLOP *** [6c 9h Qs]
Big Blind : Checks
Dealer : Checks
*** TURN *** [6c 9h Qs] [3c]
Big Blind : Checks
Dealer : Checks
*** RIVER *** [6c 9h Qs 3c] [9s]
Big Blind : Checks
Dealer : Checks
Big Blind : Showdown [9s 9h 2h 2c Qs] (Two pair)
Dealer : Mucks [Kh Ah] (One pair)
Big Blind : Hand result $1.52
Big Blind : Hand result $1.52
Enter(Auto)
*** SUMMARY ***
"""


def test_zone_poker_rake_without_total_pot_and_repeated_lines(tmp_path: Path) -> None:
    r = _parse(tmp_path, ZONE)
    h = r.tables["hands"].to_pylist()[0]
    assert h["table_name"] == "Zone Poker ID 1708" and h["game"] == "holdem"
    assert h["rake"] == D("0.08") and h["total_pot"] == D("1.60")
    p = _players(r)
    assert p["Seat 1"]["invested"] == D("0.75") and p["Seat 3"]["collected"] == D("1.52")
    _balanced(r)


TOURNEY = """Bovada Hand #400: HOLDEM Tournament #14303391 TBL#1, No Limit- Level 8 (200/400) - 2016-01-01 03:10:55
Seat 9: UTG (2,819 in chips)
Seat 2: UTG+1 (165 in chips)
Seat 4: Dealer (3,497 in chips)
Seat 5: Small Blind (10 in chips)
Seat 3: Big Blind [ME] (7,019 in chips)
Seat 6: UTG+2 (500 in chips)
Dealer : Set dealer [7]
UTG : Ante chip 40
UTG+1 : Ante chip 40
Dealer : Ante chip 40
Small Blind : All-in 10
Big Blind [ME] : Ante chip 40
Big Blind [ME] : Big blind 400
*** HOLE CARDS ***
UTG : Card dealt to a spot [8d 2d]
UTG+1 : Card dealt to a spot [8c Kc]
Dealer : Card dealt to a spot [6d 7d]
Small Blind : Card dealt to a spot [3s 4s]
Big Blind [ME] : Card dealt to a spot [6s Qh]
UTG : Folds
UTG+1 : All-in 125
Dealer : Call 400
Big Blind [ME] : Checks
Card to the table [Ts Kh 6h]
Big Blind [ME] : Checks
Dealer : Checks
Big Blind [ME] : Checks
Dealer : Checks
Big Blind [ME] : Checks
Dealer : Checks
Big Blind [ME] : Showdown [6s 6h 6c Kh Qh] (Three of a kind)
Big Blind [ME] : Hand Result-Side Pot 550
Big Blind [ME] : Hand Result 545
UTG+1 : Ranking 4
Big Blind [ME] : Ranking 1
Big Blind [ME] : Prize Cash [$9]
*** SUMMARY ***
Total Pot(1095)
Board [Ts Kh 6h 3s 6c]
"""


def test_tournament_all_in_ante_positions_from_labels_and_result(tmp_path: Path) -> None:
    r = _parse(tmp_path, TOURNEY)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["is_tournament"], h["tournament_id"], h["currency"]) == (True, "14303391", "chips")
    assert (h["small_blind"], h["big_blind"], h["ante"]) == (200, 400, 40)
    assert h["button_seat"] == 4 and h["table_name"] == "1"
    p = _players(r)
    assert "Seat 6" not in p  # seated but never dealt in
    assert p["Seat 5"]["invested"] == 10 and p["Seat 5"]["position"] is not None
    assert p["Seat 4"]["position"] == "BTN" and p["Hero"]["position"] == "BB"
    assert p["Hero"]["net"] == D(1095 - 440)
    assert p["Seat 4"]["saw_flop"] and not p["Seat 9"]["saw_flop"]
    ante_posts = [a for a in r.tables["actions"].to_pylist() if a["action"] == "post_ante"]
    assert {a["player"] for a in ante_posts} == {"Seat 9", "Seat 2", "Seat 4", "Hero"}
    t = r.tables["tournaments"].to_pylist()[0]
    assert (t["tournament_id"], t["hero"], t["finish"], t["prize"]) == ("14303391", "Hero", 1, D(9))
    _balanced(r)


POSTS = """Bovada Hand #500 TBL#1 OMAHA HiLo Pot Limit - 2014-08-05 00:56:59
Seat 1: Dealer ($5 in chips)
Seat 2: Small Blind ($5 in chips)
Seat 3: Big Blind ($5 in chips)
Seat 4: UTG [ME] ($5 in chips)
Seat 5: UTG+1 ($5 in chips)
Dealer : Set dealer/Bring in spot [1]
Small Blind : Ante/Small Blind $0.02
Big Blind : Big blind/Bring in $0.05
UTG  [ME] : Posts chip $0.05
UTG+1 : Posts dead chip $0.07
*** HOLE CARDS ***
Dealer : Card dealt to a spot [Jc Ts Tc Qh]
Small Blind : Card dealt to a spot [8s 4d 2c 2s]
Big Blind : Card dealt to a spot [Ac 2d 3h Kd]
UTG  [ME] : Card dealt to a spot [9h 3h Ac Qs]
UTG+1 : Card dealt to a spot [4s Qh 7d Jd]
UTG  [ME] : Checks
UTG+1 : Checks
Dealer : Folds
Small Blind : Folds
Big Blind : Checks
*** FLOP *** [2h 5c 7s]
Big Blind : Checks
UTG  [ME] : Checks
UTG+1 : Bets $0.10
Big Blind : Folds
UTG  [ME] : Folds
UTG+1 : Return uncalled portion of bet $0.10
UTG+1 : Hand result $0.19
*** SUMMARY ***
Total Pot($0.19)
Board [2h 5c 7s]
"""


def test_new_player_posts(tmp_path: Path) -> None:
    r = _parse(tmp_path, POSTS)
    assert r.files[0].hands_parsed == 1, r.tables["quarantine"].to_pylist()
    h = r.tables["hands"].to_pylist()[0]
    assert h["game"] == "omaha_hilo" and h["rake"] == 0
    acts = [(a["player"], a["action"], a["amount"]) for a in r.tables["actions"].to_pylist()
            if a["action"].startswith("post")]
    assert ("Hero", "post_bb", D("0.05")) in acts
    assert ("Seat 5", "post_dead", D("0.02")) in acts and ("Seat 5", "post_bb", D("0.05")) in acts
    p = _players(r)
    assert p["Seat 5"]["net"] == D("0.19") - D("0.07")
    _balanced(r)


MVS = NEW_FORMAT.replace("Ignition Hand #100 TBL#55 HOLDEM No Limit - 2024-03-01 12:00:00",
                         "Bodog.com Hand #101 TBL#55 HOLDEM No Limit [MVS] - 2024-03-01 12:00:00 UTC\n"
                         "Table Info: Version: 1, Type: MVS, Stakes: $0.10-$0.25, Table: 0001-0")


def test_mvs_header_in_utc(tmp_path: Path) -> None:
    r = _parse(tmp_path, MVS)
    h = r.tables["hands"].to_pylist()[0]
    assert h["hand_id"] == "101" and h["started_at"] == datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


def test_quarantine_reasons(tmp_path: Path) -> None:
    stud = ("Bodog Hand #600 TBL#1178621 7CARD Fixed Limit - 2012-05-07 03:40:46\n"
            "Seat+1: $10 in chips\n*** SUMMARY ***\n")
    no_summary = NEW_FORMAT.split("*** SUMMARY ***")[0]
    twice = NEW_FORMAT.replace("Total Pot($20.25)", "Seat 1: Dealer ($10 in chips)\n*** HOLE CARDS ***\n"
                               "*** SUMMARY ***\nTotal Pot($20.25)")
    undealt = "\n".join(ln for ln in NEW_FORMAT.splitlines() if "Card dealt" not in ln) + "\n"
    text = "\n\n".join([stud, no_summary.replace("#100", "#601"), twice.replace("#100", "#602"),
                        undealt.replace("#100", "#603"), NEW_FORMAT.replace("#100", "#604")])
    r = _parse(tmp_path, text)
    reasons = r.tables["quarantine"]["reason"].to_pylist()
    assert r.files[0].hands_found == 5 and r.files[0].hands_parsed == 1
    assert reasons[0] == "unsupported game: 7 Card Stud"
    assert reasons[1].startswith("incomplete hand: no *** SUMMARY ***")
    assert reasons[2].startswith("incomplete hand: 2 HOLE CARDS and 2 SUMMARY")
    assert reasons[3].startswith("incomplete hand: no 'Card dealt to a spot'")
    assert r.tables["quarantine"]["site"].to_pylist() == ["bovada"] * 4


def test_unbalanced_pot_is_quarantined(tmp_path: Path) -> None:
    bad = NEW_FORMAT.replace("Hand result $19.75", "Hand result $29.75")
    r = _parse(tmp_path, bad)
    assert r.files[0].hands_quarantined == 1
    assert r.tables["quarantine"]["reason"][0].as_py().startswith("pot does not balance")


def test_detection_by_content() -> None:
    assert isinstance(detect_parser(NEW_FORMAT), BovadaParser)
    assert isinstance(detect_parser("\ufeff" + OLD_FORMAT), BovadaParser)
    assert not isinstance(detect_parser("PokerStars Hand #1: Hold'em No Limit ($1/$2)"), BovadaParser)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_never_raises_on_mangled_hands(data) -> None:
    lines = NEW_FORMAT.splitlines()
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
    text = "\n".join(lines)
    builder = TableBuilder("x.txt", "0" * 64)
    found = BovadaParser().parse_text(text, "utf-8", 0, builder)
    assert found == 1 and builder.hands_parsed + builder.hands_quarantined == 1
