"""The environment a measured command runs in: as after `pip install`, with bytecode.

pip compiles an installed package's modules to bytecode; a checkout run where PYTHONDONTWRITEBYTECODE is set
(as on this workplace's machines) compiles every module again on each start, which no user pays (tens of ms
for the console, more than the probe's whole parse at 1x). The bytecode goes to a folder of the caller's, so
no checkout is written to; the first run of each command writes it and should not be timed.
"""

from __future__ import annotations

import os
from pathlib import Path


def installed_env(bytecode: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    env.update(extra)
    return env
