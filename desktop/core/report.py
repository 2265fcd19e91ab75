"""A report: one unit's figures and texts for one year in one official format.

Input cells hold what was typed (absent = empty, which is not 0). Derived cells
(总计 column, （七）总计 row, 四 总计) are always computed; a value published for a
derived cell in an imported report is kept apart so the checks can compare it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core.errors import InputError
from desktop.core.forms import Form
from desktop.core.textrules import checked_line, checked_multiline, checked_name, shown
from desktop.core.values import Number, ValueProblem, parse

META_FIELDS = {
    "preparer": "填报人",
    "phone": "联系电话",
    "reviewer": "审核人",
    "prepared_on": "填报日期",
    "reviewed_on": "审核日期",
}
MAX_META_LENGTH = 100
_PHONE_CHARS = frozenset("0123456789 -()+、,/;")
_PHONE_WORDS = re.compile(r"转|分机|ext\.?", re.IGNORECASE)
MAX_TEXT_LENGTH = 200_000
MAX_DECLARATION_LENGTH = 200
MAX_UNIT_LENGTH = 100
MAX_EXPLANATION_LENGTH = 2000
YEARS = range(
    2008, 2101
)  # the first disclosure regulation took effect in 2008  # a long annual report narrative is ~20,000 characters


@dataclass
class Report:
    unit: str
    year: int
    form: Form
    values: dict[str, Number] = field(default_factory=dict)
    published: dict[str, Number] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    # Declarations made instead of figures (本年度未收到政府信息公开申请), by id: wording.
    declarations: dict[str, str] = field(default_factory=dict)
    # Last year's report as this one knows it (desktop.core.previous.Previous), or None:
    # last year's report in the same file, if there is one.
    previous: object = None

    def value(self, cell_id: str) -> Number | None:
        """The cell's value, derived totals computed; None when empty."""
        cell = self.form.cells[cell_id]
        if not cell.derived:
            return self.values.get(cell_id)
        parts = [self.value(part) for part in cell.parts]
        filled = [p for p in parts if p is not None]
        return sum(filled) if filled else None

    def set_value(self, cell_id: str, raw: object) -> Number | None:
        """Validate and store an input cell; returns the stored value (None = cleared)."""
        value = checked_value(self.form, cell_id, raw)
        if value is None:
            self.values.pop(cell_id, None)
        else:
            self.values[cell_id] = value
        return value

    def text(self, section_id: str) -> str:
        return self.texts.get(section_id, "")

    @property
    def title(self) -> str:
        return f"{self.unit}{self.year}年政府信息公开工作年度报告"


def checked_identity(unit: object, year: object) -> tuple[str, int]:
    if not isinstance(unit, str) or not unit.strip():
        raise InputError("缺少单位名称（unit）")
    if len(unit) > MAX_UNIT_LENGTH:
        raise InputError(f"单位名称应为不超过{MAX_UNIT_LENGTH}字的一行文字")
    unit = checked_name(unit, "单位名称").strip()  # checked first: strip() eats controls
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        raise InputError(f"报告年度（year）应为{YEARS.start}—{YEARS.stop - 1}之间的整数")
    return unit, year


def checked_value(form: Form, cell_id: str, raw: object) -> Number | None:
    """The one validation of a value for a cell, with the cell named in words on failure."""
    cell = form.cells.get(cell_id)
    if cell is None:
        raise InputError(f"{form.name}中没有单元格 {shown(str(cell_id))}")
    if cell.derived:
        raise InputError(f"{cell.words}是自动计算的合计，不能直接填写")
    try:
        return parse(cell.kind, raw)
    except ValueProblem as problem:
        raise InputError(f"{cell.words}：{problem}，应填{cell.kind.words}") from problem


def checked_text(form: Form, section_id: str, text: object) -> str:
    sections = {s.id: s for s in form.text_sections}
    if section_id not in sections:
        raise InputError(f"{form.name}中没有文字栏目 {shown(str(section_id))}")
    heading = sections[section_id].heading
    if not isinstance(text, str):
        raise InputError(f"{heading}的内容应为文字")
    if len(text) > MAX_TEXT_LENGTH:
        raise InputError(f"{heading}超过{MAX_TEXT_LENGTH}字（现为{len(text)}字），请删减")
    return checked_multiline(text, heading)


def checked_meta(name: str, value: object) -> str:
    """The one validation of a sign-off field (window, import): one line of visible text,
    and for 联系电话 a telephone number."""
    if name not in META_FIELDS:
        raise InputError(f"未知的报告信息项“{shown(str(name))}”")
    if not isinstance(value, str) or len(value) > MAX_META_LENGTH:
        raise InputError(f"{META_FIELDS[name]}应为不超过{MAX_META_LENGTH}字的一行文字")
    value = checked_line(value, META_FIELDS[name]).strip()
    return checked_phone(value) if name == "phone" else value


def checked_phone(value: str) -> str:
    """Digits with spaces, -, (), + and an extension (转, 分机, ext); several numbers may be
    separated by 、 , / or ;. Full-width digits and signs typed with a Chinese input
    method become ordinary ones. Empty is allowed (not filled in yet)."""
    phone = unicodedata.normalize("NFKC", value).strip()
    rest = _PHONE_WORDS.sub(" ", phone)
    if phone and (set(rest) - _PHONE_CHARS or not any(c.isdigit() for c in rest)):
        raise InputError(
            f"联系电话“{shown(value, 30)}”不是电话号码：只能填数字、空格、-、()、+ "
            "和分机的“转”，例如 020-12345678 转 123"
        )
    return phone


def as_decimal(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def checked_declaration_id(key: object) -> str:
    """A declaration's id as the forms define them: a short ASCII name."""
    if not isinstance(key, str) or not key.isascii() or not key.replace("_", "").isalnum():
        raise InputError(f"声明编号“{key}”无效")
    if len(key) > 40:
        raise InputError("声明编号过长")
    return key
