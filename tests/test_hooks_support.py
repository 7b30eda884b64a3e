"""Shared pieces for the pre-send hook tests: a local SMTP server (aiosmtpd on
127.0.0.1, a free port, stopped after the test), the real Debian mail tools,
and the messages sent through them. Holds no tests of its own."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
#: The installed console scripts (warmcheck, pre-commit) live beside the interpreter.
BIN = Path(sys.executable).parent
WARMCHECK = shutil.which("warmcheck", path=str(BIN))
#: A bound on every external command: nothing here should take long.
TIMEOUT = 120

WARM_BODY = (
    "Hi Priya,\n\n"
    "Great to meet you at the product meetup on Thursday. Your point about\n"
    "shortening onboarding to a single afternoon stuck with me.\n\n"
    "You mentioned your team is hiring a second designer. A friend of mine, Tomás,\n"
    "ran research at a small fintech in Zürich for three years. Would an introduction be useful?\n\n"
    "How did the pilot with the two new clients go in the end?\n\n"
    "Best,\nSam\n"
)
BLAST_BODY = (
    "Dear Sir or Madam,\n\n"
    "I hope this email finds you well. I am reaching out to introduce our company.\n"
    "We are the leading provider of cloud solutions and our award-winning platform\n"
    "is trusted by hundreds of clients. Act now: this is a limited time offer!!!\n\n"
    "Best regards,\nThe {{ company }} Team\n"
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def env_with_bin(**extra: str) -> dict[str, str]:
    """The environment for a subprocess: the venv's scripts first on PATH."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    env.pop("WARMCHECK_SKIP", None)
    env.update(extra)
    return env


def needs(tool: str) -> str:
    """The path of a Debian tool, or skip the test saying which package is missing."""
    path = shutil.which(tool)
    if path is None:
        package = {"msmtp": "msmtp", "mutt": "mutt", "git": "git"}.get(tool, tool)
        pytest.skip(f"{tool} is not installed (apt-get install {package}; .ci/run does it)")
    return path


def needs_git_send_email() -> None:
    needs("git")
    done = subprocess.run(["git", "send-email", "-h"], capture_output=True, text=True, timeout=TIMEOUT)
    if "is not a git command" in done.stderr:
        pytest.skip("git send-email is not installed (apt-get install git-email; .ci/run does it)")
    # git-email only recommends the Perl module it cannot send without.
    mail_address = subprocess.run(["perl", "-MMail::Address", "-e1"], capture_output=True, timeout=TIMEOUT)
    if mail_address.returncode != 0:
        pytest.skip("git send-email needs Mail::Address (apt-get install libmailtools-perl; .ci/run does it)")


def message(body: str = WARM_BODY, *, subject: str = "Your onboarding talk", attach: bytes | None = None,
            crlf: bool = True, long_line: bool = False) -> bytes:  # fmt: skip
    """An RFC 822 message as a mail client would hand it to sendmail: 8-bit
    UTF-8 text, optionally a 998-octet line and a binary attachment."""
    msg = EmailMessage()
    msg["From"] = "Sam Reyes <sam@example.org>"
    msg["To"] = "Priya Nair <priya@example.com>"
    msg["Subject"] = subject
    msg["Date"] = "Sat, 22 Nov 2025 09:00:00 +0000"
    msg["Message-ID"] = "<warmcheck-test-1@example.org>"
    if long_line:
        # One line of 998 octets, the most RFC 5322 allows, in 8-bit text.
        filler = "ü" + "x" * (998 - len("ü".encode()) - len("PS: "))
        body = body + "\nPS: " + filler + "\n"
    msg.set_content(body, cte="8bit")
    if attach is not None:
        msg.add_attachment(attach, maintype="application", subtype="octet-stream", filename="notes.bin")
    data = msg.as_bytes(policy=SMTP)  # CRLF line endings, as on the wire
    return data if crlf else data.replace(b"\r\n", b"\n")


@dataclass
class Server:
    host: str
    port: int
    received: list[bytes] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)


class _Recorder:
    def __init__(self, server: Server) -> None:
        self.server = server

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        # original_content: the bytes after SMTP's dot-unstuffing, nothing decoded.
        self.server.received.append(envelope.original_content)  # type: ignore[attr-defined]
        self.server.recipients.append(list(envelope.rcpt_tos))  # type: ignore[attr-defined]
        return "250 OK"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[Server]:
    """aiosmtpd on 127.0.0.1 and a free port, stopped after the test."""
    controller_mod = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is in the test extra")
    server = Server("127.0.0.1", free_port())
    controller = controller_mod.Controller(_Recorder(server), hostname=server.host, port=server.port, ready_timeout=10)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


def msmtprc(tmp_path: Path, server: Server) -> Path:
    """An msmtp configuration that delivers to the local server: no auth, no TLS."""
    rc = tmp_path / "msmtprc"
    rc.write_text(
        "defaults\nauth off\ntls off\ntimeout 30\n\n"
        f"account default\nhost {server.host}\nport {server.port}\nfrom sam@example.org\n",
        encoding="utf-8",
    )
    rc.chmod(0o600)
    return rc
