"""Load and validate one official-format data file (forms/<id>.toml).

A broken file fails with FormDefinitionError naming the file, the entry and the
problem, so adding next year's format is editing data, never debugging code.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from desktop.core.errors import FormDefinitionError
from desktop.core.forms import parsed_cache
from desktop.core.forms.model import (
    CellDef,
    Column,
    Declaration,
    Form,
    HeaderCell,
    Row,
    Section,
    Table,
)
from desktop.core.values import CellKind

SECTION_KINDS = ("text", "tables")
LAYOUTS = ("grid", "flat")


class _Entry:
    """Typed access to one TOML table that reports problems by entry name."""

    def __init__(self, path: Path, name: str, data: object):
        if not isinstance(data, dict):
            raise FormDefinitionError(path, name, "应为表（table）")
        self.path, self.name, self.data = path, name, data

    def fail(self, problem: str) -> None:
        raise FormDefinitionError(self.path, self.name, problem)

    def get(self, key: str, kind: type, default: object = ...) -> object:
        if key not in self.data:
            if default is ...:
                self.fail(f"缺少“{key}”")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(f"“{key}”应为{_TYPE_WORDS.get(kind, kind.__name__)}")
        return value

    def text(self, key: str, default: object = ...) -> str:
        value = self.get(key, str, default)
        if default is ... and not value.strip():
            self.fail(f"“{key}”不能为空")
        return value

    def children(self, key: str) -> list[_Entry]:
        items = self.get(key, list, [])
        return [_Entry(self.path, f"{self.name}.{key}[{i}]", item) for i, item in enumerate(items)]

    def strings(self, key: str) -> tuple[str, ...]:
        items = self.get(key, list, [])
        if not all(isinstance(item, str) and item for item in items):
            self.fail(f"“{key}”应为非空字符串列表")
        return tuple(items)


_TYPE_WORDS = {str: "字符串", int: "整数", list: "列表", dict: "表", bool: "true 或 false"}


def _read_toml(path: Path) -> dict:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FormDefinitionError(path, "文件", f"无法读取（{error.strerror}）") from error
    return parsed_cache.parsed(data, lambda raw: _parse_toml(path, raw))


def _parse_toml(path: Path, raw: bytes) -> dict:
    import tomllib  # only when the cache does not have this file yet

    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise FormDefinitionError(path, "TOML 语法", str(error)) from error


def load_form_file(path: Path) -> Form:
    root = _Entry(path, "顶层", _read_toml(path))
    if root.get("schema", int) != 1:
        root.fail("不支持的 schema 版本")
    sections = tuple(_section(entry) for entry in root.children("sections"))
    if not sections:
        root.fail("没有任何 sections")
    _unique(root, "sections", [s.id for s in sections])
    form = Form(
        id=root.text("id"),
        name=root.text("name"),
        title=root.text("title"),
        notice=root.text("notice"),
        first_year=root.get("first_year", int),
        last_year=root.get("last_year", int, None),
        sections=sections,
        cells=MappingProxyType(_cells(root, sections)),
        declarations=tuple(_declaration(e, sections) for e in root.children("declarations")),
        carry_over=tuple(_carry(e) for e in root.children("carry_over")),
    )
    if path.stem != form.id:
        root.fail(f"文件名应为 {form.id}.toml")
    from desktop.core.checks.rules import compile_rules  # rules need the finished form

    checks = compile_rules(form, [*_included_rules(root), *root.children("rules")])
    return Form(**{**form.__dict__, "checks": checks})


def _included_rules(root: _Entry) -> list[_Entry]:
    """Rules shared by several formats live in one file the forms include by name."""
    entries = []
    for name in root.strings("rules_include"):
        path = root.path.parent / name
        if not path.is_file():
            root.fail(f"rules_include 中的文件 {name} 不存在")
        entries += _Entry(path, "顶层", _read_toml(path)).children("rules")
    return entries


def _declaration(entry: _Entry, sections: tuple[Section, ...]) -> Declaration:
    declaration = Declaration(entry.text("id"), entry.text("text"), entry.text("section"))
    if not declaration.id.isascii() or not declaration.id.replace("_", "").isalnum():
        entry.fail("id 应为英文字母、数字和下划线")
    if declaration.section not in {s.id for s in sections if not s.is_text}:
        entry.fail(f"section“{declaration.section}”不是本格式的表格类栏目")
    return declaration


def _carry(entry: _Entry) -> tuple[str, str]:
    source, target = entry.text("from"), entry.text("to")
    if not (source.endswith(".") and target.endswith(".")):
        entry.fail("from 和 to 应为以“.”结尾的单元格编号前缀，如 s3.carried_out.")
    return source, target


def _section(entry: _Entry) -> Section:
    kind = entry.text("kind")
    if kind not in SECTION_KINDS:
        entry.fail(f"kind 应为 {' 或 '.join(SECTION_KINDS)}")
    tables = tuple(_table(child) for child in entry.children("tables"))
    if (kind == "tables") != bool(tables):
        entry.fail("表格类栏目须有 tables，文字类栏目不能有 tables")
    _unique(entry, "tables", [t.id for t in tables])
    return Section(
        id=entry.text("id"),
        number=entry.text("number"),
        title=entry.text("title"),
        short=entry.text("short"),
        kind=kind,
        help=entry.text("help", "").strip(),
        tables=tables,
    )


def _table(entry: _Entry) -> Table:
    columns = tuple(_column(child) for child in entry.children("columns"))
    rows = tuple(_row(child) for child in entry.children("rows"))
    if not columns or not rows:
        entry.fail("表格须有 columns 和 rows")
    _unique(entry, "columns", [c.id for c in columns])
    _unique(entry, "rows", [r.id for r in rows])
    _check_sums(entry, "columns", columns)
    _check_sums(entry, "rows", rows)
    layout = entry.text("layout", "grid")
    if layout not in LAYOUTS:
        entry.fail(f"layout 应为 {' 或 '.join(LAYOUTS)}")
    table = Table(
        id=entry.text("id"),
        caption=entry.text("caption", ""),
        label_columns=entry.get("label_columns", int),
        header=tuple(_header_row(entry, i, row) for i, row in enumerate(entry.get("header", list))),
        layout=layout,
        columns=columns,
        rows=rows,
    )
    _check_header(entry, table)
    return table


def _column(entry: _Entry) -> Column:
    kind = entry.text("kind", "count")
    if kind not in {k.value for k in CellKind}:
        entry.fail(f"kind“{kind}”未知，应为 count、signed 或 money")
    span = entry.get("span", int, 1)
    if span < 1:
        entry.fail("span 应 ≥ 1")
    return Column(
        id=entry.text("id"),
        label=entry.text("label"),
        kind=CellKind(kind),
        span=span,
        help=entry.text("help", "").strip(),
        sum_of=entry.strings("sum_of"),
    )


def _row(entry: _Entry) -> Row:
    path = entry.strings("path")
    if not path:
        entry.fail("path 不能为空")
    return Row(
        id=entry.text("id"),
        path=path,
        help=entry.text("help", "").strip(),
        sum_of=entry.strings("sum_of"),
    )


def _header_row(entry: _Entry, index: int, cells: object) -> tuple[HeaderCell, ...]:
    row = _Entry(entry.path, f"{entry.name}.header[{index}]", {"cells": cells})
    result = []
    for cell in row.children("cells"):
        header = HeaderCell(
            cell.text("text", ""), cell.get("colspan", int, 1), cell.get("rowspan", int, 1)
        )
        if header.colspan < 1 or header.rowspan < 1:
            cell.fail("colspan 与 rowspan 应 ≥ 1")
        result.append(header)
    return tuple(result)


def _check_header(entry: _Entry, table: Table) -> None:
    """Every header row, with the rowspans reaching into it, must fill the table width."""
    span = sum(c.span for c in table.columns)
    width = span * len(table.rows) if table.layout == "flat" else table.label_columns + span
    if not table.header:
        entry.fail("缺少 header")
    covered = [0] * width  # rows still covered by a rowspan from above, per column
    for index, cells in enumerate(table.header):
        position = 0
        for cell in cells:
            while position < width and covered[position]:
                position += 1
            if position + cell.colspan > width:
                entry.fail(f"header 第{index + 1}行超出表格宽度 {width}")
            for col in range(position, position + cell.colspan):
                covered[col] = cell.rowspan
            position += cell.colspan
        if any(c == 0 for c in covered):
            entry.fail(f"header 第{index + 1}行未填满表格宽度 {width}")
        covered = [max(c - 1, 0) for c in covered]
    if any(covered):
        entry.fail("header 中有 rowspan 超出了表头行数")


def _check_sums(entry: _Entry, key: str, items: tuple[Column | Row, ...]) -> None:
    ids = {item.id for item in items}
    for item in items:
        for part in item.sum_of:
            if part not in ids or part == item.id:
                entry.fail(f"{key} 中“{item.id}”的 sum_of 引用了不存在的“{part}”")


def _unique(entry: _Entry, key: str, ids: list[str]) -> None:
    seen = set()
    for item in ids:
        if item in seen:
            entry.fail(f"{key} 中 id“{item}”重复")
        seen.add(item)


def _cells(root: _Entry, sections: tuple[Section, ...]) -> dict[str, CellDef]:
    cells: dict[str, CellDef] = {}
    for section in sections:
        row_ids: set[str] = set()
        for table in section.tables:
            for row in table.rows:
                if row.id in row_ids:
                    root.fail(f"栏目 {section.id} 中行 id“{row.id}”在多个表格中重复")
                row_ids.add(row.id)
                for column in table.columns:
                    cell_id = f"{section.id}.{row.id}.{column.id}"
                    cells[cell_id] = CellDef(
                        cell_id, section, table, row, column, _parts(section, row, column)
                    )
    return cells


def _parts(section: Section, row: Row, column: Column) -> tuple[str, ...]:
    # A total column wins over a total row, so the corner cell is the sum of its row.
    if column.sum_of:
        return tuple(f"{section.id}.{row.id}.{c}" for c in column.sum_of)
    if row.sum_of:
        return tuple(f"{section.id}.{r}.{column.id}" for r in row.sum_of)
    return ()
