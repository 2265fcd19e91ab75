"""Build the TrueType Fandol fonts in resources/fonts/ from the OpenType/CFF originals.

A developer tool, run by hand when the shipped fonts are to be rebuilt; it is not part of the
application, the installer build or the test suite. The application only ever loads the .ttf
files this script wrote and that are committed.

Why: reportlab's ``TTFont`` embeds only TrueType outlines (``glyf``); the Fandol fonts are
shipped as OpenType with PostScript (CID-keyed CFF) outlines, which reportlab refuses
("postscript outlines are not supported"). This script redraws every glyph as quadratic
TrueType outlines and rebuilds the tables that depend on the outline format.

Where the originals come from: the Debian package ``texlive-lang-chinese`` (Fandol 0.3,
2015-07-18; licence GPL-3+ with the font embedding exception, see
resources/fonts/LICENSE-fandol.txt). On a Debian machine::

    apt-get update
    cd "$(mktemp -d)" && apt-get download texlive-lang-chinese
    dpkg-deb -x texlive-lang-chinese_*.deb x
    cd /path/to/checkout
    uv run python installer/fonts/build_fonts.py \\
        /tmp/.../x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol

fontTools is a dev dependency (``uv sync`` installs it). Each font takes about 7-10 s. The
output is reproducible: the same input gives byte-identical files (the ``head`` timestamps of
the originals are kept).

What the conversion does, per font:

- every glyph is drawn through ``Cu2QuPen`` (cubic to quadratic, max error 1 unit at 1000
  units/em, contour direction reversed to the TrueType convention) into a ``TTGlyphPen``;
  ``glyf``/``loca`` are built from the result, ``CFF `` and ``VORG`` are dropped;
- ``head.glyphDataFormat = 0``; ``maxp`` becomes version 1.0 with the TrueType fields set (no
  hinting instructions: zones 1, everything else 0) and the outline maxima recomputed;
- ``post`` becomes format 2 (glyph names kept; format 3 above 65,000 glyphs);
- ``hmtx`` left side bearings are set to the new glyph xMin, ``vmtx`` top side bearings to
  the old vertical origin (from ``VORG``) minus the new yMax, so metrics stay as they were;
- ``cmap``, ``hhea``, ``OS/2``, ``GPOS``, ``BASE``, ``vhea`` and ``name`` are kept; a
  description (name ID 10) saying that the font was converted is added, as the GPL asks of a
  modified version;
- sfntVersion becomes 0x00010000.

Only the four regular styles are built (Song, Hei, Kai, Fang); FandolSong-Bold and
FandolHei-Bold are not needed. After writing, each file is loaded back with fontTools and, if
reportlab is importable, registered with reportlab's ``TTFont`` as a check.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "resources" / "fonts"
FONTS = ("FandolSong-Regular", "FandolHei-Regular", "FandolKai-Regular", "FandolFang-Regular")

# Maximum deviation of the quadratic outline from the cubic one, in units at 1000 units/em.
MAX_ERR_PER_1000 = 1.0
# post format 2 stores glyph name indices as uint16 with 258 standard names before them.
POST_FORMAT_2_LIMIT = 65000
DESCRIPTION = (
    "Converted from the OpenType/CFF original to TrueType (glyf) outlines with fontTools "
    "(cubic to quadratic curves, no hinting) by installer/fonts/build_fonts.py of the "
    "nianbao application. Same licence as the original: GPL-3+ with the font exception."
)


def _glyf_from_cff(font: TTFont) -> dict:
    """Draw every glyph of the CFF font as a quadratic TrueType glyph."""
    glyph_set = font.getGlyphSet()
    max_err = MAX_ERR_PER_1000 * font["head"].unitsPerEm / 1000
    glyphs = {}
    for name in font.getGlyphOrder():
        tt_pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()
    return glyphs


def convert(src: Path, dst: Path) -> TTFont:
    """Convert one OpenType/CFF font at src to a TrueType font at dst."""
    font = TTFont(src, recalcTimestamp=False)
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        raise ValueError(f"{src}: not an OpenType/CFF font")
    order = font.getGlyphOrder()

    vert_origin = None
    if "VORG" in font:
        vorg = font["VORG"]
        records = dict(vorg.VOriginRecords)
        vert_origin = {name: records.get(name, vorg.defaultVertOriginY) for name in order}

    glyphs = _glyf_from_cff(font)

    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")  # filled from glyf when compiled
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font.sfntVersion = "\x00\x01\x00\x00"

    head = font["head"]
    head.glyphDataFormat = 0

    # Bounding boxes are needed below for the side bearings; the head/maxp values are
    # recomputed again when the font is compiled (recalcBBoxes defaults to True).
    for glyph in glyphs.values():
        glyph.recalcBounds(glyf)

    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        advance, _ = hmtx[name]
        hmtx[name] = (advance, glyph.xMin if glyph.numberOfContours else 0)
    if "vmtx" in font and vert_origin is not None:
        vmtx = font["vmtx"]
        for name, glyph in glyphs.items():
            advance, tsb = vmtx[name]
            if glyph.numberOfContours:
                tsb = vert_origin[name] - glyph.yMax
            vmtx[name] = (advance, tsb)

    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.maxComponentDepth = 0
    maxp.recalc(font)

    post = font["post"]
    post.formatType = 2.0 if len(order) <= POST_FORMAT_2_LIMIT else 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order

    name_table = font["name"]
    name_table.setName(DESCRIPTION, 10, 3, 1, 0x409)
    name_table.setName(DESCRIPTION, 10, 1, 0, 0)

    dst.parent.mkdir(parents=True, exist_ok=True)
    font.save(dst)
    return font


def check(path: Path) -> str:
    """Load the written file back; return a one-line summary."""
    font = TTFont(path)
    assert font.sfntVersion == "\x00\x01\x00\x00", "sfntVersion"
    assert "glyf" in font and "CFF " not in font, "outline tables"
    assert font["maxp"].tableVersion == 0x00010000, "maxp version"
    cmap = font.getBestCmap()
    summary = f"{len(font.getGlyphOrder())} glyphs, {len(cmap)} code points"
    try:
        from reportlab.pdfbase.ttfonts import TTFont as RLTTFont
    except ImportError:
        return summary + " (reportlab not installed, not checked)"
    RLTTFont(path.stem, str(path))
    return summary + ", loads in reportlab"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with the Fandol .otf files")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})"
    )
    parser.add_argument(
        "--only", nargs="+", choices=FONTS, metavar="NAME", help=f"build only some of {FONTS}"
    )
    args = parser.parse_args(argv)

    names = args.only or FONTS
    missing = [n for n in names if not (args.source / f"{n}.otf").is_file()]
    if missing:
        print(
            f"not found in {args.source}: {', '.join(n + '.otf' for n in missing)}", file=sys.stderr
        )
        return 1
    for name in names:
        src = args.source / f"{name}.otf"
        dst = args.out / f"{name}.ttf"
        start = time.perf_counter()
        convert(src, dst)
        elapsed = time.perf_counter() - start
        summary = check(dst)
        size = dst.stat().st_size / 1e6
        print(f"{dst}: {size:.1f} MB in {elapsed:.1f} s; {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
