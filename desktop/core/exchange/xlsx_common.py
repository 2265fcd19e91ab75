"""What the Excel writer (xlsx_out) and reader (xlsx) share: the sheets of our own
workbooks, the fixed cells that say what a workbook is, and how labels are compared.

No openpyxl here: this module is imported by both sides before either needs it.
"""

from __future__ import annotations

import re
import unicodedata

# The hidden sheet 格式信息 says what the workbook is; the import knows its own by these.
MARKER = "nianbao-xlsx"
VERSION = 1  # the layout of our workbooks; a newer one is refused with a word to upgrade
KIND_REPORT, KIND_TEMPLATE = "报告", "模板"

INFO_SHEET = "报告信息"  # unit, year, format, 填报人 …, declarations (visible, editable)
TEXT_SHEET = "正文"  # 一、五、六: a heading row, then one row per line
DATA_SHEET = "数据"  # cell id, words, value, published total: for machines
FORMAT_SHEET = "格式信息"  # hidden: marker, version, format id, kind, and key/value rows

# Defined names (they follow their cells when rows are inserted) and their fixed places.
NAME_MARKER, NAME_VERSION, NAME_FORM, NAME_KIND = (
    "nianbao_marker",
    "nianbao_version",
    "nianbao_form",
    "nianbao_kind",
)
FORMAT_CELLS = {NAME_MARKER: "B1", NAME_VERSION: "B2", NAME_FORM: "B3", NAME_KIND: "B4"}
FORMAT_ROWS_FROM = 7  # key/value rows of the hidden sheet start here (A key, B value)
NAME_UNIT, NAME_YEAR = "nianbao_unit", "nianbao_year"
INFO_ROWS = {NAME_UNIT: 3, NAME_YEAR: 4}  # 报告信息: label in A, value in B
INFO_FORM_ROW = 5
INFO_META_FROM = 6  # then one row per META_FIELDS entry, then one per declaration


def meta_name(field: str) -> str:
    return f"nianbao_meta_{field}"


def declaration_name(declaration_id: str) -> str:
    return f"nianbao_declaration_{declaration_id}"


# Keys of the hidden sheet's rows.
DECLARATION_KEY, EXPLANATION_KEY, PREVIOUS_KEY = "declaration:", "explanation:", "previous:"

YES = "是"
BALANCE_LABEL = "相差"  # the template's balance row under 三 starts with this; not data
CONTINUED = "续"  # 正文: column A of a row continuing the line above (a line > one cell)
CELL_LIMIT = 32_000  # Excel holds at most 32,767 characters in a cell
DATA_HEADER = ("编号", "项目", "数值", "公布的合计（与明细之和不符时）")


def table_sheet_name(section) -> str:
    """二、主动公开 / 三、申请情况 / 四、复议诉讼情况: short, and a valid sheet name."""
    return re.sub(r"[\[\]:*?/\\]", "", section.heading_short)[:31]


def place(sheet: str, address: str) -> str:
    """Where in a workbook, as the messages say it: 工作表“三、申请情况”!D8."""
    return f"工作表“{sheet}”!{address}"


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def address(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


def quoted(sheet: str) -> str:
    """A sheet name as a formula writes it."""
    return "'" + sheet.replace("'", "''") + "'"


# -- comparing labels ------------------------------------------------------------------

_DROP = str.maketrans("", "", "“”‘’\"'「」『』《》")
_BRACKETS = str.maketrans("〔〕【】[]﹙﹚", "()()()()")
_SPACE = re.compile(r"\s+")
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十\d]+\)|\d+[、.,)]|[①-⑳]|其中:?)"
)
_TRAILING_PAREN = re.compile(r"\([^()]*\)$")
_SYNONYMS = (("合计", "总计"),)

# What an office writes for "not applicable" or "none given": empty, never 0.
MARKS = frozenset({"/", "-", "--", "—", "——", "–", "―", "－", "不适用", "不涉及", "\\"})


def norm(text: object) -> str:
    """Full-width forms folded (NFKC), quotes and spaces dropped, brackets unified."""
    folded = unicodedata.normalize("NFKC", str(text)).translate(_DROP).translate(_BRACKETS)
    folded = _SPACE.sub("", folded).rstrip(":")
    for variant, official in _SYNONYMS:
        folded = folded.replace(variant, official)
    return folded


def bare(text: object) -> str:
    """A label without its numbering: 三、 （一） 1. 1、 ① 其中："""
    folded = norm(text)
    while folded and (match := _NUMBERING.match(folded)):
        folded = folded[match.end() :]
    return folded


def label_keys(text: object) -> frozenset[str]:
    """The forms a label is known by: without numbering, and also without a trailing
    note in brackets (（二）部分公开（区分处理的…） is also written 部分公开)."""
    key = bare(text)
    short = _TRAILING_PAREN.sub("", key)
    return frozenset(k for k in (key, short) if k)


def is_mark(text: str) -> bool:
    return norm(text) in MARKS or text.strip() in MARKS


def looks_numeric(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text).replace(",", "").strip()
    return bool(re.fullmatch(r"[+-]?\d+(\.\d+)?", folded))


# Titles: 某某区人民政府2024年政府信息公开工作年度报告, 2024年某某区…, 填报单位：某某局
TITLE_UNIT_FIRST = re.compile(
    r"^(?P<unit>.+?)(?P<year>(?:19|20)\d\d)\s*年度?政府信息公开工作年度报告"
)
TITLE_YEAR_FIRST = re.compile(
    r"^(?P<year>(?:19|20)\d\d)\s*年度?(?P<unit>.+?)政府信息公开工作年度报告"
)
UNIT_LINE = re.compile(r"(?:填报单位|单位名称|报送单位)\s*[:：]\s*(?P<unit>\S.*?)\s*$")
