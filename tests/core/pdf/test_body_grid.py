"""The body text of three real reports on the GB/T 9704 grid, measured on the printed
pages (glyph positions read back with pdfium, tests/core/pdf/measure.py):

- no line starts with a closing mark or ends with an opening one; numbers with their
  units, dates, Latin words, dash pairs and ellipses are not split; spaces between Latin
  words stay;
- every full line (one its paragraph continues after) starts at the left margin (the
  first line of a paragraph two grid characters in) and ends at the right margin, and
  holds 28 characters (26 after the indent; half-width characters counted by their
  width): one more only when a closing mark was pulled in (挤进), fewer only when the
  next line starts with something that would not have fitted (推出, a number, a word);
- a page of text whose paragraph continues on the next page has 22 lines, at the same
  pitch and on the same grid as every other page;
- a heading (一、… or （一）…) is followed on its page by at least two lines of its text,
  or by its table.

The reports: 2020 天河区 (the shipped sample), 2024 淮安市 with a realistic narrative
(figures from its published tables), and a unit whose name has 52 characters.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import pytest

from desktop.core.pdf import PdfOptions, body, render
from desktop.core.pdf.styles import (
    BASELINE,
    BODY_SIZE,
    BOTTOM,
    INDENT,
    LEFT,
    LINE,
    TEXT_HEIGHT,
    TEXT_WIDTH,
)
from desktop.core.session import check_report
from tests.core.pdf.conftest import sample
from tests.core.pdf.measure import TextLine, text_lines

RIGHT = LEFT + TEXT_WIDTH
TOP = BOTTOM + TEXT_HEIGHT
EDGE = 0.5  # pt
# typesetting.md, written out here rather than taken from the code under test
CLOSING = set("，。、；：？！…‥）］｝〕〉》」』】〗”’,.;:?!)]}・·々〃～%％")
OPENING = set("（［｛〔〈《「『【〖“‘([{￥$")
OPEN_CLASS = re.escape("".join(sorted(OPENING)))
CLOSE_CLASS = re.escape("".join(sorted(CLOSING)))
# What a line must start with as one piece: opening marks, then a date, a number with its
# magnitude and unit, a Latin word, a dash pair or ellipsis, or one character; then the
# closing marks after it.
LEAD = re.compile(
    rf"[{OPEN_CLASS}]*"
    r"(?:\d+年\d+月(?:\d+日)?"
    r"|[+\-]?[0-9A-Za-z]+(?:[.,:/\-]+[0-9A-Za-z]+)*(?:[%％]|[万亿千百]?[\u4e00-\u9fff])?"
    r"|——|……|.)"
    rf"[{CLOSE_CLASS}]*"
)
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
RUN_IN = re.compile(r"^（[一二三四五六七八九十]+）")
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
TRAIL = re.compile(LEAD.pattern + "$")
LONG_UNIT = "中国（江苏）自由贸易试验区连云港片区管理委员会暨连云港经济技术开发区管理委员会党政办公室（区政务公开办）"


def report_of(name: str):
    if name == "tianhe":
        return sample("tianhe")
    if name == "huaian":
        report = sample("2024-huaian-szf")
        report.texts.update(s1=HUAIAN_S1, s5=HUAIAN_S5, s6=HUAIAN_S6)
        return report
    report = sample("2025-suqian-shuyang-xzf")
    report.unit = LONG_UNIT
    report.texts.update(s1=LONG_S1, s5=LONG_S5, s6=LONG_S6)
    return report


@dataclass
class Row:
    """A line of the document in reading order, with where it is."""

    page: int
    line: TextLine
    body: bool  # 3号 text (body or heading), not a title, table or page number

    @property
    def text(self) -> str:
        return self.line.text

    @property
    def indented(self) -> bool:
        return abs(self.line.left - (LEFT + INDENT)) < EDGE


@dataclass
class Printed:
    name: str
    rows: list[Row]
    pages: int

    def body(self) -> list[int]:
        return [i for i, row in enumerate(self.rows) if row.body]

    def full(self, i: int) -> bool:
        """The paragraph continues on the next line (this one is justified)."""
        following = self.rows[i + 1] if i + 1 < len(self.rows) else None
        return following is not None and following.body and not following.indented


@pytest.fixture(scope="module", params=["tianhe", "huaian", "long-unit"])
def printed(request, fonts) -> Printed:
    report = report_of(request.param)
    findings = check_report(report, None)
    assert not [f for f in findings if f.blocking], "the sample must print as a final PDF"
    pdf = render(report, findings, PdfOptions(), fonts)
    rows = []
    for number, lines in enumerate(text_lines(pdf)):
        for line in lines:
            if line.baseline < BOTTOM - 1:
                continue  # the page number
            closing = line.text in report.unit or DATE.fullmatch(line.text)  # 落款, not text
            body = abs(line.size - BODY_SIZE) < 0.01 and not closing
            rows.append(Row(number, line, body=body))
    return Printed(request.param, rows, number + 1)


def ems(line: TextLine, count: int | None = None) -> float:
    """Characters of 3号 the glyphs take by their advances (a half-width digit ½)."""
    glyphs = line.glyphs if count is None else line.glyphs[:count]
    return sum(g.right - g.left for g in glyphs) / BODY_SIZE


def test_the_reports_have_text_pages(printed):
    body = printed.body()
    assert len(body) > 30
    assert sum(printed.full(i) for i in body) > 20


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(printed):
    for i in printed.body():
        text = printed.rows[i].text
        assert text[0] not in CLOSING, (printed.rows[i].page, text)
        assert text[-1] not in OPENING, (printed.rows[i].page, text)


def test_numbers_dates_words_and_marks_are_not_split(printed):
    for i in printed.body():
        if not printed.full(i):
            continue
        a, b = printed.rows[i].line, printed.rows[i + 1].line
        seam = a.text[-1] + "|" + b.text[0]
        where = (a.text, b.text)
        if re.fullmatch(r"[A-Za-z]\|[A-Za-z]", seam) and a.right <= RIGHT - 2 * EDGE:
            pytest.fail(f"a word split: {where}")
        assert not re.fullmatch(r"[0-9.,]\|[0-9.,%％]", seam), where  # 1,1|91
        assert not re.fullmatch(r"[0-9]\|[\u4e00-\u9fff]", seam), where  # 13|份
        assert not (re.search(r"[0-9][年月]$", a.text) and b.text[0].isdigit()), where
        assert not re.search(r"[0-9][万亿千百]$", a.text), where  # 36.26万|件
        assert seam not in ("—|—", "…|…"), where


def test_spaces_between_latin_words_stay(printed):
    if printed.name != "tianhe":
        pytest.skip("天河 writes Discover Tianhe")
    found = False
    for row in printed.rows:
        glyphs = row.line.glyphs
        text = row.text
        at = text.find("DiscoverTianhe")
        if at >= 0:
            r, t = glyphs[at + len("Discover") - 1], glyphs[at + len("Discover")]
            assert t.left - r.right > 4, "the space between Discover and Tianhe"
            found = True
    assert found


def test_full_lines_are_flush_at_both_margins(printed):
    for i in printed.body():
        line = printed.rows[i].line
        where = (printed.rows[i].page, line.text)
        assert abs(line.left - LEFT) < EDGE or printed.rows[i].indented, where
        assert line.right <= RIGHT + EDGE, where
        if printed.full(i):
            assert abs(line.right - RIGHT) < EDGE, where


def test_full_lines_hold_28_characters(printed):
    exact = 0
    for i in printed.body():
        if not printed.full(i):
            continue
        row, following = printed.rows[i], printed.rows[i + 1]
        capacity = 26 if row.indented else 28
        count = ems(row.line)
        where = (row.page, row.text, round(count, 2))
        lead = LEAD.match(following.text).group()
        room = ems(following.line, len(lead))
        if lead[0].isascii() and row.text[-1].isascii():
            room += 0.33  # the space dropped at the line end
        assert count <= capacity + 1 + 1e-3, where
        if count > capacity + 1e-3:  # 挤进: the line's last piece was pulled in
            trail = TRAIL.search(row.text).group()
            pulled = sum(g.right - g.left for g in row.line.glyphs[-len(trail) :]) / BODY_SIZE
            assert count - pulled < capacity - 1e-3, (*where, trail)
        # 推出 or a number/word: what starts the next line would not have fitted
        assert count + room > capacity - 1e-3, (*where, lead)
        exact += abs(count - capacity) < 1e-3
    assert exact > 0


def test_22_lines_on_every_full_page_on_one_grid(printed):
    for page in range(printed.pages):
        rows = [r for r in printed.rows if r.page == page]
        body = [r for r in rows if r.body]
        # consecutive lines of text: the same pitch everywhere
        for a, b in itertools.pairwise(rows):
            if a.body and b.body:
                assert abs(a.line.baseline - b.line.baseline - LINE) < 0.01, (page, b.text)
        if not rows or not rows[0].body:
            continue
        # a page starting with text starts on the first line of the grid
        assert abs(rows[0].line.baseline - (TOP - BASELINE)) < 0.01, page
        if len(body) != len(rows):
            continue  # a table on the page
        last = printed.rows.index(rows[-1])
        if printed.full(last):  # the paragraph goes on: the page is full
            assert len(body) == 22, (page, len(body))
        elif last + 1 < len(printed.rows):
            # a page ends short only to keep a heading with its text
            following = printed.rows[last + 1]
            if len(body) < 22:
                assert HEADING.match(following.text) or RUN_IN.match(following.text), page


def test_the_first_page_text_is_on_the_same_grid_as_the_others(printed):
    """The title block takes whole lines: page 1's text lines fall on the grid lines
    of every other page (TOP - BASELINE - n × LINE)."""
    first = [r for r in printed.rows if r.page == 0 and r.body]
    assert first
    for row in first:
        lines = (TOP - BASELINE - row.line.baseline) / LINE
        assert abs(lines - round(lines)) < 0.01, row.text


def test_headings_are_followed_by_two_lines_of_their_text(printed):
    rows = printed.rows
    headings = 0
    for i in printed.body():
        row = rows[i]
        level = 1 if HEADING.match(row.text) else 2 if RUN_IN.match(row.text) else 0
        if not row.indented or not level:
            continue
        headings += 1
        text_lines_after, same_page = 0, 0
        for j in range(i + 1, len(rows)):
            other = rows[j]
            if not other.body:
                if text_lines_after == 0:  # a table section: its table follows at once
                    assert other.page == row.page, (row.page, row.text)
                break
            if other.indented and (
                HEADING.match(other.text) or (level == 2 and RUN_IN.match(other.text))
            ):
                break
            if other.indented and RUN_IN.match(other.text) and _heading_only(other.text):
                continue  # a sub-heading line of its own: not text
            text_lines_after += 1
            same_page += other.page == row.page
            if text_lines_after == 2:
                break
        assert same_page == text_lines_after, (printed.name, row.page, row.text)
    assert headings >= 5


def test_room_for_4_lines_holds_4_and_a_heading_needs_room_for_two_lines_of_text(fonts):
    text = "（一）统筹谋划，夯实政务公开基础。\n" + "政务公开工作" * 30
    section = body.section("一、总体情况", text, fonts)
    section.wrap(TEXT_WIDTH, TEXT_HEIGHT)
    almost = (BOTTOM + 4 * LINE) - BOTTOM  # as a frame computes its room: 3.999… lines
    first, rest = section.split(TEXT_WIDTH, almost)
    assert first.wrap(TEXT_WIDTH, almost)[1] == pytest.approx(4 * LINE)
    assert first.getPlainText().splitlines()[:2] == [
        "一、总体情况",
        "（一）统筹谋划，夯实政务公开基础。",
    ]
    assert rest.getPlainText().startswith("政务")
    # room for the two headings and one line of their text only: all goes to the next page
    assert section.split(TEXT_WIDTH, 3.5 * LINE) == []
    # a text paragraph alone splits after any line
    assert len(body.paragraph("政务公开工作" * 30, fonts).split(TEXT_WIDTH, 1.2 * LINE)) == 2


def _heading_only(text: str) -> bool:
    return bool(re.fullmatch(r"（[一二三四五六七八九十]+）[^。]{0,40}。?", text))


HUAIAN_S1 = """\
2024年，淮安市人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神，认真落实《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅、省政府办公厅关于政务公开工作的部署要求，以“公开为常态、不公开为例外”为原则，围绕“绿色高地、枢纽新城”建设，持续推进决策、执行、管理、服务、结果“五公开”，全年主动公开政府信息1,191件，同比增长17.46%，政务公开工作在全省综合考评中位列第一方阵。
（一）主动公开情况。全年通过市政府门户网站（www.huaian.gov.cn）主动公开各类政府信息1,191件，其中市政府文件89件、市政府办公室文件102件，发布政策解读材料156篇，解读率达100%。制定和发布规章1件，现行有效规章11件；制发行政规范性文件8件，废止26件，现行有效66件，全部在“淮安市行政规范性文件库”集中公开并提供PDF和OFD两种版式文件下载。围绕优化营商环境，编制《淮安市2024年惠企政策清单》，梳理政策事项328项，通过“i淮安”App和“淮上通”小程序精准推送至企业42,617户次。
（二）依申请公开情况。2024年，市政府本级共收到政府信息公开申请3119件，上年结转34件。其中，予以公开1362件，占办结总数的43.67%；部分公开454件；不予公开201件；无法提供781件；不予处理88件；其他处理187件；结转下年度继续办理103件。全年未发生因政府信息公开申请答复超期引发的行政复议纠错案件。针对申请量较大的征地拆迁、规划许可等领域，建立“受理—研判—答复—归档”全流程台账，对复杂疑难申请实行“一案一会商”，答复平均用时缩短至11.5个工作日。
（三）政府信息管理情况。严格落实公文公开属性源头认定制度，在拟文时同步明确“主动公开”“依申请公开”“不予公开”三类属性，全年审核公文公开属性1,846件次。开展政府信息公开保密审查，坚持“先审查、后公开”和“一事一审”，全年未发生泄密事件。2024年6月30日前完成对2019年1月1日以来市政府及市政府办公室文件的清理评估，对已失效、废止的文件逐一标注，确保公开信息准确、权威、有效。
（四）政府信息公开平台建设情况。持续推进市政府门户网站集约化建设，全市68家单位网站统一部署在集约化平台上，实现统一标准、统一管理、统一安全防护。优化网站“智能问答”功能，引入AI语义识别技术，全年提供智能问答服务23.6万次，准确率达92.8%。做好政务新媒体管理，全市现有政务新媒体账号147个，其中微信公众号86个、微博账号21个、抖音号40个，全年关停整合“僵尸号”“睡眠号”9个。依托12345政务服务便民热线，全年受理群众咨询、求助、投诉、建议等诉求58.2万件，按时办结率99.6%，群众满意率96.1%。
（五）监督保障情况。市政府常务会议两次专题听取政务公开工作汇报，将政务公开纳入全市高质量发展综合考核，考核权重为2%。举办全市政务公开业务培训班3期，培训各级政务公开工作人员430余人次。聘请12名政务公开社会监督员，定期开展网站、新媒体和实体专区“体验式”检查，发现并整改问题57个。全年未发生因政务公开工作不力被追究责任的情况。
"""
HUAIAN_S5 = """\
2024年，我市政务公开工作取得了一定成效，但对照上级要求和群众期盼，仍存在一些不足：一是部分县区、部门政策解读形式较为单一，图解、视频等多元化解读占比不高（仅占全部解读材料的31.4%）；二是基层政务公开专区作用发挥不够充分，部分专区存在资料更新不及时、查阅指引不清晰等问题；三是依申请公开答复的规范性有待进一步提升，个别单位答复告知书引用法律条款不够准确。
下一步，我市将重点抓好以下工作：一是丰富政策解读形式，推行“政策简明问答”“一图读懂”和H5动画解读，力争2025年多元化解读占比达到50%以上；二是规范基层政务公开专区建设，制定《淮安市基层政务公开专区运行管理规范（试行）》，实行季度通报制度；三是加强依申请公开业务指导，组织开展典型案例评析和答复文书“回头看”，切实提升答复质量。
"""
HUAIAN_S6 = """\
（一）信息处理费收取情况。2024年，市政府本级未向政府信息公开申请人收取信息处理费。
（二）人大代表建议和政协提案办理结果公开情况。2024年，市政府各部门共承办市人大代表建议412件、市政协提案538件，办复率均为100%，除涉及国家秘密、商业秘密、个人隐私等不宜公开的内容外，办理复文全部在市政府门户网站“建议提案办理”专栏公开，公开率为100%。
（三）年度工作要点落实情况。对照《2024年淮安市政务公开工作要点》确定的6个方面24项重点任务，逐项明确责任单位和完成时限，按月调度、按季通报，截至2024年12月31日，各项任务均已按期完成。
（四）政务公开创新情况。探索开展“政府开放日”活动，全年组织市民代表、企业代表走进市发展改革委、市生态环境局等12个部门，现场了解政策制定和执行情况；在全省率先上线政府信息公开申请“掌上办”功能，申请人可通过“i淮安”App在线提交申请、查询进度、接收答复，全年线上申请占比达到68.3%。
"""
LONG_S1 = """\
2025年，本委党政办公室在片区党工委、管委会的坚强领导下，深入贯彻《中华人民共和国政府信息公开条例》，紧扣制度型开放和“一带一路”强支点建设，推进政务公开与投资贸易便利化深度融合，全年主动公开政府信息612件，同比增长8.9%。
（一）聚焦制度创新，做好政策公开。
全年制发行政规范性文件5件，全部按规定在“中国（江苏）自由贸易试验区连云港片区”门户网站（https://lyg.china-jsftz.gov.cn）公开；围绕跨境贸易、国际航运、离岸金融等领域，发布《连云港片区2025年制度创新成果汇编》，集中公开创新案例36项，其中“中欧班列‘一单制’数字提单”等4项案例获评全省最佳实践案例。
（二）聚焦企业需求，做好服务公开。
依托“自贸通”服务平台和“Lianyungang FTZ”英文网站，用中英日韩四种语言发布投资指南、办事指南和政策解读，全年累计访问量达到127.3万人次；设立“首席服务官”制度，公开服务专员联系方式214个，企业诉求平均办结时间由2024年的4.2个工作日缩短至2.7个工作日。
（三）聚焦规范运行，做好依申请公开。
全年收到政府信息公开申请27件，均在法定期限内答复，未发生行政复议纠错和行政诉讼败诉情况。对涉及第三方权益的申请，严格履行书面征求意见程序，做到依法、规范、及时。
"""
LONG_S5 = """\
主要问题是：政策解读的针对性不够强，面向外资企业的多语种解读覆盖面偏窄；基层站点信息更新存在“重发布、轻维护”现象。改进措施是：2026年起每季度开展一次网站和新媒体全面体检，建立外资企业政策需求清单，推动多语种解读覆盖全部重点政策。
"""
LONG_S6 = "本年度未收取信息处理费。人大代表建议和政协提案办理结果均已依法公开，年度政务公开工作要点确定的任务全部完成。\n"
