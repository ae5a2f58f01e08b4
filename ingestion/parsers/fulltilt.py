"""Full Tilt Poker hand histories and tournament summaries (site `fulltilt`).

Why a module of its own: Full Tilt's native text ("Full Tilt Poker Game #N: ...") is not the
PokerStars format (the Stars parser already reads "Full Tilt Rush Hand #" files, which are
Stars-converted, and reports them as `fulltilt` too). The shared hand model, flags and pot
accounting live in `ingestion.hand_builder`.

Formats read (fpdb's regression files and the format as Full Tilt wrote it, 2006-2014):
* Headers "Full Tilt Poker Game #N:" and "FullTiltPoker Game #N:" (archives, PokerTracker
  exports), with the stakes before the game ("Table T - $1/$2 - Limit Hold'em - time") or
  after it ("Table T (6 max) - NL Hold'em - $0.01/$0.02 - time"); "Ante $x"; capped games
  ("CAP NL", "$2,000 Cap Pot Limit"); tournaments "NAME (ID), Table N" / "NAME (ID), Match 2".
* Times: the bracketed ET time when the header has one, else the header's own time zone;
  worded dates ("15:13 ET - Wed, July 21, 2010").
* Files in UTF-16 (with BOM), UTF-8 with or without BOM, cp1252; blank lines between lines.
* Games: Hold'em (NL/PL/FL), Omaha Hi and H/L, 5 Card Omaha, Courchevel (`omaha5`, its
  "FLOPET" card is the first board card and opens no street), **Irish** (read as `omaha`: four
  cards dealt, two discarded after the flop; the contract has no Irish game). Stud, Razz, draw
  and Badugi hands are quarantined as "unsupported game: <name>" (mixed tables: per hand).
* Money: currency from the stakes' symbol ($ USD, € EUR, £ GBP), play-chip tables (no
  symbol) are `play`, tournaments `chips` (buy-in "$4 + $0.40" from the tournament name into
  `tournaments`). Limit games' header stakes are the bet sizes, so the blinds come from the
  posts. "posts $x" (a new player's post) is a live big blind when it is the big blind, else
  dead; "posts a dead small blind" is dead. Uncalled bets from "Uncalled bet of $x returned".
* Collections from "wins/ties for the (main/side/high/low) pot (x)" and "wins pot 1 (x)";
  run-it-twice hands ("*** TURN 1 ***", "*** RIVER 2 ***") fill `board` and `board2`.
* Players sitting out (", is sitting out" on the seat line or in the summary) who do nothing
  are left out of the hand, as fpdb does. Chat lines ("name: text", "name (Observer): text")
  are ignored; observed hands (no "Dealt to") have no hero.
* Quarantined: "(partial)" hands and hands without "*** SUMMARY ***" / "Total pot" as
  incomplete, "Hand #N has been canceled" as cancelled.
* Tournament summaries ("Full Tilt Poker Tournament Summary NAME (ID) ...") fill
  `tournaments`: buy-in + fee, knockout bounty, currency, entries, start, and the hero's
  finish ("Hero finished in 2nd place") and prize (a cash amount on the hero's place line;
  tickets and tokens are not cash, so no prize).
* Not supported: summaries in the .xls spreadsheet export (binary, skipped); the Flipout
  placeholder stakes ("2B/2B") read as 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from ingestion.hand_builder import Hand, HandError, TableBuilder
from ingestion.money import MoneyError, to_units
from ingestion.parsers.base import SiteParser

HAND_START = re.compile(r"^\ufeff?(?:Full Tilt Poker|FullTiltPoker) Game #\d+:", re.M)
SUMMARY_START = re.compile(r"^\ufeff?Full Tilt Poker Tournament Summary ", re.M)
_HEADER = re.compile(r"^\ufeff?(?:Full Tilt Poker|FullTiltPoker) Game #(\d+): (.*)$")
_TIME = re.compile(
    r"\s-\s(\d{1,2}):(\d{2})(?::(\d{2}))?\s([A-Za-z]{1,5})\s-\s"
    r"(?:(\d{4})/(\d{1,2})/(\d{1,2})|\w+,\s(\w+)\s(\d{1,2}),\s(\d{4}))")
_ET_BRACKET = re.compile(r"\[(\d{1,2}):(\d{2}):(\d{2}) ET - (\d{4})/(\d{1,2})/(\d{1,2})\]")
_STAKES = re.compile(r"^([$€£]?)([\d.,]+[KMB]?)/[$€£]?([\d.,]+[KMB]?)(?: Ante [$€£]?([\d.,]+[KMB]?))?$")
_TOURNEY = re.compile(r"^(.*) \((\d+)\), (.*)$")
_BUYIN = re.compile(r"([$€£])([\d.,]+)\s*\+\s*[$€£]?([\d.,]+)")
_SEAT = re.compile(r"^Seat (\d+): (.+) \(([$€£]?[\d.,]+)\)(, is sitting out)?\s*$")
_WIN = re.compile(r" (?:wins|ties for) (?:the )?(?:(?:high |low )?(?:main |side )?pot(?: #?\d+)?|pot \d+) "
                  r"\(([$€£]?[\d.,]+)\)")
_SUMMARY_WON = re.compile(r"^Seat (\d+): .*?(?:collected|won) \(([$€£]?[\d.,]+)\)")
_MONTHS = {m: i for i, m in enumerate(("January", "February", "March", "April", "May", "June",
                                       "July", "August", "September", "October", "November",
                                       "December"), start=1)}
_ZONES = {
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles",
    "AT": "America/Halifax", "UTC": "UTC", "GMT": "UTC", "CET": "Europe/Paris",
    "CEST": "Europe/Paris", "WET": "Europe/Lisbon", "WEST": "Europe/Lisbon",
    "EET": "Europe/Athens", "EEST": "Europe/Athens", "MSK": "Europe/Moscow", "JST": "Asia/Tokyo",
    "AET": "Australia/Sydney", "NZT": "Pacific/Auckland", "BRT": "America/Sao_Paulo",
    "ART": "America/Argentina/Buenos_Aires", "IST": "Asia/Kolkata", "CCT": "Asia/Shanghai",
    "HKT": "Asia/Hong_Kong", "KST": "Asia/Seoul",
}
_SYMBOL = {"$": "USD", "€": "EUR", "£": "GBP"}
_FLOP_GAMES = (
    ("5 Card Omaha H/L", "omaha5_hilo"), ("5 Card Omaha Hi/Lo", "omaha5_hilo"),
    ("5 Card Omaha", "omaha5"), ("Courchevel H/L", "omaha5_hilo"),
    ("Courchevel Hi/Lo", "omaha5_hilo"), ("Courchevel", "omaha5"), ("Omaha H/L", "omaha_hilo"),
    ("Omaha Hi/Lo", "omaha_hilo"), ("Omaha", "omaha"), ("Irish", "omaha"), ("Hold'em", "holdem"),
)
_OTHER_GAMES = ("Stud", "Razz", "Draw", "Badugi", "Lowball")
_LIMIT_WORDS = (("No Limit", "nl"), ("Pot Limit", "pl"), ("NL", "nl"), ("PL", "pl"), ("FL", "fl"),
                ("Limit", "fl"))
_VERBS = ("folds", "checks", "calls ", "bets ", "raises to ", "posts ", "antes ", "shows",
          "mucks", "discards", "stands pat", "brings in", "completes it to", "wins ", "ties for ")


@lru_cache(maxsize=64)
def _zone(abbrev: str) -> ZoneInfo:
    return ZoneInfo(_ZONES.get(abbrev.upper(), "America/New_York"))


def _local_to_utc(y: int, mo: int, d: int, h: int, mi: int, s: int, tz: str) -> datetime:
    local = datetime(y, mo, d, h, mi, s, tzinfo=_zone(tz))
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC) - (local.utcoffset() or timedelta(0))


def _num(text: str) -> int:
    """An amount; Flipout's placeholder stakes ("2B") read as 0."""
    if text and text[-1] in "KMB":
        return 0
    return to_units(text)


def _cards(text: str) -> list[str]:
    out: list[str] = []
    start = text.find("[")
    while start >= 0:
        end = text.find("]", start)
        if end < 0:
            break
        out.extend(c for c in text[start + 1:end].split() if len(c) == 2)
        start = text.find("[", end)
    return out


def _amount(text: str, n: int, line: str) -> int:
    try:
        return to_units(text.split(",  ")[0].split(" ")[0].rstrip(",."))
    except MoneyError as exc:
        raise HandError(f"line {n}: cannot read {line[:100]!r} ({exc})") from None


_Desc = tuple[str, str, bool, str | None, str | None, str, int, int, int, int | None,
              tuple[str | None, int | None, int | None, str | None] | None]


@lru_cache(maxsize=2048)
def _describe(desc: str) -> _Desc:
    """(game, limit, is_tournament, tournament_id, table, currency, sb, bb, ante, max_seats,
    tournament info) from the header text before the time. Cached: a table repeats it."""
    parts = desc.split(" - ")
    game = limit = None
    stakes = None
    first_meta = len(parts)
    for i in range(len(parts) - 1, 0, -1):
        part = parts[i].strip()
        s = _STAKES.match(part)
        if s is not None and stakes is None:
            stakes = s
            first_meta = i
            continue
        if game is None:
            for word in _OTHER_GAMES:
                if word in part:
                    raise HandError(f"unsupported game: {part}")
            for name, code in _FLOP_GAMES:
                if name in part:
                    game = code
                    limit = "fl"
                    for lw, lc in _LIMIT_WORDS:
                        if lw in part.replace(name, ""):
                            limit = lc
                            break
                    first_meta = i
                    break
            if game is not None:
                continue
        break
    if game is None or limit is None:
        raise HandError(f"line 1: expected a game and limit in {desc.strip()[:120]!r}")
    if stakes is None:
        raise HandError(f"line 1: expected the stakes 'sb/bb' in {desc.strip()[:120]!r}")
    where = " - ".join(parts[:first_meta]).strip()
    t = _TOURNEY.match(where)
    tournament_id = table = None
    info = None
    max_seats = None
    if t is not None:
        name, tournament_id, table = t.group(1).strip(), t.group(2), t.group(3).strip()
        b = _BUYIN.search(name)
        if b is not None:
            info = (name, to_units(b.group(2)), to_units(b.group(3)), _SYMBOL.get(b.group(1)))
        else:
            info = (name, None, None, _SYMBOL.get(name[:1]) if name[:1] in _SYMBOL else None)
    else:
        table = where.removeprefix("Table ").strip()
        paren = table.rfind(" (")
        if paren > 0 and table.endswith(")"):
            attrs = table[paren + 2:-1]
            table = table[:paren]
            m = re.match(r"(\d+) max", attrs)
            if m is not None:
                max_seats = int(m.group(1))
            elif "heads up" in attrs.lower():
                max_seats = 2
    sym = stakes.group(1)
    small, big = _num(stakes.group(2)), _num(stakes.group(3))
    ante = _num(stakes.group(4)) if stakes.group(4) else 0
    if tournament_id is not None:
        currency = "chips"
    elif sym:
        currency = _SYMBOL[sym]
    else:
        currency = "play"
    return (game, limit, tournament_id is not None, tournament_id, table, currency, small, big,
            ante, max_seats, info)


class FullTiltParser(SiteParser):
    """Full Tilt Poker native hand histories and tournament summaries (see module docstring)."""

    site = "fulltilt"
    version = "fulltilt/1"

    def detect(self, head: str) -> bool:
        head = head[:4096]
        return HAND_START.search(head) is not None or SUMMARY_START.search(head) is not None

    def iter_hands(self, text: str) -> Iterator[tuple[int, str]]:
        starts = [m.start() for m in HAND_START.finditer(text)]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            if text.startswith("\ufeff", start):
                start += 1
            yield start, text[start:end]

    def parse_text(self, text: str, encoding: str, bom: int, builder: TableBuilder) -> int:
        """Hands as in the base class, plus tournament summaries (they hold no hands)."""
        found = super().parse_text(text, encoding, bom, builder)
        if "Full Tilt Poker Tournament Summary" in text:
            starts = [m.start() for m in SUMMARY_START.finditer(text)]
            for i, start in enumerate(starts):
                end = starts[i + 1] if i + 1 < len(starts) else len(text)
                try:
                    self._summary(text[start:end], builder)
                except Exception:  # a summary we cannot read adds nothing; hands are unaffected
                    continue
        return found

    # ------------------------------------------------------------------ one hand
    def parse_hand(self, text: str, builder: TableBuilder) -> Hand:
        lines = [ln.rstrip() for ln in text.splitlines()]
        lines = [ln for ln in lines if ln]
        hand = Hand()
        hand.site = self.site
        self._header(lines[0], hand, builder)
        if re.search(r"Hand #\d+ has been cancell?ed", text):
            raise HandError("cancelled hand: 'has been canceled' line")
        if lines[0].rstrip().endswith("(partial)"):
            raise HandError("incomplete hand: header marked (partial)")
        if "*** SUMMARY" not in text:
            raise HandError("incomplete hand: no *** SUMMARY *** section")
        if "*** HOLE CARDS ***" not in text:
            raise HandError("incomplete hand: no *** HOLE CARDS *** section")
        self._body(lines, hand, builder)
        return hand

    def _header(self, line: str, hand: Hand, builder: TableBuilder) -> None:
        m = _HEADER.match(line)
        if m is None:
            raise HandError(f"line 1: expected a Full Tilt hand header, got {line[:120]!r}")
        hand.hand_id = m.group(1)
        rest = m.group(2).removesuffix("(partial)").rstrip()
        tm = _TIME.search(rest)
        if tm is None:
            raise HandError(f"line 1: expected the time ('HH:MM:SS TZ - YYYY/MM/DD') in {rest[:120]!r}")
        desc = rest[:tm.start()]
        (hand.game, hand.limit_type, hand.is_tournament, hand.tournament_id, hand.table_name,
         hand.currency, hand.small_blind, hand.big_blind, hand.ante, hand.max_seats,
         info) = _describe(desc)
        et = _ET_BRACKET.search(rest)
        if et is not None:
            h, mi, s, y, mo, d = (int(x) for x in et.groups())
            hand.started_at = _local_to_utc(y, mo, d, h, mi, s, "ET")
        else:
            h, mi, s, tz = int(tm.group(1)), int(tm.group(2)), int(tm.group(3) or 0), tm.group(4)
            if tm.group(5):
                y, mo, d = int(tm.group(5)), int(tm.group(6)), int(tm.group(7))
            else:
                month = _MONTHS.get(tm.group(8))
                if month is None:
                    raise HandError(f"line 1: unknown month {tm.group(8)!r}")
                y, mo, d = int(tm.group(10)), month, int(tm.group(9))
            hand.started_at = _local_to_utc(y, mo, d, h, mi, s, tz)
        if hand.is_tournament and info is not None:
            name, buy_in, fee, currency = info
            builder.tournament(self.site, hand.tournament_id or "", name=name, buy_in=buy_in,
                               fee=fee, currency=currency, started_at=hand.started_at,
                               parser_version=self.version)

    def _body(self, lines: list[str], hand: Hand, builder: TableBuilder) -> None:
        seats: dict[str, int] = {}
        stacks: dict[str, int] = {}
        sitting: set[str] = set()
        k = 1
        while k < len(lines) and not lines[k].startswith("Seat "):
            if lines[k].startswith("Seats: ") and lines[k][7:].strip().isdigit():
                hand.max_seats = int(lines[k][7:].strip())
            k += 1
        while k < len(lines) and lines[k].startswith("Seat "):
            s = _SEAT.match(lines[k])
            if s is None:
                raise HandError(f"line {k + 1}: expected 'Seat N: <player> (<stack>)', got {lines[k][:100]!r}")
            name = s.group(2)
            if name in seats:
                raise HandError(f"line {k + 1}: player {name!r} seated twice")
            seats[name] = int(s.group(1))
            try:
                stacks[name] = to_units(s.group(3))
            except MoneyError as exc:
                raise HandError(f"line {k + 1}: cannot read the stack ({exc})") from None
            if s.group(4):
                sitting.add(name)
            k += 1
        if not seats:
            raise HandError("line 2: expected 'Seat N: <player> (<stack>)' lines")
        by_seat = {v: n for n, v in seats.items()}
        act_player = hand.act_player
        collected: dict[str, int] = {}
        returned: dict[str, int] = {}
        cards: dict[str, list[str]] = {}
        dealt_to: list[str] = []
        board: list[str] = []
        board2: list[str] | None = None
        street = 0
        commit: dict[str, int] = {}
        sb_post = bb_post = None
        summary_at = None
        for n in range(k, len(lines)):
            line = lines[n]
            lineno = n + 1
            if line.startswith("*** "):
                head = line[4:]
                if head.startswith("SUMMARY"):
                    summary_at = n
                    break
                if head.startswith(("HOLE CARDS", "SHOW DOWN", "DISCARD ROUND")):
                    continue
                word, _, tail = head.partition(" ***")
                run = 2 if word.endswith(" 2") else 1
                word = word.removesuffix(" 1").removesuffix(" 2")
                got = _cards(tail)
                if word == "FLOPET":
                    board = got
                    continue
                idx = {"FLOP": 1, "TURN": 2, "RIVER": 3}.get(word)
                if idx is None:
                    if word.endswith(("STREET", "DRAW")):
                        raise HandError(f"unsupported game: stud/draw street at line {lineno}")
                    continue
                if idx == 1 and len(board) == 1 and len(got) == 2:
                    got = board + got  # Courchevel: the FLOPET card is the first flop card
                if run == 2:
                    board2 = got
                else:
                    board = got
                if idx != street:
                    street = idx
                    commit = {}
                continue
            if line.startswith("Uncalled bet of "):
                amount_text, _, who = line[16:].partition(" returned to ")
                who = who.strip()
                if who not in seats:
                    raise HandError(f"line {lineno}: uncalled bet returned to unknown player {who!r}")
                amt = _amount(amount_text, lineno, line)
                returned[who] = returned.get(who, 0) + amt
                commit[who] = commit.get(who, 0) - amt
                continue
            if line.startswith("Dealt to "):
                rest = line[9:]
                b = rest.find(" [")
                while b >= 0 and rest[:b] not in seats:
                    b = rest.find(" [", b + 1)
                if b >= 0:
                    who = rest[:b]
                    c = _cards(rest[b:])
                    if c:
                        cards.setdefault(who, c)
                        if who not in dealt_to:
                            dealt_to.append(who)
                continue
            name, rest = self._split(line, seats)
            if name is None:
                continue  # chat, table messages
            allin = rest.endswith("all in")
            kind: str | None = None
            amount = 0
            to: int | None = None
            if rest == "folds" or rest.startswith("folds"):
                kind = "fold"
            elif rest.startswith("checks"):
                kind = "check"
            elif rest.startswith("calls "):
                kind, amount = "call", _amount(rest[6:], lineno, line)
            elif rest.startswith("bets "):
                kind, amount = "bet", _amount(rest[5:], lineno, line)
            elif rest.startswith("raises to "):
                to = _amount(rest[10:], lineno, line)
                kind, amount = "raise", to - commit.get(name, 0)
            elif rest.startswith("posts "):
                what = rest[6:]
                if what.startswith("the small blind of "):
                    kind, amount = "post_sb", _amount(what[19:], lineno, line)
                    if sb_post is None:
                        sb_post = amount
                elif what.startswith("the big blind of "):
                    kind, amount = "post_bb", _amount(what[17:], lineno, line)
                    if bb_post is None:
                        bb_post = amount
                elif what.startswith("a dead small blind of "):
                    kind, amount = "post_dead", _amount(what[22:], lineno, line)
                elif what.startswith("small & big blinds"):
                    total = _amount(what.rpartition(" ")[2].strip("[]"), lineno, line)
                    big = bb_post or hand.big_blind
                    live = min(total, big) if big else total
                    if total - live:
                        self._act(hand, street, name, "post_dead", total - live, None, False)
                    kind, amount = "post_bb", live
                else:
                    amount = _amount(what, lineno, line)
                    big = bb_post or hand.big_blind
                    kind = "post_bb" if big and amount >= big else "post_dead"
            elif rest.startswith("antes "):
                kind, amount = "post_ante", _amount(rest[6:], lineno, line)
                if not hand.ante:
                    hand.ante = amount
            elif rest.startswith(("wins ", "ties for ")):
                w = _WIN.search(" " + rest)
                if w is not None:
                    collected[name] = collected.get(name, 0) + _amount(w.group(1), lineno, line)
                continue
            elif rest.startswith("shows [") or rest.startswith("mucks ["):
                c = _cards(rest)
                if c:
                    cards[name] = cards.get(name) or c
                continue
            elif rest.startswith(("brings in", "completes it to", "stands pat")):
                raise HandError(f"unsupported game: stud/draw action at line {lineno}")
            else:
                continue  # "discards" (Irish), "adds", "sits out", timeouts, reconnects...
            if kind is None:
                continue
            if amount < 0:
                raise HandError(f"line {lineno}: raise to less than already put in: {line[:100]!r}")
            if kind != "post_ante" and kind != "post_dead":
                commit[name] = commit.get(name, 0) + amount
            self._act(hand, street, name, kind, amount, to, allin)
        if summary_at is None:
            raise HandError("incomplete hand: no *** SUMMARY *** section")

        # ---- summary ----
        total_pot = None
        rake = 0
        fees = 0
        summary_lines = lines[summary_at + 1:]
        for line in summary_lines:
            if line.startswith("Total pot "):
                parts = line[10:].split(" | ")
                total_pot = _amount(parts[0], summary_at + 1, line)
                for part in parts[1:]:
                    key, _, value = part.strip().rpartition(" ")
                    if key.lower() == "rake":
                        rake = _amount(value, summary_at + 1, line)
                    elif "jackpot" in key.lower() or "bad beat" in key.lower():
                        fees += _amount(value, summary_at + 1, line)
            elif line.startswith("Board: ") and not board:
                board = _cards(line)
            elif line.startswith("Seat ") and line.endswith("is sitting out"):
                who = by_seat.get(int(line[5:].split(":", 1)[0]) if line[5:].split(":", 1)[0].isdigit() else -1)
                if who is not None:
                    sitting.add(who)
            elif line.startswith("Seat ") and ("showed [" in line or "mucked [" in line):
                num = line[5:].split(":", 1)[0]
                who = by_seat.get(int(num)) if num.isdigit() else None
                if who is not None:
                    c = _cards(line.split(" - ")[0].split(" and ")[0])
                    if c:
                        cards[who] = cards.get(who) or c
        if total_pot is None:
            raise HandError("incomplete hand: no 'Total pot' line in the *** SUMMARY *** section")

        def won() -> dict[str, int]:
            out: dict[str, int] = {}
            for line in summary_lines:
                m = _SUMMARY_WON.match(line)
                if m is not None and int(m.group(1)) in by_seat:
                    who = by_seat[int(m.group(1))]
                    out[who] = out.get(who, 0) + to_units(m.group(2))
            return out

        # ---- players: those sitting out who did nothing are not in the hand ----
        active = set(act_player) | set(collected) | set(dealt_to)
        for name in seats:
            if name in sitting and name not in active:
                continue
            hand.names.append(name)
            hand.seats[name] = seats[name]
            hand.stacks[name] = stacks[name]
        for name, c in cards.items():
            if name in hand.seats:
                hand.add_cards(name, c)
        hand.collected = collected
        hand.returned = returned
        hand.won_lookup = won
        hand.rake = rake
        hand.fees = fees
        hand.total_pot = total_pot
        hand.board = board[:5]
        hand.board2 = board2[:5] if board2 else None
        if len(dealt_to) == 1:
            hand.hero = dealt_to[0]
        button = self._button(lines[:summary_at])
        hand.button_seat = button
        if hand.limit_type == "fl":
            header_small = hand.small_blind
            hand.small_blind = sb_post if sb_post else header_small // 2
            hand.big_blind = bb_post if bb_post else header_small
        if hand.is_tournament and hand.hero is not None:
            builder.tournament(self.site, hand.tournament_id or "", hero=hand.hero)

    @staticmethod
    def _act(hand: Hand, street: int, name: str, kind: str, amount: int, to: int | None,
             allin: bool) -> None:
        hand.act_street.append(street)
        hand.act_player.append(name)
        hand.act_kind.append(kind)
        hand.act_amount.append(amount)
        hand.act_raise_to.append(to)
        hand.act_allin.append(allin)

    @staticmethod
    def _split(line: str, seats: dict[str, int]) -> tuple[str | None, str]:
        """(player, rest) for "<player> <verb> ..." lines; (None, "") for anything else."""
        space = line.find(" ")
        while space > 0:
            cand = line[:space]
            if cand in seats:
                rest = line[space + 1:]
                if rest.startswith(_VERBS):
                    return cand, rest
            space = line.find(" ", space + 1)
        return None, ""

    @staticmethod
    def _button(lines: list[str]) -> int | None:
        for line in lines:
            if line.startswith("The button is in seat #"):
                num = line[23:].strip()
                return int(num) if num.isdigit() else None
        return None

    # ------------------------------------------------------------------ summaries
    def _summary(self, text: str, builder: TableBuilder) -> None:
        """A tournament summary: buy-in, fee, bounty, entries, start, hero's finish and prize."""
        lines = [ln.strip() for ln in text.replace("\ufeff", "").splitlines() if ln.strip()]
        head = lines[0][len("Full Tilt Poker Tournament Summary "):]
        m = re.search(r"\((\d+)\)", head)
        if m is None:
            return
        tid = m.group(1)
        name = head[:m.start()].strip() or None
        buy_in = fee = bounty = players = finish = prize = None
        currency = started = hero = None
        places: dict[int, str] = {}
        for line in lines[1:]:
            if line.startswith("Buy-In: "):
                b = re.match(r"Buy-In: ([$€£]?)([\d.,]+)(?: [A-Za-z ]+?)?\s*\+\s*[$€£]?([\d.,]+)(.*)$", line)
                if b is not None:
                    buy_in, fee = to_units(b.group(2)), to_units(b.group(3))
                    if b.group(1):
                        currency = _SYMBOL[b.group(1)]
                    elif "FPP" in line:
                        currency = "FPP"
                    else:
                        currency = "play"
            elif line.startswith("Knockout Bounty: "):
                bounty = to_units(line[17:].split()[0])
            elif re.match(r"^\d+ Entries", line):
                players = int(line.split()[0])
            elif line.startswith("Tournament started: "):
                started = self._summary_time(line[20:])
            elif " finished in " in line and line.endswith("place"):
                who, _, tail = line.rpartition(" finished in ")
                digits = re.match(r"(\d+)", tail)
                if digits is not None:
                    hero, finish = who, int(digits.group(1))
            else:
                p = re.match(r"^(\d+): (.+)$", line)
                if p is not None:
                    places[int(p.group(1))] = p.group(2)
        if finish is not None and finish in places:
            who, _, result = places[finish].partition(", ")
            token = result.strip()
            cash = re.fullmatch(r"[$€£]?([\d.,]+)", token)
            if cash is not None:
                prize = to_units(cash.group(1))
            elif not token:
                prize = 0
        builder.tournament(self.site, tid, name=name, buy_in=buy_in, fee=fee, bounty=bounty,
                           currency=currency, started_at=started, players=players, hero=hero,
                           finish=finish, prize=prize, parser_version=self.version)

    @staticmethod
    def _summary_time(text: str) -> datetime | None:
        et = re.search(r"\[(\d{4})/(\d{1,2})/(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) ET\]", text)
        if et is not None:
            y, mo, d, h, mi, s = (int(x) for x in et.groups())
            return _local_to_utc(y, mo, d, h, mi, s, "ET")
        m = re.match(r"(\d{4})/(\d{1,2})/(\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))? ([A-Za-z]+)", text)
        if m is not None:
            y, mo, d, h, mi = (int(x) for x in m.groups()[:5])
            return _local_to_utc(y, mo, d, h, mi, int(m.group(6) or 0), m.group(7))
        m = re.match(r"\w+, (\w+) (\d{1,2}), (\d{4}) (\d{1,2}):(\d{2}) ([A-Za-z]+)", text)
        if m is not None and m.group(1) in _MONTHS:
            return _local_to_utc(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)),
                                 int(m.group(4)), int(m.group(5)), 0, m.group(6))
        return None
