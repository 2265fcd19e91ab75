"""Form files as parsed data, kept as JSON in the officer's cache folder.

Parsing a format's TOML takes longer than anything else a `check` does before it reads
the report (about 8 ms against 0.5 ms for reading the same data back as JSON), and it is
the same every time. The cache key is a hash of the file's bytes and the Python version,
so an edited or newer form file is simply parsed again; a cache that cannot be read or
written only means parsing again. It holds plain data, never code.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from desktop.core.storage.checksum import blake2b

CACHE_ENV = "NIANBAO_CACHE_DIR"


def cache_dir() -> Path:
    if folder := os.environ.get(CACHE_ENV):
        return Path(folder)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "nianbao" / "cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nianbao"


def parsed(data: bytes, parse) -> dict:
    """`parse(data)`, or what it gave before for the very same bytes."""
    key = blake2b(data + sys.version.encode(), digest_size=20).hexdigest()
    entry = cache_dir() / "forms" / f"{key}.json"
    try:
        return json.loads(entry.read_bytes())
    except (OSError, ValueError):
        pass
    result = parse(data)
    _store(entry, result)
    return result


def _store(entry: Path, result: dict) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temp = entry.with_name(f".{entry.name}.{os.getpid()}")
        temp.write_text(json.dumps(result, ensure_ascii=False), "utf-8")
        os.replace(temp, entry)
    except (OSError, TypeError, ValueError):
        pass  # not cached: the next start parses again
