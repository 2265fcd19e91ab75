"""Reports in and out of the formats offices use besides the report file and the
interchange JSON: Excel workbooks, published reports (text, HTML, Markdown, PDF) and Word
drafts of the narrative.

Every reader returns the same `ImportResult` as the JSON reader: the report (validated by
the one interchange path), what was rejected (which stops the import: all or nothing),
and notes and warnings with their places in the source (which do not). The command line
and the window both come in through `read_any`.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.interchange import ImportResult

# suffix -> module under desktop.core.exchange with read(path, unit, year) -> ImportResult
READERS = {
    ".json": "desktop.core.exchange.json_file",
    ".xlsx": "desktop.core.exchange.xlsx",
    ".txt": "desktop.core.exchange.published",
    ".html": "desktop.core.exchange.published",
    ".htm": "desktop.core.exchange.published",
    ".md": "desktop.core.exchange.published",
    ".pdf": "desktop.core.exchange.published",
    # A report saved as Word (its title names unit and year); a draft of the narrative
    # goes into an existing report through narrative.read_draft instead.
    ".docx": "desktop.core.exchange.narrative",
}
KINDS = "年报交换文件（.json）、Excel（.xlsx）、已发布的年报（.txt .html .md .pdf .docx）"


def read_any(path: Path, unit: str | None = None, year: int | None = None) -> ImportResult:
    """Read a report from any supported file, chosen by its suffix; `unit` and `year`
    name the report where the source does not (a published text without its title)."""
    import importlib

    # Any other name is read as interchange JSON, whose reader says what else it is.
    name = READERS.get(Path(path).suffix.lower(), READERS[".json"])
    return importlib.import_module(name).read(Path(path), unit, year)
