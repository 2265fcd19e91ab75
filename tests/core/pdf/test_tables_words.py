"""No label, column header, caption or note of the official tables breaks inside a word:
every line break printed in the PDF falls on a word boundary of a segmentation written
out by hand below (independent of the renderer's own lexicon), for both formats."""

import re

import pytest

from desktop.core.forms.layout import table_grid
from desktop.core.pdf import PdfOptions, render
from desktop.core.pdf.wordbreak import lines, words
from desktop.core.session import check_report
from tests.core.pdf.conftest import sample
from tests.core.pdf.measure import table_cells

# Each fixed text of the two formats' tables, with | where a line may break: between
# words, after 、，： and a closing bracket, before an opening one.
SEGMENTED = """
第二十条|第（一）项
第二十条|第（五）项
第二十条|第（六）项
第二十条|第（八）项
第二十条|第（九）项
信息|内容
本年|新|制作|数量
本年|新|公开|数量
对外|公开|总|数量
上一年|项目|数量
本年|增/减
处理|决定|数量
采购|项目|数量
采购|总|金额
规章
规范性|文件
行政|许可
其他|对外|管理|服务|事项
行政|处罚
行政|强制
行政|事业性|收费
政府|集中|采购
本年|制发|件数
本年|废止|件数
现行|有效|件数
本年|处理|决定|数量
本年|收费|金额|（单位：|万元）
行政|规范性|文件
（本列|数据|的|勾稽|关系|为：|第一项|加|第二项|之和，|等于|第三项|加|第四项|之和）
申请人|情况
自然人
法人|或|其他|组织
商业|企业
科研|机构
社会|公益|组织
法律|服务|机构
其他
总计
一、|本年|新收|政府|信息|公开|申请|数量
二、|上年|结转|政府|信息|公开|申请|数量
三、|本年度|办理|结果
四、|结转|下年度|继续|办理
（一）|予以|公开
（二）|部分|公开|（区分|处理|的，|只计|这一|情形，|不计|其他|情形）
（三）|不予|公开
（四）|无法|提供
（五）|不予|处理
（六）|其他|处理
（七）|总计
1.|属于|国家|秘密
2.|其他|法律|行政|法规|禁止|公开
3.|危及|“三安全一稳定”
4.|保护|第三方|合法|权益
5.|属于|三类|内部|事务|信息
6.|属于|四类|过程性|信息
7.|属于|行政|执法|案卷
8.|属于|行政|查询|事项
1.|本机关|不|掌握|相关|政府|信息
2.|没有|现成|信息|需要|另行|制作
3.|补正|后|申请|内容|仍|不|明确
1.|信访|举报|投诉|类|申请
2.|重复|申请
3.|要求|提供|公开|出版物
4.|无|正当|理由|大量|反复|申请
5.|要求|行政|机关|确认|或|重新|出具|已|获取|信息
1.|申请人|无|正当|理由|逾期|不|补正、|行政|机关|不再|处理|其|政府|信息|公开|申请
2.|申请人|逾期|未|按|收费|通知|要求|缴纳|费用、|行政|机关|不再|处理|其|政府|信息|公开|申请
3.|其他
行政|复议
行政|诉讼
结果|维持
结果|纠正
其他|结果
尚未|审结
未经|复议|直接|起诉
复议|后|起诉
"""
BREAKS = {}
for entry in SEGMENTED.split():
    parts = entry.split("|")
    cuts = {sum(len(p) for p in parts[:i]) for i in range(1, len(parts))}
    BREAKS["".join(parts)] = cuts
FIGURE = re.compile(r"[+\-]?\d[\d.,]*(万元)?")
SAMPLES = ["tianhe", "2024-huaian-szf"]


def fixed_texts(report) -> set[str]:
    """Every caption, header, note and label the report's tables print."""
    texts = set()
    for section in report.form.sections:
        for table in section.tables:
            texts |= {table.caption} - {""}
            texts |= {c.text for c in table_grid(section, table).cells if c.kind != "data"}
    return texts


def printed_cells(report, fonts) -> list[list[str]]:
    pdf = render(report, check_report(report, None), PdfOptions(), fonts)
    return [[line.replace("※", "") for line in cell.lines] for page in table_cells(pdf)
            for cell in page]  # fmt: skip


@pytest.mark.parametrize("name", SAMPLES)
def test_no_label_or_header_breaks_inside_a_word(fonts, name):
    report = sample(name)
    seen = set()
    for cell in printed_cells(report, fonts):
        text = "".join(cell)
        if FIGURE.fullmatch(text):
            assert len(cell) == 1, f"a figure broken over lines: {cell}"
            continue
        assert text in BREAKS, f"no hand segmentation for the printed text {text!r}"
        ends = {sum(len(line) for line in cell[:i]) for i in range(1, len(cell))}
        assert ends <= BREAKS[text], f"{'/'.join(cell)} breaks inside a word"
        seen.add(text)
    assert fixed_texts(report) <= seen  # every label of the format was printed and checked


@pytest.mark.parametrize("name", SAMPLES)
def test_long_labels_are_broken_and_short_ones_are_not(fonts, name):
    printed = {"".join(cell): cell for cell in printed_cells(sample(name), fonts)}
    # The official column headers, at the widths of the figure columns: whole words.
    assert printed["商业企业"] == ["商业", "企业"]
    assert printed["社会公益组织"] in (["社会", "公益", "组织"], ["社会公益", "组织"])
    assert printed["自然人"] == ["自然人"]
    assert printed["（三）不予公开"] == ["（三）", "不予公开"]
    assert printed["三、本年度办理结果"] == ["三、", "本年度", "办理结果"]
    longest = {  # the longest row label of each format: several lines of whole words
        "tianhe": "5.要求行政机关确认或重新出具已获取信息",
        "2024-huaian-szf": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    }[name]
    assert len(printed[longest]) > 1


def test_the_segmenter_keeps_words_numbers_and_quoted_terms_whole():
    assert words("（三）不予公开") == ["（三）", "不予公开"]
    assert words("3.危及“三安全一稳定”") == ["3.", "危及", "“三安全一稳定”"]
    assert words("本年收费金额（单位：万元）") == ["本年", "收费金额", "（单位：", "万元）"]
    assert words("采购总金额62075.67万元") == ["采购", "总金额", "62075.67万元"]
    # Closing marks never start a line, opening marks never end one.
    for piece in words("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"):
        assert piece[0] not in "，）" and piece[-1] != "（"


def test_lines_are_filled_with_whole_words_greedy_or_balanced():
    def width(text):
        return float(len(text))

    assert lines("社会公益组织", 4, width) == ["社会公益", "组织"]
    assert lines("社会公益组织", 4, width, balanced=True) == ["社会公益", "组织"]
    assert lines("一、本年新收政府信息公开申请数量", 9, width, balanced=True) == [
        "一、本年新收",
        "政府信息公开",
        "申请数量",
    ]
    assert lines("不予公开", 2, width) == ["不予", "公开"]  # a word too wide: characters
