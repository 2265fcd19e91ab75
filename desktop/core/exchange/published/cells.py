"""A printed table row whose cells are known (HTML, Markdown): the leading word cells
are its label, the cells after the last word cell its values, an empty cell a blank."""

from __future__ import annotations

import re

from desktop.core.exchange.published.pieces import BLANK_MARKS, Text, Token, Values, scan

_SPACES = re.compile(r"[\s\u00a0\u3000]+")


def clean(cell: str) -> str:
    return _SPACES.sub(" ", cell).strip()


def row_pieces(cells: list[str], start: int, place: str, group: int) -> list[Text | Values]:
    """Pieces of one table row; `start` is the row's offset in the document text."""
    cells = [clean(c) for c in cells]
    kinds = [_kind(c) for c in cells]
    words = [i for i, k in enumerate(kinds) if k == "word"]
    last_word = words[-1] if words else -1
    values = cells[last_word + 1 :]
    label = " ".join(c for c in cells[: last_word + 1] if c)
    pieces: list[Text | Values] = []
    if label:
        pieces.append(Text(label, start))
    if not values:
        return pieces
    tokens: list[Token] = []
    for cell in values:
        if not cell:
            tokens.append(Token(""))
        elif cell in BLANK_MARKS:
            tokens.append(Token(cell))
        else:
            tokens += [t for _, _, t, _ in scan(cell, 0, len(cell)) if t is not None]
    pieces.append(Values(tokens, start + len(label), place, exact=True, group=group))
    return pieces


def _kind(cell: str) -> str:
    if not cell or cell in BLANK_MARKS:
        return "blank"
    items = scan(cell, 0, len(cell))
    if any(t is not None for _, _, t, _ in items) and all(
        t is not None or not text.strip() for _, _, t, text in items
    ):
        return "number"
    return "word"
