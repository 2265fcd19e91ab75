"""A content checksum per report, kept in reports.checksum.

SQLite's own checks see broken pages, not a flipped digit inside a record: "12" read as
"13" is a valid row. So every write stamps the report with a digest of everything it
holds (its identity, figures, published totals, texts, explanations and sign-off
fields), and every open recomputes it; a mismatch means the file was damaged, or edited
by something other than this program. It is a check against damage, not a signature.

The digest is a sum of per-row hashes, so the order rows come back in does not matter,
a row that vanishes (a flipped byte can hide rows from a b-tree) changes it too, and a
save updates it by the rows it changed (see ReportFile), not by reading the whole report.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from desktop.core.report import META_FIELDS

try:  # CPython's own BLAKE2; `import hashlib` would first load OpenSSL (start-up time)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

MODULUS = 2**64
# What belongs to one report besides its row: table -> (key column, value column).
CONTENT = {
    "cells": ("cell", "value"),
    "published": ("cell", "value"),
    "texts": ("section", "text"),
    "explanations": ("finding", "text"),
    "declarations": ("declaration", "text"),
    "previous": ("key", "value"),
}
IDENTITY = ("unit", "year", "form", *META_FIELDS)


def row_hash(*parts: object) -> int:
    """The hash of one row: (table, key, value), or ("reports", *IDENTITY values)."""
    text = "\x1f".join("\x00" if p is None else f"{type(p).__name__}:{p}" for p in parts)
    digest = blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _hex(total: int) -> str:
    return f"{total % MODULUS:016x}"


def identity_hash(conn: sqlite3.Connection, report_id: int) -> int:
    row = conn.execute(f"SELECT {', '.join(IDENTITY)} FROM reports WHERE id = ?", (report_id,))
    return row_hash("reports", *row.fetchone())


def add(conn: sqlite3.Connection, report_id: int, delta: int) -> None:
    """Move a report's stored checksum by the hashes of rows added minus rows removed."""
    old = conn.execute("SELECT checksum FROM reports WHERE id = ?", (report_id,)).fetchone()[0]
    total = int(old or "0", 16) + delta
    conn.execute("UPDATE reports SET checksum = ? WHERE id = ?", (_hex(total), report_id))


def computed(conn: sqlite3.Connection, report_id: int | None = None) -> dict[int, str]:
    """The checksum every report (or the one asked for) should carry, by report id."""
    where, params = ("WHERE id = ?", (report_id,)) if report_id is not None else ("", ())
    totals: dict[int, int] = defaultdict(int)
    for row in conn.execute(f"SELECT id, {', '.join(IDENTITY)} FROM reports {where}", params):
        totals[row[0]] += row_hash("reports", *row[1:])
    where = "WHERE report_id = ?" if report_id is not None else ""
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table, (key, value) in CONTENT.items():
        if table not in present:  # a table of a later version, while migrating to it
            continue
        rows = conn.execute(f"SELECT report_id, {key}, {value} FROM {table} {where}", params)
        for owner, name, content in rows:
            totals[owner] += row_hash(table, name, content)
    return {owner: _hex(total) for owner, total in totals.items()}


def stored(conn: sqlite3.Connection) -> dict[int, str | None]:
    return dict(conn.execute("SELECT id, checksum FROM reports").fetchall())


def mismatched(conn: sqlite3.Connection) -> list[object]:
    """Reports whose content does not match their checksum; rows of no report count too."""
    expected, found = computed(conn), stored(conn)
    owners = expected.keys() | found.keys()
    return sorted((r for r in owners if expected.get(r) != found.get(r)), key=str)


def stamp_all(conn: sqlite3.Connection) -> None:
    """Record every report's checksum from its rows (the migration that added them)."""
    for report_id, value in computed(conn).items():
        conn.execute("UPDATE reports SET checksum = ? WHERE id = ?", (value, report_id))
