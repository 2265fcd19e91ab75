"""Form files are parsed once and read back from the cache after; an edited file, a
broken cache entry or an unwritable cache folder only mean parsing again."""

from __future__ import annotations

import json

import pytest

from desktop.core.errors import FormDefinitionError
from desktop.core.forms import loader, parsed_cache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(parsed_cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "forms"


def counting(calls: list):
    def parse(raw: bytes) -> dict:
        calls.append(raw)
        return {"n": len(calls), "text": raw.decode()}

    return parse


def test_the_same_bytes_are_parsed_once(cache):
    calls = []
    first = parsed_cache.parsed(b"a = 1", counting(calls))
    again = parsed_cache.parsed(b"a = 1", counting(calls))
    assert first == again == {"n": 1, "text": "a = 1"} and len(calls) == 1
    assert parsed_cache.parsed(b"a = 2", counting(calls))["n"] == 2  # edited: parsed again


def test_a_damaged_cache_entry_is_parsed_again(cache):
    calls = []
    parsed_cache.parsed(b"a = 1", counting(calls))
    [entry] = cache.iterdir()
    entry.write_bytes(b"\xff not json")
    assert parsed_cache.parsed(b"a = 1", counting(calls)) == {"n": 2, "text": "a = 1"}
    assert json.loads(entry.read_text("utf-8"))["n"] == 2


def test_an_unwritable_cache_folder_only_means_parsing(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(parsed_cache.CACHE_ENV, str(blocker))
    calls = []
    assert parsed_cache.parsed(b"x", counting(calls)) == {"n": 1, "text": "x"}
    assert parsed_cache.parsed(b"x", counting(calls))["n"] == 2


def test_form_files_read_back_from_the_cache_equal_a_fresh_parse(cache, tmp_path):
    from desktop.core.forms import forms_dir

    path = forms_dir() / "2021.toml"
    fresh = loader._read_toml(path)
    assert loader._read_toml(path) == fresh  # from the cache this time
    assert len(list(cache.iterdir())) == 1


def test_a_toml_error_is_named_and_never_cached(cache, tmp_path):
    path = tmp_path / "2099.toml"
    path.write_text("id = ", "utf-8")
    with pytest.raises(FormDefinitionError, match="TOML 语法"):
        loader._read_toml(path)
    assert not cache.exists() or not list(cache.iterdir())
