"""Schema versions of the report file and the migrations between them.

PRAGMA user_version holds the version. Each migration takes a file from the
version before it; a new file runs all of them, so every path is exercised.
The expected structure of a version is read off a fresh database built by the
migrations themselves, never written down twice.
"""

from __future__ import annotations

import functools
import sqlite3

import sqlite_utils

APPLICATION = "nianbao"


def _v1(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["reports"].create(
        {
            "id": int,
            "unit": str,
            "year": int,
            "form": str,
            "preparer": str,
            "phone": str,
            "reviewer": str,
            "prepared_on": str,
            "reviewed_on": str,
            "created_at": str,
        },
        pk="id",
        not_null={"unit", "year", "form"},
    )
    db["reports"].create_index(["unit", "year"], unique=True, index_name="reports_unit_year")
    for name in ("cells", "published"):
        db[name].create(
            {"report_id": int, "cell": str, "value": str},
            pk=("report_id", "cell"),
            not_null={"value"},
            foreign_keys=[("report_id", "reports", "id")],
        )
    db["texts"].create(
        {"report_id": int, "section": str, "text": str},
        pk=("report_id", "section"),
        not_null={"text"},
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["changelog"].create(
        {
            "id": int,
            "report_id": int,
            "target": str,
            "old": str,
            "new": str,
            "at": str,
            "os_user": str,
        },
        pk="id",
        not_null={"report_id", "target", "at"},
    )
    # The change log is append-only: the file itself refuses edits and deletions.
    for action in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER changelog_no_{action.lower()} BEFORE {action} ON changelog "
            "BEGIN SELECT RAISE(ABORT, 'changelog is append-only'); END"
        )
    db["meta"].insert({"key": "application", "value": APPLICATION})


def _v2(db: sqlite_utils.Database) -> None:
    """Officers' explanations of findings (e.g. 上年结转 differs after 机构改革)."""
    db["explanations"].create(
        {"report_id": int, "finding": str, "text": str, "updated_at": str},
        pk=("report_id", "finding"),
        not_null={"text"},
        foreign_keys=[("report_id", "reports", "id")],
    )


MIGRATIONS = (_v1, _v2)  # MIGRATIONS[n - 1] builds version n from version n - 1
LATEST = len(MIGRATIONS)


def version_of(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> None:
    """Bring the file to `target`, one transaction per version."""
    db = sqlite_utils.Database(conn)
    for version in range(version_of(conn) + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](db)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def structure(conn: sqlite3.Connection) -> dict[tuple[str, str], object]:
    """A comparable description of every schema object: columns, indexes, trigger text."""
    objects: dict[tuple[str, str], object] = {}
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for kind, name, table, sql in rows:
        if kind == "table":
            info = conn.execute(
                'SELECT name, type, "notnull", pk FROM pragma_table_info(?)', (name,)
            )
            objects[(kind, name)] = tuple(info.fetchall())
        elif kind == "index":
            columns = conn.execute("SELECT name FROM pragma_index_info(?)", (name,)).fetchall()
            objects[(kind, name)] = (table, tuple(columns))
        else:
            objects[(kind, name)] = " ".join((sql or "").split())
    return objects


@functools.cache
def expected_structure(version: int) -> dict[tuple[str, str], object]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn, version)
    try:
        return structure(conn)
    finally:
        conn.close()
