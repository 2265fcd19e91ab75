"""Benchmark of the PDF (run on demand: `uv run python tests/bench/bench_pdf.py`).

Prints the median time to produce the official PDF of the 2020 天河区 report (tables,
fallback fonts, page decoration, closing) and its ratio against reportlab rendering the
same text as plain paragraphs with the same fonts, in the same run; then the narrative
alone (opening, headings, text) on the body grid against the same as plain paragraphs.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))

from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
)
from timing import median_seconds  # noqa: E402

from desktop import paths  # noqa: E402
from desktop.core.forms.layout import table_grid  # noqa: E402
from desktop.core.interchange import read_json  # noqa: E402
from desktop.core.pdf import PdfOptions, body, load_fonts, render  # noqa: E402
from desktop.core.pdf.document import opening  # noqa: E402
from desktop.core.pdf.styles import BOTTOM, LEFT, PAGE, TEXT_HEIGHT, TEXT_WIDTH, styles  # noqa: E402
from desktop.core.session import check_report  # noqa: E402


def plain_texts(report) -> list[str]:
    texts = [report.title, opening(report)]
    for section in report.form.sections:
        texts.append(section.heading)
        texts += report.text(section.id).splitlines()
        for table in section.tables:
            grid = table_grid(section, table)
            texts += [c.text or str(report.value(c.cell_id) or 0) for c in grid.cells]
    return [t for t in texts if t.strip()]


def main() -> None:
    sample = paths.resource(*paths.SAMPLE_JSON)
    report = read_json(sample.read_bytes(), sample.name).report
    findings = check_report(report, None)
    start = time.perf_counter()
    fonts = load_fonts()
    print(
        f"font discovery and registration (once per run): {(time.perf_counter() - start) * 1e3:.0f} ms"
    )
    style = styles(fonts)["body"]
    texts = plain_texts(report)

    def plain():
        story = [Paragraph(fonts.markup(t, "body"), style) for t in texts]
        SimpleDocTemplate(io.BytesIO(), initialFontName=fonts.roles["body"]).build(story)

    baseline = median_seconds(plain, 15)
    official = median_seconds(lambda: render(report, findings, PdfOptions(), fonts), 15)
    print(f"same text as plain paragraphs (baseline): {baseline * 1e3:8.1f} ms")
    print(
        f"official PDF of the full report:          {official * 1e3:8.1f} ms  ({official / baseline:.2f}x baseline)"
    )
    # The share of the narrative: the body text engine (gridtext.py) against reportlab
    # Paragraphs of the same opening, headings and text on the same page geometry.
    sections = [(s.heading, report.text(s.id)) for s in report.form.sections if s.is_text]

    def narrative_plain():
        lines = [opening(report)]
        for heading, text in sections:
            lines += [heading, *(line for line in text.splitlines() if line.strip())]
        _build([Paragraph(fonts.markup(line, "body"), style) for line in lines], fonts)

    def narrative_grid():
        story = [body.paragraph(opening(report), fonts)]
        story += [body.section(heading, text, fonts) for heading, text in sections]
        _build(story, fonts)

    plain_text = median_seconds(narrative_plain, 15)
    grid_text = median_seconds(narrative_grid, 15)
    print(f"narrative only, plain paragraphs:         {plain_text * 1e3:8.1f} ms")
    print(
        f"narrative only, on the grid (gridtext):   {grid_text * 1e3:8.1f} ms  ({grid_text / plain_text:.2f}x)"
    )


def _build(story, fonts) -> None:
    document = BaseDocTemplate(io.BytesIO(), pagesize=PAGE, initialFontName=fonts.roles["body"])
    frame = Frame(LEFT, BOTTOM, TEXT_WIDTH, TEXT_HEIGHT, 0, 0, 0, 0)
    document.addPageTemplates([PageTemplate("page", [frame])])
    document.build(story)


if __name__ == "__main__":
    main()
