"""Winning Poker Network (WPN: Americas Cardroom, Black Chip, True Poker...) hand histories.

Why a module of its own: WPN wrote two unrelated text formats, both read here (site `winning`):

* **Old format (to 2019)**, often UTF-16: "Game started at: 2016/8/8 16:39:21", "Game ID: N
  0.01/0.02 <table> (Hold'em)", "Player X has small blind (0.01)", "Player X raises (0.06)",
  "------ Summary ------", "Pot: 0.49. Rake 0.02. JP fee 0.24", "*Player X ... Bets: 0.22.
  Collects: 0.49. Wins: 0.27." Amounts in brackets are the chips the action added; an "allin"
  with no amount after "is disconnected and ALL IN" adds nothing (the player is all-in for what
  is already in). The format names no limit: a big blind equal to the header's first stake is
  fixed limit (the header then shows small/big bet, blinds are half of them), else omaha is pot
  limit and hold'em no limit. The time has no zone: it is read as ET (WPN's web reports are
  in ET). Tournament hands say nothing of the tournament but ", Table N" in the table text: the
  tournament number comes from the file name WPN gives them ("HH20160804 T5732408-G0...");
  without it the hand keeps tournament_id null. "PM ..." tables are play money.
  A player whose name the client left blank ("Player  has big blind (2)") is the one seated
  player the hand never names, when exactly one exists; else the hand is quarantined.
* **New format (2019+)**, PokerStars-like: "Hand #N - Holdem(No Limit) - $0.05/$0.10 -
  2019/06/28 02:38:17 UTC", "Game Hand #N - $5,000 GTD Tournament #T - ... Level 10
  (3000.00/6000.00)- ...", "<table> 6-max Seat #1 is the button", "X raises $0.22 to $0.22",
  "X caps $0.55" (adds 0.55), "Total pot $199.00 | Rake $0.96 | JP Fee $0.04" (the JP fee is
  `fees`). Fixed-limit headers show small/big bet (blinds are half). Walks have no collect line:
  the summary's "won" amounts are used. "Dealt to X [c]" lines before "*** HOLE CARDS ***" are
  the draw for the button, not hole cards. Run it twice ("FIRST/SECOND FLOP", "FLOP 1/2") fills
  board2. Tournaments' buy-ins are not in the hands (only the name, e.g. "$5,000 GTD").
* Games: hold'em, Six Plus hold'em (`shortdeck`), omaha 4/5 hi and hi-lo; "All-in or Fold
  Limit" is read as `nl`; 7 card stud (hi, hi-lo) is quarantined as "unsupported game".
* A street marker without its cards ("*** FLOP ***:" before the deal, seen in one corrupt real
  hand) is quarantined as incomplete.
* Quarantine reasons name the hand's line; lines are counted without blank lines (the old
  format's UTF-16 exports put a blank line between every two lines).
* The web "Tournaments" report (PlayerTransactionHistory.html, pokermanagement.com) fills
  `tournaments`: id, name, buy-in, fee, prize ("Wins"), start (ET) and the hero; it has no
  finishing place.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from ingestion.hand_builder import Hand, HandError, TableBuilder
from ingestion.money import MoneyError, to_units
from ingestion.parsers.base import SiteParser

SITE = "winning"
VERSION = "winning/1"

HAND_START = re.compile(
    r"^\ufeff?(?:Game started at: [^\n]*\n(?:[ \t\r]*\n)*Game ID: \d+|Game ID: \d+"
    r"|(?:Game )?Hand #\d+ - )", re.M)
_SUMMARY_MARK = "ctl00_CalendarTheme"
_OLD_ID = re.compile(r"^Game ID: (\d+) ([\d.,]+)/([\d.,]+) (.*?)\s*\(([^()]*)\)(?:\s+(\d+)-max)?\s*$")
_NEW_HEAD = re.compile(
    r"^(?:Game )?Hand #(?P<id>\d+) - (?:(?P<tname>[^#]*?)\s*Tournament #(?P<tid>\d+) - )?"
    r"(?P<game>[^()]+?)\s*\((?P<limit>[^()]*)\) - (?:Level \S+ )?\(?(?P<stakes>[^()]*?)\)?\s*-\s*"
    r"(?P<date>\d{4}/.*)$")
_NEW_TABLE = re.compile(r"^(?P<table>.+?) (?P<max>\d+)-max(?: \(Play Money\))?(?: Seat #(?P<btn>\d+) is the button)?")
_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})\s+(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\s+([A-Z]{2,4}))?")
_FILE_TOURNEY = re.compile(r"\bT(\d+)-G\d+")
_OLD_GAMES = {"hold'em": "holdem", "six plus hold'em": "shortdeck", "omaha": "omaha",
              "omaha hilow": "omaha_hilo", "5card omaha": "omaha5", "5card omaha h/l": "omaha5_hilo",
              "5card omaha hilow": "omaha5_hilo"}
_NEW_GAMES = {"holdem": "holdem", "hold'em": "holdem", "omaha": "omaha", "omaha h/l": "omaha_hilo",
              "5card omaha": "omaha5", "5card omaha h/l": "omaha5_hilo", "6card omaha": "omaha6",
              "6card omaha h/l": "omaha6_hilo", "six plus holdem": "shortdeck",
              "six plus hold'em": "shortdeck", "6+ holdem": "shortdeck"}
_LIMITS = {"no limit": "nl", "pot limit": "pl", "fixed limit": "fl", "limit": "fl",
           "all-in or fold limit": "nl"}
_UNSUPPORTED = re.compile(r"Stud|Razz|Draw|Badugi|Lowball", re.I)
_ZONES = {"UTC": "UTC", "GMT": "UTC", "ET": "America/New_York", "EST": "America/New_York",
          "EDT": "America/New_York", "CET": "Europe/Paris", "CEST": "Europe/Paris"}
_RANKS = "23456789TJQKA"
_ROW = re.compile(r"<tr[^>]*>\s*<td>(\d+)</td>(.*?)</tr>", re.S)
_TD = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
_WEB_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s*(AM|PM)", re.I)


@lru_cache(maxsize=65536)
def amount(text: str) -> int:
    """Units of a WPN amount ("$1,133.13", "0.02", "30000.00")."""
    s = text.strip().rstrip(".").replace("$", "").replace(",", "").strip()
    if not s:
        raise MoneyError(f"not an amount: {text!r}")
    return to_units(s)


def _card(token: str) -> str | None:
    t = token.strip()
    if t.startswith("10"):
        t = "T" + t[2:]
    if len(t) == 2 and t[0].upper() in _RANKS and t[1].lower() in "cdhs":
        return t[0].upper() + t[1].lower()
    return None


def cards(text: str) -> list[str]:
    """Cards in the first [ ... ] of `text`."""
    start = text.find("[")
    end = text.find("]", start + 1)
    if start < 0 or end < 0:
        return []
    return [c for c in (_card(t) for t in text[start + 1:end].split()) if c is not None]


def _all_cards(text: str) -> list[str]:
    out: list[str] = []
    for chunk in re.findall(r"\[([^\]]*)\]", text):
        out.extend(c for c in (_card(t) for t in chunk.split()) if c is not None)
    return out


@lru_cache(maxsize=8192)
def _offset(y: int, mo: int, d: int, h: int, zone: str) -> timedelta:
    return datetime(y, mo, d, h, 30, tzinfo=ZoneInfo(zone)).utcoffset() or timedelta(0)


def started_at(text: str, default_zone: str = "ET") -> datetime | None:
    m = _DATE.search(text)
    if m is None:
        return None
    y, mo, d, h, mi, s = (int(x) for x in m.groups()[:6])
    zone = _ZONES.get(m.group(7) or default_zone, _ZONES[default_zone])
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC) - _offset(y, mo, d, h, zone)


class _Acts:
    """Appends actions to a hand, tracking per-street commitments and what is left of stacks."""

    def __init__(self, hand: Hand) -> None:
        self.hand = hand
        self.street = 0
        self.commit: dict[str, int] = {}
        self.left = dict(hand.stacks)
        self.sb_posted = False

    def new_street(self, street: int) -> None:
        self.street = street
        self.commit = {}

    def add(self, kind: str, name: str, value: int, to: int | None = None,
            allin: bool | None = None) -> None:
        h = self.hand
        self.left[name] = self.left.get(name, 0) - value
        h.act_street.append(self.street)
        h.act_player.append(name)
        h.act_kind.append(kind)
        h.act_amount.append(value)
        h.act_raise_to.append(to)
        h.act_allin.append(allin if allin is not None else (value > 0 and self.left[name] <= 0))
        if kind != "post_ante" and kind != "post_dead":
            self.commit[name] = self.commit.get(name, 0) + value

    def raise_by(self, name: str, added: int, allin: bool | None = None) -> None:
        self.add("raise", name, added, self.commit.get(name, 0) + added, allin)

    def raise_to(self, name: str, to: int, allin: bool | None = None) -> None:
        self.add("raise", name, to - self.commit.get(name, 0), to, allin)

    def allin(self, name: str, added: int) -> None:
        """An "allin (X)" of the old format: a call, bet or raise depending on the street."""
        top = max(self.commit.values(), default=0)
        mine = self.commit.get(name, 0)
        if mine + added <= top:
            self.add("call", name, added, allin=True)
        elif top == 0:
            self.add("bet", name, added, allin=True)
        else:
            self.raise_by(name, added, allin=True)

    def post(self, name: str, value: int, bb: int) -> None:
        """An extra blind ("posts (X)"): live when it is the big blind, else dead."""
        self.add("post_bb" if value == bb else "post_dead", name, value)


class WinningParser(SiteParser):
    """WPN old and new text formats and the web tournament report."""

    site = SITE
    version = VERSION

    def detect(self, head: str) -> bool:
        head = head[:4096]
        if _SUMMARY_MARK in head and "pokermanagement" in head.lower():
            return True
        m = HAND_START.search(head)
        if m is None:
            return False
        line = head[m.start():head.find("\n", m.start()) if "\n" in head[m.start():] else len(head)]
        if line.startswith(("Game started", "Game ID")):
            return "Game ID: " in head
        return _NEW_HEAD.match(line.rstrip("\r")) is not None or " - " in line

    def iter_hands(self, text: str) -> Iterator[tuple[int, str]]:
        starts = [m.start() for m in HAND_START.finditer(text)]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            if text.startswith("\ufeff", start):
                start += 1
            yield start, text[start:end]

    def parse_text(self, text: str, encoding: str, bom: int, builder: TableBuilder) -> int:
        """Hands as in the base class; the web tournament report holds no hands."""
        if _SUMMARY_MARK in text[:4096] and "<html" in text[:4096].lower():
            with contextlib.suppress(Exception):  # an unreadable report adds nothing
                self._web_report(text, builder)
            return 0
        return super().parse_text(text, encoding, bom, builder)

    # ------------------------------------------------------------------ one hand
    def parse_hand(self, text: str, builder: TableBuilder) -> Hand:
        lines = [ln.strip() for ln in text.splitlines()]
        lines = [ln for ln in lines if ln]
        hand = Hand()
        hand.site = SITE
        at: list = [0, ""]  # the line being read, for the quarantine reason
        try:
            if lines[0].startswith(("Game started", "Game ID")):
                self._old(lines, hand, builder, at)
            else:
                self._new(lines, hand, builder, at)
        except (MoneyError, ValueError, IndexError, KeyError) as exc:
            where = f"line {at[0]}: cannot read {at[1][:100]!r}" if at[0] else "cannot read the hand"
            raise HandError(f"{where} ({type(exc).__name__}: {exc})") from None
        if hand.is_tournament and hand.hero is not None and hand.tournament_id:
            builder.tournament(SITE, hand.tournament_id, hero=hand.hero)
        return hand

    @staticmethod
    def _seat(line: str, n: int, hand: Hand, by_seat: dict[int, str]) -> None:
        colon = line.find(": ")
        open_ = line.rfind(" (")
        if colon < 0 or open_ < colon:
            raise HandError(f"line {n}: expected 'Seat N: <player> (<stack>)', got {line[:100]!r}")
        name = line[colon + 2:open_]
        close = line.find(")", open_)
        if name in hand.seats:
            raise HandError(f"line {n}: player {name!r} seated twice")
        seat = int(line[5:colon])
        hand.seats[name] = seat
        hand.names.append(name)
        by_seat[seat] = name
        try:
            hand.stacks[name] = amount(line[open_ + 2:close])
        except MoneyError as exc:
            raise HandError(f"line {n}: cannot read the stack ({exc})") from None

    # ------------------------------------------------------------------ old format
    def _old(self, lines: list[str], hand: Hand, builder: TableBuilder, at: list) -> None:
        k = 0
        if lines[0].startswith("Game started"):
            hand.started_at = started_at(lines[0])
            k = 1
        m = _OLD_ID.match(lines[k])
        if m is None:
            if _UNSUPPORTED.search(lines[k]):
                raise HandError(f"unsupported game: {lines[k][:80]}")
            raise HandError(f"line {k + 1}: expected 'Game ID: N <sb>/<bb> <table> (<game>)', "
                            f"got {lines[k][:100]!r}")
        hid, sb_text, bb_text, table, game_name, max_seats = m.groups()
        hand.hand_id = hid
        game = _OLD_GAMES.get(game_name.lower())
        if game is None:
            raise HandError(f"unsupported game: {game_name}")
        hand.game = game
        if "------ Summary ------" not in lines:
            raise HandError("incomplete hand: no '------ Summary ------' section")
        head_sb, head_bb = amount(sb_text), amount(bb_text)
        mx = re.search(r"(\d+)-[Mm]ax", table)
        hand.max_seats = int(max_seats) if max_seats else (int(mx.group(1)) if mx else None)
        if re.search(r"Heads-up", table, re.I):
            hand.max_seats = 2
        tourney = re.search(r",\s*Table (\d+)", table)
        file_t = _FILE_TOURNEY.search(Path(builder.source_file).name)
        hand.is_tournament = tourney is not None or file_t is not None
        if hand.is_tournament:
            hand.currency = "chips"
            hand.tournament_id = file_t.group(1) if file_t else None
            hand.table_name = tourney.group(1) if tourney else table
            if hand.tournament_id:
                name = table[:tourney.start()].strip() if tourney else None
                builder.tournament(SITE, hand.tournament_id, name=name or None,
                                   started_at=hand.started_at, parser_version=VERSION)
        else:
            hand.table_name = table
            hand.currency = "play" if table.startswith("PM ") else "USD"
        by_seat: dict[int, str] = {}
        k += 1
        while k < len(lines) and lines[k].startswith("Seat "):
            line = lines[k]
            if line.endswith(" is the button"):
                hand.button_seat = int(line[5:].split(" ", 1)[0])
            else:
                self._seat(line.rstrip("."), k + 1, hand, by_seat)
            k += 1
        if not hand.names:
            raise HandError(f"line {k + 1}: expected 'Seat N: <player> (<stack>).' lines")
        body = lines[k:]
        anonymous = self._anonymous(body, hand)
        by_length = sorted(hand.names, key=len, reverse=True)

        def who_of(rest: str) -> tuple[str | None, str]:
            for p in by_length:
                if rest.startswith(p + " "):
                    return p, rest[len(p) + 1:]
            if rest.startswith(" ") and anonymous is not None:
                return anonymous, rest[1:]
            return None, rest

        # limit: fixed limit when the big blind posted equals the header's first stake
        bb_post = next((ln for ln in body if ln.startswith("Player ") and " has big blind (" in ln), None)
        posted_bb = amount(bb_post.rpartition("(")[2].rstrip(")")) if bb_post else None
        if posted_bb is not None and posted_bb == head_sb and head_bb > head_sb:
            hand.limit_type = "fl"
            hand.small_blind, hand.big_blind = head_sb // 2, head_sb
        else:
            hand.limit_type = "pl" if game.startswith("omaha") else "nl"
            hand.small_blind, hand.big_blind = head_sb, head_bb
        acts = _Acts(hand)
        board: list[str] = []
        received: dict[str, list[str]] = {}
        summary = False
        collected = hand.collected
        for n, line in enumerate(body, start=k + 1):
            at[0], at[1] = n, line
            if line.startswith("------ Summary"):
                summary = True
                continue
            if summary:
                self._old_summary_line(line, hand, who_of, collected)
                continue
            if line.startswith("*** "):
                street = {"FLOP": 1, "TURN": 2, "RIVER": 3}.get(line[4:].split(" ", 1)[0])
                if street is None:
                    continue
                shown = _all_cards(line)  # every street line shows the whole board so far
                if not shown:
                    raise HandError(f"incomplete hand: street marker without cards at line {n}: {line[:60]!r}")
                board = shown
                acts.new_street(street)
                continue
            if line.startswith("Uncalled bet ("):
                close = line.find(")")
                value = amount(line[14:close])
                target = line.partition(" returned to")[2].strip()
                who = target if target in hand.seats else anonymous if not target else None
                if who is None:
                    raise HandError(f"line {n}: uncalled bet returned to unknown player {target!r}")
                hand.returned[who] = hand.returned.get(who, 0) + value
                continue
            if not line.startswith("Player "):
                continue
            who, rest = who_of(line[7:])
            if who is None:
                continue
            if rest.startswith("received card: "):
                received.setdefault(who, []).extend(cards(rest))
            elif rest == "folds":
                acts.add("fold", who, 0)
            elif rest == "checks":
                acts.add("check", who, 0)
            elif rest.startswith("calls ("):
                acts.add("call", who, amount(rest[7:].rstrip(")")))
            elif rest.startswith("bets ("):
                acts.add("bet", who, amount(rest[6:].rstrip(")")))
            elif rest.startswith(("raises (", "caps (", "cap (")):
                acts.raise_by(who, amount(rest.partition("(")[2].rstrip(")")))
            elif rest.startswith("allin"):
                value = amount(rest.partition("(")[2].rstrip(")")) if "(" in rest else 0
                if value:
                    acts.allin(who, value)
            elif rest.startswith("has small blind ("):
                acts.add("post_dead" if acts.sb_posted else "post_sb", who, amount(rest[17:].rstrip(")")))
                acts.sb_posted = True
            elif rest.startswith("has big blind ("):
                acts.add("post_bb", who, amount(rest[15:].rstrip(")")))
            elif rest.startswith(("ante (", "posts ante (")):
                value = amount(rest.partition("(")[2].rstrip(")"))
                acts.add("post_ante", who, value)
                hand.ante = hand.ante or value
            elif rest.startswith("posts ("):
                acts.post(who, amount(rest[7:].rstrip(")")), hand.big_blind)
            elif rest.startswith("straddle ("):
                acts.add("post_straddle", who, amount(rest[10:].rstrip(")")))
            elif rest.startswith(("bring in", "brings in", "discards", "stands pat")):
                raise HandError(f"unsupported game: stud/draw action at line {n}")
        hand.board = board
        if len(received) == 1:
            hero, hole = next(iter(received.items()))
            hand.hero = hero
            hand.add_cards(hero, hole)
        for p, hole in received.items():
            if p != hand.hero:
                hand.add_cards(p, hole)

    @staticmethod
    def _anonymous(body: list[str], hand: Hand) -> str | None:
        """The seated player an unnamed "Player  ..." line stands for, or None if none is used."""
        if not any(ln.startswith("Player  ") or ln.startswith("*Player  ") for ln in body):
            return None
        named: set[str] = set()
        by_length = sorted(hand.names, key=len, reverse=True)
        for ln in body:
            rest = ln[8:] if ln.startswith("*Player ") else ln[7:] if ln.startswith("Player ") else None
            if rest is None:
                if ln.startswith("Uncalled bet"):
                    named.add(ln.partition(" returned to ")[2].strip())
                continue
            for p in by_length:
                if rest.startswith(p + " "):
                    named.add(p)
                    break
        missing = [p for p in hand.names if p not in named]
        if len(missing) != 1:
            raise HandError("incomplete hand: a player without a name acts and no single seated "
                            "player is unaccounted for")
        return missing[0]

    @staticmethod
    def _old_summary_line(line: str, hand: Hand, who_of, collected: dict[str, int]) -> None:
        if line.startswith("Pot:"):
            for part in line[4:].split(". "):
                part = part.strip().rstrip(".")
                low = part.lower()
                if low.startswith("rake"):
                    hand.rake = amount(part[4:])
                elif low.startswith("jp fee"):
                    hand.fees += amount(part[6:])
            return
        if line.startswith("Board:"):
            return
        text = line[1:] if line.startswith("*") else line
        if not text.startswith("Player "):
            return
        who, rest = who_of(text[7:])
        if who is None:
            return
        m = re.search(r"Collects:\s*([\d.,]+)", rest)
        if m is not None:
            value = amount(m.group(1))
            if value:
                collected[who] = collected.get(who, 0) + value
        if rest.startswith("shows") and "[" in rest:
            hand.add_cards(who, cards(rest))

    # ------------------------------------------------------------------ new format
    def _new(self, lines: list[str], hand: Hand, builder: TableBuilder, at: list) -> None:
        m = _NEW_HEAD.match(lines[0])
        if m is None:
            if _UNSUPPORTED.search(lines[0]):
                raise HandError(f"unsupported game: {lines[0][:80]}")
            raise HandError(f"line 1: expected 'Hand #N - <game>(<limit>) - <stakes> - <date>', "
                            f"got {lines[0][:100]!r}")
        hand.hand_id = m.group("id")
        game_name = m.group("game").strip()
        game = _NEW_GAMES.get(game_name.lower())
        if game is None:
            raise HandError(f"unsupported game: {game_name}({m.group('limit')})")
        hand.game = game
        limit = _LIMITS.get(m.group("limit").lower())
        if limit is None:
            raise HandError(f"line 1: unknown limit {m.group('limit')!r}")
        hand.limit_type = limit
        if "*** SUMMARY ***" not in lines:
            raise HandError("incomplete hand: no '*** SUMMARY ***' section")
        stakes = m.group("stakes")
        sb_text, _, bb_text = stakes.partition("/")
        sb, bb = amount(sb_text), amount(bb_text)
        if limit == "fl":
            sb, bb = sb // 2, sb
        hand.small_blind, hand.big_blind = sb, bb
        hand.started_at = started_at(m.group("date"), "ET")
        hand.is_tournament = m.group("tid") is not None
        if hand.is_tournament:
            hand.currency = "chips"
            hand.tournament_id = m.group("tid")
        else:
            hand.currency = "USD" if "$" in stakes else "play"
        t = _NEW_TABLE.match(lines[1]) if len(lines) > 1 else None
        if t is None:
            raise HandError("line 2: expected '<table> N-max Seat #B is the button'")
        hand.table_name = t.group("table").strip().strip("'")
        if hand.table_name.startswith("Table '"):
            hand.table_name = hand.table_name[7:].strip("'")
        hand.max_seats = int(t.group("max"))
        if t.group("btn"):
            hand.button_seat = int(t.group("btn"))
        if "(Play Money)" in lines[1] and not hand.is_tournament:
            hand.currency = "play"
        if hand.is_tournament:
            builder.tournament(SITE, hand.tournament_id or "", name=(m.group("tname") or "").strip() or None,
                               started_at=hand.started_at, parser_version=VERSION)
        by_seat: dict[int, str] = {}
        k = 2
        while k < len(lines) and lines[k].startswith("Seat "):
            line = lines[k]
            sitting = line.endswith(" is sitting out")
            self._seat(line[:-15] if sitting else line, k + 1, hand, by_seat)
            k += 1
        if not hand.names:
            raise HandError("line 3: expected 'Seat N: <player> (<stack>)' lines")
        by_length = sorted(hand.names, key=len, reverse=True)
        acts = _Acts(hand)
        board: list[str] = []
        board2: list[str] | None = None
        dealt_to: list[str] = []
        hole = False
        summary_at = None
        for n, line in enumerate(lines[k:], start=k + 1):
            at[0], at[1] = n, line
            if line.startswith("*** "):
                head = line[4:]
                if head.startswith("SUMMARY"):
                    summary_at = n
                    break
                if head.startswith("HOLE CARDS"):
                    hole = True
                    continue
                second = head.startswith("SECOND ") or re.match(r"(FLOP|TURN|RIVER) 2\b", head)
                word = head.replace("FIRST ", "").replace("SECOND ", "").split(" ", 1)[0]
                street = {"FLOP": 1, "TURN": 2, "RIVER": 3}.get(word)
                if street is None:
                    continue
                shown = _all_cards(line)  # every street line shows the whole board so far
                if not shown:
                    raise HandError(f"incomplete hand: street marker without cards at line {n}")
                if second:
                    board2 = shown
                    continue
                board = shown
                acts.new_street(street)
                continue
            if line.startswith("Uncalled bet ("):
                close = line.find(")")
                value = amount(line[14:close])
                who = line.partition(" returned to ")[2].strip()
                if who not in hand.seats:
                    raise HandError(f"line {n}: uncalled bet returned to unknown player {who!r}")
                hand.returned[who] = hand.returned.get(who, 0) + value
                continue
            if line.startswith("Dealt to "):
                rest = line[9:]
                who = next((p for p in by_length if rest.startswith(p + " [")), None)
                if who is not None and hole:
                    hand.add_cards(who, cards(rest[len(who):]))
                    if who not in dealt_to:
                        dealt_to.append(who)
                continue
            who = next((p for p in by_length if line.startswith(p + " ")), None)
            if who is None:
                continue
            rest = line[len(who) + 1:]
            allin = rest.endswith(" and is all-in")
            if allin:
                rest = rest[:-14]
            flag = True if allin else None
            if rest == "folds":
                acts.add("fold", who, 0)
            elif rest == "checks":
                acts.add("check", who, 0)
            elif rest.startswith("calls "):
                acts.add("call", who, amount(rest[6:]), allin=flag)
            elif rest.startswith("bets "):
                acts.add("bet", who, amount(rest[5:]), allin=flag)
            elif rest.startswith("raises "):
                by, _, to = rest[7:].partition(" to ")
                if to:
                    acts.raise_to(who, amount(to), allin=flag)
                else:
                    acts.raise_by(who, amount(by), allin=flag)
            elif rest.startswith(("caps ", "cap ")):
                acts.raise_by(who, amount(rest.partition(" ")[2]), allin=flag)
            elif rest.startswith("posts "):
                what = rest[6:]
                if what.startswith("the small blind "):
                    acts.add("post_dead" if acts.sb_posted else "post_sb", who, amount(what[16:]))
                    acts.sb_posted = True
                elif what.startswith("the big blind "):
                    acts.add("post_bb", who, amount(what[14:]))
                elif what.startswith("ante "):
                    value = amount(what[5:])
                    acts.add("post_ante", who, value)
                    hand.ante = hand.ante or value
                elif what.startswith("dead "):
                    total = amount(what[5:])
                    live = min(total, hand.big_blind) if hand.big_blind else total
                    if total - live:
                        acts.add("post_dead", who, total - live)
                    acts.add("post_bb", who, live)
                else:
                    acts.post(who, amount(what), hand.big_blind)
            elif rest.startswith("straddle "):
                acts.add("post_straddle", who, amount(rest[9:]))
            elif rest.startswith(("shows [", "mucks [")):
                hand.add_cards(who, cards(rest))
            elif rest.startswith("collected "):
                value = amount(rest[10:].split(" ", 1)[0])
                hand.collected[who] = hand.collected.get(who, 0) + value
            elif rest.startswith(("brings in", "bring in", "discards", "stands pat")):
                raise HandError(f"unsupported game: stud/draw action at line {n}")
        if summary_at is None:
            raise HandError("incomplete hand: no '*** SUMMARY ***' section")
        hand.board = board
        hand.board2 = board2
        if len(dealt_to) == 1:
            hand.hero = dealt_to[0]
        at[0] = 0
        self._new_summary(lines[summary_at:], hand, by_seat)

    @staticmethod
    def _new_summary(lines: list[str], hand: Hand, by_seat: dict[int, str]) -> None:
        won: dict[str, int] = {}
        for line in lines:
            if line.startswith("Total pot"):
                parts = line.split(" | ")
                hand.total_pot = amount(parts[0][9:].strip().split(" ", 1)[0])
                for part in parts[1:]:
                    key, _, value = part.strip().rpartition(" ")
                    low = key.lower()
                    if low == "rake":
                        hand.rake = amount(value)
                    elif "fee" in low or "jackpot" in low:
                        hand.fees += amount(value)
            elif line.startswith("Seat "):
                colon = line.find(": ")
                if colon < 0 or not line[5:colon].isdigit():
                    continue
                name = by_seat.get(int(line[5:colon]))
                if name is None:
                    continue
                rest = line[colon + 2 + len(name):]
                if "[" in rest and ("showed [" in rest or "mucked [" in rest):
                    hand.add_cards(name, cards(rest.split("] ", 1)[0] + "]"))
                for value in re.findall(r"\b(?:won|collected) \(?\$?([\d.,]+)", rest):
                    won[name] = won.get(name, 0) + amount(value)
        hand.won_lookup = lambda: won

    # ------------------------------------------------------------------ web report
    def _web_report(self, text: str, builder: TableBuilder) -> None:
        hero_m = re.search(r"Player\s+Details:\s*([^<]+?)\s*</a>", text, re.I)
        hero = html.unescape(hero_m.group(1)) if hero_m else None
        for m in _ROW.finditer(text):
            cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in _TD.findall(m.group(2))]
            if len(cells) < 25:
                continue
            tid = m.group(1)
            name = cells[1] or None
            try:
                buy_in = amount(cells[2]) if "$" in cells[2] else None
                fee = amount(cells[6]) if "$" in cells[6] else None
                prize = amount(cells[18]) if "$" in cells[18] else None
            except MoneyError:
                continue
            start = None
            d = _WEB_DATE.search(cells[23])
            if d is not None:
                mo, dd, y, h, mi, s = (int(x) for x in d.groups()[:6])
                h = h % 12 + (12 if d.group(7).upper() == "PM" else 0)
                start = datetime(y, mo, dd, h, mi, s, tzinfo=UTC) - _offset(y, mo, dd, h, "America/New_York")
            builder.tournament(SITE, tid, name=name, buy_in=buy_in, fee=fee, currency="USD",
                               started_at=start, hero=hero, prize=prize, parser_version=VERSION)
