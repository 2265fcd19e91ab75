"""A published report's bytes as Simplified-script text: the encoding found (UTF-8,
UTF-16 with BOM, GB18030 as saved by Chinese Windows), and a Traditional-script copy
converted with OpenCC's own dictionaries rather than a hand-written table."""

from __future__ import annotations

import codecs

from desktop.core.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Share of Chinese characters that t2s changes from which a text is a Traditional copy:
# a Simplified text has almost none (a stray 著 or 乾 in a name); a Traditional one a third.
_TRADITIONAL_SHARE = 0.05


def decoded(raw: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode(raw[len(bom) :], encoding, name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name} 不是 UTF-8 或 GB18030 编码的文字，请另存为 UTF-8 编码后再导入")


def _decode(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        raise InputError(f"{name} 的文字编码有误，无法读取") from error


def simplified(text: str) -> tuple[str, bool]:
    """The text in Simplified script, and whether it was converted. tw2sp also turns
    Taiwan vocabulary back (規範性檔案 → 规范性文件), as such copies are made by s2twp."""
    from opencc import OpenCC  # the dictionaries load only for a Traditional copy

    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return text, False
    sample = "".join(han[:4000])
    changed = sum(a != b for a, b in zip(sample, OpenCC("t2s").convert(sample), strict=False))
    if changed < _TRADITIONAL_SHARE * len(sample):
        return text, False
    return OpenCC("tw2sp").convert(text), True
