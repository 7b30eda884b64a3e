"""After a hand-over: the mail goes in the follow-up ledger
(:mod:`warmcheck.ledger`), so that later checks know what was sent to whom.

A hook calls :func:`record_sent` only once the mail was handed on (the real
sendmail exited 0, git was let send, the script's send returned), never for
a mail it stopped. A ledger that cannot be written (locked, corrupt, on a
read-only disk, a server that is down) is a warning on standard error: the
mail is gone already, and the hook's exit status is the hand-over's.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from email.message import Message
from email.utils import getaddresses
from pathlib import Path
from typing import BinaryIO, TextIO

from .. import message as messages
from ..config import Config
from ..ledger import locate, record_message
from ..message import Draft
from .common import load_config, read_header, say

#: sendmail options that take the next argument as their value (-f sender, -F name...).
_VALUE_OPTIONS = frozenset({"-f", "-F", "-r", "-a", "-C", "-N", "-R", "-V", "-X", "-B", "-L", "-O", "-p", "-q", "-h"})


def command_recipients(command: Sequence[str]) -> list[str]:
    """The recipients a sendmail command line names (``msmtp ana@example.org``,
    ``sendmail -oi -- ana@example.org``): its arguments that are addresses,
    less option values such as ``-f sender``. With ``-t`` there are none,
    and the message's headers name them."""
    out: list[str] = []
    skip = dashes = False
    for arg in command[1:]:
        if skip:
            skip = False
        elif dashes or not arg.startswith("-"):
            out.extend(a for _, a in getaddresses([arg]) if "@" in a)
        elif arg == "--":
            dashes = True
        elif arg in _VALUE_OPTIONS:
            skip = True
    return out


def record_sent(
    data: bytes | Message,
    *,
    err: TextIO | None = None,
    config: Config | None = None,
    config_path: Path | None = None,
    ledger: str | bool | None = None,
    draft: Draft | None = None,
    recipients: Iterable[str] = (),
) -> bool:
    """Record a mail that was handed on in the configured ledger (``ledger``,
    a path, a URL or ``False``, overrides the configuration's). Returns
    whether it was recorded; never raises: a problem is one warning line on
    ``err`` (standard error)."""
    stream = err or sys.stderr
    try:
        setting = load_config(config, config_path).ledger if ledger is None else ledger
        location = locate(setting)
        if location is None:
            return False
        return record_message(location, data, draft=draft, recipients=recipients)
    except Exception as exc:  # the mail is sent: a ledger problem is only a warning
        say(stream, f"warmcheck: the mail was sent, but the ledger did not record it: {_problem(exc)}\n")
        return False


def record_spool(
    spool: BinaryIO,
    command: Sequence[str],
    *,
    err: TextIO | None = None,
    config: Config | None = None,
    config_path: Path | None = None,
    ledger: str | bool | None = None,
) -> bool:
    """The sendmail wrapper's record of the message it handed to
    ``command``: its header and text (never its attachments' bodies), and
    the recipients the command line names besides its headers."""
    stream = err or sys.stderr
    try:
        settings = load_config(config, config_path)
        location = locate(settings.ledger if ledger is None else ledger)
        if location is None:
            return False
        header = read_header(spool)
        spool.seek(0)
        try:
            draft: Draft | None = messages.read_message(spool, name="<message>", max_bytes=settings.max_bytes)
        except messages.InputError:  # no text to sign: recorded without a signature
            draft = None
        return record_message(location, header, draft=draft, recipients=command_recipients(command))
    except Exception as exc:  # the mail is sent: a ledger problem is only a warning
        say(stream, f"warmcheck: the mail was sent, but the ledger did not record it: {_problem(exc)}\n")
        return False


def _problem(exc: BaseException) -> str:
    from ..core import WarmcheckError

    return str(exc) if isinstance(exc, WarmcheckError) else f"{type(exc).__name__}: {exc}"
