"""Schema versions of the report file and the migrations between them.

PRAGMA user_version holds the version. Each migration takes a file from the version
before it; a new file runs all of them, so every path is exercised. The statements are
written out literally: the text SQLite keeps in sqlite_master is part of what a received
file is compared against, so it must not depend on the version of any library. (v1 and
v2 are the exact statements sqlite-utils generated when those versions were made.)
The expected structure of a version is read off a fresh database built by the
migrations themselves, never written down twice.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable

APPLICATION = "nianbao"


def _content_table(name: str, key: str) -> str:
    return (
        f'CREATE TABLE "{name}" (\n'
        '   "report_id" INTEGER REFERENCES "reports"("id"),\n'
        f'   "{key}" TEXT,\n'
        f'   "{"text" if key == "section" else "value"}" TEXT NOT NULL,\n'
        f'   PRIMARY KEY ("report_id", "{key}")\n)'
    )


_V1 = (
    'CREATE TABLE "meta" (\n   "key" TEXT PRIMARY KEY,\n   "value" TEXT\n)',
    'CREATE TABLE "reports" (\n   "id" INTEGER PRIMARY KEY,\n   "unit" TEXT NOT NULL,\n'
    '   "year" INTEGER NOT NULL,\n   "form" TEXT NOT NULL,\n   "preparer" TEXT,\n'
    '   "phone" TEXT,\n   "reviewer" TEXT,\n   "prepared_on" TEXT,\n   "reviewed_on" TEXT,\n'
    '   "created_at" TEXT\n)',
    'CREATE UNIQUE INDEX "reports_unit_year"\n    ON "reports" ("unit", "year")',
    _content_table("cells", "cell"),
    _content_table("published", "cell"),
    _content_table("texts", "section"),
    'CREATE TABLE "changelog" (\n   "id" INTEGER PRIMARY KEY,\n   "report_id" INTEGER NOT NULL,\n'
    '   "target" TEXT NOT NULL,\n   "old" TEXT,\n   "new" TEXT,\n   "at" TEXT NOT NULL,\n'
    '   "os_user" TEXT\n)',
    # The change log is append-only: the file itself refuses edits and deletions.
    "CREATE TRIGGER changelog_no_update BEFORE UPDATE ON changelog "
    "BEGIN SELECT RAISE(ABORT, 'changelog is append-only'); END",
    "CREATE TRIGGER changelog_no_delete BEFORE DELETE ON changelog "
    "BEGIN SELECT RAISE(ABORT, 'changelog is append-only'); END",
    f"INSERT INTO meta (key, value) VALUES ('application', '{APPLICATION}')",
)

# Officers' explanations of findings (e.g. 上年结转 differs after 机构改革).
_V2 = (
    'CREATE TABLE "explanations" (\n   "report_id" INTEGER REFERENCES "reports"("id"),\n'
    '   "finding" TEXT,\n   "text" TEXT NOT NULL,\n   "updated_at" TEXT,\n'
    '   PRIMARY KEY ("report_id", "finding")\n)',
)

# A content checksum per report, so a flipped byte is caught rather than read as a
# different figure (see checksum.py); filled in for the reports already there.
_V3 = ('ALTER TABLE "reports" ADD COLUMN "checksum" TEXT',)


# Declarations a unit makes instead of figures, e.g. 本年度未收到政府信息公开申请: the
# wording declared is kept, as it was printed and sent.
_V4 = (
    'CREATE TABLE "declarations" (\n   "report_id" INTEGER REFERENCES "reports"("id"),\n'
    '   "declaration" TEXT,\n   "text" TEXT NOT NULL,\n'
    '   PRIMARY KEY ("report_id", "declaration")\n)',
)


# Last year's report as this one knows it (desktop/core/previous.py), as key/value rows:
# its source, and a copy of its figures when it is not in this file, and corrections.
_V5 = (
    'CREATE TABLE "previous" (\n   "report_id" INTEGER REFERENCES "reports"("id"),\n'
    '   "key" TEXT,\n   "value" TEXT NOT NULL,\n'
    '   PRIMARY KEY ("report_id", "key")\n)',
)


def _statements(statements: tuple[str, ...]) -> Callable[[sqlite3.Connection], None]:
    def run(conn: sqlite3.Connection) -> None:
        for sql in statements:
            conn.execute(sql)

    return run


def _v3(conn: sqlite3.Connection) -> None:
    from desktop.core.storage.checksum import stamp_all

    _statements(_V3)(conn)
    stamp_all(conn)


MIGRATIONS = (
    _statements(_V1),
    _statements(_V2),
    _v3,
    _statements(_V4),
    _statements(_V5),
)  # [n - 1] builds n from n - 1
LATEST = len(MIGRATIONS)


def version_of(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> None:
    """Bring the file to `target`, one transaction per version."""
    for version in range(version_of(conn) + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


Structure = frozenset[tuple[str, str, str, str | None]]


def structure(conn: sqlite3.Connection) -> Structure:
    """Every schema object as (type, name, table, SQL with whitespace normalised).

    Comparing the SQL itself, not just names and columns, also catches CHECK
    constraints, generated columns, collations and a unique index made non-unique.
    """
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return frozenset(
        (kind, name, table, None if sql is None else " ".join(sql.split()))
        for kind, name, table, sql in rows
    )


@functools.cache
def expected_structure(version: int) -> Structure:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, version)
        return structure(conn)
    finally:
        conn.close()
