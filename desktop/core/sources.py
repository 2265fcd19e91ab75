"""Reading a file named by the officer (or by a script) without trusting it.

A path can name a FIFO (opening it waits for a writer for ever), a device such as
/dev/zero (reading it never ends), a directory or nothing at all. Only a regular file
is opened, and at most limit + 1 bytes are read, so an oversized file is refused
without being read whole.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from desktop.core.errors import InputError
from desktop.core.textrules import shown


def read_source(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at path, refused when larger than limit bytes."""
    name = shown(str(path), limit=None)
    try:
        status = os.stat(path)
    except FileNotFoundError as error:
        raise InputError(f"找不到文件 {name}") from error
    except OSError as error:
        raise InputError(f"无法读取 {name}（{error.strerror or error}）") from error
    _check(name, status.st_mode, status.st_size, limit)
    # O_NONBLOCK: should a FIFO have been put there since stat(), opening it does not
    # wait; fstat() below then refuses it. It has no effect on a regular file.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise InputError(f"无法读取 {name}（{error.strerror or error}）") from error
    try:
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(stream.fileno())
            _check(name, status.st_mode, status.st_size, limit)
            content = stream.read(limit + 1)
    except OSError as error:
        raise InputError(f"无法读取 {name}（{error.strerror or error}）") from error
    if len(content) > limit:  # grew since fstat(), or its size was not told
        raise InputError(f"{name} 超过 {_size(limit)}，不是年报数据文件")
    return content


def _check(name: str, mode: int, size: int, limit: int) -> None:
    if stat.S_ISDIR(mode):
        raise InputError(f"{name} 是文件夹，不是数据文件")
    if not stat.S_ISREG(mode):
        raise InputError(f"{name} 不是普通文件（可能是设备或管道），不能作为数据文件读取")
    if size > limit:
        raise InputError(f"{name} 超过 {_size(limit)}，不是年报数据文件")


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / 1024 / 1024:g} MB"
    if limit >= 1024:
        return f"{limit / 1024:g} KB"
    return f"{limit} 字节"
