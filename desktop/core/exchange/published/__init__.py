"""Published annual reports as portals print them: text (one cell per line, columns
aligned with spaces, or figures run together), Word-exported HTML, Markdown from PDF
converters, and PDF itself; Traditional-script copies are converted first.

One small reader per layout turns the file into pieces of text and runs of figures
(`pieces.Document`); one mapper, driven by the labels in forms/, puts the figures into
cell ids; the result goes through the one interchange path like every other import.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import InputError
from desktop.core.interchange import SCHEMA, ImportResult, from_interchange
from desktop.core.report import checked_identity, checked_text
from desktop.core.sources import read_source

MAX_BYTES = 20 * 1024 * 1024


class IdentityMissing(InputError):
    """The report names no unit or year and none was given: the window asks for them."""

    def __init__(self, message: str, unit: str | None, year: int | None):
        super().__init__(message)
        self.unit, self.year = unit, year


def read(path: Path, unit: str | None = None, year: int | None = None) -> ImportResult:
    """Read a published report; `unit` and `year` are used where its title is missing."""
    from desktop.core.exchange.published import reading

    document = load(path)
    title_unit, title_year, _ = reading.identity(document)
    unit, year, identity_notes = _identity(path.name, title_unit, title_year, unit, year)
    found = reading.outcome(document, year)
    for section_id, text in list(found.texts.items()):
        try:
            found.texts[section_id] = checked_text(found.form, section_id, text)
        except InputError as error:
            del found.texts[section_id]
            found.warnings.append((found.form.section(section_id).heading, f"正文未导入：{error}"))
    data = {
        "schema": SCHEMA,
        "form": found.form.id,
        "unit": unit,
        "year": year,
        "cells": found.cells,
        "texts": found.texts,
    }
    result = from_interchange(data, path.name)
    result.notes = identity_notes + document.notes + found.notes
    result.warnings = list(found.warnings)
    return result


def load(path: Path):
    """The file read by the reader its kind needs (HTML, Markdown, PDF or plain text)."""
    from desktop.core.exchange.published import source

    raw = read_source(path, MAX_BYTES)
    suffix = path.suffix.lower()
    if suffix == ".pdf" or raw.startswith(b"%PDF"):
        from desktop.core.exchange.published.pdf import read_pdf

        document = read_pdf(raw, path.name)
        return _simplified(document)
    text = source.decoded(raw, path.name)
    text, converted = source.simplified(text)
    if suffix in (".html", ".htm") or _looks_like_html(text):
        from desktop.core.exchange.published.html import read_html

        document = read_html(text)
    elif suffix == ".md" or _looks_like_markdown(text):
        from desktop.core.exchange.published.markdown import read_markdown

        document = read_markdown(text)
    else:
        from desktop.core.exchange.published.lines import read_text

        document = read_text(text)
    if converted:
        document.notes.append(_CONVERTED)
    return document


_CONVERTED = "原文为繁体字，已用 OpenCC（台湾用语→大陆用语）转换为简体后读取；正文请核对用词"


def _simplified(document):
    from desktop.core.exchange.published import source

    text, converted = source.simplified(document.text)
    if converted:
        from desktop.core.exchange.published.lines import read_text

        converted_document = read_text(text, line_places=document.line_places)
        converted_document.source_words = document.source_words
        converted_document.notes = [*document.notes, _CONVERTED]
        return converted_document
    return document


def _looks_like_html(text: str) -> bool:
    head = text[:4000].lower()
    return "<table" in head or "<html" in head or "<p>" in head or "<td" in head


def _looks_like_markdown(text: str) -> bool:
    rows = [line for line in text.split("\n") if line.lstrip().startswith("|")]
    return len(rows) >= 3 and any(set(r.replace(" ", "")) <= set("|-:") for r in rows)


def _identity(name, title_unit, title_year, unit, year):
    notes = []
    if title_unit and title_year:
        notes.append(f"单位和年度取自标题：{title_unit}，{title_year}年度")
        if (unit and unit != title_unit) or (year and year != title_year):
            notes.append(f"标题与指定的单位或年度（{unit or ''} {year or ''}）不同，按标题导入")
        unit, year = title_unit, title_year
    if not unit or not year:
        missing = "、".join(w for w, v in (("单位名称", unit), ("报告年度", year)) if not v)
        raise IdentityMissing(
            f"{name} 中没有找到写明单位和年度的标题（如“某某区人民政府2024年政府信息公开工作年度报告”），"
            f"无法确定{missing}：请指定单位名称和报告年度后再导入（命令行用 --unit 和 --year）",
            unit,
            year,
        )
    unit, year = checked_identity(unit, year)
    return unit, year, notes
