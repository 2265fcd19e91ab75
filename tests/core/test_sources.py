"""read_source: only a regular file is opened, and never more than limit + 1 bytes read."""

from __future__ import annotations

import builtins
import contextlib
import os
import sys
import threading
from pathlib import Path

import pytest

from desktop.core.errors import InputError
from desktop.core.sources import read_source

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


def within(seconds: float, call):
    """Run call in a daemon thread; fail (instead of hanging the run) if it blocks."""
    outcome: dict[str, object] = {}

    def target():
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed to the test
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still blocked after {seconds} s"
    return outcome


def forbid_opening(monkeypatch) -> list[object]:
    """From now on any attempt to open a file fails the test: refusals must come from
    stat alone. Returns the list of paths something tried to open."""
    opened: list[object] = []

    def refuse(path, *args, **kwargs):
        opened.append(path)
        raise AssertionError(f"opened {path}")

    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.setattr(builtins, "open", refuse)
    return opened


def test_a_regular_file_is_read_up_to_its_limit(tmp_path):
    path = tmp_path / "data.json"
    path.write_bytes(b"x" * 100)
    assert read_source(path, 100) == b"x" * 100
    assert read_source(str(path), 1000) == b"x" * 100


def test_a_file_over_the_limit_is_refused_without_being_opened(tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 101)
    opened = forbid_opening(monkeypatch)
    with pytest.raises(InputError, match=r"big\.json 超过 100 字节"):
        read_source(path, 100)
    assert opened == []


def test_a_sparse_huge_file_is_refused_at_once(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.truncate(64 * 1024 * 1024 * 1024)  # 64 GB of nothing, no disk used
    outcome = within(5, lambda: read_source(path, 20 * 1024 * 1024))
    assert isinstance(outcome.get("error"), InputError)
    assert "超过 20 MB" in str(outcome["error"])


def test_a_missing_file_and_a_folder_are_named(tmp_path):
    with pytest.raises(InputError, match=r"找不到文件 .*missing\.json"):
        read_source(tmp_path / "missing.json", 100)
    with pytest.raises(InputError, match="是文件夹"):
        read_source(tmp_path, 100)


@posix_only
def test_dev_zero_is_refused_before_it_is_opened(monkeypatch):
    opened = forbid_opening(monkeypatch)
    with pytest.raises(InputError, match="/dev/zero 不是普通文件"):
        read_source(Path("/dev/zero"), 20 * 1024 * 1024)
    assert opened == []


@posix_only
def test_dev_zero_is_refused_promptly():
    outcome = within(5, lambda: read_source(Path("/dev/zero"), 20 * 1024 * 1024))
    assert "不是普通文件" in str(outcome.get("error"))


@posix_only
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    try:
        outcome = within(5, lambda: read_source(fifo, 1000))
    finally:
        # Should the reader be blocked in open(), a writer releases it (and with no
        # reader waiting, this open fails: nothing was blocked).
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    error = outcome.get("error")
    assert isinstance(error, InputError), outcome
    assert "pipe.json 不是普通文件" in str(error)


@posix_only
def test_a_fifo_is_refused_before_it_is_opened(tmp_path, monkeypatch):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    opened = forbid_opening(monkeypatch)
    with pytest.raises(InputError, match="不是普通文件"):
        read_source(fifo, 1000)
    assert opened == []
