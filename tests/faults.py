"""Broken servers on loopback for fault tests: the real failure, not a mock of it.

`BlackHole` accepts connections and never answers (a hung broker or mail server). `Relay` passes
connections through to a real server, counting them, until `freeze()` makes it hang like a black hole
(a broker that stops answering in the middle of a connection) or `cut()` closes them (a restart).
`SmtpSink` is a real SMTP server (aiosmtpd) that records every message it receives and can hold its reply
to the end of the data, so a sender can be caught in the middle of a send.
"""

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes

from aiosmtpd.controller import Controller
from celery import Celery
from celery.contrib.testing.app import setup_default_app

WAIT_SECONDS = 20


@contextmanager
def celery_publishing_to(broker_url: str, settings: object, monkeypatch: object, name: str
                         ) -> Iterator[Celery]:
    """A real (not eager) Celery app, current and default for the test, that publishes to `broker_url`."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # Celery reads this variable before any setting, so it is the one to point elsewhere.
    monkeypatch.setenv("CELERY_BROKER_URL", broker_url)
    app = Celery(name, set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    with setup_default_app(app):
        app.set_current()
        app.set_default()
        yield app


class BlackHole:
    """A TCP server on 127.0.0.1 that accepts every connection and stays silent."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.listener.getsockname()[1]
        self.accepted: list[float] = []  # time.monotonic() of each accepted connection
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self.accept_forever, daemon=True)

    def accept_forever(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed by stop()
                return
            self.connections.append(connection)
            self.accepted.append(time.monotonic())

    def stop(self) -> None:
        self.listener.close()
        for connection in self.connections:
            connection.close()


@contextmanager
def black_hole() -> Iterator[BlackHole]:
    hole = BlackHole()
    hole.thread.start()
    try:
        yield hole
    finally:
        hole.stop()


class Relay(BlackHole):
    """A TCP relay on 127.0.0.1 to `target`; once frozen it forwards nothing more, either way."""

    def __init__(self, target: tuple[str, int]) -> None:
        super().__init__()
        self.target = target
        self.frozen = threading.Event()

    def accept_forever(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed by stop()
                return
            self.connections.append(client)
            self.accepted.append(time.monotonic())
            upstream = socket.create_connection(self.target)
            self.connections.append(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.forward, args=(source, sink), daemon=True).start()

    def forward(self, source: socket.socket, sink: socket.socket) -> None:
        while True:
            try:
                data = source.recv(65536)
                if not data:
                    return sink.shutdown(socket.SHUT_WR)
                if not self.frozen.is_set():
                    sink.sendall(data)
            except OSError:  # either end closed
                return

    def freeze(self) -> None:
        self.frozen.set()

    def cut(self) -> None:
        """Close every connection made so far, as a restarting server does."""
        for connection in self.connections:
            with contextlib.suppress(OSError):  # shut down at once, though a thread waits to read it
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()


@contextmanager
def relay(target: tuple[str, int]) -> Iterator[Relay]:
    """A relay to `target` (host, port), stopped with every connection it made on the way out."""
    server = Relay(target)
    server.thread.start()
    try:
        yield server
    finally:
        server.stop()


class SinkHandler:
    """aiosmtpd handler: records each message's Message-ID; the first `hold_first` wait to be released."""

    def __init__(self, hold_first: int = 0) -> None:
        self.received: list[str] = []
        self.hold_first = hold_first
        self.holds: list[threading.Event] = []  # one per held message: set it and the server says 250

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.received.append(message_from_bytes(envelope.content)["Message-ID"])
        if len(self.holds) < self.hold_first:
            release = threading.Event()
            self.holds.append(release)
            while not release.is_set():  # the sender is now mid-send: received, not yet confirmed
                await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"

    def release_all(self) -> None:
        self.hold_first = 0
        for release in self.holds:
            release.set()


@contextmanager
def smtp_sink(hold_first: int = 0) -> Iterator[tuple[SinkHandler, int]]:
    """A real SMTP server on loopback; yields its handler and port."""
    handler = SinkHandler(hold_first)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        handler.release_all()
        controller.stop()


def wait_until(condition: object, timeout: float = WAIT_SECONDS, what: str = "condition") -> None:
    """Poll `condition()` until it is true; fail after `timeout` seconds (a deadline, not a measurement)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what} after {timeout} s")
        time.sleep(0.05)
