"""Labelled rows → cell ids, driven by the labels in forms/.

The printed rows of figures are matched to the form's rows in printed order by their
labels (an alignment that allows missing, torn and extra rows), each row's figures are
read only where exactly one reading fits the balance relations, and everything that
could not be placed or read is said with its place."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from desktop.core.exchange.published import labels, solver
from desktop.core.exchange.published.labels import Target, norm
from desktop.core.exchange.published.pieces import Document, Text, Values
from desktop.core.forms import Form

HEADING_CHARS = 4
GROUP_LIMIT = 4000  # combinations of open rows tried against the relations  # a heading is found by its number and the first characters of its title


@dataclass
class Row:
    """A run of printed figures with the words printed before it."""

    label: str  # normalised
    shown: str  # as printed (shortened), for messages
    tokens: list
    place: str
    exact: bool
    glued: bool = False  # figures printed against words: empty cells cannot have vanished
    after: str = ""  # normalised words after the figures: a label torn by them ends there
    printed: str = ""  # the figures as printed (a run of text), for messages
    target: Target | None = None
    readings: solver.Readings | None = None
    chosen: tuple | None = None
    how: str = ""  # "" printed one per cell, "split" forced, "row" by its total, "relations"


@dataclass
class Mapping:
    form: Form
    cells: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def headings(form: Form, text: str) -> dict[str, int]:
    """Where each section's heading (二、主动公开…) starts, searched in printed order."""
    found: dict[str, int] = {}
    position = 0
    for section in form.sections:
        title = section.title[:HEADING_CHARS]
        pattern = re.escape(section.number) + r"\s*[、.．]\s*" + r"\s*".join(map(re.escape, title))
        match = re.compile(pattern).search(text, position)
        if match:
            found[section.id] = match.start()
            position = match.end()
    return found


def region(form: Form, document: Document) -> tuple[int, int]:
    """From the first table section's heading (or, where 二 has none, from the end of
    一's heading or the start) to the first text section after the tables."""
    found = headings(form, document.text)
    table_ids = [s.id for s in form.sections if not s.is_text]
    if table_ids[0] in found:
        start = found[table_ids[0]]
    else:
        before = [
            p
            for i, p in found.items()
            if i not in table_ids
            and p < min((found[i] for i in table_ids if i in found), default=len(document.text))
        ]
        start = document.text.find("\n", max(before)) + 1 if before else 0
    ends = [p for i, p in found.items() if i not in table_ids and p > start]
    return start, min(ends) if ends else len(document.text)


def rows_of(document: Document, start: int, end: int) -> list[Row]:
    rows: list[Row] = []
    words: list[str] = []
    last: Values | None = None
    for piece in document.pieces:
        if isinstance(piece, Text):
            # a text piece may begin before the region and carry its first heading
            inside = piece.text[max(0, start - piece.start) : max(0, end - piece.start)]
            if inside.strip():
                words.append(inside.strip())
                last = None
            continue
        if piece.start < start or piece.start >= end:
            continue
        if last is not None and piece.exact and piece.group == last.group and rows:
            rows[-1].tokens.extend(piece.tokens)
            continue
        label = " ".join(words)
        shown = label if len(label) <= 40 else "…" + label[-39:]
        rows.append(
            Row(norm(label), shown, list(piece.tokens), piece.place, piece.exact, piece.glued)
        )
        if not piece.exact:
            rows[-1].printed = document.text[piece.start : piece.end]
        words, last = [], piece
    for row, following in itertools.pairwise(rows):
        row.after = following.label
    if rows:
        rows[-1].after = norm(" ".join(words))
    return rows


def align(rows: list[Row], targets: list[Target]) -> None:
    """Match rows to targets in printed order, maximising label similarity (plus a little
    for a row whose count of figures fits); sets Row.target."""
    scores = [[_score(row, target) for target in targets] for row in rows]
    best = [[0.0] * (len(targets) + 1) for _ in range(len(rows) + 1)]
    for i in range(len(rows) - 1, -1, -1):
        for j in range(len(targets) - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            if scores[i][j] > 0:
                options.append(scores[i][j] + best[i + 1][j + 1])
            best[i][j] = max(options)
    i = j = 0
    while i < len(rows) and j < len(targets):
        if scores[i][j] > 0 and best[i][j] == scores[i][j] + best[i + 1][j + 1]:
            rows[i].target = targets[j]
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1


def _score(row: Row, target: Target) -> float:
    similarity = labels.score(target, row.label)
    if similarity < 1.0 and row.after:
        # a label wrapped in its cell, the figures printed beside its middle line
        similarity = max(similarity, 0.9 * labels.score(target, row.label + row.after))
    if similarity < labels.MATCH:
        return 0.0
    n = len(target.cells)
    count = len(row.tokens)
    most = sum(solver._most_parts(t) for t in row.tokens)
    fits = count == n or (count < n and (not row.glued or most >= n))
    bonus = 0.25 if fits else 0.0
    if all(t.blank for t in row.tokens):
        bonus -= 0.1  # a row of figures wins a label over a row of blanks
    return similarity + bonus + n / 1000


def read_rows(form: Form, rows: list[Row]) -> None:
    for index, row in enumerate(rows):
        if row.target is None:
            continue
        stray = _stray_after(rows, index)
        if stray and len(row.tokens) < len(row.target.cells):
            # 行政事业性收费16减12: figures after a word may still be this row's
            row.readings = solver.Readings(
                problem=f"其后还有未归入任何一行的数字“{stray}”，可能属于本行，无法确定本行各栏"
            )
            continue
        kinds = [form.cells[c].kind for c in row.target.cells]
        row.readings = solver.read_row(row.tokens, kinds, row.exact or not row.glued)
        if len(row.readings.options) == 1:
            row.chosen = row.readings.options[0]
            row.how = "split" if row.readings.split else ""
    _by_row_totals(form, rows)
    _by_relations(form, rows)


def _stray_after(rows: list[Row], index: int) -> str:
    following = rows[index + 1] if index + 1 < len(rows) else None
    if following is None or following.target is not None:
        return ""
    if all(t.blank for t in following.tokens):
        return ""
    return " ".join(t.raw for t in following.tokens)


def _known(rows: list[Row]) -> dict:
    """The printed figures of the rows read; a group printed as one row of another
    format (（六）其他处理) prints nothing in its other rows."""
    printed: dict = {}
    for row in rows:
        if row.chosen is not None:
            printed.update(zip(row.target.cells, row.chosen, strict=True))
            if row.target.foreign:
                for sibling in _siblings(row.target):
                    printed.update(dict.fromkeys(_cells(row.target, sibling)))
    return printed


def _siblings(target: Target):
    into = target.rows[0]
    return [r for r in target.table.rows if r.path[:-1] == into.path[:-1] and r is not into]


def _cells(target: Target, row) -> list[str]:
    return [f"{target.section.id}.{row.id}.{c.id}" for c in target.table.columns]


def _by_row_totals(form: Form, rows: list[Row]) -> None:
    for row in rows:
        readings = row.readings
        if row.target is None or row.chosen is not None or not readings.options:
            continue
        totals = solver.row_totals(form, row.target.cells)
        if not totals:
            continue
        states = [(o, solver.fits_totals(o, totals)) for o in readings.options]
        fitting = [o for o, state in states if state is not False]
        if len(fitting) == 1 and any(state for o, state in states if o == fitting[0]):
            row.chosen, row.how = fitting[0], "row"
        elif not fitting:
            readings.problem = "没有一种拆法能使本行总计相符"
            readings.options = []
        else:
            readings.options = fitting


def _by_relations(form: Form, rows: list[Row]) -> None:
    """Rows still with several readings, taken together with the rows already read:
    each group of rows tied by relations is read only where the relations leave one."""
    open_rows = [
        r for r in rows if r.target is not None and r.chosen is None and r.readings.options
    ]
    if not open_rows:
        return
    fixed = _known(rows)
    cells_of = {id(r): set(r.target.cells) for r in open_rows}
    tying = [
        rel
        for rel in solver.relations(form)
        if any(rel.support & cells_of[id(r)] for r in open_rows)
        and rel.support <= fixed.keys() | set().union(*cells_of.values())
    ]
    for group in _groups(open_rows, tying, cells_of):
        _solve_group(form, group, fixed, tying)


def _groups(open_rows, tying, cells_of):
    groups: list[list] = [[r] for r in open_rows]
    for relation in tying:
        touched = [g for g in groups if any(relation.support & cells_of[id(r)] for r in g)]
        if len(touched) > 1:
            merged = [r for g in touched for r in g]
            groups = [g for g in groups if g not in touched] + [merged]
    return groups


def _solve_group(form: Form, group: list[Row], fixed: dict, tying) -> None:
    cells = set().union(*(set(r.target.cells) for r in group))
    mine = [rel for rel in tying if rel.support & cells]
    total = 1
    for row in group:
        total *= len(row.readings.options)
    if not mine or total > GROUP_LIMIT:
        return  # the rows stay with their several readings and are listed
    surviving = []
    verified: set[int] = set()  # rows a relation that could be judged held for
    for combination in itertools.product(*(r.readings.options for r in group)):
        printed = dict(fixed)
        for row, option in zip(group, combination, strict=True):
            printed.update(zip(row.target.cells, option, strict=True))
        judged = [(rel, solver.holds(form, rel, printed)) for rel in mine]
        if all(state is not False for _, state in judged):
            surviving.append(combination)
            held = (
                set().union(*(rel.support for rel, state in judged if state)) if judged else set()
            )
            verified |= {i for i, row in enumerate(group) if held & set(row.target.cells)}
    for index, row in enumerate(group):
        options = {c[index] for c in surviving}
        if len(options) == 1 and index in verified:
            row.chosen, row.how = options.pop(), "relations"
        elif len(options) == 1:
            row.readings.problem = "无法用勾稽关系核实"
            row.readings.options = []
        elif not options:
            row.readings.problem = "没有一种读法能使勾稽关系成立"
            row.readings.options = []
        else:
            row.readings.options = sorted(options, key=str)
