"""Pure Arrow helpers for the merge the loader performs before dlt sees any row.

Why: the loader hands dlt only the net change (rows whose keys are new, plus full replacement
rows for hands being rewritten), so these functions decide, on Arrow tables and without any I/O,
which incoming rows are new, and how a hand seen from several files combines with what the lake
already holds (hole cards: union of what any source showed; `is_hero`: true for each observer).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyarrow as pa
import pyarrow.compute as pc

HandKey = tuple[str, str]


def key_tuples(table: pa.Table | None, columns: Sequence[str]) -> list[tuple]:
    if table is None or table.num_rows == 0:
        return []
    cols = [table[c].to_pylist() for c in columns]
    return list(zip(*cols, strict=True))


_SEP = "\x1f"


def _joined_key(table: pa.Table, columns: Sequence[str]) -> pa.Array:
    """One string per row: the key columns joined by a separator no key contains (vectorised)."""
    cols = [pc.cast(table[c], pa.string()) for c in columns]
    if len(cols) == 1:
        return cols[0]
    return pc.binary_join_element_wise(*cols, _SEP)


def dedupe(table: pa.Table, keys: Sequence[str]) -> pa.Table:
    """First row per key, in table order."""
    if table.num_rows < 2:
        return table
    joined = _joined_key(table, keys)
    if pc.count_distinct(joined).as_py() == table.num_rows:
        return table
    seen: set[str] = set()
    mask = []
    for k in joined.to_pylist():
        mask.append(k not in seen)
        seen.add(k)
    return table.filter(pa.array(mask, type=pa.bool_()))


def filter_keys(table: pa.Table, keys: Sequence[str], wanted: Iterable[tuple], *,
                keep: bool = True) -> pa.Table:
    """Rows whose key is (keep=True) or is not (keep=False) in `wanted`."""
    if table.num_rows == 0:
        return table
    rows = list(wanted)
    wanted_table = pa.table({c: pa.array([k[i] for k in rows], type=table.schema.field(c).type)
                             for i, c in enumerate(keys)})
    mask = pc.is_in(_joined_key(table, keys), value_set=_joined_key(wanted_table, keys))
    return table.filter(mask if keep else pc.invert(mask))


def hands_of(table: pa.Table) -> set[HandKey]:
    return set(key_tuples(table, ("site", "hand_id")))


def union_cards(a: str | None, b: str | None) -> str | None:
    """Cards known from either source, in first-seen order (`As Ks` ∪ `Ks Qd` = `As Ks Qd`)."""
    if not a:
        return b or None
    if not b:
        return a
    known = a.split()
    known += [c for c in b.split() if c not in known]
    return " ".join(known)


def combine_hand_players(incoming: pa.Table, existing: pa.Table | None,
                         observers: dict[HandKey, set[str]]) -> pa.Table:
    """One row per (site, hand_id, player) from the lake's rows and the incoming ones.

    The base row is the incoming one when present (a reparse brings the newer parser's values),
    else the lake's; hole cards are the union over both; `is_hero` is true when the player is
    an observer of any source of the hand (`observers`), or either row said so.
    """
    schema = incoming.schema
    parts = [t for t in (incoming, existing) if t is not None and t.num_rows]
    if not parts:
        return schema.empty_table()
    both = pa.concat_tables([p.select(schema.names).cast(schema) for p in parts])
    rows: dict[tuple, dict] = {}
    for row in both.to_pylist():  # only the hands being combined: small
        key = (row["site"], row["hand_id"], row["player"])
        into = rows.get(key)
        if into is None:
            rows[key] = row
            continue
        into["hole_cards"] = union_cards(into["hole_cards"], row["hole_cards"])
        into["is_hero"] = bool(into["is_hero"] or row["is_hero"])
    for row in rows.values():
        if row["player"] in observers.get((row["site"], row["hand_id"]), ()):
            row["is_hero"] = True
    return pa.Table.from_pylist(list(rows.values()), schema=schema)


def merge_duplicate_players(hp: pa.Table) -> pa.Table:
    """One row per (site, hand_id, player): rows repeated across files of one batch are combined."""
    if hp.num_rows < 2 or pc.count_distinct(_joined_key(hp, ("site", "hand_id", "player"))).as_py() == hp.num_rows:
        return hp
    keys = key_tuples(hp, ("site", "hand_id", "player"))
    counts: dict[tuple, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    dup_hands = {k[:2] for k, n in counts.items() if n > 1}
    dups = filter_keys(hp, ("site", "hand_id"), dup_hands)
    rest = filter_keys(hp, ("site", "hand_id"), dup_hands, keep=False)
    return pa.concat_tables([rest, combine_hand_players(dups, None, {})])


def same_rows(a: pa.Table, b: pa.Table, keys: Sequence[str]) -> bool:
    """True when both tables hold the same rows (order ignored)."""
    if a.num_rows != b.num_rows:
        return False
    sort = [(k, "ascending") for k in keys]
    return a.select(b.schema.names).cast(b.schema).sort_by(sort).equals(b.sort_by(sort))
