"""The sendmail-compatible wrapper, for mutt, neomutt, aerc, msmtp users and
any script that pipes a message to sendmail: ``warmcheck sendmail -- CMD``.

It hands the real command the exact bytes it was given, or sends nothing:
the message is kept whole in a temporary file first, and the real command
is started only once it is complete and checked.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from .. import message as messages
from ..config import Config
from ..core import Report
from ..engine.linter import Linter
from ..mail.suppress import HEADER as DISABLE_HEADER
from .common import (
    EX_DATAERR,
    EX_TEMPFAIL,
    HEADER,
    HELD,
    SKIP_ENV,
    SKIP_VALUE,
    DeadlineExceeded,
    add_result_header,
    blocked,
    describe,
    load_config,
    read_header,
    remove_skip_header,
    result_value,
    say,
    say_report,
    skip_requested,
    within_deadline,
)
from .common import _header_lines as header_lines
from .record import record_spool


@dataclass(frozen=True)
class SendmailOptions:
    profile: str | None = None
    #: Block under this warmth as well as on a fail (``--fail-under``).
    threshold: int | None = None
    #: Report, then send whatever the verdict.
    warn_only: bool = False
    #: Send when warmcheck itself cannot check the message (or not in time).
    fail_open: bool = False
    #: Add an ``X-Warmcheck: <verdict>; warmth=N; profile=P`` header.
    add_header: bool = False
    #: Seconds the check may take; None: the configuration's ``deadline``.
    deadline: float | None = None
    #: The follow-up ledger that records the mail once it is handed on: a
    #: path or URL, ``False`` for none; None: the configuration's.
    ledger: str | bool | None = None


def sendmail(
    command: Sequence[str],
    data: bytes | BinaryIO,
    *,
    config: Config | None = None,
    config_path: Path | None = None,
    options: SendmailOptions = SendmailOptions(),
    stderr: TextIO | None = None,
    environ: dict[str, str] | None = None,
) -> int:
    """Check one RFC 822 message (bytes, or a binary stream such as standard
    input) and hand it to ``command`` on pass.

    The message is first copied whole to a temporary file, and ``command``
    reads it from there: it is started only once the message is complete, so
    a wrapper killed at any moment leaves it with the whole message or with
    nothing. Returns the command's exit status, or 65 (the draft fails;
    nothing sent), or 75 (warmcheck could not check it, or not within the
    deadline; nothing sent unless ``fail_open``). Every 75 of warmcheck's own
    ends with a line that starts with ``warmcheck: held (exit 75):``.
    """
    err = stderr or sys.stderr
    if not command:
        return _held(err, "no command to hand the message to (warmcheck sendmail -- /usr/bin/msmtp -t)")
    try:
        spool = _spool(data)
    except OSError as exc:
        return _held(err, f"cannot keep the message in a temporary file: {exc.strerror or exc}")
    with spool:
        status = _send_checked(command, spool, config, config_path, options, err, environ)
        if status == 0:  # handed on: now, and only now, the ledger records it
            record_spool(spool, command, err=err, config=config, config_path=config_path, ledger=options.ledger)
        return status


def _send_checked(
    command: Sequence[str],
    spool: BinaryIO,
    config: Config | None,
    config_path: Path | None,
    options: SendmailOptions,
    err: TextIO,
    environ: dict[str, str] | None,
) -> int:
    header = read_header(spool)
    if skip_requested(header, environ):
        say(err, f"warmcheck: not checked: the writer asked to skip ({HEADER}: {SKIP_VALUE} or {SKIP_ENV})\n")
        outgoing = remove_skip_header(header)
        if options.add_header:
            outgoing = add_result_header(outgoing, "skipped")
        return _deliver(command, spool, err, outgoing)
    deadline = options.deadline
    try:
        config = load_config(config, config_path).with_overrides(ledger=options.ledger)
        deadline = config.deadline if deadline is None else deadline
        report = within_deadline(deadline, lambda: _check(spool, config, options.profile))
    except DeadlineExceeded as exc:
        return _unchecked(command, spool, err, options, header, str(exc))
    except Exception as exc:
        return _unchecked(command, spool, err, options, header, f"could not check the message: {describe(exc)}")
    stop = blocked(report, options.threshold)
    if stop or report.verdict != "pass":
        say_report(err, report)
    if stop and not options.warn_only:
        say(err, f"warmcheck: not sent (exit {EX_DATAERR}): the draft reads cold. Rewrite it, or send it "
                 f"as it is with an '{HEADER}: {SKIP_VALUE}' header.\n")  # fmt: skip
        return EX_DATAERR
    if stop:
        say(err, "warmcheck: sending it anyway (--warn-only)\n")
    return _deliver(command, spool, err, add_result_header(header, result_value(report)) if options.add_header else None)


def _check(spool: BinaryIO, config: Config, profile: str | None) -> Report:
    """Read the spooled message and check it (inside the deadline). The
    message is read from its own handle: the spool's position is the
    caller's."""
    with open(f"/proc/self/fd/{spool.fileno()}", "rb") if _PROC_FD else _reopen(spool) as fh:
        linter = Linter(config)
        draft = messages.read_message(fh, name="<message>", max_bytes=config.max_bytes)
        return linter.check(draft, profile=profile)


_PROC_FD = Path("/proc/self/fd").is_dir()


def _reopen(spool: BinaryIO) -> BinaryIO:
    """A copy of the spool's bytes where /proc is not there to open it again."""
    spool.seek(0)
    return io.BytesIO(spool.read())


def _unchecked(
    command: Sequence[str], spool: BinaryIO, err: TextIO, options: SendmailOptions, header: bytes, problem: str
) -> int:
    """warmcheck could not check the message: held (75), or with
    ``--fail-open`` handed on as it is, with a warning."""
    if options.fail_open:
        say(err, f"warmcheck: {problem}; sending it unchecked (--fail-open)\n")
        return _deliver(command, spool, err, add_result_header(header, "unchecked") if options.add_header else None)
    return _held(err, f"{problem}. Send it unchecked with --fail-open or an '{HEADER}: {SKIP_VALUE}' header")


def _held(err: TextIO, problem: str) -> int:
    say(err, f"{HELD} {problem}; nothing was sent\n")
    return EX_TEMPFAIL


def _spool(data: bytes | BinaryIO) -> BinaryIO:
    """The whole message in an anonymous temporary file (gone when closed,
    or when the process dies), read in pieces: memory stays small."""
    spool = tempfile.TemporaryFile(prefix="warmcheck-")  # noqa: SIM115 - handed to the caller, who closes it
    try:
        if isinstance(data, (bytes, bytearray)):
            spool.write(data)
        else:
            shutil.copyfileobj(data, spool, 1 << 16)
        spool.flush()
    except BaseException:
        spool.close()
        raise
    return spool


def remove_disable_header(data: bytes) -> bytes:
    """The message without its ``X-Warmcheck-Disable`` header fields (folded
    lines included): directives for warmcheck never reach the reader. Every
    other byte is unchanged."""
    name = DISABLE_HEADER.lower().encode()
    spans = [(a, b) for a, b in header_lines(data) if data[a:b].partition(b":")[0].strip().lower() == name]
    if not spans:
        return data
    out, pos = [], 0
    for a, b in spans:
        out.append(data[pos:a])
        pos = b
    out.append(data[pos:])
    return b"".join(out)


def _deliver(command: Sequence[str], spool: BinaryIO, err: TextIO, header: bytes | None = None) -> int:
    """Run the real sendmail with the message on its standard input, read
    from a complete file: the spool itself, or a copy whose header block is
    ``header`` (when given), less any ``X-Warmcheck-Disable`` field. Its
    standard output and error are the wrapper's own."""
    old = read_header(spool)
    new = remove_disable_header(old if header is None else header)
    if new == old:
        return _run(command, spool, err)
    try:
        outgoing = tempfile.TemporaryFile(prefix="warmcheck-")  # noqa: SIM115 - closed below, once handed over
        outgoing.write(new)
        spool.seek(len(old))
        shutil.copyfileobj(spool, outgoing, 1 << 16)
        outgoing.flush()
    except OSError as exc:
        return _held(err, f"cannot keep the message in a temporary file: {exc.strerror or exc}")
    with outgoing:
        return _run(command, outgoing, err)


def _run(command: Sequence[str], message: BinaryIO, err: TextIO) -> int:
    # The command reads the file descriptor itself: its offset must be 0
    # (a buffered seek inside the buffer would leave it where it was).
    message.flush()
    os.lseek(message.fileno(), 0, os.SEEK_SET)
    try:
        done = subprocess.run(list(command), stdin=message, check=False)
    except OSError as exc:
        return _held(err, f"cannot run {command[0]!r}: {exc.strerror or exc}")
    # Killed by a signal: the shell's convention, 128 + the signal number.
    status = done.returncode if done.returncode >= 0 else 128 - done.returncode
    if status == EX_TEMPFAIL:
        say(err, f"warmcheck: the message was handed to {command[0]!r}, which exited {EX_TEMPFAIL} "
                 "(its own temporary failure, not warmcheck's)\n")  # fmt: skip
    return status
