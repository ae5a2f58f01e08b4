"""Money rules, flags and quarantine reasons of the Winamax parser on small hands written here."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.parse import parse_file
from ingestion.schema import SCHEMAS

D = Decimal


def _parse(tmp_path: Path, text: str, name: str = "wx.txt", encoding: str = "utf-8"):
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


CASH = """Winamax Poker - CashGame - HandId: #100-1-1700000000 - Holdem no limit (0.05€/0.10€) - 2024/01/10 20:00:00 UTC
Table: 'Nice 03' 6-max (real money) Seat #1 is the button
Seat 1: Ann Marie (10€)
Seat 2: Bob (10€)
Seat 3: Hero (10€)
Seat 4: Ann (8.50€)
Seat 5: Zoé (0€)
*** ANTE/BLINDS ***
Bob posts small blind 0.05€
Hero posts big blind 0.10€
Ann posts small blind 0.05€ out of position
Dealt to Hero [Ah Kd]
*** PRE-FLOP ***
Ann folds
Ann Marie raises 0.20€ to 0.30€
Bob folds
Hero raises 0.60€ to 0.90€
Ann Marie calls 0.60€
*** FLOP *** [2c 7d 9h]
Hero bets 1€
Ann Marie folds
Hero collected 2.83€ from pot
*** SUMMARY ***
Total pot 2.83€ | Rake 0.07€
Board: [2c 7d 9h]
Seat 3: Hero (big blind) won 2.83€
"""


def test_cash_uncalled_dead_blind_and_spaced_names(tmp_path: Path) -> None:
    r = _parse(tmp_path, CASH)
    assert r.files[0].site == "winamax" and r.files[0].hands_parsed == 1, _reasons(r)
    p = _players(r)
    # the unmatched flop bet (never printed by Winamax) is returned and leaves "collected"
    assert p["Hero"]["invested"] == D("0.9") and p["Hero"]["collected"] == D("1.83")
    assert p["Hero"]["net"] == D("0.93") and p["Ann Marie"]["net"] == D("-0.9")
    assert p["Ann"]["invested"] == D("0.05") and p["Ann"]["vpip"] is False
    assert p["Zoé"]["position"] is None and p["Zoé"]["starting_stack"] == 0
    assert [p[n]["position"] for n in ("Ann Marie", "Bob", "Hero")] == ["BTN", "SB", "BB"]
    assert p["Ann Marie"]["pfr"] and p["Hero"]["three_bet"] and p["Hero"]["is_hero"]
    acts = [(a["player"], a["action"], a["amount"]) for a in r.tables["actions"].to_pylist()]
    assert acts[2] == ("Ann", "post_dead", D("0.05"))
    h = r.tables["hands"].to_pylist()[0]
    assert (h["hand_id"], h["currency"], h["table_name"]) == ("100-1-1700000000", "EUR", "Nice 03")
    assert h["started_at"] == datetime(2024, 1, 10, 20, 0, tzinfo=UTC)
    assert (h["total_pot"], h["rake"]) == (D("1.9"), D("0.07"))
    _check_conservation(r)


POST_BOTH = """Winamax Poker - CashGame - HandId: #100-2-1700000100 - Omaha pot limit (1€/2€) - 2024/01/10 20:01:40 CET
Table: 'Lille' 5-max (real money) Seat #1 is the button
Seat 1: Ann (100€)
Seat 2: Bob (100€)
Seat 3: Cid (100€)
Seat 4: Dan (100€)
*** ANTE/BLINDS ***
Dan raises 1€ to 3€
Bob posts small blind 1€
Cid posts big blind 2€
Ann posts small blind 3€ out of position
Ann posts big blind 0€ out of position
*** PRE-FLOP ***
Dan checks
Ann checks
Bob calls 2€
Cid calls 1€
*** FLOP *** [2c 7d 9h]
Bob checks
Cid bets 6€
Dan folds
Ann folds
Bob folds
Cid collected 17.50€ from pot
*** SUMMARY ***
Total pot 17.50€ | Rake 0.50€
Board: [2c 7d 9h]
Seat 3: Cid (big blind) won 17.50€
"""


def test_post_both_blind_raise_and_zone(tmp_path: Path) -> None:
    r = _parse(tmp_path, POST_BOTH)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    acts = [(a["player"], a["action"], a["amount"]) for a in r.tables["actions"].to_pylist()][:6]
    assert acts == [("Dan", "post_straddle", D(3)), ("Bob", "post_sb", D(1)), ("Cid", "post_bb", D(2)),
                    ("Ann", "post_dead", D(1)), ("Ann", "post_bb", D(2)), ("Dan", "check", D(0))]
    p = _players(r)
    assert p["Ann"]["invested"] == D(3) and p["Dan"]["invested"] == D(3)
    assert p["Cid"]["invested"] == D(3) and p["Cid"]["collected"] == D("11.5")
    h = r.tables["hands"].to_pylist()[0]
    assert h["started_at"] == datetime(2024, 1, 10, 19, 1, 40, tzinfo=UTC)  # CET -> UTC
    assert h["game"] == "omaha" and h["limit_type"] == "pl"
    _check_conservation(r)


HILO = """Winamax Poker - CashGame - HandId: #100-3-1700000200 - Omaha Hi/Lo pot limit (0.05/0.10) - 2024/01/10 20:03:20 UTC
Table: 'Derby' 2-max (play money) Seat #2 is the button
Seat 1: Hero (4)
Seat 2: Ann (10)
*** ANTE/BLINDS ***
Ann posts small blind 0.05
Hero posts big blind 0.10
Dealt to Hero [5s Qd 2s 3s]
*** PRE-FLOP ***
Ann calls 0.05
Hero checks
*** FLOP *** [3h 4s 5h]
Hero checks
Ann checks
*** TURN *** [3h 4s 5h][7c]
Hero checks
Ann checks
*** RIVER *** [3h 4s 5h 7c][4c]
Hero checks
Ann checks
*** SHOW DOWN ***
Hero shows [5s Qd 2s 3s] (HI : Two pairs)
Ann shows [Jd 7s Js 8c] (HI : Two pairs)
Ann collected 0.095 from pot (HI)
Hero collected 0.095 from pot (LO)
*** SUMMARY ***
Total pot 0.19 | Rake 0.01
Board: [3h 4s 5h 7c 4c]
Seat 1: Hero (big blind) showed [5s Qd 2s 3s] and won 0.095 with LO
Seat 2: Ann (small blind) (button) showed [Jd 7s Js 8c] and won 0.095 with HI
"""


def test_hilo_half_cents_play_money(tmp_path: Path) -> None:
    r = _parse(tmp_path, HILO)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["game"], h["currency"]) == ("omaha_hilo", "play")
    p = _players(r)
    assert p["Hero"]["net"] == D("-0.005") and p["Ann"]["collected"] == D("0.095")
    assert p["Ann"]["hole_cards"] == "Jd 7s Js 8c" and p["Hero"]["saw_showdown"]
    assert [p[n]["position"] for n in ("Ann", "Hero")] == ["SB", "BB"]
    _check_conservation(r)


TOURNEY = """Winamax Poker - Tournament "KO Turbo" buyIn: 2,25€ + 2,25€ + 0,50€ level: 7 - HandId: #555-9-1700000300 - Holdem no limit (10/60/120) - 2024/01/10 20:05:00 UTC
Table: 'KO Turbo(4242)#007' 6-max (real money) Seat #1 is the button
Seat 1: Ann (1000, 2.25€ bounty)
Seat 2: Bob (1220, 2.25€ bounty)
Seat 3: Hero (3000, 3.37€ bounty)
*** ANTE/BLINDS ***
Ann posts ante 10
Bob posts ante 10
Hero posts ante 10
Bob posts small blind 60
Hero posts big blind 120
Dealt to Hero [Kh Kd]
*** PRE-FLOP ***
Ann folds
Bob calls 60
Hero bets 292.50
Bob calls 292.50
*** FLOP *** [2c 7d 9h]
Bob bets 797.50 and is all-in
Hero raises 797.50 to 1595
*** TURN *** [2c 7d 9h][Js]
*** RIVER *** [2c 7d 9h Js][3d]
*** SHOW DOWN ***
Bob shows [Ah 2h] (One pair : 2)
Hero shows [Kh Kd] (One pair : Kings)
Hero collected 3248 from pot
*** SUMMARY ***
Total pot 3.25k | No rake
Board: [2c 7d 9h Js 3d]
Seat 2: Bob (small blind) showed [Ah 2h] and lost with One pair : 2
Seat 3: Hero (big blind) showed [Kh Kd] and won 3248 with One pair : Kings
"""


def test_tournament_half_chips_bounty_buyin(tmp_path: Path) -> None:
    r = _parse(tmp_path, TOURNEY)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["is_tournament"], h["tournament_id"], h["currency"]) == (True, "4242", "chips")
    assert (h["small_blind"], h["big_blind"], h["ante"]) == (D(60), D(120), D(10))
    assert h["total_pot"] == D(2450)
    p = _players(r)
    # 3247.5 chips written as "collected 3248": Winamax rounds half chips
    assert p["Hero"]["collected"] == D(2450) and p["Bob"]["invested"] == D(1220)
    assert p["Hero"]["invested"] == D(1220)  # 797.50 of the raise came back, unprinted
    assert p["Hero"]["pfr"] and p["Hero"]["vpip"]  # a preflop "bets" is a raise
    t = r.tables["tournaments"].to_pylist()[0]
    assert (t["name"], t["buy_in"], t["bounty"], t["fee"], t["currency"]) == \
        ("KO Turbo", D("2.25"), D("2.25"), D("0.5"), "EUR")
    assert t["hero"] == "Hero"
    _check_conservation(r)


HOLDUP = CASH.replace("CashGame", 'HOLD-UP "Cannes"').replace(
    "*** PRE-FLOP ***", "Hold-up to Pot: total 1€\n*** PRE-FLOP ***").replace(
    "Hero collected 2.83€", "Hero collected 3.83€")


def test_site_money_added_is_negative_fee(tmp_path: Path) -> None:
    r = _parse(tmp_path, HOLDUP)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    h = r.tables["hands"].to_pylist()[0]
    assert h["fees"] == D(-1) and h["total_pot"] == D("2.9")
    _check_conservation(r)


def test_usd_and_decimal_comma(tmp_path: Path) -> None:
    usd = CASH.replace("€", "").replace("(0.05/0.10)", "($0.05/$0.10)").replace("HandId: #100-1-", "HandId: #100-7-")
    r = _parse(tmp_path, usd, "usd.txt")
    assert r.tables["hands"]["currency"][0].as_py() == "USD"
    comma = CASH.replace("2.83€", "2,83€").replace("8.50€", "8,50€")
    r = _parse(tmp_path, comma, "comma.txt")
    assert r.files[0].hands_parsed == 1, _reasons(r)
    assert _players(r)["Ann"]["starting_stack"] == D("8.5")


SUMMARY = """Winamax Poker - Tournament summary : Quitte ou Double(13828726)
Player : Hero
Buy-In : 0,46€ + 0,04€
Registered players : 10
Prizepool : 4,60€
Tournament started 2011/10/31 17:11:45 UTC
You played 51min 0s
You finished in 3rd place
You won 0,92€
"""


def test_summary_with_decimal_commas(tmp_path: Path) -> None:
    r = _parse(tmp_path, SUMMARY, "sum.txt")
    assert r.files[0].site == "winamax" and r.files[0].hands_found == 0
    t = r.tables["tournaments"].to_pylist()[0]
    assert (t["buy_in"], t["fee"], t["prize"], t["finish"], t["hero"]) == \
        (D("0.46"), D("0.04"), D("0.92"), 3, "Hero")


def test_quarantine_reasons(tmp_path: Path) -> None:
    incomplete = CASH.split("*** SUMMARY ***")[0]
    assert _reasons(_parse(tmp_path, incomplete, "a.txt"))[0].startswith("incomplete hand")
    stud = CASH.replace("Holdem no limit (0.05€/0.10€)", "7-Card Stud fixed limit (0.01€/0.05€/0.10€)")
    assert _reasons(_parse(tmp_path, stud, "b.txt"))[0] == "unsupported game: 7-Card Stud"
    draw = CASH.replace("Holdem no limit", "2-7 Triple Draw fixed limit")
    assert _reasons(_parse(tmp_path, draw, "c.txt"))[0] == "unsupported game: 2-7 Triple Draw"
    unbalanced = CASH.replace("Hero collected 2.83€", "Hero collected 9.83€")
    assert _reasons(_parse(tmp_path, unbalanced, "d.txt"))[0].startswith("pot does not balance")
    bad = CASH.replace("Ann Marie calls 0.60€", "Ann Marie calls 0.6.0€")
    reason = _reasons(_parse(tmp_path, bad, "e.txt"))[0]
    assert reason.startswith("line 18:") and "calls" in reason
    seat = CASH.replace("Seat 2: Bob (10€)", "Seat 2: Bob (dix)")
    assert _reasons(_parse(tmp_path, seat, "f.txt"))[0].startswith("line 4:")
    no_pot = CASH.replace("Total pot 2.83€ | Rake 0.07€\n", "")
    assert _reasons(_parse(tmp_path, no_pot, "g.txt"))[0].startswith("incomplete hand")


def test_offsets_cp1252_crlf_and_schemas(tmp_path: Path) -> None:
    text = (CASH + "\n\n" + CASH.replace("#100-1-", "#100-8-")).replace("\n", "\r\n").replace("Zoé", "Zoe")
    r = _parse(tmp_path, text, "cp.txt", "cp1252")
    assert r.files[0].hands_parsed == 2, _reasons(r)
    data = (tmp_path / "cp.txt").read_bytes()
    for s in r.tables["hand_sources"].to_pylist():
        assert data[s["source_offset"]:].startswith(b"Winamax Poker - CashGame")
    for name, table in r.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(TOURNEY)), noise=st.binary(max_size=20),
       pos=st.integers(min_value=0, max_value=len(TOURNEY)))
def test_truncated_or_garbled_input_never_raises(tmp_path: Path, cut: int, noise: bytes, pos: int) -> None:
    data = TOURNEY.encode()
    blob = data[:pos] + noise + data[pos:cut] + b"\n\n" + POST_BOTH.encode()
    (tmp_path / "f.txt").write_bytes(blob)
    r = parse_file(tmp_path / "f.txt")
    rep = r.files[0]
    assert rep.hands_parsed + rep.hands_quarantined == max(rep.hands_found, rep.hands_quarantined)
    _check_conservation(r)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drop=st.lists(st.integers(min_value=0, max_value=30), max_size=4),
       swap=st.integers(min_value=1, max_value=28))
def test_deleted_and_swapped_lines_never_raise(tmp_path: Path, drop: list[int], swap: int) -> None:
    lines = CASH.splitlines()
    swap = min(swap, len(lines) - 2)
    lines[swap], lines[swap + 1] = lines[swap + 1], lines[swap]
    kept = [ln for i, ln in enumerate(lines) if i not in set(drop) or i == 0]
    (tmp_path / "f.txt").write_text("\n".join(kept))
    r = parse_file(tmp_path / "f.txt")
    assert r.files[0].hands_parsed + r.files[0].hands_quarantined == 1
    _check_conservation(r)


RIT = """Winamax Poker - CashGame - HandId: #100-4-1700000400 - Holdem no limit (1€/2€) - 2024/01/10 20:06:40 UTC
Table: 'Metz' 2-max (real money) Seat #1 is the button
Seat 1: Ann (100€)
Seat 2: Hero (50€)
*** ANTE/BLINDS ***
Ann posts small blind 1€
Hero posts big blind 2€
Ann posts straddle 0€
Dealt to Hero [Ah Ad]
*** PRE-FLOP ***
Ann raises 98€ to 100€ and is all-in
Hero calls 48€ and is all-in
*** FIRST FLOP *** [2c 7d 9h]
*** FIRST TURN *** [2c 7d 9h][Kd]
*** FIRST RIVER *** [2c 7d 9h Kd][3s]
*** SECOND FLOP *** [4c 5c 6c]
*** SECOND TURN *** [4c 5c 6c][7c]
*** SECOND RIVER *** [4c 5c 6c 7c][8h]
*** SHOW DOWN ***
Ann shows [8c Tc] (Straight flush)
Hero shows [Ah Ad] (One pair : Aces)
Hero collected 49.50€ from pot
Ann collected 99.50€ from pot
*** SUMMARY ***
Total pot 99€ | Rake 1€
FIRST Board: [2c 7d 9h Kd 3s]
SECOND Board: [4c 5c 6c 7c 8h]
Seat 1: Ann (small blind) (button) showed [8c Tc] and won 99.50€
Seat 2: Hero (big blind) showed [Ah Ad] and won 49.50€
"""


def test_run_it_twice_sections_and_zero_posts(tmp_path: Path) -> None:
    r = _parse(tmp_path, RIT)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    h = r.tables["hands"].to_pylist()[0]
    assert h["board"] == "2c 7d 9h Kd 3s" and h["board2"] == "4c 5c 6c 7c 8h"
    p = _players(r)
    assert p["Ann"]["invested"] == D(50) and p["Ann"]["collected"] == D("49.5")  # 50 came back
    assert p["Hero"]["net"] == D("-0.5") and p["Ann"]["net"] == D("-0.5")
    _check_conservation(r)


def test_jackpot_on_total_pot_line_is_a_fee(tmp_path: Path) -> None:
    text = CASH.replace("Total pot 2.83€ | Rake 0.07€", "Total pot 2.81€ | Rake 0.07€ | Jackpot 0.02€").replace(
        "Hero collected 2.83€", "Hero collected 2.81€")
    r = _parse(tmp_path, text)
    assert r.files[0].hands_parsed == 1, _reasons(r)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["rake"], h["fees"]) == (D("0.07"), D("0.02"))
    _check_conservation(r)
