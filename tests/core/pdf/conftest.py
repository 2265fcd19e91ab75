import json
import shutil
import subprocess

import pytest

from desktop import paths
from desktop.core.interchange import from_interchange
from desktop.core.pdf import load_fonts


@pytest.fixture(scope="session")
def fonts():
    """The shipped fonts only, so results do not depend on what this machine has."""
    return load_fonts(official=False)


def sample(name: str):
    """A shipped or published sample as a Report (with the narrative for 天河)."""
    if name == "tianhe":
        data = json.loads(paths.resource(*paths.SAMPLE_JSON).read_text(encoding="utf-8"))
    else:
        from tests.conftest import SAMPLES

        data = json.loads((SAMPLES / "published" / f"{name}.json").read_text(encoding="utf-8"))
        data["texts"] = {
            "s1": "（一）主动公开。本年度主动公开政府信息。",
            "s5": "问题与改进。",
            "s6": "无。",
        }
    return from_interchange(data, name).report


def poppler(tool: str, *args) -> str:
    if not shutil.which(tool):
        pytest.fail(f"{tool} (poppler-utils) is needed; .ci/run installs it")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout
