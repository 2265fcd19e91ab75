"""The labels of forms/: what rows a published table can be read into, how close a
printed label is to a form's, and which format the printed labels belong to.

Nothing here names a label: every key comes from the form data, so next year's format
is read as soon as its data file exists."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from desktop.core.forms import Form, Row, Section, Table

MATCH = 0.6  # least label similarity for a row of figures to be read into a form row


def norm(text: str) -> str:
    """Letters, digits and Chinese only, full-width folded: （三）1、 and (三)1. compare equal."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isalnum())


def similarity(key: str, text: str) -> float:
    """How much of the key the text prints, in order and close together (OCR slips
    such as 其他法律行政止公开 keep most of their key; 复议 alone is not 行政复议)."""
    if not key or not text:
        return 0.0
    if key in text:
        return 1.0
    blocks = [
        b
        for b in SequenceMatcher(None, text, key, autojunk=False).get_matching_blocks()
        if b.size >= 2
    ]
    if not blocks:
        return 0.0
    covered = sum(b.size for b in blocks)
    span = blocks[-1].a + blocks[-1].size - blocks[0].a
    return covered / len(key) * min(1.0, len(key) / span)


@dataclass(frozen=True)
class Target:
    """A printed row the figures of one labelled row go into: a form row, a whole flat
    table (四 printed as one row of 15), or another format's row read into this one."""

    section: Section
    table: Table
    rows: tuple[Row, ...]
    cells: tuple[str, ...]
    keys: tuple[str, ...]
    words: str  # the row as named to the officer
    foreign: str = ""  # the other format's row label read into `rows` (（六）其他处理)

    @property
    def flat(self) -> bool:
        return len(self.rows) > 1


def row_words(section: Section, table: Table, row: Row) -> str:
    heading = section.heading if len(section.heading) <= 8 else section.heading[:7] + "…"
    path = row.path[1:] if table.label_columns >= 3 and len(row.path) > 1 else row.path
    caption = f"{table.caption}" if table.caption else ""
    return f"{heading}{caption}“{' '.join(path)}”行"


def table_words(section: Section, table: Table) -> str:
    heading = section.heading if len(section.heading) <= 8 else section.heading[:7] + "…"
    return f"{heading}{table.caption}" if table.caption else section.heading


def _key(row: Row) -> str:
    return norm(row.label)


def targets(form: Form, skip_sections=(), foreign_rows=()) -> list[Target]:
    """Every row of the form's tables in printed order; a flat table also as a whole.
    `foreign_rows` are (section id, Row of another format, Row of this one) to read into."""
    found: list[Target] = []
    for section in form.sections:
        if section.is_text or section.id in skip_sections:
            continue
        for table in section.tables:
            if table.layout == "flat":
                cells = tuple(
                    f"{section.id}.{r.id}.{c.id}" for r in table.rows for c in table.columns
                )
                keys = tuple(_key(r) for r in table.rows)
                found.append(
                    Target(section, table, table.rows, cells, keys, table_words(section, table))
                )
            for row in table.rows:
                for other, into in foreign_rows:
                    if into is row:
                        found.append(_target(section, table, into, foreign=other))
                found.append(_target(section, table, row))
    return found


def _target(section: Section, table: Table, row: Row, foreign: Row | None = None) -> Target:
    cells = tuple(f"{section.id}.{row.id}.{c.id}" for c in table.columns)
    key = _key(foreign) if foreign is not None else _key(row)
    words = row_words(section, table, row)
    return Target(section, table, (row,), cells, (key,), words, foreign.label if foreign else "")


def score(target: Target, label: str) -> float:
    if target.flat:
        return sum(similarity(k, label) for k in target.keys) / len(target.keys)
    return similarity(target.keys[0], label)


# -- which format ------------------------------------------------------------------


def section_labels(form: Form, section_id: str) -> dict[str, str]:
    """Captions, header texts, column labels and row labels of one section, normalised
    (each to its printed form, to name it to the officer)."""
    printed: list[str] = []
    for section in form.sections:
        if section.id != section_id:
            continue
        for table in section.tables:
            printed.append(table.caption)
            printed += [cell.text for line in table.header for cell in line]
            printed += [column.label for column in table.columns]
            printed += [part for row in table.rows for part in row.path]
    labels = {norm(text): text for text in printed}
    labels.pop("", None)
    return labels


def distinct_labels(form: Form, others: list[Form], section_id: str) -> dict[str, str]:
    """This format's labels that no other format prints, even inside a longer label
    (规范性文件 is inside 行政规范性文件, so it tells nothing)."""
    theirs = set().union(*(section_labels(o, section_id) for o in others)) if others else set()
    return {
        label: text
        for label, text in section_labels(form, section_id).items()
        if not any(label in other for other in theirs) and len(label) >= 3
    }


def _strip_number(label: str) -> str:
    return re.sub(r"^[一二三四五六七八九十\d]+", "", label)


def catch_all(form: Form, section_id: str, group_label: str) -> Row | None:
    """The row of a group that takes what fits no other (3.其他 under （六）其他处理)."""
    for section in form.sections:
        if section.id != section_id:
            continue
        for table in section.tables:
            members = [r for r in table.rows if len(r.path) > 1 and norm(r.path[-2]) == group_label]
            for row in members:
                if len(_strip_number(norm(row.label))) <= 2 and norm(row.label).endswith(
                    _strip_number(group_label)[:2]
                ):
                    return row
    return None
