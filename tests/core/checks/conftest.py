import pytest

from desktop.core.forms import load_form
from desktop.core.report import Report


def balanced(form_id: str = "2021", year: int = 2024, unit: str = "某市某局") -> Report:
    """Every input cell 0, then ten natural-person applications received and granted;
    every narrative section written."""
    form = load_form(form_id)
    report = Report(unit, year, form)
    for cell_id in form.input_cells:
        report.set_value(cell_id, 0)
    for section in form.text_sections:
        report.texts[section.id] = f"{section.title}：已按要求报告。"
    report.set_value("s3.new.natural", 10)
    report.set_value("s3.granted.natural", 10)
    return report


@pytest.fixture
def report() -> Report:
    return balanced()
