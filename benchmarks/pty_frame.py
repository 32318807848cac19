"""Time from starting a process in a pseudo-terminal to its first frame on that terminal: wall time, and
the CPU time the process had used by then (on a shared machine, others' load moves the wall time much
more than the CPU time)."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence


def first_frame_seconds(argv: Sequence[str], marker: str, *, size: tuple[int, int] = (120, 40),
                        cwd: str | None = None, limit: float = 30.0) -> float:
    """Seconds from spawning `argv` on a fresh pty until `marker` (text of its first frame) is written;
    the process is then ended with SIGTERM."""
    return first_frame(argv, marker, size=size, cwd=cwd, limit=limit)[0]


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a running process, from /proc (to the kernel's tick, 10 ms)."""
    with open(f"/proc/{pid}/stat", "rb") as stat:
        fields = stat.read().rsplit(b")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime and stime: fields 14 and 15 of stat(5)


def first_frame(argv: Sequence[str], marker: str, *, size: tuple[int, int] = (120, 40),
                cwd: str | None = None, limit: float = 30.0,
                env: Mapping[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process) from spawning `argv` on a fresh pty until `marker`
    (text of its first frame) is written; the process is then ended with SIGTERM. `env`: the process's
    environment (this one's by default), to which the terminal's size and type are added."""
    master, slave = os.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {**(os.environ if env is None else env), "TERM": "xterm-256color", "COLUMNS": str(columns),
           "LINES": str(rows)}
    wanted = marker.encode()
    seen = b""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                               start_new_session=True)
    os.close(slave)
    try:
        while wanted not in seen:
            if time.perf_counter() - started > limit:
                raise TimeoutError(f"no first frame with {marker!r} within {limit:.0f} s: {seen[-400:]!r}")
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:  # the process ended: its terminal is gone
                    raise RuntimeError(f"{argv[0]} ended before its first frame: {seen[-400:]!r}") from None
        return time.perf_counter() - started, _cpu_seconds(process.pid)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        deadline = time.perf_counter() + 10
        while process.poll() is None and time.perf_counter() < deadline:
            # Drain the terminal so a process restoring it on the way out is not blocked writing.
            if select.select([master], [], [], 0.05)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(master)
