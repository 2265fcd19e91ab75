"""Which characters a name, a one-line field or a narrative text may hold.

Why one module: the unit name is a report's identity. It is the key in the report
file, what prev() uses to find last year's report, and the title on the printed page.
A name carrying an invisible character (a zero-width space, a bidi control that shows
the text in another order, a private-use or unassigned code point) looks exactly like
another name and is not; a character written composed in one file and decomposed in
another does the same. Control characters break the one line a field is printed on,
and a lone surrogate (an escaped "\\ud800" in JSON) cannot be encoded as UTF-8 at all,
so it would fail much later, in SQLite, the PDF or the console, far from where it came
in. The import, the command line and the window all use these functions, so the rules
are the same whichever way a value arrives, and every refusal names the field in words.
"""

from __future__ import annotations

import re
import unicodedata

from desktop.core.errors import InputError

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")

# Control, format, private use, surrogate, unassigned; line and paragraph separators.
_NAME_REFUSED = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
_LINE_REFUSED = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Every Cc character except \t and \n (Cc is exactly U+0000-001F and U+007F-009F).
_TEXT_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# What shown() escapes: C0/C1 controls, line separators, bidi, zero-width, surrogates.
_UNSHOWN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)

_KINDS = {
    "Cc": "控制字符",
    "Cf": "看不见的格式字符",
    "Co": "私用区字符",
    "Cs": "不成对的代理字符",
    "Cn": "Unicode 未定义的字符",
    "Zl": "换行符",
    "Zp": "换段符",
}


def lone_surrogate(text: str) -> int | None:
    """The index of the first surrogate code point in text (never valid in a str), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None


def shown(text: str, limit: int | None = 80) -> str:
    """Text from outside made safe to put in a message: cut at limit characters, and
    every control, invisible or surrogate character written as a \\uXXXX escape, so a
    hostile key can neither break the one-line message nor steer the terminal."""
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return _UNSHOWN.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def checked_name(text: str, field: str) -> str:
    """A name (the unit): every character visible and assigned, normalised to NFC so
    that two names that look identical are identical."""
    _refuse(text, field, _NAME_REFUSED)
    return unicodedata.normalize("NFC", text)


def checked_line(text: str, field: str) -> str:
    """A one-line field (preparer, phone, dates): no control or format characters."""
    _refuse(text, field, _LINE_REFUSED)
    return text


def checked_multiline(text: str, field: str) -> str:
    """A narrative text: line breaks and tabs allowed (CR LF and CR become LF),
    no other control characters, no surrogates."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    index = lone_surrogate(text)
    if index is None:
        match = _TEXT_CONTROL.search(text)
        index = None if match is None else match.start()
    if index is not None:
        raise InputError(_problem(text, index, field))
    return text


def _refuse(text: str, field: str, categories: frozenset[str]) -> None:
    for index, char in enumerate(text):
        if char in BIDI_CONTROLS or char in ZERO_WIDTH:
            raise InputError(_problem(text, index, field))
        if unicodedata.category(char) in categories:
            raise InputError(_problem(text, index, field))


def _problem(text: str, index: int, field: str) -> str:
    char = text[index]
    if char in BIDI_CONTROLS:
        kind = "看不见的文字方向控制符"
    elif char in ZERO_WIDTH:
        kind = "看不见的零宽字符"
    else:
        kind = _KINDS.get(unicodedata.category(char), "不允许的字符")
    return f"{field}的第{index + 1}个字符是{kind}（U+{ord(char):04X}），请删去后重试"
