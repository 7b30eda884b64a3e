"""The pre-send hooks under pressure: a header longer than any sniff, a
wrapper killed at any moment, a check that does not finish, a 75 that is
not warmcheck's, a message far over max_bytes. Real processes and signals;
every time bound here is a hang catcher, tens of seconds wide."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from test_hooks_support import TIMEOUT, WARM_BODY, WARMCHECK, env_with_bin, message
from warmcheck import Config, hooks
from warmcheck.engine.linter import Linter
from warmcheck.hooks import EX_TEMPFAIL, HELD, DeadlineExceeded, SendmailOptions

#: A stand-in sendmail that reads its standard input slowly, in pieces, and
#: keeps what it read only once it reached the end (renamed into place), so
#: a kept file is always what the command saw as the whole message.
SLOW_KEEP = """
import os, sys, time
open(os.environ["KEEP_TO"] + ".started", "w").close()
chunks = []
while True:
    chunk = sys.stdin.buffer.read(1 << 16)
    if not chunk:
        break
    chunks.append(chunk)
    time.sleep(float(os.environ.get("KEEP_PAUSE", "0")))
with open(os.environ["KEEP_TO"] + ".part", "wb") as out:
    out.write(b"".join(chunks))
os.replace(os.environ["KEEP_TO"] + ".part", os.environ["KEEP_TO"])
sys.exit(int(os.environ.get("KEEP_RC", "0")))
"""

#: The real CLI in a process whose check never ends (a stand-in for any
#: input that would take too long).
STALL = (
    "import sys, time; import warmcheck.engine.linter as linter\n"
    "def stall(*a, **k): time.sleep(600)\n"
    "linter.Linter.check = stall\n"
    "from warmcheck.cli import main\n"
    "sys.argv = ['warmcheck', *sys.argv[1:]]\n"
    "main()\n"
)


def keep_command() -> list[str]:
    return [sys.executable, "-c", SLOW_KEEP]


def many_recipients(count: int) -> bytes:
    to = ", ".join(f"Person {i} <person{i}@example.org>" for i in range(count))
    return message().replace(b"To: Priya Nair <priya@example.com>", f"To: {to}".encode())


# A header longer than the first 8 KB ---------------------------------------------


def test_the_wrapper_reads_recipients_past_the_first_8_kb(tmp_path: Path) -> None:
    data = many_recipients(600)
    assert data.index(b"\r\n\r\n") > 16_000
    kept = tmp_path / "kept.eml"
    done = subprocess.run([WARMCHECK, "sendmail", "--", *keep_command()], input=data, capture_output=True,
                          timeout=TIMEOUT, env=env_with_bin(KEEP_TO=str(kept)))  # fmt: skip
    assert b"BL012" in done.stderr and b"600 people" in done.stderr, done.stderr.decode()
    assert done.returncode in (0, 65)
    assert not kept.exists() or kept.read_bytes() == data


def test_standard_input_reads_recipients_past_the_first_8_kb() -> None:
    done = subprocess.run([WARMCHECK, "--format", "json", "-"], input=many_recipients(600), capture_output=True,
                          timeout=TIMEOUT, env=env_with_bin())  # fmt: skip
    assert done.returncode in (0, 1), done.stderr.decode()
    assert b'"recipients": 600' in done.stdout


# Killed at any moment: the whole message or nothing -------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
@pytest.mark.parametrize("delay", [0.0, 0.3, 0.8, 1.5, 3.0])
def test_a_killed_wrapper_hands_over_the_whole_message_or_nothing(tmp_path: Path, sig: int, delay: float) -> None:
    """Killed while reading the message, while checking it, or while the
    real command reads it: what the command kept is the whole message."""
    data = message(attach=os.urandom(3_000_000))
    kept = tmp_path / "kept.eml"
    proc = subprocess.Popen([WARMCHECK, "sendmail", "--", *keep_command()], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env_with_bin(KEEP_TO=str(kept), KEEP_PAUSE="0.02"))  # fmt: skip
    assert proc.stdin is not None
    writer = threading.Thread(target=_feed, args=(proc.stdin, data), daemon=True)
    writer.start()
    time.sleep(delay)
    proc.send_signal(sig)
    proc.wait(timeout=TIMEOUT)
    started = Path(f"{kept}.started")
    if started.exists():
        _wait_for(kept)
        assert kept.read_bytes() == data
    else:
        assert not kept.exists()


def test_a_wrapper_killed_while_the_command_reads_leaves_it_the_whole_message(tmp_path: Path) -> None:
    data = message(attach=os.urandom(2_000_000))
    kept = tmp_path / "kept.eml"
    proc = subprocess.Popen([WARMCHECK, "sendmail", "--", *keep_command()], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env_with_bin(KEEP_TO=str(kept), KEEP_PAUSE="0.05"))  # fmt: skip
    assert proc.stdin is not None
    _feed(proc.stdin, data)
    _wait_for(Path(f"{kept}.started"))
    proc.kill()
    proc.wait(timeout=TIMEOUT)
    _wait_for(kept)
    assert kept.read_bytes() == data


def _feed(stdin: io.BufferedWriter | object, data: bytes) -> None:
    try:
        for i in range(0, len(data), 1 << 16):
            stdin.write(data[i : i + (1 << 16)])  # type: ignore[attr-defined]
            time.sleep(0.005)
        stdin.close()  # type: ignore[attr-defined]
    except (BrokenPipeError, OSError, ValueError):
        pass  # the wrapper was killed while reading


def _wait_for(path: Path) -> None:
    end = time.monotonic() + TIMEOUT
    while not path.exists():
        assert time.monotonic() < end, f"{path} never came"
        time.sleep(0.05)


# A deadline on every hook -----------------------------------------------------------


def stalled(*args: str) -> list[str]:
    return [sys.executable, "-c", STALL, *args]


def test_the_wrapper_holds_a_message_it_cannot_check_in_time(tmp_path: Path) -> None:
    kept = tmp_path / "kept.eml"
    data = message()
    started = time.monotonic()
    done = subprocess.run(stalled("sendmail", "--deadline", "2", "--", *keep_command()), input=data,
                          capture_output=True, timeout=TIMEOUT, env=env_with_bin(KEEP_TO=str(kept)))  # fmt: skip
    assert time.monotonic() - started < 60
    assert done.returncode == EX_TEMPFAIL and not kept.exists()
    err = done.stderr.decode()
    assert err.splitlines()[-1].startswith(HELD) and "deadline (2 s)" in err and "Traceback" not in err


def test_fail_open_hands_on_an_unchecked_message_unchanged_with_a_warning(tmp_path: Path) -> None:
    kept = tmp_path / "kept.eml"
    data = message()
    done = subprocess.run(stalled("sendmail", "--deadline", "2", "--fail-open", "--", *keep_command()), input=data,
                          capture_output=True, timeout=TIMEOUT, env=env_with_bin(KEEP_TO=str(kept)))  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    assert kept.read_bytes() == data
    assert b"sending it unchecked (--fail-open)" in done.stderr


def test_the_deadline_comes_from_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "warmcheck.toml").write_text("deadline = 2\n", encoding="utf-8")
    done = subprocess.run(stalled("sendmail", "--", *keep_command()), input=message(), capture_output=True,
                          timeout=TIMEOUT, cwd=tmp_path, env=env_with_bin(KEEP_TO=str(tmp_path / "k")))  # fmt: skip
    assert done.returncode == EX_TEMPFAIL and b"deadline (2 s)" in done.stderr


def test_sendemail_validate_holds_the_series_past_its_deadline(tmp_path: Path) -> None:
    cover = tmp_path / "0000-cover-letter.patch"
    cover.write_bytes(message(subject="[PATCH 0/2] River maps"))
    done = subprocess.run(stalled("sendemail-validate", "--deadline", "2", str(cover)), capture_output=True,
                          timeout=TIMEOUT, env=env_with_bin())  # fmt: skip
    assert done.returncode == EX_TEMPFAIL
    assert done.stderr.decode().splitlines()[-1].startswith(HELD)
    done = subprocess.run(stalled("sendemail-validate", "--deadline", "2", "--fail-open", str(cover)),
                          capture_output=True, timeout=TIMEOUT, env=env_with_bin())  # fmt: skip
    assert done.returncode == 0 and b"letting it through" in done.stderr


def test_sendemail_validate_does_not_wait_on_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "cover.patch"
    os.mkfifo(fifo)
    done = subprocess.run([WARMCHECK, "sendemail-validate", str(fifo)], capture_output=True, timeout=TIMEOUT,
                          env=env_with_bin())  # fmt: skip
    assert done.returncode == EX_TEMPFAIL and b"not a regular file" in done.stderr


def _stall(*args: object, **kwargs: object) -> None:
    time.sleep(600)


def test_guard_raises_past_its_deadline_in_a_child_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Linter, "check", _stall)
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        hooks.guard(message(), deadline=1, config=Config(model="light"))
    assert time.monotonic() - started < 60


def test_guard_raises_past_its_deadline_beside_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """With other threads running, the check runs in a thread of its own
    (forking a threaded process is unsafe); the caller still gets control back."""
    monkeypatch.setattr(Linter, "check", _stall)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        with pytest.raises(DeadlineExceeded):
            hooks.guard(message(), deadline=1, config=Config(model="light"))
    finally:
        stop.set()


def test_guard_within_its_deadline_returns_the_report_and_errors_keep_their_type() -> None:
    report = hooks.guard(message(), deadline=120, config=Config(model="light"))
    assert report.verdict in ("pass", "warn")
    from warmcheck.message import InputError

    with pytest.raises(InputError):
        hooks.guard(b"", deadline=120, config=Config(model="light"))


# Whose 75 is it? ---------------------------------------------------------------------


def test_the_real_commands_75_is_told_apart_from_warmchecks(tmp_path: Path) -> None:
    kept = tmp_path / "kept.eml"
    done = subprocess.run([WARMCHECK, "sendmail", "--", *keep_command()], input=message(), capture_output=True,
                          timeout=TIMEOUT, env=env_with_bin(KEEP_TO=str(kept), KEEP_RC="75"))  # fmt: skip
    assert done.returncode == 75
    err = done.stderr.decode()
    assert HELD not in err and "which exited 75 (its own temporary failure, not warmcheck's)" in err


def test_every_75_of_warmchecks_own_ends_with_the_held_line(tmp_path: Path) -> None:
    bad = tmp_path / "warmcheck.toml"
    bad.write_text("profile = 'nope'\n", encoding="utf-8")
    cases = {
        "no command": ([], message()),
        "a command that cannot run": ([str(tmp_path / "none")], message()),
        "a bad configuration": (["true"], message()),
        "a message with no text part": (["true"], b"From: a@example.org\nTo: b@example.org\nContent-Type: image/png\n\nPNG\n"),
    }
    for label, (command, data) in cases.items():
        err = io.StringIO()
        status = hooks.sendmail(command, data, config_path=bad if "configuration" in label else None,
                                stderr=err, environ={})  # fmt: skip
        assert status == EX_TEMPFAIL, label
        assert err.getvalue().splitlines()[-1].startswith(HELD), (label, err.getvalue())


# Bounded input ------------------------------------------------------------------------


def test_a_large_attachment_is_never_read_and_the_mail_goes_whole(tmp_path: Path) -> None:
    data = message(attach=os.urandom(30_000_000))
    kept = tmp_path / "kept.eml"
    (tmp_path / "warmcheck.toml").write_text("max_bytes = 100000\n", encoding="utf-8")
    done = subprocess.run([WARMCHECK, "sendmail", "--", *keep_command()], input=data, capture_output=True,
                          timeout=TIMEOUT, cwd=tmp_path, env=env_with_bin(KEEP_TO=str(kept)))  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    assert kept.read_bytes() == data


def test_a_text_over_max_bytes_is_held_or_sent_unchanged_with_fail_open(tmp_path: Path) -> None:
    data = message(body=WARM_BODY + ("More about the river maps, line after line.\n" * 3000))
    kept = tmp_path / "kept.eml"
    err = io.StringIO()
    command = [*keep_command()]
    env = {"KEEP_TO": str(kept)}
    os.environ.update(env)
    try:
        status = hooks.sendmail(command, data, config=Config(max_bytes=20_000), stderr=err, environ={})
        assert status == EX_TEMPFAIL and not kept.exists()
        assert "size limit" in err.getvalue() and err.getvalue().splitlines()[-1].startswith(HELD)
        options = SendmailOptions(fail_open=True)
        status = hooks.sendmail(command, data, config=Config(max_bytes=20_000), options=options, stderr=err, environ={})
        assert status == 0 and kept.read_bytes() == data
    finally:
        os.environ.pop("KEEP_TO", None)
