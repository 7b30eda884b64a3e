"""The sendmail wrapper: exact bytes through, or nothing sent.

End to end with the real tools: aiosmtpd on 127.0.0.1 as the mail server,
Debian's msmtp as the real sendmail, mutt in batch mode as the mail client.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from test_hooks_support import (  # noqa: F401 - smtp_server is a fixture
    BLAST_BODY,
    TIMEOUT,
    WARM_BODY,
    WARMCHECK,
    Server,
    env_with_bin,
    message,
    msmtprc,
    needs,
    sha256,
    smtp_server,
)
from warmcheck import Config, hooks
from warmcheck.engine.linter import Linter
from warmcheck.hooks import EX_DATAERR, EX_TEMPFAIL, SendmailOptions

#: A stand-in sendmail that keeps the exact bytes it is given, for the cases
#: no SMTP server would accept unchanged (bare LF, NUL, lines over 1000 octets).
KEEP = "import os, sys; open(os.environ['KEEP_TO'], 'wb').write(sys.stdin.buffer.read()); sys.exit(int(os.environ.get('KEEP_RC', '0')))"


def keep_command() -> list[str]:
    return [sys.executable, "-c", KEEP]


def wrap(tmp_path: Path, data: bytes, *args: str, command: list[str] | None = None, **env: str):
    """``warmcheck sendmail ARGS -- COMMAND`` as a mail client runs it."""
    kept = tmp_path / "kept.eml"
    cmd = [str(WARMCHECK), "sendmail", *args, "--", *(command or keep_command())]
    done = subprocess.run(cmd, input=data, capture_output=True, timeout=TIMEOUT,
                          env=env_with_bin(KEEP_TO=str(kept), **env))  # fmt: skip
    return done, (kept.read_bytes() if kept.exists() else None)


# The override header, on bytes ------------------------------------------------


@pytest.mark.parametrize("eol", [b"\r\n", b"\n"])
def test_the_skip_header_is_removed_and_nothing_else_changes(eol: bytes) -> None:
    lines = [b"From: a@example.org", b"X-Warmcheck:  Skip ", b"Subject: hi", b"X-Other: x", b"\tfolded", b"",
             b"X-Warmcheck: skip", b"body"]  # fmt: skip
    data = eol.join(lines) + eol
    out = hooks.remove_skip_header(data)
    assert out == eol.join(lines[:1] + lines[2:]) + eol  # the body's look-alike line stays
    assert hooks.skip_requested(data, environ={}) and not hooks.skip_requested(out, environ={})


def test_a_folded_skip_header_goes_whole_and_other_values_stay() -> None:
    data = b"X-Warmcheck:\r\n skip\r\nX-Warmcheck: pass; warmth=90\r\nSubject: s\r\n\r\nbody\r\n"
    assert hooks.remove_skip_header(data) == b"X-Warmcheck: pass; warmth=90\r\nSubject: s\r\n\r\nbody\r\n"


def test_the_environment_variable_skips_once() -> None:
    assert hooks.skip_requested(b"Subject: s\n\nbody\n", environ={"WARMCHECK_SKIP": "1"})
    assert not hooks.skip_requested(b"Subject: s\n\nbody\n", environ={"WARMCHECK_SKIP": "0"})


@pytest.mark.parametrize(("data", "expected"), [
    (b"Subject: s\r\n\r\nbody\r\n", b"X-Warmcheck: pass\r\nSubject: s\r\n\r\nbody\r\n"),
    (b"Subject: s\n\nbody\n", b"X-Warmcheck: pass\nSubject: s\n\nbody\n"),
])  # fmt: skip
def test_the_result_header_goes_first_with_the_messages_own_line_ending(data: bytes, expected: bytes) -> None:
    assert hooks.add_result_header(data, "pass") == expected


# The wrapper in-process -------------------------------------------------------------


def test_in_process_a_fail_returns_65_and_runs_nothing(tmp_path: Path) -> None:
    err = io.StringIO()
    marker = tmp_path / "ran"
    status = hooks.sendmail(["touch", str(marker)], message(BLAST_BODY), stderr=err, environ={})
    assert status == EX_DATAERR and not marker.exists()
    assert "BL002" in err.getvalue() and "not sent (exit 65)" in err.getvalue()


def test_in_process_a_crash_inside_the_check_is_75_and_fail_open_sends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a defect")

    monkeypatch.setattr(Linter, "check", boom)
    marker = tmp_path / "ran"
    err = io.StringIO()
    assert hooks.sendmail(["touch", str(marker)], message(), stderr=err, environ={}) == EX_TEMPFAIL
    assert not marker.exists() and "RuntimeError: a defect" in err.getvalue()
    options = SendmailOptions(fail_open=True)
    assert hooks.sendmail(["touch", str(marker)], message(), options=options, stderr=err, environ={}) == 0
    assert marker.exists()


def test_a_message_over_max_bytes_is_still_checked_and_sent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = tmp_path / "kept.eml"
    monkeypatch.setenv("KEEP_TO", str(kept))
    data = message(attach=os.urandom(20_000))
    # The header and the text fit max_bytes; the attachment, never read, does not.
    config = Config(max_bytes=2000)
    command = [sys.executable, "-c", KEEP]
    status = hooks.sendmail(command, data, config=config, stderr=io.StringIO(), environ={})
    assert status == 0 and kept.read_bytes() == data


def test_a_command_that_cannot_run_is_75(tmp_path: Path) -> None:
    err = io.StringIO()
    status = hooks.sendmail([str(tmp_path / "no-such-sendmail")], message(), stderr=err, environ={})
    assert status == EX_TEMPFAIL and "cannot run" in err.getvalue()


def test_a_bad_configuration_is_75_not_a_lost_mail(tmp_path: Path) -> None:
    bad = tmp_path / "warmcheck.toml"
    bad.write_text("profile = 'nope'\n", encoding="utf-8")
    err = io.StringIO()
    status = hooks.sendmail(["true"], message(), config_path=bad, stderr=err, environ={})
    assert status == EX_TEMPFAIL and "warmcheck.toml" in err.getvalue()


# The installed console script with a stand-in sendmail: every byte kept --------------


@pytest.mark.parametrize("data", [
    message(crlf=True),
    message(crlf=False),
    # What no SMTP server takes unchanged: a 5000-octet line, bare CR, a NUL in an attachment-like blob.
    message(crlf=False).replace(b"\nHow did", b"\n" + b"long " * 1000 + b"\nHow did") + b"\r\x00\xff tail",
])  # fmt: skip
def test_a_pass_hands_on_the_exact_bytes_and_the_commands_arguments(tmp_path: Path, data: bytes) -> None:
    done, kept = wrap(tmp_path, data, "--fail-open")
    assert done.returncode == 0, done.stderr.decode()
    assert kept is not None and sha256(kept) == sha256(data)


def test_the_commands_exit_status_is_the_wrappers(tmp_path: Path) -> None:
    done, kept = wrap(tmp_path, message(), KEEP_RC="69")
    assert done.returncode == 69 and kept == message()


def test_a_blast_is_65_with_the_report_on_stderr_and_nothing_handed_on(tmp_path: Path) -> None:
    done, kept = wrap(tmp_path, message(BLAST_BODY))
    assert done.returncode == EX_DATAERR and kept is None
    err = done.stderr.decode()
    assert "BL002 unfilled-merge-tag" in err and "\x1b[" not in err and "Traceback" not in err
    assert done.stdout == b""


def test_warn_only_reports_and_sends_the_exact_bytes(tmp_path: Path) -> None:
    data = message(BLAST_BODY)
    done, kept = wrap(tmp_path, data, "--warn-only")
    assert done.returncode == 0 and kept == data
    assert "BL002" in done.stderr.decode() and "sending it anyway (--warn-only)" in done.stderr.decode()


def test_the_skip_header_sends_a_blast_without_that_header(tmp_path: Path) -> None:
    data = message(BLAST_BODY).replace(b"Subject:", b"X-Warmcheck: skip\r\nSubject:", 1)
    done, kept = wrap(tmp_path, data)
    assert done.returncode == 0
    assert kept == data.replace(b"X-Warmcheck: skip\r\n", b"")


def test_the_skip_environment_variable_sends_the_exact_bytes(tmp_path: Path) -> None:
    data = message(BLAST_BODY)
    done, kept = wrap(tmp_path, data, WARMCHECK_SKIP="1")
    assert done.returncode == 0 and kept == data


def test_the_result_header_is_added_only_when_asked(tmp_path: Path) -> None:
    data = message()
    done, kept = wrap(tmp_path, data, "--add-header")
    assert done.returncode == 0 and kept is not None
    first, rest = kept.split(b"\r\n", 1)
    assert first.startswith(b"X-Warmcheck: pass; warmth=") and rest == data


def test_fail_under_stops_a_message_under_the_threshold(tmp_path: Path) -> None:
    done, kept = wrap(tmp_path, message("Hi there,\n\nHow did the launch go?\n"), "--fail-under", "100")
    assert done.returncode == EX_DATAERR and kept is None


def crash_command(*args: str) -> list[str]:
    """The real CLI in a process whose check raises: a defect inside warmcheck."""
    code = (
        "import sys; import warmcheck.engine.linter as linter\n"
        "def boom(*a, **k): raise RuntimeError('injected defect')\n"
        "linter.Linter.check = boom\n"
        "from warmcheck.cli import main\n"
        f"sys.argv = ['warmcheck', 'sendmail', *{list(args)!r}]\n"
        "main()\n"
    )
    return [sys.executable, "-c", code]


# Real msmtp to a real SMTP server ----------------------------------------------------------


def via_msmtp(tmp_path: Path, server: Server, data: bytes, *args: str, crash: bool = False, **env: str):
    msmtp = needs("msmtp")
    real = [msmtp, "-C", str(msmtprc(tmp_path, server)), "-t"]
    cmd = crash_command(*args, "--", *real) if crash else [str(WARMCHECK), "sendmail", *args, "--", *real]
    return subprocess.run(cmd, input=data, capture_output=True, timeout=TIMEOUT, env=env_with_bin(**env))


def test_msmtp_delivers_the_exact_bytes_8bit_long_lines_and_an_attachment(
    tmp_path: Path, smtp_server: Server
) -> None:
    data = message(attach=os.urandom(20_000), long_line=True)
    assert max(len(line) for line in data.split(b"\r\n")) == 998
    done = via_msmtp(tmp_path, smtp_server, data)
    assert done.returncode == 0, done.stderr.decode()
    assert [sha256(m) for m in smtp_server.received] == [sha256(data)]
    assert smtp_server.recipients == [["priya@example.com"]]


def test_msmtp_with_lf_input_changes_only_the_line_endings_smtp_requires(
    tmp_path: Path, smtp_server: Server
) -> None:
    data = message(crlf=False, attach=b"\x00\x01binary")
    done = via_msmtp(tmp_path, smtp_server, data)
    assert done.returncode == 0, done.stderr.decode()
    # msmtp writes CRLF on the wire, as SMTP requires; every other byte is the input's.
    assert smtp_server.received == [data.replace(b"\n", b"\r\n")]


def test_msmtp_never_gets_a_blocked_message(tmp_path: Path, smtp_server: Server) -> None:
    done = via_msmtp(tmp_path, smtp_server, message(BLAST_BODY))
    assert done.returncode == EX_DATAERR
    assert smtp_server.received == []


def test_a_crash_inside_the_check_blocks_with_75_and_fail_open_sends(tmp_path: Path, smtp_server: Server) -> None:
    data = message(attach=os.urandom(3000))
    done = via_msmtp(tmp_path, smtp_server, data, crash=True)
    assert done.returncode == EX_TEMPFAIL, done.stderr.decode()
    assert b"injected defect" in done.stderr and b"Traceback" not in done.stderr
    assert smtp_server.received == []
    done = via_msmtp(tmp_path, smtp_server, data, "--fail-open", crash=True)
    assert done.returncode == 0, done.stderr.decode()
    assert [sha256(m) for m in smtp_server.received] == [sha256(data)]


def test_msmtps_own_failure_is_passed_back_and_nothing_claims_success(tmp_path: Path) -> None:
    closed = Server("127.0.0.1", 9)  # the discard port: nothing listens on loopback
    done = via_msmtp(tmp_path, closed, message())
    assert done.returncode not in (0, EX_DATAERR), done.stderr.decode()
    assert b"msmtp" in done.stderr


# mutt in batch mode, its sendmail set to the wrapper ----------------------------------------


def mutt_send(tmp_path: Path, server: Server, body: str, subject: str) -> subprocess.CompletedProcess[bytes]:
    mutt = needs("mutt")
    msmtp = needs("msmtp")
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    muttrc = home / "muttrc"
    rc = msmtprc(tmp_path, server)
    muttrc.write_text(
        f'set sendmail="{WARMCHECK} sendmail -- {msmtp} -C {rc}"\n'
        'set from="Sam Reyes <sam@example.org>"\nset use_from=yes\nset hostname=example.org\n'
        'set charset=utf-8\nset send_charset=utf-8\nset copy=no\nset record=""\n'
        f'set folder="{home}/Mail"\nset spoolfile="{home}/Mail/inbox"\nset postponed="{home}/Mail/postponed"\n'
        f'set tmpdir="{tmp_path}"\n',
        encoding="utf-8",
    )
    env = env_with_bin(HOME=str(home), MAILRC="/dev/null", TERM="dumb", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return subprocess.run([mutt, "-n", "-F", str(muttrc), "-s", subject, "--", "priya@example.com"],
                          input=body.encode(), capture_output=True, timeout=TIMEOUT, env=env, cwd=home)  # fmt: skip


def test_mutt_delivers_a_warm_draft_through_the_wrapper(tmp_path: Path, smtp_server: Server) -> None:
    done = mutt_send(tmp_path, smtp_server, WARM_BODY, "Your onboarding talk")
    assert done.returncode == 0, done.stderr.decode()
    assert len(smtp_server.received) == 1
    received = smtp_server.received[0]
    assert b"Subject: Your onboarding talk" in received
    assert WARM_BODY.replace("\n", "\r\n").encode() in received  # 8-bit UTF-8, unchanged


def test_mutt_cannot_send_a_blast_through_the_wrapper(tmp_path: Path, smtp_server: Server) -> None:
    done = mutt_send(tmp_path, smtp_server, BLAST_BODY, "AMAZING OPPORTUNITY")
    assert done.returncode != 0
    assert smtp_server.received == []
    assert b"BL002 unfilled-merge-tag" in done.stderr  # the report, shown by mutt
    assert b"child exited 65" in done.stderr
