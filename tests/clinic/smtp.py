"""A loopback SMTP server for tests: the first connections can stall like a frozen mail server."""

import socketserver
import threading
from types import TracebackType


class SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: greeting, EHLO, MAIL, RCPT, DATA, QUIT."""

    server: "SmtpTCPServer"

    def handle(self) -> None:
        smtp = self.server.smtp
        if smtp.take_stall():
            smtp.stalled.set()
            smtp.released.wait()  # never greet: the client waits, mid-task, until it is killed
            return
        self.reply("220 localhost test SMTP")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                smtp.received(self.read_data())
                self.reply("250 OK")
            elif verb == b"QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")

    def reply(self, text: str) -> None:
        self.wfile.write(text.encode() + b"\r\n")

    def read_data(self) -> str:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line.decode(errors="replace"))
        return "".join(lines)


class SmtpTCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    smtp: "SmtpServer"


class SmtpServer:
    """Serves on 127.0.0.1 (a free port); `messages` holds each message received, `stalled` is set
    when a connection is held without a greeting."""

    def __init__(self, stall_first: int = 0) -> None:
        self.messages: list[str] = []
        self.stalled = threading.Event()
        self.released = threading.Event()
        self._stalls_left = stall_first
        self._lock = threading.Lock()
        self._server = SmtpTCPServer(("127.0.0.1", 0), SmtpHandler)
        self._server.smtp = self
        self.port = self._server.server_address[1]

    def take_stall(self) -> bool:
        with self._lock:
            if self._stalls_left <= 0:
                return False
            self._stalls_left -= 1
            return True

    def received(self, message: str) -> None:
        with self._lock:
            self.messages.append(message)

    def __enter__(self) -> "SmtpServer":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.released.set()
        self._server.shutdown()
        self._server.server_close()
