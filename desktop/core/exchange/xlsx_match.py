"""Finding the official tables in worksheets by their labels, wherever they stand.

A table is found by its column header (the labels of its bottom header row), its
columns by their header paths (四's three 结果维持 are told apart by the groups above
them), and its rows by their labels, compared without numbering, full-width forms,
quotes or a trailing note in brackets. So our own workbooks, a coordinating office's
template, rows or columns shifted and extra notes all read the same way; what is not
recognised is said with its place. Works on plain cell dictionaries (no openpyxl).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from desktop.core.exchange.xlsx_common import (
    BALANCE_LABEL,
    bare,
    is_mark,
    label_keys,
    looks_numeric,
    norm,
)
from desktop.core.forms import Column, Form, Row, Section, Table
from desktop.core.forms.layout import table_grid

BIG_MERGE = 4096  # merged ranges larger than this are looked up, not expanded


@dataclass
class Sheet:
    """One worksheet as read: values (cached results for formulas), which cells hold a
    formula, which an error value, and the merged ranges (r1, c1, r2, c2)."""

    name: str
    values: dict[tuple[int, int], object]
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    errors: set[tuple[int, int]] = field(default_factory=set)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    def __post_init__(self):
        self._merge_at: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        self._big: list[tuple[int, int, int, int]] = []
        for merge in self.merges:
            r1, c1, r2, c2 = merge
            if (r2 - r1 + 1) * (c2 - c1 + 1) > BIG_MERGE:
                self._big.append(merge)
                continue
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    self._merge_at[(r, c)] = merge
        self.by_row: dict[int, list[int]] = {}
        for r, c in {*self.values, *self.formulas, *self._merge_at}:
            self.by_row.setdefault(r, []).append(c)
        for columns in self.by_row.values():
            columns.sort()

    def merge_at(self, r: int, c: int) -> tuple[int, int, int, int] | None:
        found = self._merge_at.get((r, c))
        if found is None:
            found = next((m for m in self._big if m[0] <= r <= m[2] and m[1] <= c <= m[3]), None)
        return found

    def anchor(self, r: int, c: int) -> tuple[int, int]:
        merge = self.merge_at(r, c)
        return (merge[0], merge[1]) if merge else (r, c)

    def value(self, r: int, c: int) -> object:
        """What the cell shows: a merged cell shows its anchor's value."""
        return self.values.get(self.anchor(r, c))

    def text(self, r: int, c: int) -> str:
        value = self.value(r, c)
        return value.strip() if isinstance(value, str) else ""

    def texts(self, r: int) -> list[tuple[int, str]]:
        return [(c, t) for c in self.by_row.get(r, ()) if (t := self.text(r, c))]

    def filled(self, r: int, c: int) -> bool:
        position = self.anchor(r, c)
        return self.values.get(position) is not None or position in self.formulas


@dataclass(frozen=True, eq=False)
class TargetColumn:
    path: tuple[str, ...]  # header texts over the column, top to bottom
    column: Column
    row: Row | None  # flat tables (四): the row the column belongs to


@dataclass(eq=False)
class Target:
    """An official table as the layout prints it, with the keys its labels are known by."""

    section: Section
    table: Table
    columns: list[TargetColumn]

    def __post_init__(self):
        self.header_keys = frozenset().union(*(label_keys(t) for c in self.columns for t in c.path))
        self.bottom = [label_keys(c.path[-1]) for c in self.columns]
        self.row_keys = {row.id: label_keys(row.label) for row in self.table.rows}
        groups = {p for row in self.table.rows for p in row.path[:-1]}
        named = frozenset().union(*self.row_keys.values())
        self.group_keys = frozenset().union(*(label_keys(g) for g in groups)) - named

    @property
    def flat(self) -> bool:
        return self.table.layout == "flat"

    @property
    def name(self) -> str:
        caption = f"{self.table.caption}" if self.table.caption else ""
        return f"{self.section.heading_short}{caption}"

    def cell_id(self, column: TargetColumn, row: Row | None) -> str:
        return f"{self.section.id}.{(row or column.row).id}.{column.column.id}"


def targets(form: Form) -> list[Target]:
    found = []
    for section in form.sections:
        for table in section.tables:
            grid = table_grid(section, table)
            first = grid.header_rows  # grid tables: the first body row shows every column
            columns = []
            for cell in grid.data_cells:
                if cell.row != first:
                    continue
                path: list[str] = []
                for header_row in range(grid.header_rows):
                    over = grid.at(header_row, cell.col)
                    if over is not None and over.kind == "header" and over.text not in path:
                        path.append(over.text)
                definition = form.cells[cell.cell_id]
                flat_row = definition.row if table.layout == "flat" else None
                columns.append(TargetColumn(tuple(path), definition.column, flat_row))
            found.append(Target(section, table, columns))
    return found


@dataclass(eq=False)
class Match:
    """Where a table was found and what could be made of it."""

    target: Target
    sheet: Sheet
    header_row: int
    columns: dict[int, list[int]]  # target column index -> sheet columns
    rows: dict[int, Row] = field(default_factory=dict)  # sheet row -> form row
    data_row: int | None = None  # flat tables
    unknown_rows: list[tuple[int, int, str]] = field(default_factory=list)  # r, c, label
    group_rows: list[tuple[int, int, str]] = field(default_factory=list)  # with figures
    duplicate_rows: list[tuple[int, int, str, Row]] = field(default_factory=list)
    fuzzy: list[tuple[int, int, str, str]] = field(default_factory=list)  # r, c, label, official
    unknown_columns: list[tuple[int, str]] = field(default_factory=list)  # c, label
    score: float = 0.0

    @property
    def first_col(self) -> int:
        return min(c for cols in self.columns.values() for c in cols)

    def cells(self) -> list[tuple[str, list[tuple[int, int]]]]:
        """Each found cell's id with the sheet positions it covers."""
        found = []
        rows = [(self.data_row, None)] if self.target.flat else sorted(self.rows.items())
        for r, row in rows:
            if r is None:
                continue
            for index, columns in self.columns.items():
                column = self.target.columns[index]
                found.append((self.target.cell_id(column, row), [(r, c) for c in columns]))
        return found


def find_tables(sheets: list[Sheet], form: Form) -> list[tuple[Target, Match | None]]:
    """Each of the form's tables with its best place in the workbook, if any."""
    every = targets(form)
    headers = {id(s): _header_rows(s, every) for s in sheets}
    found: list[tuple[Target, Match | None]] = []
    for target in every:
        best: Match | None = None
        for sheet in sheets:
            stops = set().union(*headers[id(sheet)].values())
            for h in sorted(headers[id(sheet)][target]):
                match = _match_at(sheet, target, h, stops - {h})
                if match is not None and (best is None or match.score > best.score):
                    best = match
        found.append((target, best))
    return found


def _header_rows(sheet: Sheet, every: list[Target]) -> dict[Target, set[int]]:
    """Rows that carry most of a table's bottom header labels."""
    rows: dict[Target, set[int]] = {t: set() for t in every}
    for r in sheet.by_row:
        present = frozenset().union(*(label_keys(t) for _, t in sheet.texts(r)))
        if not present:
            continue
        for target in every:
            distinct = set(target.bottom)
            hits = sum(1 for keys in distinct if keys & present)
            if hits >= max(1, math.ceil(0.6 * len(distinct))):
                rows[target].add(r)
    return rows


def _match_at(sheet: Sheet, target: Target, h: int, stops: set[int]) -> Match | None:
    columns, unknown = _columns(sheet, target, h)
    if not columns:
        return None
    match = Match(target, sheet, h, columns, unknown_columns=unknown)
    if target.flat:
        match.data_row = _data_row(sheet, match, stops)
        match.score = len(columns) / len(target.columns)
        return match if len(columns) >= 0.6 * len(target.columns) else None
    _body(sheet, match, stops)
    exact = len(match.rows) - len(match.fuzzy)
    match.score = exact + 0.5 * len(match.fuzzy) + 0.1 * len(columns)
    return match if match.rows else None


def _header_block(sheet: Sheet, target: Target, h: int) -> list[int]:
    block = [h]
    for r in range(h - 1, max(h - 5, 0), -1):
        if not any(label_keys(t) & target.header_keys for _, t in sheet.texts(r)):
            break
        block.insert(0, r)
    return block


def _columns(sheet: Sheet, target: Target, h: int):
    """Target column index -> sheet columns, and header cells of unknown columns."""
    block = _header_block(sheet, target, h)
    columns: dict[int, list[int]] = {}
    unknown: list[tuple[int, str]] = []
    previous: tuple[object, int] | None = None  # (bottom header merge, target index)
    for c, text in sheet.texts(h):
        keys = label_keys(text)
        if not any(keys & bottom for bottom in target.bottom):
            if columns:
                unknown.append((c, text))
            continue
        merge = sheet.merge_at(h, c)
        if merge is not None and previous is not None and previous[0] == merge:
            columns[previous[1]].append(c)  # one data cell under a merged header
            continue
        path = [t for r in block if (t := sheet.text(r, c)) and label_keys(t) & target.header_keys]
        index = _choose_column(target, path, set(columns))
        if index is None:
            unknown.append((c, text))
            continue
        columns[index] = [c]
        previous = (merge, index) if merge is not None else None
    return columns, unknown


def _choose_column(target: Target, path: list[str], used: set[int]) -> int | None:
    last = label_keys(path[-1])
    fits = [i for i, keys in enumerate(target.bottom) if keys & last and i not in used]
    groups = [label_keys(p) for p in path[:-1]]
    exact = [
        i
        for i in fits
        if all(any(g & label_keys(p) for p in target.columns[i].path) for g in groups)
    ]
    return (exact or fits or [None])[0]


def _data_row(sheet: Sheet, match: Match, stops: set[int]) -> int | None:
    positions = [c for cols in match.columns.values() for c in cols]
    for r in range(match.header_row + 1, match.header_row + 4):
        if r in stops:
            break
        if any(_data_at(sheet, match, r, c) for c in positions):
            return r
    below = match.header_row + 1
    return None if below in stops else below


def _data_at(sheet: Sheet, match: Match, r: int, c: int) -> bool:
    """A figure or formula at a data position (text of a note merged over it is not)."""
    anchor = sheet.anchor(r, c)
    if anchor[1] < match.first_col:
        return False
    if anchor in sheet.formulas:
        return True
    value = sheet.values.get(anchor)
    if isinstance(value, str):
        return looks_numeric(value)
    return value is not None and not isinstance(value, bool)


def _labels(sheet: Sheet, r: int, before: int) -> list[tuple[int, str]]:
    labels: list[tuple[int, str]] = []
    for c, text in sheet.texts(r):
        if c >= before or looks_numeric(text) or is_mark(text):
            continue
        if not labels or labels[-1][1] != text:
            labels.append((c, text))
    return labels


def _body(sheet: Sheet, match: Match, stops: set[int]) -> None:
    first = match.first_col
    data_columns = sorted({c for cols in match.columns.values() for c in cols})
    extra = [c for c, _ in match.unknown_columns]
    seen: dict[str, int] = {}
    blank, r, end = 0, match.header_row, max(sheet.by_row, default=0)
    while r < end:
        r += 1
        if r in stops:
            break
        labels = _labels(sheet, r, first)
        figures = any(_data_at(sheet, match, r, c) for c in data_columns + extra)
        if not labels and not figures and not sheet.texts(r):
            blank += 1
            if blank >= 3 and match.rows:
                break
            continue
        blank = 0
        _classify(sheet, match, r, labels, figures, seen)


def _classify(sheet, match: Match, r: int, labels, figures: bool, seen: dict) -> None:
    target = match.target
    if not labels:
        if figures:
            match.unknown_rows.append((r, match.first_col, ""))
        return
    if any(norm(t).startswith(BALANCE_LABEL) for _, t in labels):
        return  # our template's balance row
    row, fuzzy = _row_for(target, labels)
    c, text = labels[-1]
    if row is None:
        if label_keys(text) & target.group_keys:
            if figures:
                match.group_rows.append((r, c, text))
        elif figures:
            match.unknown_rows.append((r, c, text))
        return
    if row.id in seen:
        match.duplicate_rows.append((r, c, text, row))
        return
    seen[row.id] = r
    match.rows[r] = row
    if fuzzy:
        match.fuzzy.append((r, c, text, row.label))


def _row_for(target: Target, labels: list[tuple[int, str]]) -> tuple[Row | None, bool]:
    """The form row these labels name (exactly, else uniquely by containment)."""
    rows = {row.id: row for row in target.table.rows}
    context = frozenset().union(*(label_keys(t) for _, t in labels))
    for _, text in reversed(labels):
        keys = label_keys(text)
        found = [i for i, row_keys in target.row_keys.items() if row_keys & keys]
        if len(found) > 1:  # the same label under two groups: the group decides
            found = [i for i in found if _groups_fit(rows[i], context)] or found[:1]
        if found:
            return rows[found[0]], False
        if keys & target.group_keys:
            return None, False  # a group label (（三）不予公开 with its own row)
    for candidate in (labels[-1][1], "".join(t for _, t in labels)):
        key = bare(candidate)
        found = [
            i for i, row_keys in target.row_keys.items() if any(_contains(key, k) for k in row_keys)
        ]
        if len(found) == 1:
            return rows[found[0]], True
    return None, False


def _groups_fit(row: Row, context: frozenset[str]) -> bool:
    return all(label_keys(g) & context for g in row.path[:-1])


def _contains(one: str, other: str) -> bool:
    """规范性文件 for 行政规范性文件: one inside the other, and not a small part of it."""
    short, long = sorted((one, other), key=len)
    return len(short) >= 2 and short in long and 2 * len(short) >= len(long)
