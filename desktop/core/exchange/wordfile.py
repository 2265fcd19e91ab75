"""The body of a Word or WPS file (.docx) as an officer sees it: paragraphs and tables in
order, each paragraph's text with its automatic numbering written out (一、 （一） 1.),
tracked changes accepted, and whether it looks like a heading (a heading style or
outline level, or every character bold).

Read at the XML level through python-docx's package reader, because what matters here
is what Word shows: python-docx's own Paragraph.text leaves out inserted revisions and
automatic numbers, and repeats a text box's fallback copy."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.errors import InputError
from desktop.core.exchange.wordnumbers import Numbering
from desktop.core.sources import read_source
from desktop.core.textrules import shown

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024  # a .docx is a zip: refuse one that unpacks into a bomb

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Never body text: properties, deleted or moved-away revisions, field codes, text boxes
# and drawings (whose text Word keeps twice), footnote marks.
_SKIPPED = {
    W + name
    for name in [
        "pPr",
        "rPr",
        "del",
        "moveFrom",
        "instrText",
        "delInstrText",
        "delText",
        "txbxContent",
        "drawing",
        "pict",
        "object",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
    ]
} | {MC + "Fallback"}


@dataclass
class Paragraph:
    text: str  # soft line breaks kept as \n; automatic numbering written out
    heading: bool  # a heading style, an outline level, or every character bold
    number: int  # 1-based among the body's paragraphs


@dataclass
class Table:
    rows: list[list[str]]  # each row's cells; a vertically merged cell's text in every row
    columns: int  # the grid's width (a cell merged across columns is one cell of a row)
    number: int  # 1-based among the body's tables


@dataclass
class Body:
    blocks: list[Paragraph | Table] = field(default_factory=list)
    revised: bool = False  # tracked changes were present (read as if accepted)
    text_boxes: int = 0  # text boxes and shapes holding text, not read


def read_body(path: Path) -> Body:
    """The paragraphs and tables of a .docx file, or InputError in words."""
    raw = read_source(path, MAX_BYTES)
    name = shown(path.name)
    if raw[:4] != b"PK\x03\x04":
        if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise InputError(
                f"{name} 是旧版 Word 文档（.doc）或 WPS 文档，请在 Word 或 WPS 中"
                "“另存为”Word 文档（.docx）后再导入"
            )
        raise InputError(f"{name} 不是 Word 文档（.docx），无法读取")
    _refuse_bomb(raw, name)
    import docx  # python-docx: only when a Word file is read
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as error:  # a damaged package fails in many ways inside python-docx
        raise InputError(f"{name} 已损坏或不是 Word 文档（.docx），无法读取") from error
    part = document.part
    styles = _Styles(_related(part, RT.STYLES))
    numbering = Numbering(_related(part, RT.NUMBERING), styles)
    reader = _Reader(styles, numbering)
    reader.walk(document.element.body)
    return reader.body


def _refuse_bomb(raw: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise InputError(f"{name} 已损坏或不是 Word 文档（.docx），无法读取") from error
    if unpacked > MAX_UNPACKED:
        raise InputError(f"{name} 解压后超过 {MAX_UNPACKED // 1024 // 1024} MB，不像正文文稿")


def _related(part, reltype: str):
    try:
        return part.part_related_by(reltype).element
    except (KeyError, ValueError):
        return None


def _on(element, name: str) -> bool | None:
    """A toggle property (w:b, w:vanish) of rPr-like `element`: None when not set."""
    if element is None:
        return None
    found = element.find(W + name)
    if found is None:
        return None
    return found.get(W + "val", "true").lower() not in ("false", "0", "off", "none")


class _Styles:
    """Paragraph and character styles by id, with what is inherited through basedOn."""

    def __init__(self, root):
        self.by_id = {}
        self.default = None
        if root is not None:
            for style in root.iter(W + "style"):
                style_id = style.get(W + "styleId")
                self.by_id[style_id] = style
                if style.get(W + "type") == "paragraph" and style.get(W + "default") in (
                    "1",
                    "true",
                ):
                    self.default = style_id

    def chain(self, style_id: str | None):
        seen = set()
        style_id = style_id or self.default
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(W + "basedOn")
            style_id = based.get(W + "val") if based is not None else None

    def first(self, style_id: str | None, path: str):
        """The nearest value of child `path` (e.g. w:pPr/w:outlineLvl) along the chain."""
        for style in self.chain(style_id):
            found = style.find(path)
            if found is not None:
                return found
        return None

    def bold(self, style_id: str | None) -> bool | None:
        for style in self.chain(style_id):
            value = _on(style.find(W + "rPr"), "b")
            if value is not None:
                return value
        return None

    def is_heading(self, style_id: str | None) -> bool:
        level = self.first(style_id, f"{W}pPr/{W}outlineLvl")
        if level is not None and level.get(W + "val", "9") not in ("9",):
            return True
        for style in self.chain(style_id):
            name = style.find(W + "name")
            words = (name.get(W + "val", "") if name is not None else "").lower()
            if re.fullmatch(r"(heading|标题)\s*\d|title|标题", words):
                return True
        return False


class _Reader:
    def __init__(self, styles: _Styles, numbering: Numbering):
        self.styles, self.numbering = styles, numbering
        self.body = Body()
        self.paragraphs = self.tables = 0

    def walk(self, container) -> None:
        for child in container:
            if child.tag == W + "p":
                self.paragraph(child)
            elif child.tag == W + "tbl":
                self.table(child)
            elif child.tag in (W + "sdt", W + "customXml", W + "ins", W + "moveTo"):
                content = child.find(W + "sdtContent")
                self.walk(content if content is not None else child)
            self.body.revised |= (
                child.find(f".//{W}ins") is not None or child.find(f".//{W}del") is not None
            )

    def paragraph(self, p) -> None:
        self.paragraphs += 1
        style = p.find(f"{W}pPr/{W}pStyle")
        style_id = style.get(W + "val") if style is not None else None
        if p.find(f".//{W}txbxContent") is not None:
            self.body.text_boxes += 1
        text, bold = self._runs(p, style_id)
        label = self.numbering.label(p, style_id)
        outline = p.find(f"{W}pPr/{W}outlineLvl")
        heading = (
            self.styles.is_heading(style_id)
            or (outline is not None and outline.get(W + "val", "9") != "9")
            or (bold and bool(text.strip()))
        )
        self.body.blocks.append(Paragraph(label + text, heading, self.paragraphs))

    def _runs(self, p, style_id) -> tuple[str, bool]:
        """The paragraph's visible text, and whether every visible character is bold."""
        parts: list[str] = []
        all_bold = True
        paragraph_bold = self.styles.bold(style_id)

        def walk(element, run_bold: bool | None) -> None:
            nonlocal all_bold
            for child in element:
                tag = child.tag
                if tag in _SKIPPED:
                    continue
                if tag == W + "r":
                    properties = child.find(W + "rPr")
                    if _on(properties, "vanish"):
                        continue  # hidden text: Word does not show it
                    walk(child, self._run_bold(properties, paragraph_bold))
                elif tag == W + "t":
                    parts.append(child.text or "")
                    if (child.text or "").strip() and not run_bold:
                        all_bold = False
                elif tag in (W + "tab", W + "ptab"):
                    parts.append(" ")
                elif tag in (W + "br", W + "cr"):
                    if child.get(W + "type") in (None, "textWrapping"):
                        parts.append("\n")
                elif tag == W + "noBreakHyphen":
                    parts.append("-")
                else:
                    walk(child, run_bold)

        walk(p, paragraph_bold)
        return "".join(parts), all_bold

    def _run_bold(self, properties, paragraph_bold: bool | None) -> bool:
        direct = _on(properties, "b")
        if direct is not None:
            return direct
        style = properties.find(W + "rStyle") if properties is not None else None
        if style is not None:
            from_style = self.styles.bold(style.get(W + "val"))
            if from_style is not None:
                return from_style
        return bool(paragraph_bold)

    def table(self, tbl) -> None:
        self.tables += 1
        rows, columns = [], 0
        above: dict[int, str] = {}  # column -> text of a vertically merged cell
        for tr in tbl.iter(W + "tr"):
            if _inside_nested(tr, tbl):
                continue
            row, column = [], 0
            for tc in tr.findall(W + "tc"):
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                width = int(span.get(W + "val", "1")) if span is not None else 1
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                text = " ".join(
                    line for p in tc.iter(W + "p") if (line := self._runs(p, None)[0].strip())
                )
                if merge is not None and merge.get(W + "val", "continue") == "continue":
                    text = above.get(column, "")
                else:
                    above[column] = text
                row.append(text)
                column += width
            rows.append(row)
            columns = max(columns, column)
        self.body.blocks.append(Table(rows, columns, self.tables))


def _inside_nested(tr, tbl) -> bool:
    parent = tr.getparent()
    while parent is not None and parent is not tbl:
        if parent.tag == W + "tbl":
            return True
        parent = parent.getparent()
    return False
