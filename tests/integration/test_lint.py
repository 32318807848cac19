"""The code stays lint-clean (ruff's settings are in pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.plans import ROOT


def test_ruff_finds_nothing():
    beside = Path(sys.executable).with_name("ruff")  # the one the dev extras installed
    ruff = str(beside) if beside.exists() else shutil.which("ruff")
    done = subprocess.run([ruff, "check", "rhythm_console", "tests", "benchmarks"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
