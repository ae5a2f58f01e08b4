"""Money rules, both text formats and quarantine reasons of the WPN parser on hands written here."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.parse import parse_file
from ingestion.schema import SCHEMAS

D = Decimal


def _parse(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "h.txt"):
    path = tmp_path / name
    data = text.encode(encoding)
    path.write_bytes(b"\xff\xfe" + data if encoding == "utf-16-le" else data)
    return parse_file(path)


def _players(r) -> dict[str, dict]:
    return {p["player"]: p for p in r.tables["hand_players"].to_pylist()}


def _conserved(r) -> None:
    for h in r.tables["hands"].to_pylist():
        rows = [p for p in r.tables["hand_players"].to_pylist() if p["hand_id"] == h["hand_id"]]
        assert sum(p["collected"] for p in rows) - sum(p["invested"] for p in rows) == -(h["rake"] + h["fees"])


NEW = """Hand #100 - Holdem(No Limit) - $0.05/$0.10 - 2021/04/20 18:33:50 UTC
Fort Lupton 6-max Seat #1 is the button
Seat 1: Ann ($10.00)
Seat 2: Bob Smith ($10.00)
Seat 3: Cid ($1,010.00)
Seat 4: Dee ($5.00) is sitting out
Bob Smith posts the small blind $0.05
Cid posts the big blind $0.10
*** HOLE CARDS ***
Dealt to Ann [Ah Kh]
Ann raises $0.30 to $0.30
Bob Smith folds
Cid calls $0.20
*** FLOP *** [2c 7d 9s]
Main pot $0.65 | Rake $0.00
Cid checks
Ann bets $0.40
Cid calls $0.40
*** TURN *** [2c 7d 9s] [Qs]
Cid checks
Ann bets $9.30 and is all-in
Cid folds
Uncalled bet ($9.30) returned to Ann
Ann does not show
Ann collected $1.40 from main pot
*** SUMMARY ***
Total pot $1.45 | Rake $0.04 | JP Fee $0.01
Board [2c 7d 9s Qs]
Seat 1: Ann (button) did not show and won $1.40
Seat 2: Bob Smith (small blind) folded on the Pre-Flop
Seat 3: Cid (big blind) folded on the Turn
Seat 4: Dee folded on the Pre-Flop and did not bet
"""


def test_new_format_money_flags_and_fees(tmp_path: Path) -> None:
    r = _parse(tmp_path, NEW)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["hand_id"], h["currency"], h["rake"], h["fees"], h["board"]) == ("100", "USD", D("0.04"), D("0.01"), "2c 7d 9s Qs")
    assert (h["table_name"], h["max_seats"], h["button_seat"]) == ("Fort Lupton", 6, 1)
    assert str(h["started_at"]) == "2021-04-20 18:33:50+00:00"
    p = _players(r)
    assert (p["Ann"]["invested"], p["Ann"]["collected"], p["Ann"]["net"]) == (D("0.70"), D("1.40"), D("0.70"))
    assert p["Cid"]["starting_stack"] == D(1010) and p["Cid"]["invested"] == D("0.70")
    assert p["Ann"]["pfr"] and p["Cid"]["vpip"] and p["Ann"]["saw_flop"] and not p["Ann"]["saw_showdown"]
    assert p["Dee"]["position"] is None and p["Dee"]["invested"] == 0
    assert p["Ann"]["is_hero"] and p["Ann"]["hole_cards"] == "Ah Kh"
    acts = r.tables["actions"].to_pylist()
    assert acts[2]["raise_to"] == D("0.30") and acts[2]["amount"] == D("0.30")
    assert [a["is_all_in"] for a in acts if a["action"] == "bet"] == [False, True]
    _conserved(r)


def test_new_format_walk_uses_summary_won(tmp_path: Path) -> None:
    walk = """Hand #101 - Omaha H/L(Pot Limit) - $3.00/$6.00 - 2021/04/16 19:22:47 UTC
Parachute 6-max Seat #1 is the button
Seat 1: Ann ($135.00)
Seat 2: Bob ($133.13)
Seat 3: Cid ($139.00)
Bob posts the small blind $3.00
Cid posts the big blind $6.00
*** HOLE CARDS ***
Ann folds
Bob folds
Cid does not show
*** SUMMARY ***
Total pot $9.00
Seat 2: Bob (small blind) folded on the Pre-Flop
Seat 3: Cid did not show and won $9.00
"""
    r = _parse(tmp_path, walk)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["game"], h["limit_type"], h["small_blind"]) == ("omaha_hilo", "pl", D(3))
    p = _players(r)
    assert (p["Cid"]["invested"], p["Cid"]["collected"], p["Cid"]["net"]) == (D(6), D(9), D(3))
    _conserved(r)


def test_new_format_tournament_and_fixed_limit(tmp_path: Path) -> None:
    text = """Game Hand #7 - $1,000 GTD Tournament #55 - Holdem(Fixed Limit) - Level 3 (100.00/200.00)- 2019/07/21 17:44:50 UTC
Table '25' 9-max Seat #2 is the button
Seat 1: Ann (3000.00)
Seat 2: Bob (3000.00)
Dealt to Ann [As]
Dealt to Bob [2c]
Ann posts ante 10.00
Bob posts ante 10.00
Bob posts the small blind 50.00
Ann posts the big blind 100.00
*** HOLE CARDS ***
Dealt to Ann [Qd Qc]
Bob raises 100.00 to 200.00
Ann caps 200.00
Bob folds
Uncalled bet (100.00) returned to Ann
Ann does not show
*** SUMMARY ***
Total pot 420.00
Seat 1: Ann (big blind) did not show and won 420.00
Seat 2: Bob (button) (small blind) folded on the Pre-Flop
"""
    r = _parse(tmp_path, text)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["is_tournament"], h["tournament_id"], h["currency"], h["table_name"]) == (True, "55", "chips", "25")
    assert (h["limit_type"], h["small_blind"], h["big_blind"], h["ante"]) == ("fl", D(50), D(100), D(10))
    p = _players(r)
    assert p["Ann"]["hole_cards"] == "Qd Qc"  # the button-draw card is not a hole card
    assert p["Ann"]["three_bet"] and (p["Ann"]["invested"], p["Ann"]["collected"]) == (D(210), D(420))
    t = r.tables["tournaments"].to_pylist()[0]
    assert (t["tournament_id"], t["name"], t["hero"]) == ("55", "$1,000 GTD", "Ann")
    _conserved(r)


OLD = """Game started at: 2016/8/8 16:26:41
Game ID: 698338917 0.01/0.02 (PRR) Bahamut (Cap) - 5 (Hold'em)
Seat 3 is the button
Seat 1: Ann (2).
Seat 2: Bob (2.02).
Seat 3: Cid (2.12).
Seat 5: Dan (0.80).
Player Dan has small blind (0.01)
Player  has big blind (0.02)
Player Ann received a card.
Player Ann received a card.
Player Bob received card: [10d]
Player Bob received card: [Ad]
Player Ann folds
Player Bob raises (0.04)
Player Cid folds
Player Dan folds
Player  calls (0.02)
*** FLOP ***: [Ks 2d 7c]
Player  checks
Player Bob bets (0.06)
Player  folds
Uncalled bet (0.06) returned to Bob
Player Bob mucks cards
------ Summary ------
Pot: 0.08. Rake 0.01
Board: [Ks 2d 7c]
*Player Bob mucks (does not show cards). Bets: 0.04. Collects: 0.08. Wins: 0.04.
Player Cid does not show cards.Bets: 0. Collects: 0. Wins: 0.
Player Dan does not show cards.Bets: 0.01. Collects: 0. Loses: 0.01.
Player Ann does not show cards.Bets: 0. Collects: 0. Wins: 0.
Player  does not show cards.Bets: 0.04. Collects: 0. Loses: 0.04.
Game ended at: 2016/8/8 16:27:29
"""


def test_old_format_utf16_unnamed_player_and_rake(tmp_path: Path) -> None:
    # The unnamed player is the one seated player the hand never names (Seat 6 here).
    text = OLD.replace("Seat 5: Dan (0.80).\n", "Seat 5: Dan (0.80).\nSeat 6: Eve (1).\n")
    r = _parse(tmp_path, text.replace("\n", "\r\n"), encoding="utf-16-le")
    h = r.tables["hands"].to_pylist()[0]
    assert (h["currency"], h["limit_type"], h["rake"], h["board"]) == ("USD", "nl", D("0.01"), "Ks 2d 7c")
    assert str(h["started_at"]) == "2016-08-08 20:26:41+00:00"  # read as ET
    p = _players(r)
    assert "" not in p and (p["Eve"]["position"], p["Eve"]["invested"]) == ("BB", D("0.04"))
    assert p["Bob"]["hole_cards"] == "Td Ad" and p["Bob"]["is_hero"]
    assert (p["Bob"]["invested"], p["Bob"]["collected"]) == (D("0.04"), D("0.08"))
    _conserved(r)


def test_old_format_unnamed_player_without_candidate_is_quarantined(tmp_path: Path) -> None:
    reasons = _parse(tmp_path, OLD).tables["quarantine"]["reason"].to_pylist()
    assert len(reasons) == 1 and reasons[0].startswith("incomplete hand: a player without a name")


def test_old_format_tournament_from_file_name_and_allin(tmp_path: Path) -> None:
    text = """Game started at: 2016/8/4 13:56:8
Game ID: 695367612 10/20 $2.20 Turbo Heads-up, Table 1 (Hold'em)
Seat 1 is the button
Seat 1: Ann (1500).
Seat 2: Bob (1500).
Player Ann has small blind (10)
Player Bob has big blind (20)
Player Bob received card: [Kc]
Player Bob received card: [Qs]
Player Ann raises (30)
Player Bob allin (1480)
Player Ann allin (1460)
*** FLOP ***: [3h 4s 3d]
*** TURN ***: [3h 4s 3d] [8s]
*** RIVER ***: [3h 4s 3d 8s] [Jc]
------ Summary ------
Pot: 3000
Board: [3h 4s 3d 8s Jc]
*Player Ann shows: Full House (3/8) [8c 3c]. Bets: 1500. Collects: 3000. Wins: 1500.
Player Bob shows: One pair of 3s [Kc Qs]. Bets: 1500. Collects: 0. Loses: 1500.
"""
    r = _parse(tmp_path, text, name="HH20160804 T5732408-G695367612.txt")
    h = r.tables["hands"].to_pylist()[0]
    assert (h["tournament_id"], h["currency"], h["table_name"], h["max_seats"]) == ("5732408", "chips", "1", 2)
    acts = [(a["player"], a["action"], a["amount"], a["is_all_in"]) for a in r.tables["actions"].to_pylist()]
    assert acts[-2:] == [("Bob", "raise", D(1480), True), ("Ann", "call", D(1460), True)]
    p = _players(r)
    assert p["Ann"]["hole_cards"] == "8c 3c" and p["Ann"]["won_at_showdown"]
    t = r.tables["tournaments"].to_pylist()[0]
    assert (t["tournament_id"], t["name"], t["hero"]) == ("5732408", "$2.20 Turbo Heads-up", "Bob")
    _conserved(r)


def test_quarantine_reasons(tmp_path: Path) -> None:
    stud = NEW.replace("Holdem(No Limit)", "7Stud(Fixed Limit)")
    incomplete = NEW.split("*** SUMMARY ***")[0]
    no_cards = OLD.replace("*** FLOP ***: [Ks 2d 7c]", "*** FLOP ***:").replace("Player  ", "Player Dan ")
    r = _parse(tmp_path, stud + incomplete + no_cards)
    reasons = r.tables["quarantine"]["reason"].to_pylist()
    assert r.files[0].hands_found == 3 and r.files[0].hands_parsed == 0
    assert reasons[0] == "unsupported game: 7Stud(Fixed Limit)"
    assert reasons[1].startswith("incomplete hand: no '*** SUMMARY ***'")
    assert reasons[2].startswith("incomplete hand: street marker without cards")


def test_web_report(tmp_path: Path) -> None:
    cells = ["<td>9</td>", "<td>Hold'em</td>", "<td>$10 Turbo 6-Max</td>", "<td>$10.00</td>"]
    cells += ["<td>0.00</td>"] * 3 + ["<td>$1.00</td>"] + ["<td>0.00</td>"] * 3 + ["<td>$0.00</td>"]
    cells += ["<td>0.00</td>"] * 3 + ["<td>$0.00</td>"] + ["<td>0.00</td>"] * 3 + ["<td>$25.50</td>"]
    cells += ["<td>0.00</td>"] * 3 + ["<td>1/2/2020 1:00:00 PM</td>", "<td>1/2/2020 1:05:00 PM</td>",
                                      "<td>1/2/2020 2:00:00 PM</td>", "<td> 00:55:00</td>"]
    page = ('<html><head><link id="ctl00_CalendarTheme" href="x"></head><body>'
            '<a href="https://x.pokermanagement.com/p">Player Details: Zed</a><table>'
            f"<tr>{''.join(cells)}</tr></table></body></html>")
    r = _parse(tmp_path, page, name="report.html")
    t = r.tables["tournaments"].to_pylist()
    assert len(t) == 1
    assert (t[0]["buy_in"], t[0]["fee"], t[0]["prize"], t[0]["hero"], t[0]["name"]) == \
        (D(10), D(1), D("25.50"), "Zed", "$10 Turbo 6-Max")
    assert str(t[0]["started_at"]) == "2020-01-02 18:05:00+00:00"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_never_raises_on_damaged_hands(tmp_path: Path, data) -> None:
    lines = (NEW + OLD).splitlines()
    cut = data.draw(st.integers(0, len(lines)))
    drop = data.draw(st.sets(st.integers(0, len(lines) - 1), max_size=4))
    garbage = data.draw(st.binary(max_size=20))
    kept = [ln for i, ln in enumerate(lines[:cut]) if i not in drop]
    path = tmp_path / "f.txt"
    path.write_bytes(("\n".join(kept)).encode() + garbage)
    r = parse_file(path)
    for name, table in r.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False)
    _conserved(r)
