"""The official-format PDF (reportlab): one renderer for the window, the command line
and later the coordinating office."""

from desktop.core.pdf.document import PdfOptions, PdfRefused, render, render_signoff
from desktop.core.pdf.fonts import MissingCharacters, load_fonts

__all__ = [
    "MissingCharacters",
    "PdfOptions",
    "PdfRefused",
    "load_fonts",
    "render",
    "render_signoff",
]
