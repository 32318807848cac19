"""A command whose reader goes away (`rhythm-console check ... | head -c1`) ends quietly, as a shell tool does."""

import os
import subprocess
import sys

import pytest

from tests.support.plans import DATA, PLANS, ROOT


@pytest.mark.parametrize("command", [
    ["check", str(PLANS / "demo.yaml"), str(PLANS / "quick.yaml")],
    ["probe", f"douyin:{DATA / 'feeds' / 'douyin-quirks.jsonl'}"],
    ["brief", str(PLANS / "demo.yaml")],
])
def test_a_reader_gone_away_is_no_traceback(command):
    read_end, write_end = os.pipe()
    os.close(read_end)  # gone before the command writes its first byte
    try:
        done = subprocess.run([sys.executable, "-m", "rhythm_console", *command], stdout=write_end,
                              stderr=subprocess.PIPE, cwd=ROOT, timeout=60)
    finally:
        os.close(write_end)
    assert done.stderr == b""
    assert done.returncode == 141
