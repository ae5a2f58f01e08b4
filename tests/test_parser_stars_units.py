"""Money rules, flags and quarantine reasons of the PokerStars parser on small hands written here."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.parse import parse_file
from ingestion.schema import SCHEMAS

D = Decimal


def _parse(tmp_path: Path, text: str, name: str = "h.txt", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return parse_file(path)


def _players(result) -> dict[str, dict]:
    return {p["player"]: p for p in result.tables["hand_players"].to_pylist()}


def _check_conservation(result) -> None:
    for h in result.tables["hands"].to_pylist():
        rows = [p for p in result.tables["hand_players"].to_pylist() if p["hand_id"] == h["hand_id"]]
        assert sum(p["collected"] for p in rows) - sum(p["invested"] for p in rows) == -(h["rake"] + h["fees"])


UNCALLED = """PokerStars Hand #1001:  Hold'em No Limit ($0.05/$0.10 USD) - 2024/03/01 12:00:00 ET
Table 'Alpha' 6-max Seat #1 is the button
Seat 1: Ann ($10 in chips)
Seat 2: Bob ($10 in chips)
Seat 3: Cid ($10 in chips)
Bob: posts small blind $0.05
Cid: posts big blind $0.10
*** HOLE CARDS ***
Dealt to Ann [Ah Kh]
Ann: raises $0.20 to $0.30
Bob: folds
Cid: raises $0.60 to $0.90
Ann: raises $1.80 to $2.70
Cid: folds
Uncalled bet ($1.80) returned to Ann
Ann collected $1.85 from pot
Ann: doesn't show hand
*** SUMMARY ***
Total pot $1.85 | Rake $0
Seat 1: Ann (button) collected ($1.85)
Seat 2: Bob (small blind) folded before Flop
Seat 3: Cid (big blind) folded before Flop
"""


def test_uncalled_bet_and_flags(tmp_path: Path) -> None:
    r = _parse(tmp_path, UNCALLED)
    assert r.files[0].hands_parsed == 1
    p = _players(r)
    assert p["Ann"]["invested"] == D("0.90")  # 2.70 - 1.80 returned
    assert p["Ann"]["collected"] == D("1.85") and p["Ann"]["net"] == D("0.95")
    assert p["Cid"]["invested"] == D("0.90") and p["Cid"]["net"] == D("-0.90")
    assert p["Bob"]["net"] == D("-0.05")
    assert p["Ann"]["is_hero"] and p["Ann"]["hole_cards"] == "Ah Kh"
    assert [p[n]["position"] for n in ("Ann", "Bob", "Cid")] == ["BTN", "SB", "BB"]
    assert p["Ann"]["vpip"] and p["Ann"]["pfr"] and not p["Ann"]["three_bet"]
    assert p["Cid"]["three_bet"] and p["Cid"]["vpip"] and not p["Bob"]["vpip"]
    assert not any(x["saw_flop"] for x in p.values())
    acts = r.tables["actions"].to_pylist()
    assert [a["action"] for a in acts] == ["post_sb", "post_bb", "raise", "fold", "raise", "raise", "fold"]
    assert acts[4]["amount"] == D("0.80") and acts[4]["raise_to"] == D("0.90")  # BB's raise adds 0.80
    hand = r.tables["hands"].to_pylist()[0]
    assert hand["currency"] == "USD" and hand["small_blind"] == D("0.05") and hand["big_blind"] == D("0.1")
    assert str(hand["started_at"]) == "2024-03-01 17:00:00+00:00"
    _check_conservation(r)


SIDE_POT = """PokerStars Hand #1002:  Hold'em No Limit ($1/$2 USD) - 2024/03/01 12:00:00 ET
Table 'Beta' 6-max Seat #1 is the button
Seat 1: Ann ($50 in chips)
Seat 2: Bob ($200 in chips)
Seat 3: Cid ($200 in chips)
Bob: posts small blind $1
Cid: posts big blind $2
*** HOLE CARDS ***
Ann: raises $48 to $50 and is all-in
Bob: raises $150 to $200
Cid: calls $198 and is all-in
*** FLOP *** [2c 7d 9h]
*** TURN *** [2c 7d 9h] [Js]
*** RIVER *** [2c 7d 9h Js] [3c]
*** SHOW DOWN ***
Ann: shows [Ah Ad] (a pair of Aces)
Bob: shows [Kh Kd] (a pair of Kings)
Cid: shows [Qh Qd] (a pair of Queens)
Bob collected $297 from side pot
Ann collected $148 from main pot
*** SUMMARY ***
Total pot $450 Main pot $148. Side pot $297. | Rake $5
Board [2c 7d 9h Js 3c]
Seat 1: Ann (button) showed [Ah Ad] and won ($148) with a pair of Aces
Seat 2: Bob (small blind) showed [Kh Kd] and won ($297) with a pair of Kings
Seat 3: Cid (big blind) showed [Qh Qd] and lost with a pair of Queens
"""


def test_side_pot(tmp_path: Path) -> None:
    r = _parse(tmp_path, SIDE_POT)
    p = _players(r)
    assert p["Ann"]["net"] == D("98") and p["Bob"]["net"] == D("97") and p["Cid"]["net"] == D("-200")
    assert all(x["saw_showdown"] for x in p.values())
    assert p["Ann"]["won_at_showdown"] and not p["Cid"]["won_at_showdown"]
    assert p["Cid"]["hole_cards"] == "Qh Qd"
    assert all(x["saw_flop"] for x in p.values())
    assert r.tables["hands"]["board"][0].as_py() == "2c 7d 9h Js 3c"
    assert r.tables["hands"]["rake"][0].as_py() == D("5")
    assert [a["is_all_in"] for a in r.tables["actions"].to_pylist()][2:] == [True, False, True]
    _check_conservation(r)


HILO_HALF_CENTS = """PokerStars Hand #1003:  Omaha Hi/Lo Pot Limit ($0.01/$0.02 USD) - 2024/03/01 12:00:00 ET
Table 'Gamma' 9-max Seat #1 is the button
Seat 1: Ann ($2 in chips)
Seat 2: Bob ($2 in chips)
Seat 3: Cid ($2 in chips)
Bob: posts small blind $0.01
Cid: posts big blind $0.02
*** HOLE CARDS ***
Ann: calls $0.02
Bob: calls $0.01
Cid: checks
*** FLOP *** [2c 3d 8h]
Bob: checks
Cid: checks
Ann: checks
*** TURN *** [2c 3d 8h] [Ks]
Bob: checks
Cid: checks
Ann: checks
*** RIVER *** [2c 3d 8h Ks] [Kd]
Bob: checks
Cid: checks
Ann: checks
*** SHOW DOWN ***
Bob: shows [Ah 4c Kh Qs] (HI: three of a kind, Kings; LO: 8,4,3,2,A)
Cid: shows [Ac 5s Jh Jd] (HI: two pair, Kings and Jacks; LO: 8,5,3,2,A)
Ann: shows [As 4d 9c 9d] (HI: two pair, Kings and Nines; LO: 8,4,3,2,A)
Bob collected $0.025 from pot
Bob collected $0.0125 from pot
Ann collected $0.0125 from pot
*** SUMMARY ***
Total pot $0.06 | Rake $0.01
Board [2c 3d 8h Ks Kd]
Seat 1: Ann (button) showed [As 4d 9c 9d] and won ($0.0125) with HI: two pair, Kings and Nines; LO: 8,4,3,2,A
Seat 2: Bob (small blind) showed [Ah 4c Kh Qs] and won ($0.025) with HI: three of a kind, Kings, and won ($0.0125) with LO: 8,4,3,2,A
Seat 3: Cid (big blind) showed [Ac 5s Jh Jd] and lost with HI: two pair, Kings and Jacks; LO: 8,5,3,2,A
"""


def test_hilo_split_with_half_cents(tmp_path: Path) -> None:
    r = _parse(tmp_path, HILO_HALF_CENTS)
    assert r.files[0].hands_parsed == 1, r.tables["quarantine"]["reason"].to_pylist()
    p = _players(r)
    assert r.tables["hands"]["game"][0].as_py() == "omaha_hilo"
    assert r.tables["hands"]["limit_type"][0].as_py() == "pl"
    assert p["Bob"]["collected"] == D("0.0375") and p["Ann"]["collected"] == D("0.0125")
    assert p["Ann"]["net"] == D("-0.0075")
    assert p["Ann"]["vpip"] and not p["Cid"]["vpip"]  # a check in the big blind is not VPIP
    _check_conservation(r)


ANTE_DEAD = """PokerStars Hand #1004:  Hold'em No Limit ($0.05/$0.10 USD) - 2024/03/01 12:00:00 ET
Table 'Delta' 6-max Seat #1 is the button
Seat 1: Ann ($10 in chips)
Seat 2: Bob ($10 in chips)
Seat 3: Cid ($10 in chips)
Seat 4: Dan ($10 in chips)
Ann: posts the ante $0.01
Bob: posts the ante $0.01
Cid: posts the ante $0.01
Dan: posts the ante $0.01
Bob: posts small blind $0.05
Cid: posts big blind $0.10
Dan: posts small & big blinds $0.15
*** HOLE CARDS ***
Dan: checks
Ann: folds
Bob: calls $0.05
Cid: checks
*** FLOP *** [2c 7d 9h]
Bob: bets $0.20
Cid: folds
Dan: folds
Uncalled bet ($0.20) returned to Bob
Bob collected $0.38 from pot
*** SUMMARY ***
Total pot $0.39 | Rake $0.01
Board [2c 7d 9h]
Seat 1: Ann (button) folded before Flop (didn't bet)
Seat 2: Bob (small blind) collected ($0.38)
Seat 3: Cid (big blind) folded on the Flop
Seat 4: Dan folded on the Flop
"""


def test_antes_and_dead_blind(tmp_path: Path) -> None:
    r = _parse(tmp_path, ANTE_DEAD)
    assert r.files[0].hands_parsed == 1, r.tables["quarantine"]["reason"].to_pylist()
    p = _players(r)
    assert p["Dan"]["invested"] == D("0.16")  # ante + dead small blind + live big blind
    assert p["Ann"]["invested"] == D("0.01") and p["Ann"]["net"] == D("-0.01")
    assert p["Bob"]["net"] == D("0.38") - D("0.11")
    kinds = [(a["player"], a["action"], a["amount"]) for a in r.tables["actions"].to_pylist()]
    assert ("Dan", "post_dead", D("0.05")) in kinds and ("Dan", "post_bb", D("0.10")) in kinds
    assert r.tables["hands"]["ante"][0].as_py() == D("0.01")
    assert p["Bob"]["position"] == "SB" and p["Cid"]["position"] == "BB"
    assert not p["Dan"]["vpip"]  # checking a posted blind is not VPIP
    _check_conservation(r)


CASHOUT = """PokerStars Hand #1005:  Hold'em No Limit ($0.05/$0.10 USD) - 2024/03/01 12:00:00 ET
Table 'Eps' 6-max Seat #1 is the button
Seat 1: Ann ($10 in chips)
Seat 2: Bob ($10 in chips)
Bob: posts small blind $0.05
Ann: posts big blind $0.10
*** HOLE CARDS ***
Bob: raises $9.90 to $10 and is all-in
Ann: calls $9.90 and is all-in
*** FLOP *** [2c 7d 9h]
*** TURN *** [2c 7d 9h] [Js]
*** RIVER *** [2c 7d 9h Js] [3c]
*** SHOW DOWN ***
Bob: shows [Ah Ad] (a pair of Aces)
Ann: shows [Kh Kd] (a pair of Kings)
Bob collected $19.50 from pot
Ann cashed out the hand for $3.90 | Cash Out Fee $0.04
*** SUMMARY ***
Total pot $20 | Rake $0.50
Board [2c 7d 9h Js 3c]
Seat 1: Ann (button) (big blind) showed [Kh Kd] and lost with a pair of Kings (cashed out)
Seat 2: Bob (small blind) showed [Ah Ad] and won ($19.50) with a pair of Aces
"""


def test_cash_out(tmp_path: Path) -> None:
    r = _parse(tmp_path, CASHOUT)
    p = _players(r)
    assert p["Ann"]["cashout"] == D("3.90") and p["Ann"]["collected"] == 0
    assert p["Ann"]["net"] == D("3.90") - D("10")
    assert p["Bob"]["cashout"] is None and p["Bob"]["net"] == D("9.50")
    assert p["Bob"]["position"] == "SB" and p["Ann"]["position"] == "BB"  # heads-up
    _check_conservation(r)


RUN_TWICE = """PokerStars Hand #1006:  Hold'em No Limit ($1/$2 USD) - 2024/03/01 12:00:00 ET
Table 'Zeta' 6-max Seat #1 is the button
Seat 1: Ann ($100 in chips)
Seat 2: Bob ($100 in chips)
Seat 3: Cid ($100 in chips)
Bob: posts small blind $1
Cid: posts big blind $2
*** HOLE CARDS ***
Ann: raises $98 to $100 and is all-in
Bob: folds
Cid: calls $98 and is all-in
*** FIRST FLOP *** [2c 7d 9h]
*** FIRST TURN *** [2c 7d 9h] [Js]
*** FIRST RIVER *** [2c 7d 9h Js] [3c]
*** SECOND FLOP *** [Ac Kd 4h]
*** SECOND TURN *** [Ac Kd 4h] [5s]
*** SECOND RIVER *** [Ac Kd 4h 5s] [Qc]
*** FIRST SHOW DOWN ***
Ann: shows [Th Td] (a pair of Tens)
Cid: shows [Qh Qd] (a pair of Queens)
Cid collected $100 from pot
*** SECOND SHOW DOWN ***
Cid collected $100 from pot
*** SUMMARY ***
Total pot $201 | Rake $1
Hand was run twice
FIRST Board [2c 7d 9h Js 3c]
SECOND Board [Ac Kd 4h 5s Qc]
Seat 1: Ann (button) showed [Th Td] and lost with a pair of Tens
Seat 2: Bob (small blind) folded before Flop
Seat 3: Cid (big blind) showed [Qh Qd] and won ($200) with a pair of Queens
"""


def test_run_it_twice(tmp_path: Path) -> None:
    r = _parse(tmp_path, RUN_TWICE)
    assert r.files[0].hands_parsed == 1, r.tables["quarantine"]["reason"].to_pylist()
    h = r.tables["hands"].to_pylist()[0]
    assert h["board"] == "2c 7d 9h Js 3c" and h["board2"] == "Ac Kd 4h 5s Qc"
    p = _players(r)
    assert p["Cid"]["collected"] == D("200") and p["Cid"]["net"] == D("100")
    assert p["Ann"]["saw_flop"] and p["Ann"]["saw_showdown"]
    _check_conservation(r)


def test_tournament_hand(tmp_path: Path) -> None:
    text = ("PokerStars Hand #1007: Tournament #555, $10+$1 USD Hold'em No Limit - Level I (10/20)"
            " - 2024/03/01 12:00:00 ET\n" + UNCALLED.split("\n", 1)[1].replace("$", ""))
    text = text.replace("Ann: doesn't show hand", "Bob finished the tournament in 3rd place\n"
                        "Ann: doesn't show hand")
    r = _parse(tmp_path, text)
    h = r.tables["hands"].to_pylist()[0]
    assert h["is_tournament"] and h["tournament_id"] == "555" and h["currency"] == "chips"
    t = r.tables["tournaments"].to_pylist()
    assert t[0]["buy_in"] == D("10") and t[0]["fee"] == D("1") and t[0]["currency"] == "USD"
    assert t[0]["hero"] == "Ann"


def test_six_plus_button_blind_positions(tmp_path: Path) -> None:
    text = """PokerStars Hand #1008:  6+ Hold'em No Limit (Button Blind $1 - Ante $1 USD) - 2024/03/01 12:00:00 ET
Table 'Eta' 6-max Seat #3 is the button
Seat 1: Ann ($100 in chips)
Seat 2: Bob ($100 in chips)
Seat 3: Cid ($100 in chips)
Seat 4: Dan ($100 in chips)
Ann: posts the ante $1
Bob: posts the ante $1
Cid: posts the ante $1
Dan: posts the ante $1
Cid: posts button blind $1
*** HOLE CARDS ***
Dan: raises $2 to $2
Ann: folds
Bob: folds
Cid: folds
Uncalled bet ($2) returned to Dan
Dan collected $5 from pot
*** SUMMARY ***
Total pot $5 | Rake $0
Seat 1: Ann folded before Flop (didn't bet)
Seat 2: Bob folded before Flop (didn't bet)
Seat 3: Cid (button) folded before Flop
Seat 4: Dan collected ($5)
"""
    r = _parse(tmp_path, text)
    p = _players(r)
    assert r.tables["hands"]["game"][0].as_py() == "shortdeck"
    assert [p[n]["position"] for n in ("Dan", "Ann", "Bob", "Cid")] == ["UTG", "HJ", "CO", "BTN"]
    _check_conservation(r)


def test_ten_handed_positions(tmp_path: Path) -> None:
    seats = "".join(f"Seat {i}: P{i} ($10 in chips)\n" for i in range(1, 11))
    folds = "".join(f"P{i}: folds\n" for i in range(4, 11)) + "P1: folds\nP2: folds\n"
    text = ("PokerStars Hand #1009:  Hold'em No Limit ($0.05/$0.10 USD) - 2024/03/01 12:00:00 ET\n"
            "Table 'Theta' 10-max Seat #1 is the button\n" + seats +
            "P2: posts small blind $0.05\nP3: posts big blind $0.10\n*** HOLE CARDS ***\n" + folds +
            "Uncalled bet ($0.05) returned to P3\nP3 collected $0.10 from pot\n*** SUMMARY ***\n"
            "Total pot $0.10 | Rake $0\n")
    r = _parse(tmp_path, text)
    p = _players(r)
    got = [p[f"P{i}"]["position"] for i in (4, 5, 6, 7, 8, 9, 10, 1, 2, 3)]
    assert got == ["UTG", "UTG1", "UTG2", "UTG3", "LJ", "HJ", "CO", "BTN", "SB", "BB"]


def test_sitting_out_player_has_no_position(tmp_path: Path) -> None:
    text = UNCALLED.replace("Seat 3: Cid ($10 in chips)\n",
                            "Seat 3: Cid ($10 in chips)\nSeat 4: Eve ($10 in chips) is sitting out\n")
    r = _parse(tmp_path, text)
    p = _players(r)
    assert p["Eve"]["position"] is None and p["Eve"]["invested"] == 0 and p["Eve"]["net"] == 0


# ------------------------------------------------------------------ quarantine reasons
def _only_reason(r) -> str:
    reasons = r.tables["quarantine"]["reason"].to_pylist()
    assert len(reasons) == 1 and r.files[0].hands_parsed == 0
    return reasons[0]


def test_incomplete_hand(tmp_path: Path) -> None:
    cut = UNCALLED.split("*** SUMMARY ***")[0]
    assert _only_reason(_parse(tmp_path, cut)) == "incomplete hand: no *** SUMMARY *** section"


def test_cancelled_hand(tmp_path: Path) -> None:
    text = ("PokerStars Hand #2:  Omaha Pot Limit ($200/$400 USD) - 2015/10/22 0:24:41 ET\n"
            "Table 'Owa III' 6-max Seat #2 is the button\nSeat 2: Ben ($40000 in chips)\n"
            "Ben: posts small blind $200\nHand cancelled\n*** SUMMARY ***\n"
            "Seat 2: Ben (button) collected ($0)\n")
    assert _only_reason(_parse(tmp_path, text)).startswith("cancelled hand")


def test_unsupported_games(tmp_path: Path) -> None:
    for i, game in enumerate(("7 Card Stud", "Razz", "Badugi", "5 Card Draw", "Triple Draw 2-7 Lowball")):
        text = UNCALLED.replace("Hold'em No Limit", f"{game} Limit")
        r = _parse(tmp_path, text, name=f"g{i}.txt")
        assert _only_reason(r) == f"unsupported game: {game}"


def test_bad_amount_names_the_line(tmp_path: Path) -> None:
    text = UNCALLED.replace("Cid: raises $0.60 to $0.90", "Cid: raises $0.60 to $0.9x")
    reason = _only_reason(_parse(tmp_path, text))
    assert reason.startswith("line 12: cannot read 'Cid: raises"), reason


def test_unbalanced_pot_is_quarantined(tmp_path: Path) -> None:
    text = UNCALLED.replace("Ann collected $1.85 from pot", "Ann collected $1.95 from pot").replace(
        "collected ($1.85)", "collected ($1.95)")
    assert _only_reason(_parse(tmp_path, text)).startswith("pot does not balance")


def test_rest_of_file_still_parses(tmp_path: Path) -> None:
    broken = UNCALLED.replace("#1001", "#1").split("*** SUMMARY ***")[0]
    text = broken + "\n\n" + UNCALLED + "\n\n" + SIDE_POT
    r = _parse(tmp_path, text)
    assert r.files[0].hands_found == 3 and r.files[0].hands_parsed == 2
    q = r.tables["quarantine"].to_pylist()[0]
    assert q["source_offset"] == 0 and q["site"] == "pokerstars" and q["raw"].startswith("PokerStars Hand #1:")


def test_offsets_are_bytes_utf8_utf16_crlf(tmp_path: Path) -> None:
    first = UNCALLED.replace("Ann", "Ännä")
    text = (first + "\n\n" + SIDE_POT).replace("\n", "\r\n")
    for enc, bom in (("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("cp1252", b"")):
        path = tmp_path / f"{enc}{len(bom)}.txt"
        data = bom + text.encode(enc)
        path.write_bytes(data)
        r = parse_file(path)
        assert r.files[0].hands_parsed == 2, (enc, r.tables["quarantine"]["reason"].to_pylist())
        offsets = r.tables["hand_sources"]["source_offset"].to_pylist()
        second = (bom + text.encode(enc)).find("PokerStars Hand #1002".encode(enc))
        assert offsets == [len(bom), second], enc
        assert "Ännä" in r.tables["hand_players"]["player"].to_pylist()


def test_schema_exact_on_every_table(tmp_path: Path) -> None:
    r = _parse(tmp_path, UNCALLED + "\n\n" + SIDE_POT)
    for name, schema in SCHEMAS.items():
        if name in r.tables:
            assert r.tables[name].schema.equals(schema), name


def test_empty_and_unknown_files(tmp_path: Path) -> None:
    r = _parse(tmp_path, "", name="empty.txt")
    assert r.files[0].hands_found == 0 and r.tables["quarantine"].num_rows == 0
    r = _parse(tmp_path, "hello world\nnot a hand\n", name="junk.txt")
    assert r.files[0].site is None and r.tables["quarantine"]["reason"][0].as_py().startswith("unrecognised")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(SIDE_POT)), noise=st.binary(max_size=64),
       pos=st.integers(min_value=0, max_value=len(SIDE_POT)))
def test_truncated_or_garbled_input_never_raises(tmp_path: Path, cut: int, noise: bytes, pos: int) -> None:
    data = SIDE_POT.encode()
    garbled = data[:pos] + noise + data[pos:cut if cut > pos else len(data)]
    path = tmp_path / "fuzz.txt"
    for blob in (data[:cut], garbled, UNCALLED.encode() + b"\n" + garbled):
        path.write_bytes(blob)
        r = parse_file(path)
        f = r.files[0]
        assert f.hands_parsed + f.hands_quarantined == f.hands_found or (f.site is None)
        _check_conservation(r)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "rand.txt"
    path.write_bytes(b"PokerStars Hand #9: " + blob)
    parse_file(path)
    path.write_bytes(blob)
    parse_file(path)


@pytest.mark.parametrize("line", ["Seat 1: Ann ($10 in chips)", "*** SUMMARY ***", "Total pot $1 | Rake $0"])
def test_header_only_junk_is_quarantined(tmp_path: Path, line: str) -> None:
    r = _parse(tmp_path, "PokerStars Hand #77: nonsense\n" + line + "\n")
    assert r.files[0].hands_quarantined == 1
