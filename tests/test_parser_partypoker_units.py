"""Money rules, flags and quarantine reasons of the PartyPoker parser on small hands written here."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.parse import parse_file
from ingestion.parsers.partypoker import amount, parse_date
from ingestion.schema import SCHEMAS

D = Decimal


def _parse(tmp_path: Path, text: str, name: str = "h.txt", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return parse_file(path)


def _players(result, hand_id: str | None = None) -> dict[str, dict]:
    rows = result.tables["hand_players"].to_pylist()
    return {p["player"]: p for p in rows if hand_id is None or p["hand_id"] == hand_id}


def _reasons(result) -> list[str]:
    return result.tables["quarantine"]["reason"].to_pylist()


OLD_CASH = """Game #100 starts.

#Game No : 100
***** Hand History for Game 100 *****
$10 USD NL Texas Hold'em - Monday, August 30, 16:08:09 EDT 2010
Table Speed #1 (Real Money)
Seat 1 is the button
Total number of players : 4/6
Seat 1: Ann ( $10 USD )
Seat 2: Bob ( $10 USD )
Seat 3: Cid ( $10 USD )
Seat 4: Dee ( $1,000 USD )
Bob posts small blind [$0.05 USD].
Cid posts big blind [$0.10 USD].
** Dealing down cards **
Dealt to Ann [  Ah Kh ]
Dee folds
Ann raises [$0.30 USD]
Bob calls [$0.25 USD]
Cid folds
** Dealing Flop ** [ 2c, 7d, 9h ]
Bob checks
Ann bets [$0.50 USD]
Bob folds
Ann does not show cards.
Ann wins $1.18 USD
"""

NEW_SUMMARY = """***** Hand History For Game 200 *****
0.05/0.10 Texas Hold'em Game Table (NL) - Sun Jan 20 13:58:07 EST 2013
Table Table Beta  (Real Money) -- Seat 1 is the button
Total number of players : 3/6
Seat 1: Ann ($10)
Seat 2: Bob ($10)
Seat 3: Cid ($10)
Bob posts small blind (0.05)
Cid posts big blind (0.10)
** Dealing down cards **
Dealt to Ann [ Ah, Kh ]
Ann raises 0.30 to 0.30
Bob folds
Cid calls (0.20)
** Dealing Flop ** :  [ 2c, 7d, 9h ]
Cid checks
Ann bets (0.40)
Cid folds
** Summary **
Main Pot: $0.62 Rake: $0.03
Board: [ 2c 7d 9h ]
Ann balance $10.32, bet $0.70, collected $1.02, net +$0.32
Bob balance $9.95, lost $0.05 (folded)
Cid balance $9.70, lost $0.30 (folded)
"""

OLD_TOURNEY = """***** Hand History for Game 300 *****
NL Texas Hold'em $10 USD Buy-in Trny: 555 Level: 1  Blinds(10/20) - Friday, April 01, 11:44:00 CEST 2011
Table Turbo #9 (Real Money)
Seat 2 is the button
Total number of players : 3/6
Seat 1: Ann ( 1,000 )
Seat 2: Bob ( 1,500 )
Seat 3: Cid ( 15 )
Trny: 555 Level: 2
Blinds(25/50)
** Dealing down cards **
Dealt to Ann [  Ah Kh ]
Bob folds
Ann is all-In  [950]
** Dealing Flop ** [ 2c, 7d, 9h ]
** Dealing Turn ** [ Js ]
** Dealing River ** [ 3c ]
Cid shows [ 5h, 5s ]a pair of Fives.
Ann shows [ Ah, Kh ]high card Ace.
Ann wins 985 chips from the side pot 1 with high card, Ace.
Cid wins 30 chips from the main pot with a pair of Fives.
Player Ann finished in 2 place.
"""


def test_amounts_and_dates() -> None:
    assert amount("$1,000 USD") == 10_000_000
    assert amount("$48,47") == 484_700
    assert amount("3,000") == 30_000_000
    assert amount("€0,10 EUR") == 1_000
    assert amount("0.5") == 5_000
    assert parse_date("Monday, August 30, 16:08:09 EDT 2010") == datetime(2010, 8, 30, 20, 8, 9,
                                                                         tzinfo=UTC)
    assert parse_date("Sun Jan 20 13:58:07 EST 2013") == datetime(2013, 1, 20, 18, 58, 7, tzinfo=UTC)
    assert parse_date("Sunday, July 28, 21:01:39  2013") == datetime(2013, 7, 29, 1, 1, 39, tzinfo=UTC)
    assert parse_date("Wednesday,August 31, 01:41:34 MESZ 2016") == datetime(2016, 8, 30, 23, 41, 34,
                                                                            tzinfo=UTC)


def test_old_cash_wins_include_the_uncalled_bet(tmp_path: Path) -> None:
    r = _parse(tmp_path, OLD_CASH)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    p = _players(r)
    assert p["Ann"]["invested"] == D("0.30") and p["Ann"]["collected"] == D("0.68")
    assert p["Bob"]["invested"] == D("0.30") and p["Cid"]["net"] == D("-0.10")
    assert p["Ann"]["is_hero"] and p["Ann"]["hole_cards"] == "Ah Kh"
    assert [p[n]["position"] for n in ("Ann", "Bob", "Cid", "Dee")] == ["BTN", "SB", "BB", "CO"]
    assert p["Ann"]["pfr"] and p["Bob"]["vpip"] and not p["Cid"]["vpip"]
    h = r.tables["hands"].to_pylist()[0]
    assert (h["hand_id"], h["currency"], h["small_blind"], h["big_blind"]) == ("100", "USD", D("0.05"),
                                                                              D("0.1"))
    assert (h["rake"], h["total_pot"], h["board"], h["max_seats"]) == (D("0.02"), D("0.7"), "2c 7d 9h", 6)
    assert h["table_name"] == "Speed #1"
    assert str(h["started_at"]) == "2010-08-30 20:08:09+00:00"
    acts = r.tables["actions"].to_pylist()
    assert (acts[3]["action"], acts[3]["amount"], acts[3]["raise_to"]) == ("raise", D("0.3"), D("0.3"))
    for name, table in r.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


def test_new_summary_is_authoritative(tmp_path: Path) -> None:
    r = _parse(tmp_path, NEW_SUMMARY)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    p = _players(r)
    assert p["Ann"]["invested"] == D("0.30") and p["Ann"]["collected"] == D("0.62")
    assert p["Ann"]["net"] == D("0.32") and p["Cid"]["net"] == D("-0.30")
    h = r.tables["hands"].to_pylist()[0]
    assert (h["rake"], h["total_pot"], h["limit_type"], h["currency"]) == (D("0.03"), D("0.65"), "nl", "USD")
    acts = r.tables["actions"].to_pylist()
    assert (acts[2]["action"], acts[2]["amount"], acts[2]["raise_to"]) == ("raise", D("0.3"), D("0.3"))


def test_cash_out_in_the_summary(tmp_path: Path) -> None:
    text = NEW_SUMMARY.replace("Cid folds\n", "Cid calls (0.40)\nCid is all-In.\n")
    text = text.replace("Cid opted", "")
    text = text.replace("** Summary **", "Cid opted for cash-out\nCid Cashout Amount is 0.80\n"
                        "** Dealing Turn ** :  [ 3c ]\n** Dealing River ** :  [ 4c ]\n** Summary **")
    text = text.replace("Main Pot: $0.62 Rake: $0.03", "Main Pot: $1.40 Rake: $0.05")
    text = text.replace("Ann balance $10.32, bet $0.70, collected $1.02, net +$0.32",
                        "Ann balance $10.70, bet $0.70, collected $1.40, net +$0.70")
    text = text.replace("Cid balance $9.70, lost $0.30 (folded)",
                        "Cid Cashed out  balance $10.10, bet $0.70, collected $0.80, net +$0.10")
    r = _parse(tmp_path, text)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    p = _players(r)
    assert p["Cid"]["cashout"] == D("0.80") and p["Cid"]["collected"] == 0
    assert p["Cid"]["net"] == D("0.10") and p["Ann"]["collected"] == D("1.40")
    assert r.tables["actions"].to_pylist()[-1]["is_all_in"]


def test_old_tournament_blinds_finish_and_buy_in(tmp_path: Path) -> None:
    r = _parse(tmp_path, OLD_TOURNEY)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    p = _players(r)
    # the body's level (25/50) wins; Cid's small blind is all-in for 15 (min(blind, stack))
    assert p["Cid"]["position"] == "SB" and p["Cid"]["invested"] == 15
    assert p["Ann"]["position"] == "BB" and p["Ann"]["invested"] == 15
    assert p["Ann"]["collected"] == 0 and p["Cid"]["collected"] == 30
    h = r.tables["hands"].to_pylist()[0]
    assert (h["currency"], h["tournament_id"], h["small_blind"], h["big_blind"], h["rake"]) == \
        ("chips", "555", 25, 50, 0)
    t = r.tables["tournaments"].to_pylist()[0]
    assert (t["buy_in"], t["currency"], t["hero"], t["finish"], t["name"]) == (10, "USD", "Ann", 2, "Turbo")


def test_heads_up_button_posts_the_small_blind(tmp_path: Path) -> None:
    text = OLD_TOURNEY.replace("Total number of players : 3/6\n", "").replace(
        "Seat 3: Cid ( 15 )\n", "")
    body = text.split("** Dealing down cards **")[0] + (
        "** Dealing down cards **\nDealt to Ann [  Ah Kh ]\nBob folds\nAnn does not show cards.\n"
        "Ann wins 75 chips\n")
    r = _parse(tmp_path, body)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    p = _players(r)
    assert p["Bob"]["position"] == "SB" and p["Bob"]["invested"] == 25
    assert p["Ann"]["invested"] == 25 and p["Ann"]["collected"] == 50


def test_silent_post_and_unseated_big_blind(tmp_path: Path) -> None:
    text = OLD_CASH.replace("Dee folds\n", "Eve has joined the table.\nDee checks\n")
    text = text.replace("Bob posts small blind [$0.05 USD].\n",
                        "Bob posts small blind [$0.05 USD].\nEve posts big blind [$0.10 USD].\n")
    text = text.replace("Ann wins $1.18 USD", "Ann wins $1.42 USD")
    text = text.replace("Cid folds\n", "Cid folds\nEve folds\nCid: nice, Dee folds a lot\nDee folds\n")
    r = _parse(tmp_path, text)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    p = _players(r)
    assert p["Dee"]["invested"] == D("0.15")  # checks a big blind it never posted: post both
    assert p["Eve"]["starting_stack"] is None and p["Eve"]["seat"] == 5
    assert p["Ann"]["collected"] == D("0.92")


def test_quarantine_reasons(tmp_path: Path) -> None:
    closed = _parse(tmp_path, OLD_CASH.replace("Ann wins $1.18 USD", "Table Closed"), "a.txt")
    assert _reasons(closed) == ["cancelled hand: 'Table Closed' / 'Connection Lost' line"]
    cut = _parse(tmp_path, OLD_CASH.split("Bob folds")[0], "b.txt")
    assert _reasons(cut) == ["incomplete hand: no 'wins' line and no '** Summary **' section"]
    stud = _parse(tmp_path, OLD_CASH.replace("NL Texas Hold'em", "7 Card Stud"), "c.txt")
    assert _reasons(stud) == ["unsupported game: 7 Card Stud"]
    double = _parse(tmp_path, OLD_CASH.replace("NL Texas Hold'em", "NL Double Hold'em"), "d.txt")
    assert _reasons(double) == ["unsupported game: Double Hold'em"]
    bad = _parse(tmp_path, OLD_CASH.replace("Ann wins $1.18 USD", "Ann wins $5 USD"), "e.txt")
    assert _reasons(bad)[0].startswith("pot does not balance")
    nogame = _parse(tmp_path, OLD_CASH.replace("NL Texas Hold'em", "NL Mystery"), "f.txt")
    assert _reasons(nogame)[0].startswith("line 2: expected a game name")


def test_variants_nul_bytes_indent_converted(tmp_path: Path) -> None:
    nul = OLD_CASH.replace("\n", "\n\x00")
    r = _parse(tmp_path, nul, "n.txt")
    assert r.files[0].hands_parsed == 1, _reasons(r)
    indented = "\n".join(" " + ln for ln in OLD_CASH.splitlines())
    assert _parse(tmp_path, indented, "i.txt").files[0].hands_parsed == 1
    eur = OLD_CASH.replace("$", "€").replace("USD", "EUR").replace(".", ",")
    r2 = _parse(tmp_path, "\ufeff" + eur.replace("Hold'em - Monday", "Hold'em - Monday"), "e.txt")
    assert r2.files[0].hands_parsed == 1, _reasons(r2)
    h = r2.tables["hands"].to_pylist()[0]
    assert h["currency"] == "EUR" and h["rake"] == D("0.02")
    conv = OLD_TOURNEY.replace("***** Hand History for Game 300 *****",
                               "***** Hand History for Game 1111111111 ***** (Poker Stars)")
    r3 = _parse(tmp_path, conv, "c.txt")
    h3 = r3.tables["hands"].to_pylist()[0]
    assert h3["site"] == "pokerstars" and h3["hand_id"].startswith("h") and len(h3["hand_id"]) == 17
    two = OLD_CASH + OLD_CASH.replace("Game 100", "Game 101").replace("#Game No : 100", "")
    r4 = _parse(tmp_path, two, "t.txt")
    assert r4.files[0].hands_found == 2 and r4.files[0].hands_parsed == 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=1500), junk=st.binary(max_size=20),
       at=st.integers(min_value=0, max_value=1500))
def test_never_raises_on_damaged_input(tmp_path: Path, cut: int, junk: bytes, at: int) -> None:
    data = (OLD_CASH + NEW_SUMMARY + OLD_TOURNEY).encode()
    path = tmp_path / "f.txt"
    path.write_bytes(data[:at] + junk + data[at:at + cut])
    report = parse_file(path).files[0]
    if report.site is not None:
        assert report.hands_parsed + report.hands_quarantined == report.hands_found
