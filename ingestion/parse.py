"""The `parse` core: files in, the DESIGN.md parsed tables out (Arrow), nothing loaded.

Why a module of its own: the CLI (`pokerlake parse`), the loader (`pokerlake ingest`) and the
Dagster assets all need the same thing — find the hand files, detect each file's format by
content, parse it (hand files by the site parsers, live-session CSV/JSON logs by
`ingestion.sessions`), and get back exact-schema Arrow tables plus one `FileReport` per file.
Parsing is pure and per file, so files spread over a process pool; results are concatenated in
the sorted file order whatever the pool does, so output is deterministic.

When the same hand (site, hand_id) comes from several files (two players' histories of one
table), `hands`, `hand_players` and `actions` keep the first file's rows, `hand_sources`
keeps every source, hole cards become the union of what every source showed and `is_hero`
is true for each observer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ingestion.hand_builder import TableBuilder
from ingestion.parsers import decode, detect_parser
from ingestion.schema import PARSED_TABLES, SCHEMAS

SKIP_SUFFIXES = frozenset((".hp", ".hands", ".gt", ".md", ".yaml", ".yml", ".parquet", ".zip", ".gz", ".db", ".duckdb"))
SESSION_SUFFIXES = frozenset((".csv", ".json"))
SESSION_VERSION_DEFAULT = "sessions/1"
UNKNOWN_VERSION = "unknown/0"
_HEAD_BYTES = 65536


@dataclass(frozen=True)
class FileReport:
    """What happened to one file."""

    path: str
    sha256: str
    bytes: int
    site: str | None
    hands_found: int
    hands_parsed: int
    hands_quarantined: int
    parser_version: str
    started_at: datetime
    finished_at: datetime


@dataclass
class ParseResult:
    """Every PARSED_TABLES table (exact schemas) and one report per file."""

    tables: dict[str, pa.Table]
    files: list[FileReport]


def _sessions_module():
    try:
        from ingestion import sessions
    except ImportError:
        return None
    return sessions


def _is_session_log(path: Path, head: bytes) -> bool:
    sessions = _sessions_module()
    if sessions is None:
        return False
    try:
        return bool(sessions.is_session_log(path, head))
    except Exception:
        return False


def discover_files(paths: Iterable[str | Path]) -> list[Path]:
    """Hand-history and session-log files under `paths` (files or folders, recursive), sorted.

    Skips .hp .hands .gt .md .yaml .yml, LICENSE*, hidden files and folders; .csv/.json files
    are kept only when `ingestion.sessions` recognises them as session logs.
    """
    found: set[Path] = set()
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            candidates = (p for p in root.rglob("*")
                          if p.is_file() and not any(part.startswith(".")
                                                     for part in p.relative_to(root).parts))
        elif root.is_file():
            candidates = iter((root,))
        else:
            continue
        for p in candidates:
            name = p.name
            suffix = p.suffix.lower()
            if name.startswith(".") or name.upper().startswith("LICENSE") or suffix in SKIP_SUFFIXES:
                continue
            if suffix in SESSION_SUFFIXES:
                try:
                    with p.open("rb") as fh:
                        head = fh.read(_HEAD_BYTES)
                except OSError:
                    continue
                if not _is_session_log(p, head):
                    continue
            found.add(p.resolve())
    return sorted(found)


def _empty_tables() -> dict[str, pa.Table]:
    return {name: SCHEMAS[name].empty_table() for name in PARSED_TABLES}


def parse_file(path: str | Path) -> ParseResult:
    """Parse one file (format detected by content). Never raises on file content."""
    p = Path(path)
    started = datetime.now(UTC)
    try:
        data = p.read_bytes()
    except OSError as exc:
        builder = TableBuilder(str(p), "")
        builder.quarantine(0, None, f"unreadable file: {exc}", "", UNKNOWN_VERSION)
        return _result(builder, None, str(p), "", 0, 0, UNKNOWN_VERSION, started)
    sha = hashlib.sha256(data).hexdigest()
    if p.suffix.lower() in SESSION_SUFFIXES:
        return _parse_session(p, data, sha, started)
    builder = TableBuilder(str(p), sha)
    text, encoding, bom = decode(data)
    parser = detect_parser(text)
    if parser is None:
        # Text with no known header is quarantined so it is seen; binary files (NUL bytes
        # outside UTF-16: parquet, archives, databases) are simply not hand histories.
        if text.strip() and (encoding.startswith("utf-16") or b"\x00" not in data[:4096]):
            builder.quarantine(0, None, "unrecognised file: no known hand-history header in the "
                               "first 4 KB", text[:2000], UNKNOWN_VERSION)
        return _result(builder, None, str(p), sha, len(data), 0, UNKNOWN_VERSION, started)
    found = parser.parse_text(text, encoding, bom, builder)
    return _result(builder, parser.site, str(p), sha, len(data), found, parser.version, started)


def _result(builder: TableBuilder, site: str | None, path: str, sha: str, size: int, found: int,
            version: str, started: datetime) -> ParseResult:
    tables = _empty_tables()
    tables.update(builder.tables())
    report = FileReport(path=path, sha256=sha, bytes=size, site=site, hands_found=found,
                        hands_parsed=builder.hands_parsed,
                        hands_quarantined=builder.hands_quarantined, parser_version=version,
                        started_at=started, finished_at=datetime.now(UTC))
    return ParseResult(tables=tables, files=[report])


def _parse_session(p: Path, data: bytes, sha: str, started: datetime) -> ParseResult:
    sessions = _sessions_module()
    tables = _empty_tables()
    version = _session_version(sessions)
    if sessions is None or not _is_session_log(p, data[:_HEAD_BYTES]):
        report = FileReport(str(p), sha, len(data), None, 0, 0, 0, version, started,
                            datetime.now(UTC))
        return ParseResult(tables=tables, files=[report])
    try:
        sess, quarantine = sessions.parse_session_log(p, data, sha)
    except Exception as exc:  # the sessions parser promises not to raise; never trust it blindly
        builder = TableBuilder(str(p), sha)
        builder.quarantine(0, None, f"parser error: {type(exc).__name__}: {exc}",
                           data[:2000].decode("utf-8", errors="replace"), version)
        tables.update({"quarantine": builder.tables()["quarantine"]})
        report = FileReport(str(p), sha, len(data), "sessions", 1, 0, 1, version, started,
                            datetime.now(UTC))
        return ParseResult(tables=tables, files=[report])
    tables["sessions"] = sess.select(SCHEMAS["sessions"].names).cast(SCHEMAS["sessions"])
    tables["quarantine"] = quarantine.select(SCHEMAS["quarantine"].names).cast(SCHEMAS["quarantine"])
    report = FileReport(str(p), sha, len(data), "sessions", sess.num_rows + quarantine.num_rows,
                        sess.num_rows, quarantine.num_rows, version, started, datetime.now(UTC))
    return ParseResult(tables=tables, files=[report])


def _session_version(sessions: object) -> str:
    for attr in ("PARSER_VERSION", "VERSION", "version"):
        value = getattr(sessions, attr, None)
        if isinstance(value, str):
            return value
    return SESSION_VERSION_DEFAULT


def current_parser_version(path: str | Path) -> str:
    """Version of the parser that would read this file now (for `ingest --reparse`)."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            head = fh.read(_HEAD_BYTES)
    except OSError:
        return UNKNOWN_VERSION
    if p.suffix.lower() in SESSION_SUFFIXES:
        return _session_version(_sessions_module()) if _is_session_log(p, head) else UNKNOWN_VERSION
    text, _, _ = decode(head)
    parser = detect_parser(text)
    return parser.version if parser is not None else UNKNOWN_VERSION


def parse_paths(paths: Iterable[str | Path], workers: int = 1,
                progress: Callable[[FileReport], None] | None = None) -> ParseResult:
    """Parse every file under `paths`; files spread over `workers` processes when > 1."""
    files = discover_files(paths)
    results: list[ParseResult] = []
    if workers > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(parse_file, files, chunksize=1):
                results.append(result)
                if progress is not None:
                    progress(result.files[0])
    else:
        for f in files:
            result = parse_file(f)
            results.append(result)
            if progress is not None:
                progress(result.files[0])
    return combine(results)


def combine(results: list[ParseResult]) -> ParseResult:
    """Concatenate per-file results in order, merging hands seen in several files."""
    reports = [r for result in results for r in result.files]
    if not results:
        return ParseResult(tables=_empty_tables(), files=reports)
    tables: dict[str, pa.Table] = {}
    for name in PARSED_TABLES:
        parts = [r.tables[name] for r in results if r.tables[name].num_rows]
        tables[name] = pa.concat_tables(parts) if parts else SCHEMAS[name].empty_table()
    tables = _merge_duplicate_hands(tables)
    tables["tournaments"] = _merge_tournaments(tables["tournaments"])
    return ParseResult(tables=tables, files=reports)


def _first_occurrence_mask(keys: list[tuple]) -> pa.Array:
    seen: set[tuple] = set()
    mask = []
    for k in keys:
        mask.append(k not in seen)
        seen.add(k)
    return pa.array(mask, type=pa.bool_())


def _merge_duplicate_hands(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    hands = tables["hands"]
    if hands.num_rows == 0:
        return tables
    keys = list(zip(hands["site"].to_pylist(), hands["hand_id"].to_pylist(), strict=True))
    if len(set(keys)) == len(keys):
        return tables
    tables["hands"] = hands.filter(_first_occurrence_mask(keys))
    # hand_players: keep the first row per (site, hand_id, player), union cards, OR is_hero.
    hp = tables["hand_players"]
    sites, ids, players = (hp[c].to_pylist() for c in ("site", "hand_id", "player"))
    cards, heroes = hp["hole_cards"].to_pylist(), hp["is_hero"].to_pylist()
    first: dict[tuple, int] = {}
    for i, key in enumerate(zip(sites, ids, players, strict=True)):
        j = first.get(key)
        if j is None:
            first[key] = i
            continue
        heroes[j] = heroes[j] or heroes[i]
        if cards[i]:
            known = (cards[j] or "").split()
            known += [c for c in cards[i].split() if c not in known]
            cards[j] = " ".join(known)
    hp = hp.set_column(hp.schema.get_field_index("hole_cards"), "hole_cards",
                       pa.array(cards, type=pa.string()))
    hp = hp.set_column(hp.schema.get_field_index("is_hero"), "is_hero",
                       pa.array(heroes, type=pa.bool_()))
    keep = [False] * hp.num_rows
    for i in first.values():
        keep[i] = True
    tables["hand_players"] = hp.filter(pa.array(keep, type=pa.bool_()))
    # actions: keep the rows of the first file that had the hand.
    acts = tables["actions"]
    src = tables["hand_sources"]
    first_file: dict[tuple, str] = {}
    for s, h, f in zip(src["site"].to_pylist(), src["hand_id"].to_pylist(),
                       src["source_sha256"].to_pylist(), strict=True):
        first_file.setdefault((s, h), f)
    # actions carry no file column: a hand's rows from one file are contiguous and start at seq 1.
    keep_a = []
    seen_hand: set[tuple] = set()
    current_keep = True
    for s, h, seq in zip(acts["site"].to_pylist(), acts["hand_id"].to_pylist(),
                         acts["seq"].to_pylist(), strict=True):
        if seq == 1:
            current_keep = (s, h) not in seen_hand
            seen_hand.add((s, h))
        keep_a.append(current_keep)
    tables["actions"] = acts.filter(pa.array(keep_a, type=pa.bool_()))
    # hand_sources: one row per (site, hand_id, source_sha256).
    skeys = list(zip(src["site"].to_pylist(), src["hand_id"].to_pylist(),
                     src["source_sha256"].to_pylist(), strict=True))
    tables["hand_sources"] = src.filter(_first_occurrence_mask(skeys))
    return tables


def _merge_tournaments(t: pa.Table) -> pa.Table:
    if t.num_rows < 2:
        return t
    rows = t.to_pylist()
    merged: dict[tuple, dict] = {}
    for row in rows:
        key = (row["site"], row["tournament_id"])
        into = merged.get(key)
        if into is None:
            merged[key] = dict(row)
            continue
        for k, v in row.items():
            if v is None:
                continue
            if k == "started_at" and into[k] is not None:
                into[k] = min(into[k], v)
            elif into[k] is None:
                into[k] = v
    if len(merged) == len(rows):
        return t
    return pa.Table.from_pylist(list(merged.values()), schema=SCHEMAS["tournaments"])


def write_parquet(result: ParseResult, out_dir: str | Path) -> dict[str, Path]:
    """DIR/<table>.parquet for every PARSED_TABLES name; returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name in PARSED_TABLES:
        table = result.tables.get(name)
        if table is None:
            table = SCHEMAS[name].empty_table()
        target = out / f"{name}.parquet"
        pq.write_table(table, target)
        written[name] = target
    return written


__all__ = ["FileReport", "ParseResult", "combine", "current_parser_version", "discover_files",
           "parse_file", "parse_paths", "write_parquet"]
