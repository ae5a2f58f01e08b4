"""What is in the inbox, as a comparable snapshot: the pure half of the inbox sensor.

The sensor must notice new or changed hand-history files without reading them, on every
tick, so a file is fingerprinted by (size, mtime_ns) and the sensor cursor is the set of
fingerprints already handed to an ingest run. Re-ingesting is idempotent anyway (dlt merge
on primary keys), so a spurious run costs time, never data; a missed file costs data, so
any change of size or mtime counts as new.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

# Sidecars and docs that live beside hand histories (DESIGN.md: `parse` skips these too).
SKIP_SUFFIXES = frozenset({".hp", ".hands", ".gt", ".md", ".json", ".yaml", ".yml"})
# Files still being copied in by common tools.
PARTIAL_SUFFIXES = frozenset({".part", ".partial", ".tmp", ".crdownload", ".download"})

Fingerprint = str
Snapshot = dict[str, Fingerprint]


def is_candidate(path: Path) -> bool:
    """True for files an ingest run would read (not hidden, not sidecars, not half-copied)."""
    name = path.name
    if name.startswith(".") or name.upper().startswith("LICENSE"):
        return False
    suffix = path.suffix.lower()
    return suffix not in SKIP_SUFFIXES and suffix not in PARTIAL_SUFFIXES


def snapshot(inbox: Path) -> Snapshot:
    """{path relative to the inbox: "size:mtime_ns"} for every candidate file (recursive)."""
    if not inbox.is_dir():
        return {}
    out: Snapshot = {}
    for path in sorted(inbox.rglob("*")):
        if not path.is_file() or not is_candidate(path):
            continue
        try:
            st = path.stat()
        except FileNotFoundError:  # removed between listing and stat
            continue
        out[path.relative_to(inbox).as_posix()] = f"{st.st_size}:{st.st_mtime_ns}"
    return out


def new_files(current: Mapping[str, Fingerprint], seen: Mapping[str, Fingerprint]) -> list[str]:
    """Files that are new or changed since `seen`, sorted."""
    return sorted(p for p, fp in current.items() if seen.get(p) != fp)


def run_key(files: Iterable[str], current: Mapping[str, Fingerprint]) -> str:
    """A stable key for one batch, so a repeated tick never launches the same batch twice."""
    digest = hashlib.sha256()
    for p in sorted(files):
        digest.update(f"{p}\0{current[p]}\n".encode())
    return "inbox-" + digest.hexdigest()[:24]


def encode_cursor(seen: Mapping[str, Fingerprint]) -> str:
    return json.dumps(dict(sorted(seen.items())), separators=(",", ":"))


def decode_cursor(cursor: str | None) -> Snapshot:
    """The seen set from a cursor; an empty or unreadable cursor means nothing seen yet."""
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
    except json.JSONDecodeError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
