"""The official formats as plain immutable objects (built by loader.py from forms/*.toml).

They are told apart by identity and id, never compared or printed whole: without the
generated __eq__/__repr__ each class costs about half the start-up time to define."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from desktop.core.values import CellKind


@dataclass(frozen=True, eq=False, repr=False)
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, eq=False, repr=False)
class Column:
    id: str
    label: str
    kind: CellKind
    span: int = 1
    help: str = ""
    sum_of: tuple[str, ...] = ()

    @property
    def derived(self) -> bool:
        return bool(self.sum_of)


@dataclass(frozen=True, eq=False, repr=False)
class Row:
    id: str
    path: tuple[str, ...]
    help: str = ""
    sum_of: tuple[str, ...] = ()

    @property
    def derived(self) -> bool:
        return bool(self.sum_of)

    @property
    def label(self) -> str:
        return self.path[-1]


@dataclass(frozen=True, eq=False, repr=False)
class Table:
    id: str
    caption: str
    label_columns: int
    header: tuple[tuple[HeaderCell, ...], ...]
    layout: str  # "grid": rows under the header; "flat": all rows printed as one row
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, eq=False, repr=False)
class CellDef:
    """One cell of the report, with everything needed to name it to an officer."""

    id: str
    section: Section
    table: Table
    row: Row
    column: Column
    parts: tuple[str, ...] = ()  # ids summed into a derived cell

    @property
    def kind(self) -> CellKind:
        return self.column.kind

    @property
    def derived(self) -> bool:
        return bool(self.parts)

    @property
    def row_words(self) -> str:
        # In 三 the outer group label (三、本年度办理结果) is implied by the sub-row labels.
        path = self.row.path
        if self.table.label_columns >= 3 and len(path) > 1:
            path = path[1:]
        return "·".join(path)

    @property
    def words(self) -> str:
        """E.g. 三、申请情况：（三）不予公开·1.属于国家秘密（自然人）."""
        return f"{self.section.heading_short}：{self.row_words}（{self.column.label}）"


@dataclass(frozen=True, eq=False, repr=False)
class Section:
    id: str
    number: str
    title: str
    short: str
    kind: str  # "text" or "tables"
    help: str = ""
    tables: tuple[Table, ...] = ()

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"

    @property
    def heading_short(self) -> str:
        return f"{self.number}、{self.short}"

    @property
    def is_text(self) -> bool:
        return self.kind == "text"


@dataclass(frozen=True, eq=False, repr=False)
class Declaration:
    """A statement a unit may make instead of figures (本年度未收到政府信息公开申请):
    making it fills the section's empty figures with 0, and it is printed and sent."""

    id: str
    text: str
    section: str  # a table section


@dataclass(frozen=True, eq=False, repr=False)
class Form:
    id: str
    name: str
    title: str
    notice: str
    first_year: int
    last_year: int | None
    sections: tuple[Section, ...]
    cells: MappingProxyType  # id -> CellDef, in printed order
    declarations: tuple[Declaration, ...] = ()
    # (last year's cell-id prefix, this year's): figures a new report takes from last year's
    carry_over: tuple[tuple[str, str], ...] = ()
    checks: tuple[object, ...] = field(default=())  # checks.kinds.*Check, compiled at load

    def covers_year(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def declaration(self, declaration_id: str) -> Declaration:
        return next(d for d in self.declarations if d.id == declaration_id)

    @property
    def text_sections(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.is_text)

    @property
    def input_cells(self) -> tuple[str, ...]:
        return tuple(cid for cid, c in self.cells.items() if not c.derived)

    @property
    def years_words(self) -> str:
        if self.last_year is None:
            return f"{self.first_year}年度及以后"
        return f"{self.first_year}—{self.last_year}年度"
