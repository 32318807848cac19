"""Without --bus nothing of the bus is imported: the console starts as it did before issue 15."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from rhythm_console.cli import build_parser
import rhythm_console.commands.run, rhythm_console.ui.manager
args = build_parser().parse_args(["run", "plans/demo.yaml"])
assert rhythm_console.commands.run.bus_settings(args) is None
print(sorted(name for name in sys.modules if name == "nats" or name.startswith(("nats.", "rhythm_console.bus"))))
"""


def test_a_console_without_a_bus_imports_nothing_of_it():
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"}  # and no RHYTHM_BUS
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env,
                            cwd=__file__.rsplit("/tests/", 1)[0])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
