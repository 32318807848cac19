"""The types are checked: mypy, as pyproject.toml's [tool.mypy] configures it, finds nothing.

Strict on the domain (the fold, the events, the plan, the metrics, the review), default checking with
untyped bodies checked elsewhere; `py.typed` ships with the package, so users' checkers read these types."""

import importlib.util
import re
import subprocess
import sys
import tomllib

import pytest

from tests.support.plans import ROOT

MYPY = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
DOMAIN = ("rhythm_console.show.*", "rhythm_console.events", "rhythm_console.plan.*", "rhythm_console.metrics.*",
          "rhythm_console.review.*")


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed (pip install -e '.[dev]')")
def test_mypy_finds_no_errors():
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    checked = re.search(r"no issues found in (\d+) source files", done.stdout)
    assert checked and int(checked[1]) > 100, done.stdout  # the whole package, not a corner of it


# --strict's flags that can be set per module (`strict = true` in an override would set them everywhere).
STRICT = ("disallow_any_generics", "disallow_subclassing_any", "disallow_untyped_calls", "disallow_untyped_defs",
          "disallow_incomplete_defs", "disallow_untyped_decorators", "warn_return_any", "no_implicit_reexport",
          "strict_equality", "extra_checks")


def test_the_domain_is_checked_strictly():
    strict = {module for override in MYPY.get("overrides", []) if all(override.get(flag) for flag in STRICT)
              for module in override["module"]}
    assert strict >= set(DOMAIN)
    assert MYPY["packages"] == ["rhythm_console"]
