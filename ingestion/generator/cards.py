"""Cards, hand ranking and PokerStars' hand descriptions for the generator.

Cards are phevaluator ids (`rank * 4 + suit`, ranks 2..A = 0..12, suits c d h s = 0..3) so the
simulator can hand them straight to phevaluator's C evaluators without conversion. phevaluator
ranks every 5..7-card hand as one of 7,462 equivalence classes (1 = royal flush, lower is
better); a table built once per process maps each class to its category, its significant ranks
(for kicker wording) and the exact description PokerStars prints ("two pair, Aces and Tens"),
so showdowns need one evaluator call per player and no Python-side hand analysis.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations, combinations_with_replacement

from phevaluator import evaluate_cards as _public_evaluate

try:  # the C functions behind phevaluator.evaluate_cards, without its per-call type dispatch
    from phevaluator._pheval import (
        evaluate_5cards,
        evaluate_6cards,
        evaluate_7cards,
        evaluate_omaha_cards,
    )
except ImportError:  # pragma: no cover - older/newer phevaluator layouts
    from phevaluator import evaluate_omaha_cards
    evaluate_5cards = evaluate_6cards = evaluate_7cards = _public_evaluate

RANKS = "23456789TJQKA"
SUITS = "cdhs"
CARD_NAMES = tuple(r + s for r in RANKS for s in SUITS)
RANK_SINGULAR = ("Deuce", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Jack",
                 "Queen", "King", "Ace")
RANK_PLURAL = ("Deuces", "Threes", "Fours", "Fives", "Sixes", "Sevens", "Eights", "Nines", "Tens",
               "Jacks", "Queens", "Kings", "Aces")

# Categories, best first (matching phevaluator's rank bands).
STRAIGHT_FLUSH, QUADS, FULL_HOUSE, FLUSH, STRAIGHT, TRIPS, TWO_PAIR, PAIR, HIGH_CARD = range(9)


def card_id(name: str) -> int:
    return RANKS.index(name[0]) * 4 + SUITS.index(name[1])


def cards_text(cards: list[int] | tuple[int, ...]) -> str:
    return " ".join(CARD_NAMES[c] for c in cards)


def _straight_high(ranks: list[int]) -> int | None:
    """High rank of a 5-distinct-rank straight (the wheel counts as Five high), else None."""
    s = sorted(set(ranks))
    if len(s) != 5:
        return None
    if s[4] - s[0] == 4:
        return s[4]
    if s == [0, 1, 2, 3, 12]:
        return 3
    return None


def _describe(ranks: list[int], flush: bool) -> tuple[int, str, tuple[int, ...]]:
    """Category, PokerStars description and significance-ordered ranks of one 5-card hand."""
    counts: dict[int, int] = {}
    for r in ranks:
        counts[r] = counts.get(r, 0) + 1
    groups = sorted(counts.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)
    key = tuple(r for r, n in groups for _ in range(n))
    high = _straight_high(ranks)
    if high is not None and flush:
        if high == 12:
            return STRAIGHT_FLUSH, "a Royal Flush", (high,)
        low = 12 if high == 3 else high - 4
        return STRAIGHT_FLUSH, f"a straight flush, {RANK_SINGULAR[low]} to {RANK_SINGULAR[high]}", (high,)
    shape = [n for _, n in groups]
    if shape[0] == 4:
        return QUADS, f"four of a kind, {RANK_PLURAL[groups[0][0]]}", key
    if shape == [3, 2]:
        return (FULL_HOUSE, f"a full house, {RANK_PLURAL[groups[0][0]]} full of {RANK_PLURAL[groups[1][0]]}",
                key)
    if flush:
        return FLUSH, f"a flush, {RANK_SINGULAR[key[0]]} high", key
    if high is not None:
        low = 12 if high == 3 else high - 4
        return STRAIGHT, f"a straight, {RANK_SINGULAR[low]} to {RANK_SINGULAR[high]}", (high,)
    if shape[0] == 3:
        return TRIPS, f"three of a kind, {RANK_PLURAL[groups[0][0]]}", key
    if shape[:2] == [2, 2]:
        return TWO_PAIR, f"two pair, {RANK_PLURAL[groups[0][0]]} and {RANK_PLURAL[groups[1][0]]}", key
    if shape[0] == 2:
        return PAIR, f"a pair of {RANK_PLURAL[groups[0][0]]}", key
    return HIGH_CARD, f"high card {RANK_SINGULAR[key[0]]}", key


@lru_cache(maxsize=1)
def rank_table() -> tuple[tuple[int, str, tuple[int, ...]], ...]:
    """Index = phevaluator rank (1..7462): (category, description, ordered ranks)."""
    table: list[tuple[int, str, tuple[int, ...]] | None] = [None] * 7463
    for ranks in combinations_with_replacement(range(13), 5):
        if max(ranks.count(r) for r in ranks) > 4:
            continue
        # Give every copy of a rank its own suit so the five cards are distinct and not a flush.
        seen: dict[int, int] = {}
        cards = []
        for r in ranks:
            cards.append(r * 4 + seen.get(r, 0))
            seen[r] = seen.get(r, 0) + 1
        if len(set(ranks)) == 5 and len({c & 3 for c in cards}) == 1:  # pragma: no cover
            cards[0] = cards[0] - (cards[0] & 3) + 1
        table[evaluate_5cards(*cards)] = _describe(list(ranks), False)
    for ranks in combinations(range(13), 5):
        table[evaluate_5cards(*(r * 4 for r in ranks))] = _describe(list(ranks), True)
    table[0] = (HIGH_CARD, "", ())
    assert all(t is not None for t in table)
    return tuple(t for t in table if t is not None)


def category(rank: int) -> int:
    return rank_table()[rank][0]


def describe(rank: int) -> str:
    return rank_table()[rank][1]


def kicker_suffixes(ranks_by_player: dict[int, int]) -> dict[int, str]:
    """Stars' tie-break wording among shown hands: ' - Queen kicker' / ' - lower kicker'.

    Applied when two shown hands have the same description but different strength: the better
    one names the first rank where they differ, the worse says "lower kicker" ("lower cards"
    for flushes).
    """
    table = rank_table()
    out: dict[int, str] = {}
    by_desc: dict[str, list[tuple[int, int]]] = {}
    for who, rank in ranks_by_player.items():
        by_desc.setdefault(table[rank][1], []).append((rank, who))
    for desc, group in by_desc.items():
        if len({r for r, _ in group}) < 2:
            continue
        group.sort()
        best_rank, _ = group[0]
        runner_up = next(r for r, _ in group if r != best_rank)
        best_key, other_key = table[best_rank][2], table[runner_up][2]
        diff = next((a for a, b in zip(best_key, other_key, strict=False) if a != b), None)
        is_flush = table[best_rank][0] == FLUSH
        for rank, who in group:
            if rank == best_rank:
                if diff is not None and not is_flush:
                    out[who] = f" - {RANK_SINGULAR[diff]} kicker"
            else:
                out[who] = " - lower cards" if is_flush else " - lower kicker"
        del desc
    return out


def best_rank(game: str, hole: list[int] | tuple[int, ...], board: list[int] | tuple[int, ...]) -> int:
    """phevaluator rank (lower is better) of a player's best hand with the board so far."""
    if game == "holdem":
        n = len(board)
        if n == 5:
            return evaluate_7cards(*board, *hole)
        if n == 4:
            return evaluate_6cards(*board, *hole)
        return evaluate_5cards(*board, *hole)
    if len(board) == 5:
        return evaluate_omaha_cards(*board, *hole)
    best = 7463
    for h in combinations(hole, 2):
        for b in combinations(board, 3):
            r = evaluate_5cards(*h, *b)
            if r < best:
                best = r
    return best


def evaluate_public(*cards: str) -> int:
    """phevaluator's public entry point (used by tests to cross-check)."""
    return _public_evaluate(*cards)
