"""Only the format in use is parsed: opening a 2021 report never reads forms/2019.toml."""

import subprocess
import sys

import pytest

import desktop.core.forms as forms
from desktop.core.errors import InputError, NianbaoError
from desktop.core.forms import loader


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """Forms parsed from now on (file names), starting from none parsed in this process."""
    names: list[str] = []
    real = loader.load_form_file

    def recording(path):
        names.append(path.name)
        return real(path)

    monkeypatch.setattr(forms, "_FORMS", {})
    monkeypatch.setattr(loader, "load_form_file", recording)
    return names


def test_the_2021_form_is_parsed_alone_and_once(parsed):
    assert forms.form_for_year(2021).id == "2021"
    assert forms.load_form("2021") is forms.form_for_year(2024)
    assert parsed == ["2021.toml"]


def test_the_2019_form_is_parsed_alone_for_2019_and_2020(parsed):
    assert forms.form_for_year(2020).id == forms.load_form("2019").id == "2019"
    assert forms.form_for_year(2019).id == "2019"
    assert parsed == ["2019.toml"]


def test_listing_every_format_parses_each_once(parsed):
    assert list(forms.all_forms()) == ["2019", "2021"]
    forms.all_forms()
    forms.form_for_year(2023)
    assert parsed == ["2019.toml", "2021.toml"]


def test_the_format_of_a_year_is_the_one_that_covers_it():
    every = forms.all_forms().values()
    for year in range(2019, 2041):
        assert forms.form_for_year(year) is next(f for f in every if f.covers_year(year))
    with pytest.raises(NianbaoError, match="2018年度"):
        forms.form_for_year(2018)


@pytest.mark.parametrize("form_id", ["2020", "../forms/2021", "2021.toml", "rules/common", ""])
def test_an_unknown_format_parses_nothing(parsed, form_id):
    """The id comes from a report file: it names a file under forms/ or nothing."""
    with pytest.raises(InputError, match="可用的格式：2019、2021"):
        forms.load_form(form_id)
    assert parsed == []


def test_importing_the_forms_reads_no_toml():
    code = "import sys, desktop.core.forms; print('tomllib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
