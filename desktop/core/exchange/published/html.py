"""Web pages and Word-exported HTML: the text outside tables, and every table row with
its cells (colspan and rowspan change where a cell is drawn, not which figures a row
prints, so the figures are read in order after the row's label)."""

from __future__ import annotations

from html.parser import HTMLParser

from desktop.core.exchange.published.cells import clean, row_pieces
from desktop.core.exchange.published.pieces import Document, Text

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section"}
_SKIP = {"script", "style", "head", "title", "noscript"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.document = Document("", layout="网页表格")
        self.parts: list[str] = []  # the document text so far
        self.length = 0
        self.paragraph: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.tables = 0
        self.rows = 0
        self.skip = 0

    # text outside tables, a paragraph at a time
    def _flush(self) -> None:
        text = clean("".join(self.paragraph))
        self.paragraph = []
        if text:
            self.document.pieces.append(Text(text, self.length))
            self._write(text + "\n")

    def _write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            self._flush()
            self.tables += 1
            self.rows = 0
        elif tag == "tr":
            self._flush()
            self.row, self.rows = [], self.rows + 1
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")
        elif tag in _BLOCKS and self.cell is None:
            self._flush()

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self._emit_row(self.row)
            self.row = None
        elif tag in _BLOCKS and self.cell is None:
            self._flush()

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.row is None:
            self.paragraph.append(data)

    def _emit_row(self, cells: list[str]) -> None:
        place = f"第{self.tables}个表格第{self.rows}行"
        pieces = row_pieces(cells, self.length, place, group=self.tables * 10_000 + self.rows)
        self.document.pieces += pieces
        self._write(" | ".join(clean(c) for c in cells) + "\n")


def read_html(text: str) -> Document:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader._flush()
    reader.document.text = "".join(reader.parts)
    return reader.document
