"""The official formats: one data file per format under forms/, each parsed only when a
report of that format is used, and then once per process.

A format's file is named after its id (forms/2021.toml holds format "2021"), and the id
is the first year the format applies to, so finding the format of a year parses only
that one file; the others are parsed only where every format is listed (all_forms).
"""

from __future__ import annotations

import functools
from pathlib import Path

from desktop.core.errors import InputError, NianbaoError
from desktop.core.forms.model import CellDef, Column, Form, HeaderCell, Row, Section, Table

__all__ = [
    "CellDef",
    "Column",
    "Form",
    "HeaderCell",
    "Row",
    "Section",
    "Table",
    "all_forms",
    "form_for_year",
    "forms_dir",
    "load_form",
]

_PACKAGE = Path(__file__).resolve().parents[2]
_FORMS: dict[str, Form] = {}  # format id -> the parsed format, filled as formats are used


def forms_dir() -> Path:
    """forms/ beside the package in a checkout, or the copy inside an installed package."""
    for candidate in (_PACKAGE.parent / "forms", _PACKAGE / "_data" / "forms"):
        if candidate.is_dir():
            return candidate
    raise NianbaoError("找不到报告格式定义（forms 文件夹），软件安装不完整，请重新安装。")


@functools.cache
def _form_files() -> dict[str, Path]:
    """Format id -> its data file, in id order; listing the folder parses nothing."""
    return {path.stem: path for path in sorted(forms_dir().glob("*.toml"))}


def load_form(form_id: str) -> Form:
    """The format with this id (also a name read from a report file: only the files
    under forms/ are ever opened)."""
    if form_id not in _FORMS:
        files = _form_files()
        if form_id not in files:
            known = "、".join(files)
            raise InputError(f"未知的报告格式“{form_id}”，可用的格式：{known}")
        # The loader (and its TOML parser) is imported only when a format is first used.
        from desktop.core.forms.loader import load_form_file

        _FORMS[form_id] = load_form_file(files[form_id])
    return _FORMS[form_id]


def all_forms() -> dict[str, Form]:
    """Every format, parsing each not parsed yet: only for lists of all formats."""
    return {form_id: load_form(form_id) for form_id in _form_files()}


def form_for_year(year: int) -> Form:
    """The official format that applies to reports of this year."""
    # The format named after the latest first year up to this one, parsed alone; should
    # it not cover the year (a file not named by that rule), every format is looked at.
    started = {int(i): i for i in _form_files() if i.isascii() and i.isdigit() and int(i) <= year}
    if started and (form := load_form(started[max(started)])).covers_year(year):
        return form
    for form in all_forms().values():
        if form.covers_year(year):
            return form
    raise NianbaoError(f"没有适用于{year}年度报告的格式（最早为2019年度）")
