"""Money rules, flags and quarantine reasons of the GGPoker parser on small hands written here."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.parse import parse_file
from ingestion.schema import SCHEMAS

D = Decimal


def _parse(tmp_path: Path, text: str, name: str = "gg.txt", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return parse_file(path)


def _players(result) -> dict[str, dict]:
    return {p["player"]: p for p in result.tables["hand_players"].to_pylist()}


def _reasons(result) -> list[str]:
    return result.tables["quarantine"]["reason"].to_pylist()


def _check_conservation(result) -> None:
    for h in result.tables["hands"].to_pylist():
        rows = [p for p in result.tables["hand_players"].to_pylist() if p["hand_id"] == h["hand_id"]]
        assert sum(p["collected"] for p in rows) - sum(p["invested"] for p in rows) == -(h["rake"] + h["fees"])


CASH = """Poker Hand #HD1001: Hold'em No Limit ($0.05/$0.1) - 2024/07/01 12:00:00
Table 'NLHGold1' 6-max Seat #1 is the button
Seat 1: Ann ($10 in chips)
Seat 2: Bob ($10 in chips)
Seat 3: Hero ($10 in chips)
Seat 4: Dré ($12.5 in chips) is sitting out
Bob: posts small blind $0.05
Hero: posts big blind $0.1
*** HOLE CARDS ***
Dealt to Ann
Dealt to Bob
Dealt to Hero [Ah Kd]
Ann: raises $0.2 to $0.3
Bob: folds
Hero: raises $0.6 to $0.9
Ann: calls $0.6
*** FLOP *** [2c 7d 9h]
Hero: bets $1
Ann: folds
Uncalled bet ($1) returned to Hero
*** SHOWDOWN ***
Hero collected $1.81 from pot
*** SUMMARY ***
Total pot $1.85 | Rake $0.04 | Jackpot $0 | Bingo $0
Board [2c 7d 9h]
Seat 1: Ann (button) folded on the Flop
Seat 2: Bob (small blind) folded before Flop
Seat 3: Hero (big blind) won ($1.81)
Seat 4: Dré folded before Flop (didn't bet)
"""


def test_cash_hand_money_flags_positions(tmp_path: Path) -> None:
    r = _parse(tmp_path, CASH)
    assert r.files[0].site == "ggpoker" and r.files[0].hands_parsed == 1, _reasons(r)
    p = _players(r)
    assert p["Hero"]["invested"] == D("0.9") and p["Hero"]["collected"] == D("1.81")
    assert p["Hero"]["net"] == D("0.91") and p["Ann"]["net"] == D("-0.9") and p["Bob"]["net"] == D("-0.05")
    assert p["Hero"]["is_hero"] and p["Hero"]["hole_cards"] == "Ah Kd"
    assert [p[n]["position"] for n in ("Ann", "Bob", "Hero")] == ["BTN", "SB", "BB"]
    assert p["Dré"]["position"] is None and p["Dré"]["starting_stack"] == D("12.5")
    assert p["Ann"]["vpip"] and p["Ann"]["pfr"] and p["Hero"]["three_bet"] and not p["Bob"]["vpip"]
    assert p["Hero"]["saw_flop"] and p["Ann"]["saw_flop"] and not p["Hero"]["saw_showdown"]
    h = r.tables["hands"].to_pylist()[0]
    assert h["hand_id"] == "HD1001" and h["currency"] == "USD" and h["game"] == "holdem"
    assert h["started_at"] == datetime(2024, 7, 1, 16, 0, tzinfo=UTC)  # ET (EDT) -> UTC
    assert (h["rake"], h["fees"], h["total_pot"]) == (D("0.04"), D(0), D("1.85"))
    assert h["parser_version"] == "ggpoker/1"
    acts = r.tables["actions"].to_pylist()
    assert acts[4]["action"] == "raise" and acts[4]["amount"] == D("0.8") and acts[4]["raise_to"] == D("0.9")
    _check_conservation(r)


STRADDLE = """Poker Hand #RC2001: Hold'em No Limit ($0.5/$1) - 2024/01/10 20:00:00
Table 'RushAndCash1' 6-max Seat #1 is the button
Seat 1: Ann ($100 in chips)
Seat 2: Bob ($100 in chips)
Seat 3: Cid ($100 in chips)
Seat 4: Hero ($100 in chips)
Bob: posts small blind $0.5
Cid: posts big blind $1
Hero: straddle $2
Hero: straddle $4
Cash Drop to Pot : total $1
*** HOLE CARDS ***
Dealt to Ann
Dealt to Bob
Dealt to Cid
Dealt to Hero [Qs Qh]
Ann: calls $4
Bob: folds
Cid: folds
Hero: checks
*** FLOP *** [2c 7d 9h]
Hero: checks
Ann: checks
*** TURN *** [2c 7d 9h] [Kd]
Hero: checks
Ann: checks
*** RIVER *** [2c 7d 9h Kd] [3s]
Hero: checks
Ann: checks
Hero: shows [Qs Qh] (a pair of Queens)
Ann: mucks [4c 5c]
*** SHOWDOWN ***
Hero collected $9.9 from pot
*** SUMMARY ***
Total pot $10.5 | Rake $0.5 | Jackpot $0.08 | Bingo $0.02
Board [2c 7d 9h Kd 3s]
Seat 1: Ann (button) mucked [4c 5c]
Seat 2: Bob (small blind) folded before Flop
Seat 3: Cid (big blind) folded before Flop
Seat 4: Hero showed [Qs Qh] and won ($9.9) with a pair of Queens
"""


def test_straddles_fees_and_cash_drop(tmp_path: Path) -> None:
    r = _parse(tmp_path, STRADDLE)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    p = _players(r)
    acts = [(a["player"], a["action"], a["amount"]) for a in r.tables["actions"].to_pylist()]
    assert acts[2:4] == [("Hero", "post_straddle", D(2)), ("Hero", "post_straddle", D(2))]
    assert p["Hero"]["invested"] == D(4) and p["Ann"]["invested"] == D(4)
    assert p["Hero"]["net"] == D("5.9") and p["Ann"]["hole_cards"] == "4c 5c"
    h = r.tables["hands"].to_pylist()[0]
    assert (h["rake"], h["fees"]) == (D("0.5"), D("0.1") - D(1))  # jackpot + bingo - cash drop
    assert h["currency"] == "USD" and h["hand_id"] == "RC2001"
    assert p["Hero"]["saw_showdown"] and p["Ann"]["saw_showdown"] and p["Hero"]["won_at_showdown"]
    assert not p["Hero"]["vpip"] and p["Ann"]["vpip"]  # a straddle is a post, a check is not VPIP
    _check_conservation(r)


EV_CASHOUT = """Poker Hand #HD3001: Hold'em No Limit ($1/$2) - 2024/01/10 20:00:00
Table 'NLHGold2' 6-max Seat #1 is the button
Seat 1: Ann ($200 in chips)
Seat 2: Bob ($100 in chips)
Seat 3: Hero ($100 in chips)
Bob: posts small blind $1
Hero: posts big blind $2
*** HOLE CARDS ***
Dealt to Ann
Dealt to Bob
Dealt to Hero [As Ad]
Ann: folds
Bob: raises $98 to $100 and is all-in
Hero: calls $98 and is all-in
Bob: shows [Kc Kd]
Hero: shows [As Ad]
Hero: Chooses to EV Cashout
Bob: Chooses to EV Cashout
*** FLOP *** [2c 7d 9h]
*** TURN *** [2c 7d 9h] [Kh]
*** RIVER *** [2c 7d 9h Kh] [3s]
Hero: Receives Cashout ($160.5)
Bob: Pays Cashout Risk ($158.5)
*** SHOWDOWN ***
Bob collected $197 from pot
*** SUMMARY ***
Total pot $200 | Rake $3 | Jackpot $0 | Bingo $0
Board [2c 7d 9h Kh 3s]
Seat 1: Ann (button) folded before Flop (didn't bet)
Seat 2: Bob (small blind) showed [Kc Kd] and won ($197) with Three Kings
Seat 3: Hero (big blind) showed [As Ad] and lost with a pair of Aces
"""


def test_ev_cashout(tmp_path: Path) -> None:
    r = _parse(tmp_path, EV_CASHOUT)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    p = _players(r)
    assert p["Hero"]["cashout"] == D("160.5") and p["Hero"]["collected"] == 0
    assert p["Hero"]["net"] == D("60.5")
    assert p["Bob"]["collected"] == D(197) and p["Bob"]["cashout"] == D("38.5")
    assert p["Bob"]["net"] == D("38.5") - D(100)
    assert p["Ann"]["cashout"] is None
    _check_conservation(r)  # the pot itself is untouched by cash-outs


RIT_PREFLOP = """Poker Hand #OM4001: PLO-6 ($0.25/$0.5) - 2024/01/10 20:00:00
Table 'PLO-6Silver1' 6-max Seat #2 is the button
Seat 1: Ann ($50 in chips)
Seat 2: Hero ($50 in chips)
Hero: posts small blind $0.25
Ann: posts big blind $0.5
*** HOLE CARDS ***
Dealt to Ann
Dealt to Hero [Ah Ad Kc Kd Qs Jh]
Hero: raises $49.5 to $50 and is all-in
Ann: calls $49.5 and is all-in
Ann: shows [2c 3c 4d 5d 6h 7h]
Hero: shows [Ah Ad Kc Kd Qs Jh]
*** FIRST FLOP *** [2h 8c 9s]
*** FIRST TURN *** [2h 8c 9s] [Ts]
*** FIRST RIVER *** [2h 8c 9s Ts] [3d]
*** SECOND FLOP *** [Ac Qd Jd]
*** SECOND TURN *** [Ac Qd Jd] [4h]
*** SECOND RIVER *** [Ac Qd Jd 4h] [8h]
*** FIRST SHOWDOWN ***
Ann collected $48.75 from pot
*** SECOND SHOWDOWN ***
Hero collected $48.75 from pot
*** SUMMARY ***
Total pot $100 | Rake $2.5 | Jackpot $0 | Bingo $0
Hand was run two times
FIRST Board [2h 8c 9s Ts 3d]
SECOND Board [Ac Qd Jd 4h 8h]
Seat 1: Ann (big blind) showed [2c 3c 4d 5d 6h 7h] and won ($48.75) with a straight, and lost with a pair
Seat 2: Hero (small blind) showed [Ah Ad Kc Kd Qs Jh] and lost with a pair, and won ($48.75) with a full house
"""


def test_run_it_twice_from_preflop_and_omaha6(tmp_path: Path) -> None:
    r = _parse(tmp_path, RIT_PREFLOP)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["game"], h["limit_type"]) == ("omaha6", "pl")
    assert h["board"] == "2h 8c 9s Ts 3d" and h["board2"] == "Ac Qd Jd 4h 8h"
    p = _players(r)
    assert p["Hero"]["net"] == D("-1.25") and p["Ann"]["net"] == D("-1.25")
    assert [p[n]["position"] for n in ("Hero", "Ann")] == ["SB", "BB"]
    assert p["Hero"]["saw_showdown"] and p["Hero"]["won_at_showdown"] and p["Ann"]["won_at_showdown"]
    _check_conservation(r)


TOURNEY = """Poker Hand #TM5001: Tournament #777, Bounty Hunters $10.80 Hold'em No Limit - Level3(50/100) - 2024/01/10 20:00:00
Table '12' 8-max Seat #1 is the button
Seat 1: Ann (1,500 in chips, $5 bounty)
Seat 2: Hero (3,000 in chips, $5 bounty)
Seat 3: Cid (2,000 in chips, $5 bounty)
Ann: posts the ante 12
Hero: posts the ante 12
Cid: posts the ante 12
Hero: posts small blind 50
Cid: posts big blind 100
*** HOLE CARDS ***
Dealt to Ann
Dealt to Hero [7c 7d]
Dealt to Cid
Ann: raises 1,388 to 1,488 and is all-in
Hero: calls 1,438
Cid: folds
Ann: shows [Ah Kh]
Hero: shows [7c 7d]
*** FLOP *** [2c 3d 8h]
*** TURN *** [2c 3d 8h] [Qs]
*** RIVER *** [2c 3d 8h Qs] [4h]
*** SHOWDOWN ***
Hero collected 3,112 from pot
Hero wins the $5 bounty for eliminating Ann
Ann finished the tournament in 3rd place and received $20.
*** SUMMARY ***
Total pot 3,112 | Rake 0 | Jackpot 0 | Bingo 0
Board [2c 3d 8h Qs 4h]
Seat 1: Ann (button) showed [Ah Kh] and lost with High card Ace
Seat 2: Hero (small blind) showed [7c 7d] and won (3,112) with a pair of Sevens
Seat 3: Cid (big blind) folded before Flop
"""


def test_tournament_hand(tmp_path: Path) -> None:
    r = _parse(tmp_path, TOURNEY)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["is_tournament"], h["tournament_id"], h["currency"]) == (True, "777", "chips")
    assert (h["small_blind"], h["big_blind"], h["ante"]) == (D(50), D(100), D(12))
    p = _players(r)
    assert p["Hero"]["net"] == D(3112) - D(1500) and p["Ann"]["starting_stack"] == D(1500)
    t = r.tables["tournaments"].to_pylist()[0]
    assert (t["name"], t["hero"], t["finish"]) == ("Bounty Hunters $10.80", "Hero", None)
    _check_conservation(r)


SUMMARY = """Tournament #777, Bounty Hunters $10.80, Hold'em No Limit
Buy-in: $5+$0.8+$5
1,234 Players
Total Prize Pool: $12,340
Tournament started 2024/01/10 19:00:00
2nd : Hero, $150.25
You finished the tournament in 2nd place.
You received a total of $150.25.
"""


def test_tournament_summary(tmp_path: Path) -> None:
    r = _parse(tmp_path, SUMMARY, "summary.txt")
    assert r.files[0].site == "ggpoker" and r.files[0].hands_found == 0
    assert r.tables["quarantine"].num_rows == 0
    t = r.tables["tournaments"].to_pylist()[0]
    assert (t["tournament_id"], t["name"], t["currency"]) == ("777", "Bounty Hunters $10.80", "USD")
    assert (t["buy_in"], t["fee"], t["bounty"]) == (D(5), D("0.8"), D(5))
    assert (t["players"], t["hero"], t["finish"], t["prize"]) == (1234, "Hero", 2, D("150.25"))
    assert t["started_at"] == datetime(2024, 1, 11, 0, 0, tzinfo=UTC)


def test_currencies_and_decimal_comma(tmp_path: Path) -> None:
    cny = CASH.replace("$", "¥").replace("HD1001", "HD1002")
    r = _parse(tmp_path, cny, "cny.txt")
    assert r.tables["hands"]["currency"][0].as_py() == "CNY"
    play = CASH.replace("$", "").replace("HD1001", "HD1003")
    r = _parse(tmp_path, play, "play.txt")
    assert r.tables["hands"]["currency"][0].as_py() == "play"
    comma = CASH.replace("$0.05", "$0,05").replace("$1.81", "$1,81").replace("$1.85", "$1,85")
    r = _parse(tmp_path, comma, "comma.txt")
    assert r.files[0].hands_parsed == 1, _reasons(r)
    assert r.tables["hands"]["small_blind"][0].as_py() == D("0.05")
    assert _players(r)["Hero"]["collected"] == D("1.81")


DEAD_SB = CASH.replace("Hero: posts big blind $0.1\n",
                       "Hero: posts big blind $0.1\nAnn: posts small blind $0.05\n").replace(
    "Hero collected $1.81", "Hero collected $1.86").replace(
    "Total pot $1.85", "Total pot $1.9").replace("won ($1.81)", "won ($1.86)")


def test_second_small_blind_is_dead(tmp_path: Path) -> None:
    r = _parse(tmp_path, DEAD_SB)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    acts = [(a["player"], a["action"]) for a in r.tables["actions"].to_pylist()][:3]
    assert acts == [("Bob", "post_sb"), ("Hero", "post_bb"), ("Ann", "post_dead")]
    p = _players(r)
    assert p["Ann"]["invested"] == D("0.95") and p["Ann"]["position"] == "BTN"
    _check_conservation(r)


def test_quarantine_reasons(tmp_path: Path) -> None:
    incomplete = CASH.split("*** SUMMARY ***")[0]
    assert _reasons(_parse(tmp_path, incomplete, "a.txt"))[0].startswith("incomplete hand")
    cancelled = CASH.replace("*** SHOWDOWN ***", "Hand cancelled")
    assert _reasons(_parse(tmp_path, cancelled, "b.txt"))[0].startswith("cancelled hand")
    stud = CASH.replace("Hold'em No Limit ($0.05/$0.1)", "7 Card Stud Limit ($0.05/$0.1)")
    assert _reasons(_parse(tmp_path, stud, "c.txt"))[0] == "unsupported game: 7 Card Stud Limit"
    badugi = CASH.replace("Hold'em No Limit", "Badugi Limit")
    assert _reasons(_parse(tmp_path, badugi, "d.txt"))[0].startswith("unsupported game: Badugi")
    unbalanced = CASH.replace("Hero collected $1.81", "Hero collected $2.81").replace("won ($1.81)", "won ($2.81)")
    assert _reasons(_parse(tmp_path, unbalanced, "e.txt"))[0].startswith("pot does not balance")
    bad = CASH.replace("Ann: calls $0.6", "Ann: calls $0.6.6.6")
    reason = _reasons(_parse(tmp_path, bad, "f.txt"))[0]
    assert reason.startswith("line 16:") and "calls" in reason
    seat = CASH.replace("Seat 2: Bob ($10 in chips)", "Seat 2: Bob (ten in chips)")
    assert _reasons(_parse(tmp_path, seat, "g.txt"))[0].startswith("line 4:")
    two = CASH + "\n\n" + incomplete.replace("HD1001", "HD1009")
    r = _parse(tmp_path, two, "h.txt")
    assert (r.files[0].hands_parsed, r.files[0].hands_quarantined) == (1, 1)


def test_offsets_utf16_crlf_and_schemas(tmp_path: Path) -> None:
    text = (CASH + "\n\n" + CASH.replace("HD1001", "HD1002")).replace("\n", "\r\n")
    r = _parse(tmp_path, "\ufeff" + text, "u16.txt", "utf-16-le")
    assert r.files[0].hands_parsed == 2, _reasons(r)
    data = (tmp_path / "u16.txt").read_bytes()
    for s in r.tables["hand_sources"].to_pylist():
        head = data[s["source_offset"]:s["source_offset"] + 40].decode("utf-16-le")
        assert head.startswith("Poker Hand #")
    for name, table in r.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(STRADDLE)), noise=st.binary(max_size=20),
       pos=st.integers(min_value=0, max_value=len(STRADDLE)))
def test_truncated_or_garbled_input_never_raises(tmp_path: Path, cut: int, noise: bytes, pos: int) -> None:
    data = STRADDLE.encode()
    blob = data[:pos] + noise + data[pos:cut] + b"\n\n" + EV_CASHOUT.encode()
    (tmp_path / "f.txt").write_bytes(blob)
    r = parse_file(tmp_path / "f.txt")
    rep = r.files[0]
    assert rep.hands_parsed + rep.hands_quarantined == max(rep.hands_found, rep.hands_quarantined)
    _check_conservation(r)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drop=st.lists(st.integers(min_value=0, max_value=40), max_size=4))
def test_deleted_lines_never_raise(tmp_path: Path, drop: list[int]) -> None:
    lines = TOURNEY.splitlines()
    kept = [ln for i, ln in enumerate(lines) if i not in set(drop) or i == 0]
    (tmp_path / "f.txt").write_text("\n".join(kept))
    r = parse_file(tmp_path / "f.txt")
    assert r.files[0].hands_parsed + r.files[0].hands_quarantined == 1
    _check_conservation(r)


def test_stakes_with_ante_and_thousands(tmp_path: Path) -> None:
    text = TOURNEY.replace("Level3(50/100)", "Level30 (ante 1,000, 5,000/10,000)").replace(
        "Hero: posts the ante 12\n", "Hero: posts the ante 12\nHero: posts bomb pot $0\n")
    r = _parse(tmp_path, text)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["small_blind"], h["big_blind"], h["ante"]) == (D(5000), D(10000), D(1000))
