"""Plain text in any of the layouts portals produce: one cell per line (the 天河 copy),
columns aligned with spaces (`pdftotext -layout`, a PDF read by position), or a whole
table run together without separators (平潭's 行政许可3960181)."""

from __future__ import annotations

from bisect import bisect_right

from desktop.core.exchange.published.pieces import Document, Text, Values, is_page_chrome, scan


def read_text(text: str, place_prefix: str = "", line_places: list[str] | None = None) -> Document:
    """The pieces of a text; `line_places` names each line's place (a PDF's page and line)
    where the line number alone would not do."""
    kept, dropped = [], []
    for number, line in enumerate(text.split("\n")):
        if is_page_chrome(line):
            where = line_places[number] if line_places else f"{place_prefix}第{number + 1}行"
            dropped.append(where)
            kept.append("")  # keep the line numbers of what follows
        else:
            kept.append(line.rstrip())
    body = "\n".join(kept)
    document = Document(body, layout="text", line_places=line_places)
    if dropped:
        document.notes.append(
            f"已略去夹在文字中的页码{len(dropped)}处（{'、'.join(dropped[:3])}{'等' if len(dropped) > 3 else ''}）"
        )
    starts = [0]
    for line in kept[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    items = scan(body, 0, len(body))
    counts: dict[int, int] = {}
    for begin, _, token, _ in items:
        if token is not None:
            line = bisect_right(starts, begin) - 1
            counts[line] = counts.get(line, 0) + 1
    current: Values | None = None
    previous_line = -1
    for begin, finish, token, raw in items:
        if token is None:
            offset = begin
            for part in raw.split("\n"):
                if part.strip():
                    document.pieces.append(Text(part.strip(), offset))
                    current = None
                offset += len(part) + 1
            continue
        line = bisect_right(starts, begin) - 1
        same_row = current is not None and (
            line == previous_line or (counts[previous_line] == 1 and counts[line] == 1)
        )
        if same_row:
            current.tokens.append(token)
        else:
            where = line_places[line] if line_places else f"{place_prefix}第{line + 1}行"
            current = Values([token], begin, where, line_tokens=counts[line])
            document.pieces.append(current)
        current.glued = current.glued or _touches(body, begin, finish)
        current.end = finish
        previous_line = line
    return document


def _touches(text: str, begin: int, end: int) -> bool:
    """A number printed against a word with no space between (行政许可3960181其他…)."""
    before = text[begin - 1] if begin > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isspace() or not (after.isspace() or after in "+-")
