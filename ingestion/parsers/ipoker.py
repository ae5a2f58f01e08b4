"""iPoker network hand histories (the XML export: `<session>` with one `<game>` per hand).

Why its own module: iPoker writes XML, not text lines. A session header (`<general>`: game
type, table, currency, hero nickname, tournament fields) is shared by every `<game>` of the
session, each game lists its players with `chips` (stack), `bet` (total put in) and `win`
(total taken), then `<round no=N>` elements with `<cards>` and `<action type=T sum=S>`.
Files are read with regular expressions, not an XML parser: real exports are often truncated
(no `</game>` / `</session>`), declare UTF-8 but are cp1252, or hold several sessions.

Format rules (checked against fpdb's iPokerToFpdb and the real files):
* Action types: 0 fold, 1 small blind, 2 big blind (more than the big blind = "posts both":
  a dead small blind `post_dead` + a live `post_bb`), 3 call, 4 check, 5 bet, 6 raise (`sum`
  = chips added), 7 all-in (chips added; a call, bet or raise by context), 8 no action
  (waiting / sitting out before the deal), 9 sitting out after the deal (recorded as a fold,
  as fpdb does), 15 ante, 23 raise (`sum` = raise TO, this street's total). Stud bring-ins
  (16) and stud/draw/razz game types are quarantined as "unsupported game".
* Actions are listed out of order: they are sorted by round, then by `no`.
* Rounds: 0 blinds/antes, 1 preflop, 2 flop, 3 turn, 4 river. Cards are suit+rank (`D10`,
  `SK`), written here as `Td`, `Ks`; `X` is an unseen card.
* Money: the players' `win` is the pot share; older clients (no `<uncalled_bet_enabled>` and
  client version < 20) include the uncalled bet in `win`, newer ones do not (fpdb's rule). The
  uncalled bet is the top commitment's excess over the second on the last street with money
  in; it is subtracted from `invested` (and from `win` when `win` includes it). iPoker writes
  no rake: rake = Σ invested − Σ collected (never negative; if the version rule gives a
  negative rake the other reading is used).
* A hand is complete when every player carries `bet` and `win` and the actions account for
  each player's `bet`; otherwise it is quarantined as "incomplete hand" (the "partial" export
  lists only the blinds, truncated files stop mid-hand).
* Amounts: `$ € £` and ISO-ish prefixes (`RSD`, `kr`) are stripped; decimal comma or point and
  thousands separators (`,` `.` space) are told apart by position (`€301,49`, `$2,473.97`,
  `1.500` chips in Italian exports).
* Games: `Holdem`/`LH` hold'em, `Six Plus Holdem` short deck, `Omaha` (4, 5 or 6 cards by the
  pocket cards dealt; a game type with only a limit, e.g. `PL €2/€4`, is read the same way,
  which makes it 5-card Omaha in the real files as fpdb says), `Omaha Hi-Lo`/`HiLow`.
  Limit words: NL/SL/LZ/БЛ/No limit -> nl, PL/LP/Pot limit -> pl, L/Limit/LH -> fl.
* Cash currency: `<tablecurrency>`, else `<currency>`; `<mode>play</mode>` is `play`.
  Blinds: the game type's stakes for no/pot limit; for fixed limit the posted blinds (the
  game type shows the bets). Times carry no zone and are stored as UTC (as fpdb does).
* Tournaments: a game type without stakes. tournament_id = `<tournamentcode>`, else the
  number after the table name's comma. `<buyin>` "a+b" is buy-in + fee ("a+b+c": buy-in a,
  fee b+c); `<totalbuyin>` "[ €0,40 + €0,10 ]" likewise; words (invitation) mean a freeroll.
  `<place>` (when > 0) and `<win>` are the hero's finish and prize.
* Hand id: the `gamecode`. Hero: `<nickname>` when seated in the game.

Variants met but not supported: stud (5 and 7 card) hands are quarantined by name.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from ingestion.hand_builder import Hand, HandError, TableBuilder
from ingestion.money import SCALE
from ingestion.parsers.base import ByteOffsets, SiteParser

VERSION = "ipoker/1"

_SESSION = re.compile(r"<session\b", re.I)
_GAME = re.compile(r"<game\b[^>]*>", re.I)
_ATTR = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')
_TAG = "<{0}>([^<]*)</{0}>"
_PLAYER = re.compile(r"<player\b([^>]*?)/?>", re.I)
_ROUND = re.compile(r'<round\b[^>]*\bno\s*=\s*"(\d+)"[^>]*>', re.I)
_ACTION = re.compile(r"<action\b([^>]*?)/?>", re.I)
_CARDS = re.compile(r"<cards\b([^>]*)>([^<]*)</cards>", re.I)
_STAKES = re.compile(r"([^\d\s/]*)([\d][\d.,\s]*?)\s*([^\d\s/]*)/([^\d\s/]*)([\d][\d.,]*)")
_LIMIT_WORDS = {
    "nl": "nl", "sl": "nl", "lz": "nl", "бл": "nl", "no limit": "nl",
    "pl": "pl", "lp": "pl", "pot limit": "pl",
    "l": "fl", "limit": "fl", "fl": "fl",
}
_UNSUPPORTED = re.compile(r"(stud|razz|draw|badugi|lowball|triple)", re.I)
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "kr": "SEK", "rsd": "RSD"}
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_DATE_PATTERNS = (
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?"), "ymd"),
    (re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"), "dmy"),
    (re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"), "dMy"),
)
_RANKS = {"10": "T", "1": "T"}


def amount(text: str) -> int:
    """An iPoker amount in 1/10,000 units: `€301,49`, `$2,473.97`, `RSD1,110.25`, `1.500`.

    The decimal separator is the last of `.`/`,` when both appear; a lone separator followed
    by exactly three digits (and not after a bare 0) groups thousands; else it is decimal.
    """
    s = "".join(ch for ch in text if ch.isdigit() or ch in ".,-")
    neg = s.startswith("-")
    s = s.lstrip("-")
    if not s or not any(ch.isdigit() for ch in s):
        raise HandError(f"not an amount: {text!r}")
    dot, comma = s.rfind("."), s.rfind(",")
    if dot >= 0 and comma >= 0:
        dec = "." if dot > comma else ","
    elif dot >= 0 or comma >= 0:
        sep = "." if dot >= 0 else ","
        head, _, tail = s.rpartition(sep)
        head_digits = head.replace(sep, "")
        if s.count(sep) > 1 or (len(tail) == 3 and head_digits not in ("", "0")):
            dec = None
        else:
            dec = sep
    else:
        dec = None
    if dec is None:
        whole, frac = s.replace(".", "").replace(",", ""), ""
    else:
        other = "," if dec == "." else "."
        whole, _, frac = s.replace(other, "").rpartition(dec)
    if len(frac) > 4 and frac[4:].strip("0"):
        raise HandError(f"more than 4 decimals: {text!r}")
    frac = frac[:4]
    value = int(whole or "0") * SCALE + (int(frac.ljust(4, "0")) if frac else 0)
    return -value if neg else value


def card(token: str) -> str | None:
    """`D10` -> `Td`, `SK` -> `Ks`; None for an unseen card (`X`)."""
    token = token.strip()
    if len(token) < 2 or token[0].upper() not in "SHDC":
        return None
    rank = token[1:].upper()
    rank = _RANKS.get(rank, rank)
    if len(rank) != 1 or rank not in "23456789TJQKA":
        return None
    return rank + token[0].lower()


def _attrs(text: str) -> dict[str, str]:
    return {k.lower(): html.unescape(v) for k, v in _ATTR.findall(text)}


def _tag(text: str, name: str) -> str | None:
    m = re.search(_TAG.format(name), text, re.I)
    return html.unescape(m.group(1)).strip() if m else None


def parse_date(text: str | None) -> datetime | None:
    """iPoker start dates in their several layouts, as UTC (the XML names no zone)."""
    if not text:
        return None
    for pattern, order in _DATE_PATTERNS:
        m = pattern.search(text)
        if m is None:
            continue
        a, b, c, h, mi, s = m.groups()
        try:
            if order == "ymd":
                y, mo, d = int(a), int(b), int(c)
            elif order == "dmy":
                d, mo, y = int(a), int(b), int(c)
            else:
                d, mo, y = int(a), _MONTHS.get(b.lower(), 0), int(c)
            return datetime(y, mo, d, int(h), int(mi), int(s or 0), tzinfo=UTC)
        except ValueError:
            return None
    return None


class Session:
    """What a `<session><general>` header says, shared by every game of the session."""

    __slots__ = ("big", "client_major", "currency", "game_text", "hero", "is_tournament",
                 "limit_type", "max_seats", "small", "table_name", "tournament", "tournament_id",
                 "uncalled_in_win", "unsupported")

    def __init__(self, header: str) -> None:
        self.game_text = _tag(header, "gametype") or ""
        self.table_name = _tag(header, "tablename")
        self.hero = _tag(header, "nickname")
        version = _tag(header, "client_version") or ""
        major = version.split(".")[0]
        self.client_major = int(major) if major.isdigit() else 0
        enabled = (_tag(header, "uncalled_bet_enabled") or "").lower() == "true"
        self.uncalled_in_win = not enabled and self.client_major < 20
        seats = _tag(header, "tablesize")
        self.max_seats = int(seats) if seats and seats.isdigit() else None
        self.unsupported = _UNSUPPORTED.search(self.game_text) is not None
        game_text = self.game_text
        self.limit_type = self._limit(game_text)
        stakes = _STAKES.search(game_text)
        self.small = self.big = None
        if stakes is not None:
            nums = [m for m in _STAKES.finditer(game_text)]
            last = nums[-1]
            self.small, self.big = amount(last.group(2)), amount(last.group(5))
        self.is_tournament = stakes is None
        mode = (_tag(header, "mode") or "").lower()
        if self.is_tournament:
            self.currency = "chips"
        elif mode == "play":
            self.currency = "play"
        else:
            self.currency = (_tag(header, "tablecurrency") or _tag(header, "currency")
                             or self._symbol_currency(game_text) or "play").upper()
            if self.currency == "FUN":
                self.currency = "play"
        self.tournament_id = None
        self.tournament: dict[str, object] = {}
        if self.is_tournament:
            self._tournament(header)

    @staticmethod
    def _limit(game_text: str) -> str:
        low = game_text.lower()
        if low.startswith("lh ") or " lh " in low:
            return "fl"
        for phrase in ("no limit", "pot limit"):
            if phrase in low:
                return _LIMIT_WORDS[phrase]
        for word in re.split(r"[\s/]+", low):
            if word in _LIMIT_WORDS:
                return _LIMIT_WORDS[word]
        raise HandError(f"session header: no limit type in game type {game_text!r}")

    @staticmethod
    def _symbol_currency(text: str) -> str | None:
        for sym, code in _SYMBOLS.items():
            if sym in text.lower():
                return code
        return None

    def _tournament(self, header: str) -> None:
        code = _tag(header, "tournamentcode")
        table = self.table_name or ""
        if code and code.strip().isdigit():
            self.tournament_id = code.strip()
        else:
            after = table.rsplit(",", 1)[-1].strip().split(" ")[0] if "," in table else ""
            m = re.search(r"(\d+)$", table)
            self.tournament_id = after if after.isdigit() else (m.group(1) if m else None)
        if not self.tournament_id:
            raise HandError("session header: expected a tournament number (<tournamentcode> or "
                            "'<table>, <number>' in <tablename>)")
        name = _tag(header, "tournamentname") or table
        buy_in = fee = None
        currency = None
        for source in (_tag(header, "buyin"), _tag(header, "totalbuyin")):
            if not source:
                continue
            parts = re.findall(r"([$€£]?)\s*(\d[\d.,]*)", source)
            if not parts:
                if buy_in is None and re.search(r"[A-Za-z]", source):
                    buy_in, fee = 0, 0  # "Einladung", "Invitation", "Freeroll"
                continue
            sym = next((p[0] for p in parts if p[0]), "")
            values = [amount(p[1]) for p in parts]
            if "+" in source and len(values) >= 2:
                buy_in, fee = values[0], sum(values[1:])
                currency = _SYMBOLS.get(sym, currency)
                break
            if buy_in is None:
                buy_in, fee = values[0], 0
                currency = _SYMBOLS.get(sym, currency)
        place = _tag(header, "place")
        finish = int(place) if place and place.isdigit() and int(place) > 0 else None
        win = _tag(header, "win")
        prize = None
        if win and any(ch.isdigit() for ch in win):
            try:
                prize = amount(win)
            except HandError:
                prize = None
        if currency is None:
            cur = _tag(header, "tournamentcurrency") or _tag(header, "currency")
            currency = cur.upper() if cur else None
        self.tournament = {"name": name, "buy_in": buy_in, "fee": fee, "currency": currency,
                           "hero": self.hero, "finish": finish, "prize": prize}


def _street_of(round_no: int) -> int:
    return min(max(round_no - 1, 0), 3)


class IPokerParser(SiteParser):
    """iPoker XML hand histories (see the module docstring for the rules)."""

    site = "ipoker"
    version = VERSION

    def detect(self, head: str) -> bool:
        return _SESSION.search(head) is not None and (
            "<gametype>" in head or "gamecode=" in head)

    def iter_hands(self, text: str) -> Iterator[tuple[int, str]]:
        starts = [m.start() for m in _GAME.finditer(text)]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            chunk = text[start:end]
            s = _SESSION.search(chunk)
            if s is not None:  # the next session's header is not part of this game
                chunk = chunk[:s.start()]
                x = chunk.rfind("<?xml")
                if x >= 0:
                    chunk = chunk[:x]
            yield start, chunk

    def parse_text(self, text: str, encoding: str, bom: int, builder: TableBuilder) -> int:
        """Like the base loop, with each game read in the context of its session header."""
        to_byte = ByteOffsets(text, encoding, bom)
        sessions = [m.start() for m in _SESSION.finditer(text)]
        found = 0
        cache: dict[int, Session | HandError] = {}
        for char_offset, chunk in self.iter_hands(text):
            found += 1
            offset = to_byte(char_offset)
            start = max((s for s in sessions if s <= char_offset), default=-1)
            try:
                if start not in cache:
                    try:
                        g = _GAME.search(text, max(start, 0))
                        cache[start] = Session(text[max(start, 0):g.start() if g else None])
                    except HandError as exc:
                        cache[start] = exc
                session = cache[start]
                if isinstance(session, HandError):
                    raise session
                hand = self._game(chunk, session, builder)
                builder.add_hand(hand, offset, self.version)
            except HandError as exc:
                builder.quarantine(offset, self.site, str(exc), chunk.rstrip(), self.version)
            except Exception as exc:  # a bug or an input we never imagined: quarantine, go on
                builder.quarantine(offset, self.site,
                                   f"parser error: {type(exc).__name__}: {exc}", chunk.rstrip(),
                                   self.version)
        return found

    def parse_hand(self, text: str, builder: TableBuilder) -> Hand:
        """One game; `text` may start with its `<session>` header (else there is no context)."""
        g = _GAME.search(text)
        if g is None:
            raise HandError("expected a <game gamecode=...> element")
        return self._game(text[g.start():], Session(text[:g.start()]), builder)

    # ------------------------------------------------------------------ one game
    def _game(self, text: str, session: Session, builder: TableBuilder) -> Hand:
        g = _GAME.match(text)
        if g is None:
            raise HandError("expected a <game gamecode=...> element")
        code = _attrs(g.group(0)).get("gamecode", "")
        if not code:
            raise HandError("line 1: <game> without a gamecode")
        if session.unsupported:
            raise HandError(f"unsupported game: {session.game_text.strip()[:60]}")
        hand = Hand()
        hand.site = self.site
        hand.hand_id = code
        hand.limit_type = session.limit_type
        hand.is_tournament = session.is_tournament
        hand.tournament_id = session.tournament_id
        hand.currency = session.currency
        hand.table_name = session.table_name
        hand.max_seats = session.max_seats
        general_end = text.find("</players>")
        hand.started_at = parse_date(_tag(text[:general_end if general_end > 0 else 400], "startdate"))

        bets: dict[str, int | None] = {}
        wins: dict[str, int | None] = {}
        for m in _PLAYER.finditer(text):
            a = _attrs(m.group(1))
            name = a.get("name", "")
            if not name or name in hand.seats:
                continue
            seat_text = a.get("seat", "")
            if not seat_text.isdigit():
                raise HandError(f"player {name!r}: expected a seat number")
            hand.names.append(name)
            hand.seats[name] = int(seat_text)
            hand.stacks[name] = amount(a["chips"]) if a.get("chips") else 0
            bets[name] = amount(a["bet"]) if a.get("bet") not in (None, "") else None
            wins[name] = amount(a["win"]) if a.get("win") not in (None, "") else None
            if a.get("dealer") == "1":
                hand.button_seat = int(seat_text)
        if len(hand.names) < 2:
            raise HandError("incomplete hand: fewer than two players in <players>")
        if any(v is None for v in bets.values()) or any(v is None for v in wins.values()):
            raise HandError("incomplete hand: players without 'bet'/'win' amounts "
                            "(a partial export: only the blinds are listed)")

        # ---- rounds: cards and actions, sorted by round then action number ----
        rounds = list(_ROUND.finditer(text))
        actions: list[tuple[int, int, dict[str, str]]] = []
        pocket_sizes: list[int] = []
        board: list[str] = []
        for i, r in enumerate(rounds):
            body = text[r.end():rounds[i + 1].start() if i + 1 < len(rounds) else len(text)]
            rno = int(r.group(1))
            for c in _CARDS.finditer(body):
                ca = _attrs(c.group(1))
                kind = ca.get("type", "").lower()
                tokens = c.group(2).split()
                player = ca.get("player", "")
                if kind == "pocket" and player in hand.seats:
                    pocket_sizes.append(len(tokens))
                    hand.add_cards(player, [x for x in (card(t) for t in tokens) if x])
                elif kind in ("flop", "turn", "river") and not player:
                    board.extend(x for x in (card(t) for t in tokens) if x)
                elif kind and kind != "pocket":
                    raise HandError(f"unsupported game: stud/draw cards ({ca.get('type')})")
            for act in _ACTION.finditer(body):
                a = _attrs(act.group(1))
                no = a.get("no", "0")
                actions.append((rno, int(no) if no.isdigit() else 0, a))
        actions.sort(key=lambda t: (t[0], t[1]))
        hand.board = board
        hand.game = self._game_name(session.game_text, pocket_sizes)

        self._actions(actions, hand, session)

        # ---- completeness: the actions account for every player's bet ----
        put_in: dict[str, int] = dict.fromkeys(hand.names, 0)
        for player, amt in zip(hand.act_player, hand.act_amount, strict=True):
            put_in[player] += amt
        blinds: dict[str, int] = {}
        raised_to: set[str] = set()
        for (rno, _, a) in actions:
            if rno == 0 and a.get("type") in ("1", "2"):
                who = a.get("player", "")
                blinds[who] = blinds.get(who, 0) + amount(a.get("sum") or "0")
            elif rno == 1 and a.get("type") == "23":
                raised_to.add(a.get("player", ""))
        for name in hand.names:
            # Older exports count a blind twice in <player bet> when its poster raised TO.
            if put_in[name] != bets[name] and not (
                    name in raised_to and bets[name] == put_in[name] + blinds.get(name, 0)):
                raise HandError(
                    f"incomplete hand: the actions put in {put_in[name] / SCALE} for {name!r}, "
                    f"<player bet> says {bets[name] / SCALE}")

        # ---- uncalled bet, collections, rake ----
        uncalled = _uncalled(hand)
        win = {n: v for n, v in wins.items() if v}
        total_in = sum(put_in.values())
        collected = dict(win)
        if uncalled is not None:
            who, amt = uncalled
            hand.returned[who] = amt
            total_in -= amt
            inclusive = dict(win)
            if inclusive.get(who, 0) >= amt:
                inclusive[who] -= amt
                if not inclusive[who]:
                    del inclusive[who]
            first, second = (inclusive, win) if session.uncalled_in_win else (win, inclusive)
            collected = first if total_in - sum(first.values()) >= 0 else second
        rake = total_in - sum(collected.values())
        if rake < 0:
            raise HandError(f"pot does not balance: players won {sum(collected.values()) / SCALE} "
                            f"from a pot of {total_in / SCALE}")
        hand.collected = collected
        hand.rake = rake
        hand.total_pot = total_in
        if session.hero and session.hero in hand.seats:
            hand.hero = session.hero
        self._stakes(hand, session)
        if hand.is_tournament and hand.tournament_id:
            t = session.tournament
            builder.tournament(self.site, hand.tournament_id, name=t.get("name"),
                               buy_in=t.get("buy_in"), fee=t.get("fee"),
                               currency=t.get("currency"), started_at=hand.started_at,
                               hero=t.get("hero"), finish=t.get("finish"), prize=t.get("prize"),
                               parser_version=self.version)
        return hand

    @staticmethod
    def _game_name(game_text: str, pocket_sizes: list[int]) -> str:
        low = game_text.lower()
        size = max(pocket_sizes) if pocket_sizes else 0
        hilo = "hi-lo" in low or "hilo" in low or "hi/lo" in low
        if "six plus" in low or "6+" in low or "short deck" in low:
            return "shortdeck"
        if "omaha" in low or ("holdem" not in low and not low.startswith("lh") and size >= 4):
            base = {5: "omaha5", 6: "omaha6"}.get(size, "omaha")
            return base + ("_hilo" if hilo else "")
        if "holdem" in low or "hold'em" in low or low.startswith("lh") or size == 2:
            return "holdem"
        if size == 0:
            return "omaha5"  # fpdb: a game type naming only the limit is 5-card Omaha
        raise HandError(f"unsupported game: {game_text.strip()[:60]}")

    @staticmethod
    def _actions(actions: list[tuple[int, int, dict[str, str]]], hand: Hand,
                 session: Session) -> None:
        seats = hand.seats
        commit: dict[str, int] = {}
        street = 0
        big = session.big if not session.is_tournament and session.limit_type != "fl" else None
        first_bb: int | None = None
        for rno, no, a in actions:
            player = a.get("player", "")
            kind_code = a.get("type", "")
            if player not in seats:
                if not player:
                    continue
                raise HandError(f"action {no}: player {player!r} is not in <players>")
            s = _street_of(rno)
            if s != street:
                street = s
                commit = {}
            sum_text = a.get("sum", "")
            value = amount(sum_text) if sum_text and any(ch.isdigit() for ch in sum_text) else 0
            allin = False
            to = None
            if kind_code == "0" or kind_code == "9":
                kind, add = "fold", 0
            elif kind_code == "4":
                kind, add = "check", 0
            elif kind_code == "8":
                continue
            elif kind_code == "1":
                kind, add = "post_sb", value
            elif kind_code == "2":
                bb_level = big if big is not None else first_bb
                if bb_level is not None and value > bb_level and rno == 0:
                    _append(hand, 0, player, "post_dead", value - bb_level, None, False)
                    value = bb_level
                if first_bb is None:
                    first_bb = value
                kind, add = "post_bb", value
            elif kind_code == "15":
                kind, add = "post_ante", value
                if not hand.ante:
                    hand.ante = value
            elif kind_code == "3":
                kind, add = "call", value
            elif kind_code == "5":
                kind, add = "bet", value
            elif kind_code == "6":
                kind, add = "raise", value
                to = commit.get(player, 0) + value
            elif kind_code == "23":
                kind = "raise"
                to = value
                add = value - commit.get(player, 0)
                if add < 0:
                    raise HandError(f"action {no}: raise to {value / SCALE} below {player!r}'s "
                                    f"{commit.get(player, 0) / SCALE} already in")
            elif kind_code == "7":
                allin = True
                add = value
                new = commit.get(player, 0) + add
                top = max((v for p, v in commit.items() if p != player), default=0)
                if new <= top:
                    kind = "call"
                elif top == 0 and street > 0:
                    kind = "bet"
                else:
                    kind, to = "raise", new
            elif kind_code == "16":
                raise HandError("unsupported game: stud bring-in (action type 16)")
            else:
                if value:
                    raise HandError(f"action {no}: unknown action type {kind_code!r} with an amount")
                continue
            if kind in ("bet", "raise") and street == 0 and kind == "bet":
                kind = "raise"
            if kind not in ("post_ante", "post_dead"):
                commit[player] = commit.get(player, 0) + add
            _append(hand, street, player, kind, add, to, allin)

    @staticmethod
    def _stakes(hand: Hand, session: Session) -> None:
        """Blinds: the game type's stakes (no/pot limit, `LH a/b ... $sb/$bb`), else the posts."""
        kinds, amounts = hand.act_kind, hand.act_amount
        sb = next((a for k, a in zip(kinds, amounts, strict=True) if k == "post_sb"), 0)
        bb = next((a for k, a in zip(kinds, amounts, strict=True) if k == "post_bb"), 0)
        game = session.game_text.lower()
        if session.small is not None and (session.limit_type != "fl" or game.startswith("lh")):
            hand.small_blind, hand.big_blind = session.small, session.big or 0
            return
        if session.small is not None:  # fixed limit "Holdem L $5/$10": the bets, not blinds
            hand.big_blind = bb or session.small
            hand.small_blind = sb or hand.big_blind // 2
            return
        hand.big_blind = max(bb, 2 * sb) if sb else bb   # a short all-in big blind
        hand.small_blind = sb or hand.big_blind // 2


def _append(hand: Hand, street: int, player: str, kind: str, add: int, to: int | None,
            allin: bool) -> None:
    hand.act_street.append(street)
    hand.act_player.append(player)
    hand.act_kind.append(kind)
    hand.act_amount.append(add)
    hand.act_raise_to.append(to)
    hand.act_allin.append(allin)


def _uncalled(hand: Hand) -> tuple[str, int] | None:
    """(player, amount) of the bet nobody matched on the last street with money in."""
    streets = [s for s, k, a in zip(hand.act_street, hand.act_kind, hand.act_amount, strict=True)
               if a and k not in ("post_ante", "post_dead")]
    if not streets:
        return None
    last = max(streets)
    commits: dict[str, int] = {}
    for s, k, p, a in zip(hand.act_street, hand.act_kind, hand.act_player, hand.act_amount,
                          strict=True):
        if s == last and k not in ("post_ante", "post_dead"):
            commits[p] = commits.get(p, 0) + a
    ranked = sorted(commits.items(), key=lambda kv: kv[1], reverse=True)
    top_player, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if top > second:
        return top_player, top - second
    return None
