"""warmcheck.guard for Python scripts, and examples/send_with_guard.py run
against a local SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import contextlib
import smtplib
import subprocess
import sys
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

import warmcheck
from test_hooks_support import (  # noqa: F401 - smtp_server is a fixture
    BLAST_BODY,
    EXAMPLES,
    TIMEOUT,
    WARM_BODY,
    Server,
    env_with_bin,
    sha256,
    smtp_server,
)
from warmcheck import ColdDraftError, guard


def note(body: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Sam Reyes <sam@example.org>"
    msg["To"] = "Priya Nair <priya@example.com>"
    msg["Subject"] = "Your onboarding talk"
    msg.set_content(body)
    return msg


def test_guard_and_its_error_are_public() -> None:
    assert {"guard", "ColdDraftError"} <= set(warmcheck.__all__)


def test_a_warm_message_is_guarded_then_sent_unchanged(smtp_server: Server) -> None:
    msg = note(WARM_BODY)
    before = msg.as_bytes(policy=SMTP)
    report = guard(msg)
    assert report.verdict in ("pass", "warn")
    assert msg.as_bytes(policy=SMTP) == before  # guard reads, never changes
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=30) as smtp:
        smtp.send_message(msg)
    assert len(smtp_server.received) == 1 and b"Great to meet you" in smtp_server.received[0]


def test_a_blast_raises_with_the_report_and_is_never_sent(smtp_server: Server) -> None:
    msg = note(BLAST_BODY)
    with pytest.raises(ColdDraftError) as caught:
        guard(msg)
        with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=30) as smtp:
            smtp.send_message(msg)
    report = caught.value.report
    assert report.verdict == "fail" and "BL002" in {f.rule for f in report.findings}
    assert "BL002" in str(caught.value)
    assert smtp_server.received == []


def test_a_threshold_stops_a_warning_and_a_profile_is_used() -> None:
    msg = note("Hi there,\n\nHow did the launch go?\n")
    with pytest.raises(ColdDraftError):
        guard(msg, threshold=100)
    assert guard(note(WARM_BODY), profile="cold").profile == "cold"


def test_guard_takes_bytes_and_text() -> None:
    data = note(WARM_BODY).as_bytes(policy=SMTP)
    assert guard(data).verdict in ("pass", "warn")
    with pytest.raises(ColdDraftError):
        guard(BLAST_BODY)


def run_example(server: Server, *args: str) -> subprocess.CompletedProcess[str]:
    script = EXAMPLES / "send_with_guard.py"
    return subprocess.run([sys.executable, str(script), "--host", server.host, "--port", str(server.port), *args],
                          capture_output=True, text=True, timeout=TIMEOUT, env=env_with_bin())  # fmt: skip


def test_guard_never_changes_the_message_object() -> None:
    """Serialising a multipart message gives it a boundary (the generator sets
    one): reading it must work on a copy, old-style or modern, attached
    messages too."""
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    old = MIMEMultipart()
    old["To"] = "Priya Nair <priya@example.com>"
    old["Subject"] = "Your onboarding talk"
    old.attach(MIMEText(WARM_BODY))
    modern = note(WARM_BODY)
    inner = note("the notes")
    inner.add_attachment(b"slides", maintype="application", subtype="pdf", filename="slides.pdf")
    modern.add_attachment(inner)
    for msg in (old, modern):
        before = [(part.get_content_type(), part.items()) for part in msg.walk()]
        with contextlib.suppress(ColdDraftError):
            guard(msg)
        assert [(part.get_content_type(), part.items()) for part in msg.walk()] == before
        assert msg.get_boundary() is None and inner.get_boundary() is None


def test_the_example_sends_a_warm_note(smtp_server: Server) -> None:
    done = run_example(smtp_server)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("sent: warmth ")
    assert len(smtp_server.received) == 1 and b"Subject: Your onboarding talk" in smtp_server.received[0]


def test_the_example_stops_a_blast_and_sends_nothing(smtp_server: Server, tmp_path: Path) -> None:
    body = tmp_path / "blast.txt"
    body.write_text(BLAST_BODY, encoding="utf-8")
    done = run_example(smtp_server, "--body", str(body))
    assert done.returncode == 1
    assert "not sent" in done.stderr and "BL002" in done.stderr
    assert smtp_server.received == []
    assert sha256(body.read_bytes()) == sha256(BLAST_BODY.encode())  # the draft is left as it was
