"""The interchange JSON of cells.md (schema 1): import with validation, and export.

Import never half-succeeds: the result lists every rejected cell, and callers
write nothing while anything was rejected.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core.checks.findings import json_number
from desktop.core.errors import InputError
from desktop.core.forms import Form, form_for_year, load_form
from desktop.core.report import (
    META_FIELDS,
    Report,
    checked_meta,
    checked_text,
)
from desktop.core.values import Number, ValueProblem, parse, to_text

SCHEMA = 1
MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_UNIT_LENGTH = 100
MAX_EXPLANATION_LENGTH = 2000
YEARS = range(2008, 2101)  # the first disclosure regulation took effect in 2008


@dataclass(frozen=True)
class Discrepancy:
    cell: str
    words: str
    published: Number | None
    computed: Number | None

    def to_json(self) -> dict:
        return {
            "cell": self.cell,
            "words": self.words,
            "published": None if self.published is None else json_number(self.published),
            "computed": None if self.computed is None else json_number(self.computed),
        }

    def line(self) -> str:
        shown = "空" if self.computed is None else to_text(self.computed)
        return f"{self.words}：公布值{to_text(self.published)}，按明细计算为{shown}"


@dataclass
class ImportResult:
    report: Report
    imported: list[str] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (cell id or key, message)
    explanations: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def to_json(self) -> dict:
        return {
            "unit": self.report.unit,
            "year": self.report.year,
            "form": self.report.form.id,
            "imported": self.imported,
            "discrepancies": [d.to_json() for d in self.discrepancies],
            "rejected": [{"cell": c, "message": m} for c, m in self.rejected],
        }


def read_json(raw: bytes, source: str) -> ImportResult:
    if len(raw) > MAX_JSON_BYTES:
        raise InputError(f"{source} 超过 {MAX_JSON_BYTES // 1024 // 1024} MB，不是年报数据文件")
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_float=Decimal)
    except (ValueError, RecursionError) as error:
        # ValueError covers bad UTF-8, bad JSON and integers of thousands of digits;
        # RecursionError a hostile nesting depth.
        raise InputError(f"{source} 不是有效的年报 JSON 文件（{_first_line(error)}）") from error
    if not isinstance(data, dict):
        raise InputError(f"{source} 的内容应为一个 JSON 对象")
    return from_interchange(data, source)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:120] if text else type(error).__name__


def from_interchange(data: dict, source: str) -> ImportResult:
    if data.get("schema") != SCHEMA:
        raise InputError(f"{source}：不支持的数据版本 schema={data.get('schema')!r}，应为 {SCHEMA}")
    unit, year = checked_identity(data.get("unit"), data.get("year"))
    form = _form(data.get("form"), year)
    result = ImportResult(Report(unit, year, form))
    _read_cells(result, data.get("cells", {}))
    _read_texts(result, data.get("texts", {}))
    _read_meta(result, data.get("meta", {}))
    _read_explanations(result, data.get("explanations", {}))
    if not result.rejected:
        _compare_totals(result)
    return result


def checked_identity(unit: object, year: object) -> tuple[str, int]:
    if not isinstance(unit, str) or not unit.strip():
        raise InputError("缺少单位名称（unit）")
    if len(unit) > MAX_UNIT_LENGTH or any(ord(ch) < 32 for ch in unit):
        raise InputError(f"单位名称应为不超过{MAX_UNIT_LENGTH}字的一行文字")
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        raise InputError(f"报告年度（year）应为{YEARS.start}—{YEARS.stop - 1}之间的整数")
    return unit.strip(), year


def _form(form_id: object, year: int) -> Form:
    if form_id is None:
        return form_for_year(year)
    if not isinstance(form_id, str):
        raise InputError("报告格式（form）应为“2019”或“2021”")
    return load_form(form_id)


def _read_cells(result: ImportResult, cells: object) -> None:
    report = result.report
    if not isinstance(cells, dict):
        result.rejected.append(("cells", "cells 应为“单元格编号: 数字”的对象"))
        return
    for cell_id, raw in cells.items():
        if isinstance(raw, str) or raw is None:
            result.rejected.append((cell_id, f"{cell_id}：应为数字，不能是文字或空值"))
            continue
        definition = report.form.cells.get(cell_id)
        try:
            if definition is not None and definition.derived:
                report.published[cell_id] = _published(definition, raw)
            else:
                report.set_value(cell_id, raw)
                result.imported.append(cell_id)
        except (InputError, ValueProblem) as error:
            result.rejected.append((cell_id, f"{cell_id}：{error}"))


def _published(definition, raw: object) -> Number:
    try:
        return parse(definition.kind, raw)
    except ValueProblem as problem:
        raise InputError(f"{definition.words}：{problem}") from problem


def _compare_totals(result: ImportResult) -> None:
    """Keep a published total only where it disagrees with the figures it sums."""
    report = result.report
    for cell_id, published in list(report.published.items()):
        computed = report.value(cell_id)
        if computed == published:
            del report.published[cell_id]
        else:
            words = report.form.cells[cell_id].words
            result.discrepancies.append(Discrepancy(cell_id, words, published, computed))


def _read_texts(result: ImportResult, texts: object) -> None:
    if not isinstance(texts, dict):
        result.rejected.append(("texts", "texts 应为“栏目编号: 文字”的对象"))
        return
    for section_id, text in texts.items():
        try:
            result.report.texts[section_id] = checked_text(result.report.form, section_id, text)
        except InputError as error:
            result.rejected.append((section_id, f"{section_id}：{error}"))


def _read_meta(result: ImportResult, meta: object) -> None:
    if not isinstance(meta, dict):
        return  # an extra key in a foreign format; readers ignore what they do not know
    for name, value in meta.items():
        if name not in META_FIELDS:
            continue
        try:
            result.report.meta[name] = checked_meta(name, value)
        except InputError as error:
            result.rejected.append((f"meta.{name}", str(error)))


def _read_explanations(result: ImportResult, explanations: object) -> None:
    if not isinstance(explanations, dict):
        return
    keys = {check.key for check in result.report.form.checks}
    for key, text in explanations.items():
        if key not in keys:
            result.rejected.append((f"explanations.{key}", f"说明对应的检查“{key}”不存在"))
        elif not isinstance(text, str) or len(text) > MAX_EXPLANATION_LENGTH:
            result.rejected.append(
                (f"explanations.{key}", f"说明应为不超过{MAX_EXPLANATION_LENGTH}字的文字")
            )
        elif text.strip():
            result.explanations[key] = text.strip()


def to_interchange(report: Report, explanations: dict[str, str] | None = None) -> dict:
    """Input cells as typed; derived cells as published where kept, else as computed."""
    cells = {}
    for cell_id, definition in report.form.cells.items():
        if definition.derived:
            value = report.published.get(cell_id, report.value(cell_id))
        else:
            value = report.values.get(cell_id)
        if value is not None:
            cells[cell_id] = json_number(value)
    data = {
        "schema": SCHEMA,
        "form": report.form.id,
        "unit": report.unit,
        "year": report.year,
        "cells": cells,
        "texts": {s: t for s, t in report.texts.items() if t},
    }
    if report.meta:
        data["meta"] = dict(report.meta)
    if explanations:
        data["explanations"] = dict(explanations)
    return data


def fingerprint(report: Report) -> str:
    """A short digest of the report's figures and texts, printed on the sign-off sheet
    so a paper copy can be matched to a file (same data, same fingerprint)."""
    data = to_interchange(report)
    data.pop("meta", None)  # who signs does not change what was reported
    digest = hashlib.sha256(
        json.dumps(data, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4)).upper()


def dump_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
