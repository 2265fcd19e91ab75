"""The print fonts (some 40 MB) are read once per process: a second PDF reads none."""

import shutil

from reportlab.pdfbase import pdfmetrics

from desktop import paths
from desktop.core.pdf import PdfOptions, render
from desktop.core.pdf import fonts as pdf_fonts
from desktop.core.session import check_report
from tests.core.pdf.conftest import sample


def counting(monkeypatch) -> dict[str, int]:
    """From now on: font files read, fonts registered with reportlab, font lists taken."""
    counts = {"read": 0, "registered": 0, "listed": 0}
    real_font, real_register, real_run = (
        pdf_fonts.TTFont,
        pdfmetrics.registerFont,
        pdf_fonts.subprocess.run,
    )

    def read(*args, **kwargs):
        counts["read"] += 1
        return real_font(*args, **kwargs)

    def register(font):
        counts["registered"] += 1
        return real_register(font)

    def run(*args, **kwargs):
        counts["listed"] += 1
        return real_run(*args, **kwargs)

    monkeypatch.setattr(pdf_fonts, "TTFont", read)
    monkeypatch.setattr(pdfmetrics, "registerFont", register)
    monkeypatch.setattr(pdf_fonts.subprocess, "run", run)
    return counts


def test_a_second_pdf_reads_and_registers_no_font(monkeypatch):
    report = sample("tianhe")
    findings = check_report(report, None)
    first = render(report, findings, PdfOptions(draft=True))  # reads what is not read yet
    counts = counting(monkeypatch)
    second = render(report, findings, PdfOptions(draft=True))
    assert counts == {"read": 0, "registered": 0, "listed": 0}
    assert second[:5] == first[:5] == b"%PDF-" and abs(len(second) - len(first)) < 100


def test_each_font_file_is_read_once(monkeypatch, tmp_path):
    copy = tmp_path / "copy.ttc"
    shutil.copy(paths.resource("fonts", pdf_fonts.FALLBACK), copy)
    counts = counting(monkeypatch)
    names = {pdf_fonts.FontSet().register("nb-test-copy", copy) for _ in range(3)}
    assert counts["read"] == 1 and len(names) == 1


def test_a_different_file_never_takes_a_name_already_used(tmp_path):
    """reportlab keeps the first font registered under a name: a second file under the
    same name would print in the first file's font while its glyphs were checked."""
    fang, kai = (
        paths.resource("fonts", n) for n in ("FandolFang-Regular.ttf", "FandolKai-Regular.ttf")
    )
    first, second = (shutil.copy(font, tmp_path / font.name) for font in (fang, kai))
    fonts = pdf_fonts.FontSet()
    a = fonts.register("nb-test-same", first)
    b = fonts.register("nb-test-same", second)
    assert a == "nb-test-same" and b not in (None, a)
    assert fonts.sources[a] == first and fonts.sources[b] == second
    printed = {name: pdfmetrics.getFont(name).face.charToGlyph for name in (a, b)}
    assert printed[a] != printed[b]  # each name prints with its own file's glyphs
    assert set(printed[b]) == fonts._cmaps[b]


def test_an_unusable_file_is_refused_each_time(tmp_path):
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"OTTO not really a font")
    fonts = pdf_fonts.FontSet()
    assert fonts.register("nb-test-broken", broken) is None
    assert fonts.register("nb-test-broken", broken) is None
    assert fonts.register("nb-test-missing", tmp_path / "missing.ttf") is None
