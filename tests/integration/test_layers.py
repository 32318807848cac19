"""Imports point down only: the domain never pulls in Textual, aiohttp or the console's services."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.plans import ROOT

DOMAIN = ["rhythm_console.clock", "rhythm_console.durations", "rhythm_console.plan", "rhythm_console.events",
          "rhythm_console.show", "rhythm_console.units", "rhythm_console.metrics.room",
          "rhythm_console.metrics.history", "rhythm_console.review.segments", "rhythm_console.sources.simulated_room",
          "rhythm_console.sources.douyin", "rhythm_console.sources.jsonl", "rhythm_console.review",
          "rhythm_console.advisor"]
SERVICES = ["rhythm_console.session", "rhythm_console.journal", "rhythm_console.link.server",
            "rhythm_console.link.client", "rhythm_console.sources.runner", "rhythm_console.sources.simulated",
            "rhythm_console.replay", "rhythm_console.report.html", "rhythm_console.sources.probe"]


def _imported(module: str) -> set[str]:
    code = f"import sys, json, {module}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


@pytest.mark.parametrize("module", DOMAIN)
def test_the_domain_imports_no_ui_no_network_no_services(module):
    loaded = _imported(module)
    assert not {name for name in loaded if name.split(".")[0] in ("textual", "aiohttp")}
    assert not loaded & {"rhythm_console.session", "rhythm_console.journal", "rhythm_console.link.server"}


@pytest.mark.parametrize("module", SERVICES)
def test_services_import_no_textual(module):
    assert not {name for name in _imported(module) if name.split(".")[0] == "textual"}


def test_the_import_contracts_hold():
    """pyproject.toml's [tool.importlinter] contracts: the layers of docs/architecture.md, statically."""
    linter = Path(sys.executable).with_name("lint-imports")
    if not linter.exists():
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    done = subprocess.run([str(linter), "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout
