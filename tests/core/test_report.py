import pytest

from desktop.core.errors import InputError
from desktop.core.forms import load_form
from desktop.core.report import Report, checked_meta, checked_text


@pytest.fixture
def report():
    return Report("某区人民政府", 2024, load_form("2021"))


def test_totals_are_computed_and_empty_is_not_zero(report):
    assert report.value("s3.new.total") is None
    report.set_value("s3.new.natural", 3)
    report.set_value("s3.new.legal", "２")
    assert report.value("s3.new.total") == 5
    assert report.value("s3.new.commercial") is None
    report.set_value("s3.granted.natural", 4)
    assert report.value("s3.total.natural") == 4
    assert report.value("s3.total.total") == 4


def test_totals_cannot_be_typed(report):
    with pytest.raises(InputError, match="自动计算"):
        report.set_value("s3.total.natural", 1)
    assert "s3.total.natural" not in report.values


def test_refusal_names_the_cell_in_words_and_keeps_the_old_value(report):
    report.set_value("s3.new.natural", 3)
    with pytest.raises(InputError) as caught:
        report.set_value("s3.new.natural", "12a")
    assert str(caught.value).startswith("三、申请情况：一、本年新收政府信息公开申请数量（自然人）")
    assert "s3.new.natural" not in str(caught.value)
    assert report.value("s3.new.natural") == 3


def test_clearing_a_cell(report):
    report.set_value("s4.review.upheld", 2)
    report.set_value("s4.review.upheld", "")
    assert report.value("s4.review.total") is None


def test_unknown_cells_and_other_formats_cells(report):
    with pytest.raises(InputError, match=r"s2\.rules\.made"):
        report.set_value("s2.rules.made", 1)  # a 2019-format cell


def test_texts_and_meta_are_validated(report):
    assert checked_text(report.form, "s5", "问题与改进") == "问题与改进"
    with pytest.raises(InputError, match="文字栏目"):
        checked_text(report.form, "s3", "x")
    with pytest.raises(InputError, match="超过"):
        checked_text(report.form, "s1", "字" * 200_001)
    assert checked_meta("phone", " 0591-1234567 ") == "0591-1234567"
    with pytest.raises(InputError, match="填报人"):
        checked_meta("preparer", "名" * 101)


def test_title():
    assert (
        Report("某区人民政府", 2024, load_form("2021")).title
        == "某区人民政府2024年政府信息公开工作年度报告"
    )
