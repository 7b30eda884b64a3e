"""The sendmail-compatible wrapper, for mutt, neomutt, aerc, msmtp users and
any script that pipes a message to sendmail: ``warmcheck sendmail -- CMD``.

It hands the real command the exact bytes it was given, or sends nothing.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .. import message as messages
from ..config import Config
from ..engine.linter import Linter
from ..mail.suppress import HEADER as DISABLE_HEADER
from .common import (
    EX_DATAERR,
    EX_TEMPFAIL,
    HEADER,
    SKIP_ENV,
    SKIP_VALUE,
    add_result_header,
    blocked,
    load_config,
    remove_skip_header,
    result_value,
    say,
    say_report,
    skip_requested,
)
from .common import _header_lines as header_lines


@dataclass(frozen=True)
class SendmailOptions:
    profile: str | None = None
    #: Block under this warmth as well as on a fail (``--fail-under``).
    threshold: int | None = None
    #: Report, then send whatever the verdict.
    warn_only: bool = False
    #: Send when warmcheck itself cannot check the message.
    fail_open: bool = False
    #: Add an ``X-Warmcheck: <verdict>; warmth=N; profile=P`` header.
    add_header: bool = False


def sendmail(
    command: Sequence[str],
    data: bytes,
    *,
    config: Config | None = None,
    config_path: Path | None = None,
    options: SendmailOptions = SendmailOptions(),
    stderr: TextIO | None = None,
    environ: dict[str, str] | None = None,
) -> int:
    """Check ``data`` (one RFC 822 message) and hand it to ``command`` on pass.

    Returns the command's exit status, or 65 (the draft fails; nothing sent),
    or 75 (warmcheck could not check; nothing sent unless ``fail_open``).
    """
    err = stderr or sys.stderr
    if not command:
        say(err, "warmcheck: sendmail: no command to hand the message to (warmcheck sendmail -- /usr/bin/msmtp -t)\n")
        return EX_TEMPFAIL
    if skip_requested(data, environ):
        say(err, f"warmcheck: not checked: the writer asked to skip ({HEADER}: {SKIP_VALUE} or {SKIP_ENV})\n")
        outgoing = remove_skip_header(data)
        return _deliver(command, add_result_header(outgoing, "skipped") if options.add_header else outgoing, err)
    try:
        linter = Linter(load_config(config, config_path))
        # One message, in memory already, that must be checked to be sent:
        # max_bytes (which guards reading) does not turn away a big
        # attachment, and a leading "From " envelope line does not make it an
        # mbox to be cut at every "From " line of its body.
        draft = messages.from_bytes(data, "<message>", _message_kind(data))
        report = linter.check(draft, profile=options.profile)
    except Exception as exc:
        problem = f"warmcheck: could not check the message: {type(exc).__name__}: {exc}"
        if options.fail_open:
            say(err, f"{problem}; sending it unchecked (--fail-open)\n")
            return _deliver(command, add_result_header(data, "unchecked") if options.add_header else data, err)
        say(err, f"{problem}; not sent (exit {EX_TEMPFAIL}). Send it unchecked with --fail-open "
                 f"or an '{HEADER}: {SKIP_VALUE}' header.\n")  # fmt: skip
        return EX_TEMPFAIL
    stop = blocked(report, options.threshold)
    if stop or report.verdict != "pass":
        say_report(err, report)
    if stop and not options.warn_only:
        say(err, f"warmcheck: not sent (exit {EX_DATAERR}): the draft reads cold. Rewrite it, or send it "
                 f"as it is with an '{HEADER}: {SKIP_VALUE}' header.\n")  # fmt: skip
        return EX_DATAERR
    if stop:
        say(err, "warmcheck: sending it anyway (--warn-only)\n")
    return _deliver(command, add_result_header(data, result_value(report)) if options.add_header else data, err)


def _message_kind(data: bytes) -> str:
    """How to read what a sendmail wrapper was given: as one message, unless
    it has no header lines at all (then as text, HTML, as the content says)."""
    from ..mail.sources import sniff

    kind = sniff(data)
    return "email" if kind == "mbox" else kind


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


def _deliver(command: Sequence[str], data: bytes, err: TextIO) -> int:
    """Run the real sendmail with the message on its standard input (less
    any ``X-Warmcheck-Disable`` field); its standard output and error are
    the wrapper's own."""
    data = remove_disable_header(data)
    try:
        done = subprocess.run(list(command), input=data, check=False)
    except OSError as exc:
        say(err, f"warmcheck: cannot run {command[0]!r}: {exc.strerror or exc}; not sent (exit {EX_TEMPFAIL})\n")
        return EX_TEMPFAIL
    # Killed by a signal: the shell's convention, 128 + the signal number.
    return done.returncode if done.returncode >= 0 else 128 - done.returncode
