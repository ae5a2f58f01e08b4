"""Who wins the pot of a PHH hand that does not say (no `finishing_stacks`, no `winnings`).

Why this exists: PHH records actions, not results; most files carry `finishing_stacks`, but
hand-written ones (famous televised hands) often stop at the showdown. Then the pot is
awarded here the way PokerKit would: side pots by contribution level, each to the best
eligible hand (high only, or half high / half eight-or-better low), split exactly in
1/10,000 units, odd units to the earliest players from the small blind on.

Hand strength: phevaluator for hold'em and 4-card Omaha (exactly two hole cards); short-deck
hold'em by its own ranking (PokerKit's: flush beats full house, a straight beats three of a
kind, A-6-7-8-9 is the lowest straight); eight-or-better lows by the usual rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from itertools import combinations

from phevaluator import evaluate_cards, evaluate_omaha_cards

_RANK = {r: i for i, r in enumerate("23456789TJQKA", start=2)}

Key = tuple  # larger is better


def _holdem(board: Sequence[str], hole: Sequence[str]) -> Key:
    return (-evaluate_cards(*board, *hole),)


def _omaha(board: Sequence[str], hole: Sequence[str]) -> Key:
    if len(hole) == 4 and len(board) == 5:
        return (-evaluate_omaha_cards(*board, *hole),)
    best = None
    for h in combinations(hole, 2):
        for b in combinations(board, 3):
            v = evaluate_cards(*h, *b)
            best = v if best is None or v < best else best
    if best is None:
        raise ValueError("omaha showdown needs two hole cards and three board cards")
    return (-best,)


def _short_five(cards: Sequence[str]) -> Key:
    ranks = sorted((_RANK[c[0]] for c in cards), reverse=True)
    flush = len({c[1] for c in cards}) == 1
    counts = Counter(ranks)
    distinct = sorted(counts, reverse=True)
    straight_high = 0
    if len(distinct) == 5:
        if distinct[0] - distinct[4] == 4:
            straight_high = distinct[0]
        elif distinct == [14, 9, 8, 7, 6]:
            straight_high = 9
    by_count = sorted(counts.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)
    shape = tuple(c for _, c in by_count)
    order = tuple(r for r, _ in by_count)
    if straight_high and flush:
        return (8, straight_high)
    if shape == (4, 1):
        return (7, *order)
    if flush:
        return (6, *ranks)
    if shape == (3, 2):
        return (5, *order)
    if straight_high:
        return (4, straight_high)
    if shape == (3, 1, 1):
        return (3, *order)
    if shape == (2, 2, 1):
        return (2, *order)
    if shape == (2, 1, 1, 1):
        return (1, *order)
    return (0, *ranks)


def _shortdeck(board: Sequence[str], hole: Sequence[str]) -> Key:
    return max(_short_five(five) for five in combinations([*board, *hole], 5))


def _low_five(cards: Sequence[str]) -> Key | None:
    ranks = [1 if c[0] == "A" else _RANK[c[0]] for c in cards]
    if len(set(ranks)) != 5 or max(ranks) > 8:
        return None
    return tuple(-r for r in sorted(ranks, reverse=True))  # larger is better (lower cards)


def _low(board: Sequence[str], hole: Sequence[str], omaha: bool) -> Key | None:
    if omaha:
        fives = ([*h, *b] for h in combinations(hole, 2) for b in combinations(board, 3))
    else:
        fives = combinations([*board, *hole], 5)
    best = None
    for five in fives:
        k = _low_five(five)
        if k is not None and (best is None or k > best):
            best = k
    return best


def evaluator(game: str) -> Callable[[Sequence[str], Sequence[str]], Key]:
    """High-hand key function for a contract game name (hi part of split games)."""
    base = game.removesuffix("_hilo")
    if base == "holdem":
        return _holdem
    if base == "shortdeck":
        return _shortdeck
    if base.startswith("omaha"):
        return _omaha
    raise ValueError(f"no showdown evaluator for {game}")


def _split(amount: int, winners: list[int], out: dict[int, int]) -> None:
    share, odd = divmod(amount, len(winners))
    for k, w in enumerate(sorted(winners)):
        out[w] = out.get(w, 0) + share + (1 if k < odd else 0)


def award(game: str, board: Sequence[str], holes: dict[int, list[str]], invested: Sequence[int],
          contenders: Sequence[int]) -> dict[int, int]:
    """Amount each player index collects; `holes` must hold every contender's known cards."""
    high = evaluator(game)
    hilo = game.endswith("_hilo")
    omaha = game.startswith("omaha")
    hi_keys = {i: high(board, holes[i]) for i in contenders}
    lo_keys = {i: _low(board, holes[i], omaha) for i in contenders} if hilo else {}
    out: dict[int, int] = {}
    levels = sorted({invested[i] for i in contenders})
    prev = 0
    for n, level in enumerate(levels):
        pot = sum(min(v, level) - min(v, prev) for v in invested)
        if n == len(levels) - 1:
            pot += sum(max(v - level, 0) for v in invested)  # dead money above every contender
        prev = level
        eligible = [i for i in contenders if invested[i] >= level]
        if pot == 0 or not eligible:
            continue
        best = max(hi_keys[i] for i in eligible)
        hi_winners = [i for i in eligible if hi_keys[i] == best]
        lows = [lo_keys[i] for i in eligible if lo_keys.get(i) is not None]
        if hilo and lows:
            best_lo = max(lows)
            lo_winners = [i for i in eligible if lo_keys.get(i) == best_lo]
            lo_part = pot // 2
            _split(pot - lo_part, hi_winners, out)
            _split(lo_part, lo_winners, out)
        else:
            _split(pot, hi_winners, out)
    return out
