"""The interchange JSON of cells.md (schema 1): import with validation, and export.

Import never half-succeeds: the result lists every rejected cell, and callers
write nothing while anything was rejected.
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core.checks.findings import json_number
from desktop.core.errors import InputError
from desktop.core.forms import Form, form_for_year, load_form
from desktop.core.report import (  # noqa: F401 - identity names re-exported for readers
    MAX_DECLARATION_LENGTH,
    MAX_EXPLANATION_LENGTH,
    MAX_UNIT_LENGTH,
    META_FIELDS,
    YEARS,
    Report,
    checked_declaration_id,
    checked_identity,
    checked_meta,
    checked_text,
)
from desktop.core.textrules import checked_line, lone_surrogate, shown
from desktop.core.values import Number, ValueProblem, parse, to_text

SCHEMA = 1
MAX_JSON_BYTES = 20 * 1024 * 1024


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
    # What a reader of another format did and what it could not do, with the place in the
    # source (sheet and address, section and row): they do not stop the import.
    notes: list[str] = field(default_factory=list)  # e.g. 识别为2021年格式
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (place, message)

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
            "notes": self.notes,
            "warnings": [{"place": p, "message": m} for p, m in self.warnings],
        }


def read_json(raw: bytes, source: str) -> ImportResult:
    """Parse an interchange file: UTF-8 (with or without BOM) or UTF-16 (PowerShell 5.1
    writes UTF-16LE with BOM); no lone surrogates, no key given twice in an object."""
    if len(raw) > MAX_JSON_BYTES:
        raise InputError(f"{source} 超过 {MAX_JSON_BYTES // 1024 // 1024} MB，不是年报数据文件")
    text = _decoded(raw, source)
    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=_JsonObject.of)
    except (ValueError, RecursionError) as error:
        # ValueError covers bad JSON and integers of thousands of digits;
        # RecursionError a hostile nesting depth.
        raise InputError(f"{source} 不是有效的年报 JSON 文件（{_first_line(error)}）") from error
    _refuse_surrogates_and_duplicates(data, source)
    if not isinstance(data, dict):
        raise InputError(f"{source} 的内容应为一个 JSON 对象")
    return from_interchange(data, source)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decoded(raw: bytes, source: str) -> str:
    encoding, start = "utf-8", 0
    for bom, name in _BOMS:
        if raw.startswith(bom):
            encoding, start = name, len(bom)
            break
    else:
        # No BOM: a JSON text starts with two ASCII characters ("{" and a quote or a
        # space), which UTF-16 writes as one NUL byte each, before or after (RFC 4627).
        head = raw[:4]
        if len(head) == 4 and head[0] and not head[1] and head[2] and not head[3]:
            encoding = "utf-16-le"
        elif len(head) == 4 and not head[0] and head[1] and not head[2] and head[3]:
            encoding = "utf-16-be"
    try:
        return raw[start:].decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{source} 不是 UTF-8 或 UTF-16 编码的文本文件，请另存为 UTF-8 编码后再导入"
        ) from error


class _JsonObject(dict):
    """A JSON object that remembers the first key it was given twice (a dict keeps the
    last value), and all its pairs then, so that no value escapes the surrogate check."""

    duplicate: str | None = None
    pairs: list[tuple[str, object]] | None = None

    @classmethod
    def of(cls, pairs: list[tuple[str, object]]) -> _JsonObject:
        result = cls(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    result.duplicate, result.pairs = key, pairs
                    break
                seen.add(key)
        return result


def _refuse_surrogates_and_duplicates(data: object, source: str) -> None:
    """Walk the whole document (without recursion: it may nest deep) and refuse the first
    lone surrogate anywhere, else the first key given twice in one object."""
    duplicate: tuple[str, str] | None = None
    pending: list[tuple[str, object]] = [("", data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            if lone_surrogate(value) is not None:
                where = f" 中“{shown(path)}”的值" if path else " 的内容"
                raise InputError(f"{source}{where}含有不成对的代理字符，不是有效的文字")
        elif isinstance(value, dict):
            pairs = getattr(value, "pairs", None) or value.items()
            for key, item in pairs:
                inner = f"{path}.{key}" if path else key
                if lone_surrogate(key) is not None:
                    where = f"“{shown(path)}”里" if path else ""
                    raise InputError(
                        f"{source} 中{where}的键“{shown(key)}”含有不成对的代理字符，不是有效的文字"
                    )
                pending.append((inner, item))
            if duplicate is None and getattr(value, "duplicate", None) is not None:
                duplicate = (path, value.duplicate)
        elif isinstance(value, list):
            pending.extend((f"{path}[{index}]", item) for index, item in enumerate(value))
    if duplicate is not None:
        path, key = duplicate
        where = f" {shown(path)} 里的" if path else ""
        raise InputError(f"{source} 中{where}键“{shown(key)}”出现了两次，无法确定应取哪一个值")


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:120] if text else type(error).__name__


def from_interchange(data: dict, source: str) -> ImportResult:
    if data.get("schema") != SCHEMA:
        schema = shown(repr(data.get("schema")))
        raise InputError(f"{source}：不支持的数据版本 schema={schema}，应为 {SCHEMA}")
    unit, year = checked_identity(data.get("unit"), data.get("year"))
    form = _form(data.get("form"), year)
    result = ImportResult(Report(unit, year, form))
    _read_cells(result, data.get("cells", {}))
    _read_texts(result, data.get("texts", {}))
    _read_meta(result, data.get("meta", {}))
    _read_explanations(result, data.get("explanations", {}))
    _read_declarations(result, data.get("declarations", {}))
    _read_previous(result, data.get("previous"))
    if not result.rejected:
        _compare_totals(result)
    return result


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
            result.rejected.append((cell_id, f"{shown(cell_id)}：应为数字，不能是文字或空值"))
            continue
        definition = report.form.cells.get(cell_id)
        try:
            if definition is not None and definition.derived:
                report.published[cell_id] = _published(definition, raw)
            else:
                report.set_value(cell_id, raw)
                result.imported.append(cell_id)
        except (InputError, ValueProblem) as error:
            result.rejected.append((cell_id, f"{shown(cell_id)}：{error}"))


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
            result.rejected.append((section_id, f"{shown(section_id)}：{error}"))


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
            result.rejected.append((f"explanations.{key}", f"说明对应的检查“{shown(key)}”不存在"))
        elif not isinstance(text, str) or len(text) > MAX_EXPLANATION_LENGTH:
            result.rejected.append(
                (f"explanations.{key}", f"说明应为不超过{MAX_EXPLANATION_LENGTH}字的文字")
            )
        elif text.strip():
            result.explanations[key] = text.strip()


def _read_declarations(result: ImportResult, declarations: object) -> None:
    if not isinstance(declarations, dict):
        result.rejected.append(("declarations", "declarations 应为“声明编号: 文字”的对象"))
        return
    for key, text in declarations.items():
        try:
            key = checked_declaration_id(key)
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_DECLARATION_LENGTH:
                raise InputError(f"声明应为不超过{MAX_DECLARATION_LENGTH}字的一行文字")
            result.report.declarations[key] = checked_line(text.strip(), "声明")
        except InputError as error:
            result.rejected.append((f"declarations.{shown(str(key))}", str(error)))


def _read_previous(result: ImportResult, previous: object) -> None:
    """Last year's report as this one knows it: {"source", "form"?, "cells"?, "corrections"?:
    {cell: {"value", "reason"}}} (see desktop/core/previous.py)."""
    if previous is None:
        return
    from desktop.core.previous import Previous

    try:
        if not isinstance(previous, dict):
            raise InputError("previous 应为对象")
        rows = {"source": previous.get("source")}
        if "form" in previous:
            rows["form"] = previous["form"]
        for cell, value in (previous.get("cells") or {}).items():
            rows[f"cell:{cell}"] = str(value)
        for cell, fix in (previous.get("corrections") or {}).items():
            rows[f"fix:{cell}"], rows[f"why:{cell}"] = str(fix.get("value")), fix.get("reason")
            if fix.get("original") is not None:
                rows[f"was:{cell}"] = str(fix["original"])
        result.report.previous = Previous.from_rows(rows)
    except (InputError, AttributeError, TypeError) as error:
        result.rejected.append(("previous", f"上年数据（previous）无效：{error}"))


def _previous_json(previous) -> dict:
    data: dict = {"source": previous.source}
    if previous.form is not None:
        data["form"] = previous.form
        data["cells"] = {c: json_number(v) for c, v in previous.values.items()}
    if previous.corrections:
        data["corrections"] = {
            cell: {
                "value": json_number(fix.value),
                "original": None if fix.original is None else json_number(fix.original),
                "reason": fix.reason,
            }
            for cell, fix in previous.corrections.items()
        }
    return data


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
    if report.declarations:
        data["declarations"] = dict(report.declarations)
    if report.previous is not None:
        data["previous"] = _previous_json(report.previous)
    if explanations:
        data["explanations"] = dict(explanations)
    return data


def fingerprint(report: Report) -> str:
    """A short digest of the report's figures and texts, printed on the sign-off sheet
    so a paper copy can be matched to a file (same data, same fingerprint)."""
    import hashlib  # loads OpenSSL: only where a digest is made

    data = to_interchange(report)
    data.pop("meta", None)  # who signs does not change what was reported
    digest = hashlib.sha256(
        json.dumps(data, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4)).upper()


def dump_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
