"""The title breaks between words, into balanced lines (GB/T 9704 7.3.1: 词意完整，排列对称，
长短适宜), measured in the fonts that print it."""

import json

import pytest

from desktop.core.pdf import PdfOptions, render
from desktop.core.pdf.styles import LEFT, TEXT_WIDTH, TITLE_SIZE
from desktop.core.pdf.title import break_name, breaks, title_lines, title_texts
from tests.conftest import SAMPLES
from tests.core.pdf import measure
from tests.core.pdf.conftest import sample

REPORT = "2024年政府信息公开工作年度报告"
LINGANG = "中国（上海）自由贸易试验区临港新片区管理委员会"
LONG_52 = (  # a unit with the offices it also signs for: 52 characters
    "中国（上海）自由贸易试验区临港新片区管理委员会"
    "（上海市浦东新区临港新片区办事处、临港新片区政务服务中心）"
)
# Words no line may break inside: places, organs, and the words of the names below.
_WHOLE = """
    中国（上海）自由贸易试验区 自由贸易试验区 临港新片区 管理委员会 委员会 人民政府 办公室 办公厅
    办事处 政务服务中心 上海市 浦东新区 平潭综合实验区 实验区 党工委 管委会 全区汇总 管委会办公室
    编制 广州市 天河区 沭阳县 宿迁市 淮安市 上海市 新疆维吾尔自治区 伊犁哈萨克自治州 奎屯市
    内蒙古自治区 呼和浩特市 赛罕区 市场监督管理局 国家税务总局 税务局 延边朝鲜族自治州 和龙市
    广西壮族自治区 南宁市 青秀区 住房和城乡建设局 城乡 北京经济技术开发区 济南市 市中区
    新疆生产建设兵团 第十三师 新星市 自然资源 生态环境 综合执法 应急管理局 交通与建设局
    2024年 2020年 政府信息公开 年度报告
"""
WHOLE = _WHOLE.split()
OTHERS = [
    "新疆维吾尔自治区伊犁哈萨克自治州奎屯市人民政府",
    "内蒙古自治区呼和浩特市赛罕区市场监督管理局",
    "国家税务总局新疆维吾尔自治区伊犁哈萨克自治州税务局",
    "广西壮族自治区南宁市青秀区住房和城乡建设局",
    "新疆生产建设兵团第十三师新星市人民政府办公室",
    "延边朝鲜族自治州和龙市人民政府办公室",
    "济南市市中区人民政府办公室",
]


def sample_units() -> list[str]:
    paths = sorted(SAMPLES.glob("*/*.json"))
    return sorted({json.loads(p.read_text(encoding="utf-8"))["unit"] for p in paths})


def lines_of(unit: str, fonts) -> list[str]:
    return title_texts(unit + REPORT, unit, width(fonts), TEXT_WIDTH)


def width(fonts):
    return lambda text: fonts.width(text, "title", TITLE_SIZE)


def cuts(lines: list[str]) -> list[int]:
    positions, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        positions.append(at)
    return positions


def assert_no_word_broken(lines: list[str]) -> None:
    text = "".join(lines)
    for cut in cuts(lines):
        for word in WHOLE:
            start = text.find(word)
            while start >= 0:
                assert not start < cut < start + len(word), (word, lines)
                start = text.find(word, start + 1)


def test_the_issue_s_unit_breaks_at_its_structure(fonts):
    assert lines_of(LINGANG, fonts) == [
        "中国（上海）自由贸易试验区",
        "临港新片区管理委员会",
        REPORT,
    ]


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        (
            "平潭综合实验区（党工委管委会；全区汇总，管委会办公室编制）",
            ["平潭综合实验区（党工委管委会；", "全区汇总，管委会办公室编制）"],
        ),
        ("内蒙古自治区呼和浩特市赛罕区市场监督管理局", ["内蒙古自治区呼和浩特市", "赛罕区市场监督管理局"]),
        (
            "国家税务总局新疆维吾尔自治区伊犁哈萨克自治州税务局",
            ["国家税务总局新疆维吾尔自治区", "伊犁哈萨克自治州税务局"],
        ),
        (
            "新疆生产建设兵团第十三师新星市人民政府办公室",
            ["新疆生产建设兵团第十三师", "新星市人民政府办公室"],
        ),
        ("广州市天河区人民政府", ["广州市天河区人民政府"]),
        ("淮安市人民政府", ["淮安市人民政府"]),
    ],
)  # fmt: skip
def test_real_units_break_where_a_secretary_would(fonts, unit, expected):
    assert lines_of(unit, fonts) == [*expected, REPORT]


@pytest.mark.parametrize("unit", [*sample_units(), LINGANG, LONG_52, *OTHERS])
def test_no_line_breaks_inside_a_word_and_every_line_fits(fonts, unit):
    lines = lines_of(unit, fonts)
    assert "".join(lines) == unit + REPORT and lines[-1] == REPORT
    assert all(width(fonts)(line) <= TEXT_WIDTH for line in lines)
    assert_no_word_broken(lines)


@pytest.mark.parametrize("unit", [*sample_units(), LINGANG, LONG_52, *OTHERS])
def test_the_unit_s_lines_are_balanced_and_as_few_as_fit(fonts, unit):
    measure_ = width(fonts)
    unit_lines = lines_of(unit, fonts)[:-1]
    needed = -(-measure_(unit) // TEXT_WIDTH)
    assert len(unit_lines) == needed  # the fewest lines
    widths = [measure_(line) for line in unit_lines]
    assert min(widths) >= 0.5 * max(widths), unit_lines
    for before, line, after in zip(widths, widths[1:], widths[2:], strict=False):
        assert not (line < before - TITLE_SIZE and line < after - TITLE_SIZE), unit_lines  # 沙漏


def test_a_52_character_unit_in_three_even_lines(fonts):
    assert len(LONG_52) == 52
    lines = lines_of(LONG_52, fonts)[:-1]
    widths = [width(fonts)(line) / TITLE_SIZE for line in lines]
    assert len(lines) == 3 and max(widths) - min(widths) <= 3, lines
    assert lines[0] == "中国（上海）自由贸易试验区临港新片区"


def test_a_name_without_word_breaks_breaks_between_characters_never_before_a_mark(fonts):
    name = "某" * 19 + "，" + "某" * 10
    lines = break_name(name, width(fonts), TEXT_WIDTH)
    assert len(lines) == 2 and all(not line.startswith("，") for line in lines)
    assert lines[0].endswith("，")  # the comma is the only word break


def test_a_number_is_never_broken(fonts):
    title = "2024年" + LINGANG + "政府信息公开工作年度报告"
    lines = title_texts(title, LINGANG, width(fonts), TEXT_WIDTH)
    assert lines[0].startswith("2024年") and "".join(lines) == title
    assert_no_word_broken(lines)


@pytest.mark.parametrize(
    ("name", "places"),
    [
        ("广州市市场监督管理局", ["广州市|"]),  # 市场: not 广州市市|场
        ("济南市市中区区域发展和改革局", ["济南市|", "市中区|"]),  # 市中区, 区域 stay whole
        ("北京市通州区人民政府", ["北京市|", "通州区|"]),  # 通州区: not 通州|区
        ("中共广州市委办公室", ["中共广州市委|"]),  # 市委 stays whole
    ],
)
def test_words_that_start_with_a_suffix_character_stay_whole(name, places):
    cuts = breaks(name)
    for place in places:  # a cheap break right after each place
        assert any(name[:cut].endswith(place[:-1]) and cuts[cut] <= 1 for cut in cuts), place
    for cut in cuts:
        assert name[cut - 1 : cut + 1] not in {"市场", "市中", "区域", "州区", "市委", "州市"}, cut


def test_the_printed_title_is_centred_in_its_lines(tmp_path, fonts):
    report = sample("tianhe")
    report.unit = LINGANG
    pdf = render(report, [], PdfOptions(draft=True), fonts)
    lines = [line for line in measure.pages(pdf)[0] if measure.in_text_area(line)][:3]
    assert [line.text for line in lines] == [
        "中国（上海）自由贸易试验区",
        "临港新片区管理委员会",
        "2020年政府信息公开工作年度报告",
    ]
    for line in lines:
        assert (line.left + line.right) / 2 == pytest.approx(LEFT + TEXT_WIDTH / 2, abs=1)
    assert "<br/>" in title_lines(report.title, fonts, report.unit)
