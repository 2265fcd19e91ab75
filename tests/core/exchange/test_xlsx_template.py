"""The empty Excel template: what it says it is, what may be typed where (protection,
validation), totals and the 相差 row as formulas, and a filled template reads back."""

from __future__ import annotations

import pytest

from desktop.core.errors import InputError
from desktop.core.exchange import read_any
from desktop.core.exchange import xlsx_common as common
from desktop.core.exchange.xlsx_out import template_workbook
from desktop.core.forms import load_form
from desktop.core.interchange import read_json
from desktop.core.values import CellKind
from tests.conftest import SAMPLES
from tests.core.exchange.test_xlsx_roundtrip import places
from tests.core.exchange.xlsx_books import evaluate, load, save


def sample(name: str):
    path = SAMPLES / f"published/{name}.json"
    return read_json(path.read_bytes(), path.name).report


def fixed(wb, name: str):
    sheet, where = next(iter(wb.defined_names[name].destinations))
    return wb[sheet][where.replace("$", "")].value


def validation_of(ws, where: str):
    found = [dv for dv in ws.data_validations.dataValidation if where in dv.sqref]
    assert len(found) == 1, where
    return found[0]


@pytest.mark.parametrize("form_id", ["2019", "2021"])
def test_the_template_says_what_it_is_in_fixed_cells(form_id):
    wb = load(template_workbook(load_form(form_id)))
    assert fixed(wb, common.NAME_MARKER) == common.MARKER
    assert fixed(wb, common.NAME_VERSION) == common.VERSION
    assert fixed(wb, common.NAME_FORM) == form_id
    assert fixed(wb, common.NAME_KIND) == common.KIND_TEMPLATE
    assert wb[common.FORMAT_SHEET].sheet_state == "hidden"
    assert fixed(wb, common.NAME_UNIT) is None and fixed(wb, common.NAME_YEAR) is None


def test_unit_and_year_given_are_filled_in():
    wb = load(template_workbook(load_form("2019"), "某区人民政府", 2020))
    assert fixed(wb, common.NAME_UNIT) == "某区人民政府"
    assert fixed(wb, common.NAME_YEAR) == 2020
    assert wb["三、申请情况"]["A1"].value == "某区人民政府2020年政府信息公开工作年度报告"


@pytest.mark.parametrize("form_id", ["2019", "2021"])
def test_inputs_unlocked_totals_locked_formulas_sheets_protected(form_id):
    form = load_form(form_id)
    wb = load(template_workbook(form))
    where = places(form_id)
    for cell_id, definition in form.cells.items():
        sheet, address = where[cell_id]
        cell = wb[sheet][address]
        assert wb[sheet].protection.sheet and not wb[sheet].protection.password
        if definition.derived:
            assert cell.protection.locked and cell.value.startswith("=SUM(")
        else:
            assert not cell.protection.locked and cell.value is None
    info = wb[common.INFO_SHEET]
    assert info.protection.sheet
    for name in (common.NAME_UNIT, common.NAME_YEAR, common.meta_name("phone")):
        sheet, address = next(iter(wb.defined_names[name].destinations))
        assert not wb[sheet][address.replace("$", "")].protection.locked


@pytest.mark.parametrize("form_id", ["2019", "2021"])
def test_validation_by_cell_kind(form_id):
    form = load_form(form_id)
    wb = load(template_workbook(form))
    where = places(form_id)
    expected = {
        CellKind.COUNT: ("whole", "greaterThanOrEqual", "0"),
        CellKind.SIGNED: ("whole", "between", "-999999999999"),
        CellKind.MONEY: ("decimal", "greaterThanOrEqual", "0"),
    }
    kinds = set()
    for cell_id, definition in form.cells.items():
        if definition.derived:
            continue
        sheet, address = where[cell_id]
        rule = validation_of(wb[sheet], address)
        assert (rule.type, rule.operator, rule.formula1) == expected[definition.kind]
        assert rule.allow_blank and rule.showErrorMessage
        kinds.add(definition.kind)
    assert kinds == ({CellKind.COUNT, CellKind.SIGNED, CellKind.MONEY} if form_id == "2019"
                     else {CellKind.COUNT, CellKind.MONEY})  # fmt: skip


def balance_row(ws):
    return next(
        row[0].row
        for row in ws.iter_rows(max_col=1)
        if isinstance(row[0].value, str) and row[0].value.startswith(common.BALANCE_LABEL)
    )


@pytest.mark.parametrize("form_id", ["2019", "2021"])
def test_a_balance_row_per_column_from_the_rule_turns_red(form_id):
    form = load_form(form_id)
    wb = load(template_workbook(form))
    ws = wb["三、申请情况"]
    row = balance_row(ws)
    where = places(form_id)
    checks = [c for c in form.checks if c.rule.id == "T3-1"]
    assert len(checks) == 7
    for check in checks:
        column = check.bindings["col"]
        parts = [
            where[f"s3.{r}.{column}"][1] for r in ("new", "carried_in", "total", "carried_out")
        ]
        letter = "".join(ch for ch in parts[0] if ch.isalpha())
        assert ws[f"{letter}{row}"].value == f"={parts[0]}+{parts[1]}-{parts[2]}-{parts[3]}"
    rules = [(str(cf.sqref), rule) for cf in ws.conditional_formatting for rule in cf.rules]
    assert len(rules) == 1
    sqref, rule = rules[0]
    assert sqref == f"D{row}:J{row}"
    assert (rule.type, rule.operator, rule.formula) == ("cellIs", "notEqual", ["0"])
    assert rule.dxf.fill.fgColor.rgb.endswith("F4B6B6")
    assert ws.print_area.endswith(f"${row - 1}")  # not printed


def fill(wb, form_id: str, values: dict) -> None:
    where = places(form_id)
    for cell_id, value in values.items():
        sheet, address = where[cell_id]
        wb[sheet][address] = value


@pytest.mark.parametrize(
    ("name", "balanced"), [("2024-huaian-szf", True), ("2020-pingtan-zhsyq", False)]
)
def test_the_balance_row_shows_the_difference(name, balanced):
    report = sample(name)
    wb = load(template_workbook(report.form))
    fill(wb, report.form.id, report.values)
    ws = wb["三、申请情况"]
    row = balance_row(ws)
    differences = [evaluate(wb, ws.title, ws.cell(row, col).value) for col in range(4, 11)]
    assert (set(differences) == {0}) is balanced


def test_a_filled_template_reads_back(tmp_path):
    report = sample("2024-huaian-szf")
    wb = load(template_workbook(report.form))
    fill(wb, "2021", report.values)
    info = wb[common.INFO_SHEET]
    info["B3"], info["B4"], info["B6"] = "淮安市人民政府", 2024, "王五"
    info["B11"] = common.YES  # 本年度未收到政府信息公开申请 (not true here, but declared)
    wb[common.TEXT_SHEET]["B2"] = "第一段\n第二段"
    result = read_any(save(wb, tmp_path / "填好.xlsx"))
    assert result.ok, result.rejected
    assert (result.report.unit, result.report.year) == ("淮安市人民政府", 2024)
    assert result.report.values == report.values
    assert result.report.meta == {"preparer": "王五"}
    assert result.report.declarations == {"no_applications": "本年度未收到政府信息公开申请"}
    assert result.report.texts == {"s1": "第一段\n第二段"}
    # The totals are formulas openpyxl did not compute: nothing to say about them.
    assert result.warnings == [] and result.discrepancies == []
    assert result.notes[0] == "本软件填报模板（Excel）"


def test_an_empty_template_needs_unit_and_year(tmp_path):
    path = tmp_path / "模板.xlsx"
    path.write_bytes(template_workbook(load_form("2021")))
    with pytest.raises(InputError, match="--unit"):
        read_any(path)
    result = read_any(path, "某局", 2024)
    assert result.ok and result.report.values == {}
    assert "单位名称和报告年度按指定的导入" in result.notes
    assert any(n.startswith("未填的单元格按空导入（不是0）") for n in result.notes)


def test_formulas_without_cached_values_are_each_reported(tmp_path):
    """openpyxl writes formulas without their results: not 0, but a cell it cannot read."""
    wb = load(template_workbook(load_form("2021"), "某局", 2024))
    where = places("2021")
    fill(wb, "2021", {"s3.new.natural": "=2+3", "s4.review.upheld": "=SUM(A1:A2)"})
    result = read_any(save(wb, tmp_path / "公式.xlsx"))
    assert not result.ok
    messages = dict(result.rejected)
    for cell_id in ("s3.new.natural", "s4.review.upheld"):
        sheet, address = where[cell_id]
        assert messages[cell_id].startswith(f"工作表“{sheet}”!{address}")
        assert "没有保存计算结果" in messages[cell_id]
    assert "s3.new.natural" not in result.report.values


def test_a_newer_layout_is_refused_with_a_word_to_upgrade(tmp_path):
    wb = load(template_workbook(load_form("2021"), "某局", 2024))
    wb[common.FORMAT_SHEET]["B2"] = common.VERSION + 1
    with pytest.raises(InputError, match="升级"):
        read_any(save(wb, tmp_path / "新版.xlsx"))
