"""Each balance rule fires on the situation it is about, and only then."""

from decimal import Decimal

from desktop.core.checks import CheckEngine
from tests.core.checks.conftest import balanced


def findings(report, prev=None):
    return {f.key: f for f in CheckEngine(report.form).check(report, prev)}


def test_a_balanced_report_has_no_findings(report):
    assert findings(report) == {}


def test_an_untouched_report_is_not_found_in_order_but_unfilled():
    """Blank is not 0: every table and narrative section says it is not filled in, and
    nothing else fires (no balance can be judged on blanks)."""
    report = balanced()
    report.values.clear()
    report.texts.clear()
    tables = {f"E-1:{s.id}.{t.id}" for s in report.form.sections for t in s.tables}
    texts = {f"E-2:{s.id}" for s in report.form.text_sections}
    found = findings(report)
    assert set(found) == tables | texts
    assert all(f.severity == "warning" for f in found.values())
    assert found["E-1:s3.main"].message.startswith("三、收到和处理政府信息公开申请情况：有")


def test_one_blank_cell_is_found_and_a_zero_is_an_answer(report):
    del report.values["s4.review.upheld"]
    found = findings(report)
    assert set(found) == {"E-1:s4.main"}
    assert "有1个单元格未填写" in found["E-1:s4.main"].message
    assert found["E-1:s4.main"].cells == ("s4.review.upheld",)
    report.set_value("s4.review.upheld", 0)
    assert findings(report) == {}


def test_an_empty_narrative_section_is_found(report):
    report.texts["s5"] = "  \n"
    assert findings(report)["E-2:s5"].message == "五、存在的主要问题及改进情况尚未填写"


def test_a_declaration_the_figures_contradict_is_an_error(report):
    report.declarations["no_applications"] = "本年度未收到政府信息公开申请"
    found = findings(report)["E-3:no_applications"]
    assert found.severity == "error" and not found.explainable
    assert found.cells == ("s3.new.natural", "s3.granted.natural")
    assert "已声明“本年度未收到政府信息公开申请”" in found.message
    report.set_value("s3.new.natural", 0)
    report.set_value("s3.granted.natural", 0)
    assert findings(report) == {}


def test_t3_1_message_names_section_column_and_both_sides(report):
    report.set_value("s3.new.natural", 400)
    report.set_value("s3.granted.natural", 399)
    found = findings(report)["T3-1:natural"]
    assert found.severity == "error"
    assert (
        found.message == "三、申请情况（自然人）：第一项+第二项=400，第三项总计+第四项=399，相差1"
    )
    assert (found.left, found.right, found.difference) == (400, 399, 1)
    assert found.cells == (
        "s3.new.natural",
        "s3.carried_in.natural",
        "s3.total.natural",
        "s3.carried_out.natural",
    )
    assert "T3-1:total" in findings(report)  # the 总计 column is out of balance too


def test_t3_1_treats_an_empty_cell_as_not_yet_zero_only_once_something_is_typed():
    report = balanced()
    report.values.clear()
    report.set_value("s3.new.legal", 3)
    assert findings(report)["T3-1:legal"].right == 0


def test_t3_2_and_t3_3_compare_published_totals(report):
    report.published["s3.total.natural"] = 9
    report.published["s3.new.total"] = 11
    found = findings(report)
    assert found["T3-2:natural"].message.startswith("三、申请情况（自然人）：公布的（七）总计为9")
    assert (
        found["T3-3:new"].message
        == "三、申请情况：一、本年新收政府信息公开申请数量的总计为11，但各类申请人之和为10，相差1"
    )


def test_t3_4_catches_a_value_that_bypassed_entry(report):
    report.values["s3.partial.social"] = -1  # as if read from a tampered file
    assert "不能为负数" in findings(report)["T3-4:s3.partial.social"].message


def test_t3_5_carry_out_beyond_what_was_received(report):
    report.set_value("s3.carried_out.natural", 11)
    assert "T3-5" in findings(report)


def test_t3_6_carried_in_should_be_finished(report):
    report.set_value("s3.carried_in.natural", 20)
    report.set_value("s3.carried_out.natural", 25)
    report.set_value("s3.granted.natural", 5)
    found = findings(report)
    assert found["T3-6"].severity == "warning"
    assert {"T3-7", "T3-8"} <= found.keys()


def test_t3_8_high_carry_out_share(report):
    report.set_value("s3.new.natural", 10)
    report.set_value("s3.granted.natural", 6)
    report.set_value("s3.carried_out.natural", 4)
    found = findings(report)
    assert "T3-8" in found and "T3-1:natural" not in found


def test_t3_9_unpaid_fee_rows_need_the_fee_text(report):
    report.set_value("s3.granted.natural", 9)
    report.set_value("s3.other.unpaid_fee.natural", 1)
    assert "T3-9" in findings(report)
    report.texts["s6"] = "本年共发出信息处理费收费通知1件。"
    assert "T3-9" not in findings(report)


def test_t3_10_excessive_requests_must_be_explained(report):
    report.set_value("s3.granted.natural", 8)
    report.set_value("s3.declined.excessive.natural", 2)
    assert findings(report)["T3-10"].left == 2
    report.texts["s5"] = "有2件属于无正当理由大量反复申请，已依《条例》第三十五条告知申请人。"
    assert "T3-10" not in findings(report)


def test_t4_1_to_t4_3_published_totals(report):
    report.set_value("s4.review.upheld", 2)
    report.published["s4.review.total"] = 3
    report.published["s4.suit_direct.total"] = 1
    report.published["s4.suit_after_review.total"] = 1
    assert {"T4-1", "T4-2", "T4-3"} <= findings(report).keys()


def test_t4_4_and_t4_5(report):
    report.values["s4.review.pending"] = Decimal("0.5")
    assert "T4-4:s4.review.pending" in findings(report)
    report.set_value("s4.review.pending", 0)
    report.set_value("s4.suit_direct.corrected", 3)
    report.set_value("s4.suit_direct.upheld", 1)
    found = findings(report)["T4-5:suit_direct"]
    assert found.message.startswith("四、复议诉讼情况：行政诉讼·未经复议直接起诉结果纠正3件")
    report.texts["s5"] = "针对被纠正的案件，我们加强了答复审核。"
    assert "T4-5:suit_direct" not in findings(report)


def test_t2_2021_rules():
    prev, report = balanced(year=2023), balanced(year=2024, unit="某县人民政府")
    prev.unit = report.unit
    prev.set_value("s2.normative.in_force", 50)
    report.set_value("s2.normative.issued", 5)
    report.set_value("s2.normative.repealed", 60)
    report.set_value("s2.normative.in_force", 50)
    report.set_value("s2.rules.in_force", 2)
    found = findings(report, prev)
    assert found["T2-3:normative"].right == -5
    assert found["T2-4:normative"].message.startswith("二、主动公开：行政规范性文件本年废止60件")
    assert "T2-5" in found
    report.values["s2.fees.amount"] = Decimal("-1")
    assert "T2-2:s2.fees.amount" in findings(report, prev)


def test_t2_2019_rules():
    report = balanced("2019", 2020, "某区某局")
    report.set_value("s2.rules.published", 5)
    report.set_value("s2.rules.total_public", 3)
    report.set_value("s2.penalty.prev_items", 10)
    report.set_value("s2.penalty.change", -12)
    report.set_value("s2.procurement.projects", 2)
    found = findings(report)
    assert (
        found["T2-6:rules"].message
        == "二、主动公开：规章对外公开总数量3件，少于本年新公开数量5件，请核对"
    )
    assert found["T2-7:penalty"].severity == "error"
    assert "T2-9:projects" not in found and "T2-9:amount" in found


def test_t2_8_item_counts_follow_last_year():
    prev, report = balanced("2019", 2019), balanced("2019", 2020)
    prev.set_value("s2.licensing.prev_items", 396)
    prev.set_value("s2.licensing.change", 10)
    report.set_value("s2.licensing.prev_items", 400)
    assert findings(report, prev)["T2-8:licensing"].right == 406


def test_y_1_carried_in_equals_last_years_carried_out_across_formats():
    prev, report = balanced("2019", 2020), balanced("2021", 2021)
    prev.set_value("s3.new.natural", 12)
    prev.set_value("s3.carried_out.natural", 2)
    found = findings(report, prev)["Y-1:natural"]
    assert found.previous_cells == ("s3.carried_out.natural",)
    assert "2020年度报告" in found.message and "机构改革" in found.message
    report.set_value("s3.carried_in.natural", 2)
    report.set_value("s3.granted.natural", 12)
    assert "Y-1:natural" not in findings(report, prev)


def test_cross_year_rules_wait_for_a_previous_report(report):
    report.set_value("s3.carried_in.natural", 5)
    assert not any(k.startswith("Y-") for k in findings(report))


def test_y_3_copied_narrative(report):
    prev = balanced(year=2023)
    text = "".join(r.help for r in report.form.section("s3").tables[0].rows)  # long, varied
    prev.texts["s5"], report.texts["s5"] = text, text + "今年继续改进。"
    found = findings(report, prev)["Y-3:s5"]
    assert "五、存在的主要问题及改进情况" in found.message and "%" in found.message
    report.texts["s5"] = "本年度针对上年报告提出的平台建设问题，完成了栏目整合与数据迁移，" * 5
    assert "Y-3:s5" not in findings(report, prev)


def test_y_4_large_jumps_both_ways(report):
    prev = balanced(year=2023)
    prev.set_value("s3.new.natural", 1)
    prev.set_value("s3.granted.natural", 1)
    assert "Y-4:up" in findings(report, prev)
    assert "Y-4:down" in findings(prev, report)


def test_b_7_statistical_period_in_the_narrative(report):
    report.texts["s1"] = "本报告中所列数据的统计期限自2023年1月1日至12月31日。"
    found = findings(report)["B-7"]
    assert found.message == "一、总体情况中写的统计期间“2023年1月1日至12月31日”与报告年度2024年不符"
    report.texts["s1"] = "本报告中所列数据的统计期限自2024年1月1日至2024年12月31日。"
    assert "B-7" not in findings(report)


def test_b_8_format_must_match_year():
    found = findings(balanced("2019", 2024))["B-8"]
    assert found.severity == "error"
    assert "2019—2020年度" in found.message and "2024年度" in found.message
    assert "B-8" in findings(balanced("2021", 2020))
