"""Page numbers where GB/T 9704 7.5 puts them (一字线上距版心下边缘7mm; 单页码居右空一字，双页码
居左空一字), measured in the PDF; the 草稿 mark says errors remain only when they do."""

import io

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Spacer

from desktop.core.pdf import PdfOptions, render
from desktop.core.pdf import fonts as pdf_fonts
from desktop.core.pdf import page as pdf_page
from desktop.core.pdf.fontfiles import InstalledFace
from desktop.core.pdf.styles import BOTTOM, LEFT, PAGE, PAGE_NUMBER_SIZE, TEXT_WIDTH
from tests.core.pdf import fakefonts, measure
from tests.core.pdf.conftest import sample

RIGHT = LEFT + TEXT_WIDTH


def number_lines(pdf: bytes) -> list[measure.Line]:
    """Each page's line below the text area (its number)."""
    return [
        next(line for line in lines if line.bottom < BOTTOM - 1) for lines in measure.pages(pdf)
    ]


def dash_tops(pdf: bytes) -> list[float]:
    """Each page's distance from the text area's lower edge down to the dashes' ink, in mm."""
    tops = []
    for chars in measure.ink(pdf):
        dashes = [c for c in chars if c.text == "—" and c.top < BOTTOM]
        assert len(dashes) == 2
        tops.append((BOTTOM - max(d.top for d in dashes)) / mm)
    return tops


@pytest.fixture(scope="module")
def tianhe_pdf(fonts) -> bytes:
    return render(sample("tianhe"), [], PdfOptions(), fonts)


def test_the_dash_s_top_edge_is_7_mm_below_the_text_area(tianhe_pdf):
    tops = dash_tops(tianhe_pdf)
    assert len(tops) > 2 and tops == pytest.approx([7.0] * len(tops), abs=0.05)


def test_odd_numbers_right_and_even_left_one_character_in(tianhe_pdf):
    lines = number_lines(tianhe_pdf)
    for number, line in enumerate(lines, start=1):
        assert line.text.replace(" ", "") == f"—{number}—"
        if number % 2:
            assert line.right == pytest.approx(RIGHT - PAGE_NUMBER_SIZE, abs=0.2)
        else:
            assert line.left == pytest.approx(LEFT + PAGE_NUMBER_SIZE, abs=0.2)


def test_centred_numbers(fonts):
    pdf = render(sample("tianhe"), [], PdfOptions(centred_numbers=True), fonts)
    for line in number_lines(pdf):
        assert (line.left + line.right) / 2 == pytest.approx(LEFT + TEXT_WIDTH / 2, abs=0.2)
    assert dash_tops(pdf)[0] == pytest.approx(7.0, abs=0.05)


def test_the_7_mm_hold_for_a_font_whose_dash_sits_elsewhere(monkeypatch, tmp_path):
    """An installed 宋体 draws its 一字线 at its own height: the number moves with it."""
    song = fakefonts.make(tmp_path / "song.ttf", "宋体", "SimSun", raise_dash=200)
    monkeypatch.setattr(pdf_fonts, "installed", lambda: (InstalledFace(song, 0, ("宋体",)),))
    fonts = pdf_fonts.load_fonts()
    assert fonts.sources[fonts.roles["song"]] == song
    assert fonts.ink("song", "—")[3] == pytest.approx(0.511, abs=0.001)  # FandolSong's + 0.2
    pdf = render(sample("tianhe"), [], PdfOptions(), fonts)
    assert dash_tops(pdf)[:2] == pytest.approx([7.0, 7.0], abs=0.05)


def mark_of(pdf: bytes) -> str:
    """The line above the text area on the first page."""
    return next(line.text for line in measure.pages(pdf)[0] if line.bottom > PAGE[1] - 25 * mm)


def decorated(fonts, options, errors: int) -> bytes:
    """Two pages decorated as the report's are."""
    buffer = io.BytesIO()
    document = BaseDocTemplate(buffer, pagesize=PAGE, initialFontName=fonts.roles["body"])
    frame = Frame(LEFT, BOTTOM, TEXT_WIDTH, 600, id="text")
    decorate = pdf_page.decorator(fonts, options, errors=errors)
    document.addPageTemplates([PageTemplate("page", [frame], onPage=decorate)])
    document.build([Spacer(1, 10), PageBreak(), Spacer(1, 10)])
    return buffer.getvalue()


def test_a_draft_with_errors_says_so(fonts):
    pdf = decorated(fonts, PdfOptions(draft=True), errors=3)
    assert "存在未解决的错误" in mark_of(pdf)
    assert all("草稿" in "".join(line.text for line in lines) for lines in measure.pages(pdf))


def test_a_draft_without_errors_says_only_draft(fonts):
    mark = mark_of(decorated(fonts, PdfOptions(draft=True), errors=0))
    assert mark.startswith("草稿") and "仅供核对" in mark and "错误" not in mark
    report = sample("tianhe")  # warnings only
    mark = mark_of(render(report, [], PdfOptions(draft=True), fonts))
    assert "草稿" in mark and "错误" not in mark


def test_a_final_pdf_has_no_mark(fonts):
    pdf = decorated(fonts, PdfOptions(), errors=0)
    assert not any("草稿" in line.text for lines in measure.pages(pdf) for line in lines)
