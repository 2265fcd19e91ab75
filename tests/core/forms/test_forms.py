"""The two official formats load, and their cell ids are exactly the public contract."""

import pytest

from desktop.core.forms import all_forms, form_for_year, load_form
from desktop.core.values import CellKind

S3_COLUMNS = ["natural", "commercial", "research", "social", "legal", "other_org", "total"]
S3_ROWS_COMMON = [
    "new", "carried_in", "granted", "partial",
    "withheld.state_secret", "withheld.law_prohibited", "withheld.three_safety",
    "withheld.third_party", "withheld.internal_affairs", "withheld.process_info",
    "withheld.enforcement_file", "withheld.admin_query",
    "unavailable.not_held", "unavailable.needs_creation", "unavailable.still_unclear",
    "declined.petition", "declined.repeat", "declined.publication", "declined.excessive",
    "declined.confirmation",
]  # fmt: skip
S3_ROWS = {
    "2019": [*S3_ROWS_COMMON, "other", "total", "carried_out"],
    "2021": [
        *S3_ROWS_COMMON,
        "other.overdue_correction", "other.unpaid_fee", "other.misc", "total", "carried_out",
    ],
}  # fmt: skip
S4 = [
    f"s4.{g}.{c}"
    for g in ("review", "suit_direct", "suit_after_review")
    for c in ("upheld", "corrected", "other", "pending", "total")
]
S2 = {
    "2021": [
        *(f"s2.{r}.{c}" for r in ("rules", "normative") for c in ("issued", "repealed", "in_force")),
        "s2.licensing.decisions", "s2.penalty.decisions", "s2.coercion.decisions", "s2.fees.amount",
    ],
    "2019": [
        *(f"s2.{r}.{c}" for r in ("rules", "normative") for c in ("made", "published", "total_public")),
        *(f"s2.{r}.{c}" for r in ("licensing", "other_services", "penalty", "coercion")
          for c in ("prev_items", "change", "decisions")),
        "s2.fees.prev_items", "s2.fees.change", "s2.procurement.projects", "s2.procurement.amount",
    ],
}  # fmt: skip


@pytest.mark.parametrize("form_id", ["2019", "2021"])
def test_cell_ids_are_exactly_those_of_cells_md(form_id):
    form = load_form(form_id)
    s3 = [f"s3.{r}.{c}" for r in S3_ROWS[form_id] for c in S3_COLUMNS]
    assert list(form.cells) == S2[form_id] + s3 + S4


@pytest.mark.parametrize(("form_id", "count"), [("2019", 161), ("2021", 175)])
def test_section_three_has_the_official_number_of_cells(form_id, count):
    assert sum(1 for c in load_form(form_id).cells if c.startswith("s3.")) == count


def test_derived_cells_are_the_totals():
    form = load_form("2021")
    derived = {c for c, d in form.cells.items() if d.derived}
    assert derived == {c for c in form.cells if c.endswith(".total") or ".total." in c}
    assert form.cells["s3.total.natural"].parts[0] == "s3.granted.natural"
    assert form.cells["s3.new.total"].parts == tuple(f"s3.new.{c}" for c in S3_COLUMNS[:-1])
    assert form.cells["s4.review.total"].parts == (
        "s4.review.upheld", "s4.review.corrected", "s4.review.other", "s4.review.pending",
    )  # fmt: skip


def test_cell_kinds():
    f2019, f2021 = load_form("2019"), load_form("2021")
    assert f2019.cells["s2.penalty.change"].kind is CellKind.SIGNED
    assert f2019.cells["s2.procurement.amount"].kind is CellKind.MONEY
    assert f2021.cells["s2.fees.amount"].kind is CellKind.MONEY
    assert f2021.cells["s3.new.natural"].kind is CellKind.COUNT


def test_labels_are_printed_exactly():
    form = load_form("2021")
    s3 = form.section("s3")
    assert s3.heading == "三、收到和处理政府信息公开申请情况"
    rows = {r.id: r for r in s3.tables[0].rows}
    assert rows["partial"].path == (
        "三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    )  # fmt: skip
    assert rows["withheld.three_safety"].label == "3.危及“三安全一稳定”"
    assert s3.tables[0].header[0][0].text == (
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    )
    assert form.section("s2").tables[3].columns[0].label == "本年收费金额（单位：万元）"
    assert load_form("2019").section("s2").tables[0].rows[1].label == "规范性文件"


def test_header_merges_follow_the_official_table():
    s3 = load_form("2019").section("s3").tables[0]
    note, applicants = s3.header[0]
    assert (note.colspan, note.rowspan) == (3, 3)
    assert (applicants.text, applicants.colspan) == ("申请人情况", 7)
    s4 = load_form("2021").section("s4").tables[0]
    assert [(c.text, c.colspan) for c in s4.header[0]] == [("行政复议", 5), ("行政诉讼", 10)]
    assert s4.layout == "flat"


def test_narrative_sections_and_help():
    form = load_form("2021")
    assert [s.id for s in form.text_sections] == ["s1", "s5", "s6"]
    assert "五个方面" in form.section("s1").help
    row = next(r for r in form.section("s3").tables[0].rows if r.id == "carried_in")
    assert "结转下年度继续办理" in row.help


@pytest.mark.parametrize(
    ("year", "form_id"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2030, "2021")]
)
def test_form_follows_the_year(year, form_id):
    assert form_for_year(year).id == form_id


def test_every_rule_of_the_issue_is_present():
    required = {
        "T3-1", "T3-2", "T3-3", "T3-4", "T3-5", "T3-6", "T3-7", "T3-8", "T3-10",
        "T4-1", "T4-2", "T4-3", "T4-4", "T4-5", "Y-1", "Y-3", "Y-4", "B-7", "B-8",
    }  # fmt: skip
    rules = {fid: {c.rule.id for c in f.checks} for fid, f in all_forms().items()}
    assert required | {"T2-1", "T2-2", "T2-3", "T2-4", "T2-5", "T3-9"} <= rules["2021"]
    assert required | {"T2-1", "T2-6", "T2-7", "T2-8", "T2-9"} <= rules["2019"]
