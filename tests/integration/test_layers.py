"""Imports point down only: the domain never pulls in Textual, aiohttp or the console's services.

The layers and both lists below come from pyproject.toml's [tool.importlinter] contracts, the one
place they are written; docs/architecture.md shows the same list (checked here)."""

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.support.plans import ROOT

CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def _contract(name_starts: str) -> dict:
    return next(contract for contract in CONTRACTS if contract["name"].startswith(name_starts))


LAYERS = [[name.strip() for name in layer.split(":")] for layer in _contract("Layers")["layers"]]
DOMAIN = _contract("The domain")["source_modules"]
SERVICES = _contract("Services")["source_modules"]


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


def test_every_package_module_has_a_layer():
    placed = {name.removeprefix("rhythm_console.") for layer in LAYERS for name in layer}
    package = ROOT / "rhythm_console"
    tops = {path.stem for path in package.glob("*.py") if path.stem not in ("__init__", "__main__")}
    tops |= {path.parent.name for path in package.glob("*/__init__.py")}
    assert sorted(tops - placed) == []


def test_the_architecture_page_shows_the_layers_of_pyproject():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- layers: from pyproject.toml -->\n```\n(.*?)```", page, re.S)
    assert block, "docs/architecture.md lost its layer list"
    shown = [[name.strip() for name in line.split(":", 1)[1].split(",")] for line in block.group(1).strip().splitlines()]
    assert shown == [[name.removeprefix("rhythm_console.") for name in layer] for layer in LAYERS]


def test_the_import_contracts_hold():
    """pyproject.toml's [tool.importlinter] contracts: the layers of docs/architecture.md, statically."""
    linter = Path(sys.executable).with_name("lint-imports")
    if not linter.exists():
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    done = subprocess.run([str(linter), "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout
