"""Shared test fixtures."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[None]:
    """warmcheck never reaches the network. Connections to anything but the
    loopback address fail the test; tests of real mail tools use 127.0.0.1."""

    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if (isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1"))) or self.family == socket.AF_UNIX:
            return real_connect(self, address)
        raise AssertionError(f"network access attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield


@pytest.fixture(autouse=True)
def private_ledger(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test has its own default ledger place (an empty XDG data folder),
    inherited by the processes it starts: no test reads or writes the ledger
    of the person running the tests, nor another test's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    monkeypatch.delenv("WARMCHECK_LEDGER", raising=False)
