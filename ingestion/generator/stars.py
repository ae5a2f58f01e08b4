"""PokerStars hand-history text for a simulated hand, line for line as the client writes it.

Line shapes are copied from real Stars cash files (fpdb regression files, 2009-2025): header
with the ET wall-clock time, table/seat lines, posts, `*** HOLE CARDS ***` with only the
hero's `Dealt to`, actions (`raises $x to $y`, `and is all-in`), `Uncalled bet ($x) returned
to`, showdown with side pots resolved last-to-first, `*** SUMMARY ***` with `Total pot | Rake`,
board and one line per seat. Amounts print like Stars does: `$0.30`, `$10`, `$0`.
"""

from __future__ import annotations

from datetime import datetime

from ingestion.generator.cards import CARD_NAMES, describe, kicker_suffixes
from ingestion.generator.engine import (
    BET,
    CALL,
    CHECK,
    FOLD,
    POST_ANTE,
    POST_BB,
    POST_SB,
    RAISE,
    RETURN,
    Hand,
)

STREET_NAMES = ("Flop", "Turn", "River")
HAND_SEPARATOR = "\n\n\n\n"  # Stars ends each hand with a newline and three blank lines


_MONEY_CACHE: dict[int, str] = {}


def money(cents: int) -> str:
    text = _MONEY_CACHE.get(cents)
    if text is None:
        d, c = divmod(cents, 100)
        text = f"${d}" if c == 0 else f"${d}.{c:02d}"
        if len(_MONEY_CACHE) < 200_000:
            _MONEY_CACHE[cents] = text
    return text


def _cards(cards) -> str:
    return " ".join(CARD_NAMES[c] for c in cards)


def et_text(et: datetime) -> str:
    return f"{et.year}/{et.month:02d}/{et.day:02d} {et.hour}:{et.minute:02d}:{et.second:02d} ET"


def game_label(h: Hand) -> str:
    return "Hold'em No Limit" if h.cfg.game == "holdem" else "Omaha Pot Limit"


def format_hand(h: Hand, hand_id: int, et: datetime, table: str, names: list[str], hero: int) -> str:
    """The hand as Stars text (no trailing separator), seen by `names[hero]`."""
    cfg = h.cfg
    n = len(h.seats)
    out: list[str] = [
        f"PokerStars Hand #{hand_id}:  {game_label(h)} ({money(cfg.sb)}/{money(cfg.bb)} USD) - {et_text(et)}",
        f"Table '{table}' {cfg.max_seats}-max Seat #{h.seats[h.button]} is the button",
    ]
    app = out.append
    for i in range(n):
        app(f"Seat {h.seats[i]}: {names[i]} ({money(h.stacks[i])} in chips)")
    board = h.board
    street = 0
    for st, i, kind, amount, to, allin in h.actions:
        if st != street:
            street = st
            if st == 1:
                app(f"*** FLOP *** [{_cards(board[:3])}]")
            elif st == 2:
                app(f"*** TURN *** [{_cards(board[:3])}] [{CARD_NAMES[board[3]]}]")
            else:
                app(f"*** RIVER *** [{_cards(board[:4])}] [{CARD_NAMES[board[4]]}]")
        tail = " and is all-in" if allin else ""
        if kind == FOLD:
            app(f"{names[i]}: folds")
        elif kind == CHECK:
            app(f"{names[i]}: checks")
        elif kind == CALL:
            app(f"{names[i]}: calls {money(amount)}{tail}")
        elif kind == BET:
            app(f"{names[i]}: bets {money(amount)}{tail}")
        elif kind == RAISE:
            app(f"{names[i]}: raises {money(amount)} to {money(to)}{tail}")
        elif kind == RETURN:
            app(f"Uncalled bet ({money(amount)}) returned to {names[i]}")
        elif kind == POST_SB:
            app(f"{names[i]}: posts small blind {money(amount)}{tail}")
        elif kind == POST_BB:
            app(f"{names[i]}: posts big blind {money(amount)}{tail}")
        elif kind == POST_ANTE:
            app(f"{names[i]}: posts the ante {money(amount)}{tail}")
            # posts come before HOLE CARDS; the marker is inserted below
        if kind in (POST_SB, POST_BB, POST_ANTE) and _is_last_post(h, i, kind):
            app("*** HOLE CARDS ***")
            app(f"Dealt to {names[hero]} [{_cards(h.holes[hero])}]")
    # Streets dealt after the betting ended (all-in run-outs).
    for st in range(street + 1, h.streets_dealt + 1):
        if st == 1:
            app(f"*** FLOP *** [{_cards(board[:3])}]")
        elif st == 2:
            app(f"*** TURN *** [{_cards(board[:3])}] [{CARD_NAMES[board[3]]}]")
        else:
            app(f"*** RIVER *** [{_cards(board[:4])}] [{CARD_NAMES[board[4]]}]")

    pots = h.pots
    suffix: dict[int, str] = {}
    if h.showdown:
        app("*** SHOW DOWN ***")
        shown_ranks = {k: h.ranks[k] for k in range(n) if h.shown[k] == 1}
        suffix = kicker_suffixes(shown_ranks)
        npots = len(pots)
        for ev in h.sd_events:
            k = ev[1]
            if ev[0] == "show":
                app(f"{names[k]}: shows [{_cards(h.holes[k])}] ({describe(h.ranks[k])}{suffix.get(k, '')})")
            elif ev[0] == "muck":
                app(f"{names[k]}: mucks hand")
            else:
                p = ev[3]
                where = ("pot" if npots == 1 else "main pot" if p == 0
                         else "side pot" if npots == 2 else f"side pot-{p}")
                app(f"{names[k]} collected {money(ev[2])} from {where}")
    else:
        w = next(k for k in range(n) if h.fold_street[k] < 0)
        app(f"{names[w]} collected {money(h.collected[w])} from pot")
        app(f"{names[w]}: doesn't show hand")

    app("*** SUMMARY ***")
    if len(pots) > 1:
        parts = [f"Main pot {money(pots[0])}."]
        if len(pots) == 2:
            parts.append(f"Side pot {money(pots[1])}.")
        else:
            parts.extend(f"Side pot-{j} {money(pots[j])}." for j in range(1, len(pots)))
        app(f"Total pot {money(h.total_pot)} {' '.join(parts)} | Rake {money(h.rake)}")
    else:
        app(f"Total pot {money(h.total_pot)} | Rake {money(h.rake)}")
    if h.streets_dealt:
        app(f"Board [{_cards(board)}]")
    for i in range(n):
        tag = ""
        if i == h.button:
            tag = " (button)"
        if i == h.sb_i:
            tag += " (small blind)"
        elif i == h.bb_i:
            tag += " (big blind)"
        fs = h.fold_street[i]
        if fs == 0:
            didnt = " (didn't bet)" if h.invested[i] - h.antes[i] == 0 else ""
            what = f"folded before Flop{didnt}"
        elif fs > 0:
            what = f"folded on the {STREET_NAMES[fs - 1]}"
        elif h.showdown:
            if h.shown[i] == 2:
                what = f"mucked [{_cards(h.holes[i])}]"
            elif h.collected[i]:
                what = (f"showed [{_cards(h.holes[i])}] and won ({money(h.collected[i])}) "
                        f"with {describe(h.ranks[i])}")
            else:
                what = f"showed [{_cards(h.holes[i])}] and lost with {describe(h.ranks[i])}"
        else:
            what = f"collected ({money(h.collected[i])})"
        app(f"Seat {h.seats[i]}: {names[i]}{tag} {what}")
    return "\n".join(out)


def _is_last_post(h: Hand, i: int, kind: str) -> bool:
    """True for the final blind/ante post (after which Stars prints HOLE CARDS)."""
    if h.cfg.ante:
        if kind != POST_ANTE:
            return False
        # antes are posted in ring order from the small blind; the last one is right of the SB
        return i == (h.sb_i - 1) % len(h.seats)
    return kind == POST_BB
