"""Pre-send hooks: stop cold mail at the moment it is sent.

Three faces over the same :class:`~warmcheck.Linter`:

- :func:`sendmail`: a sendmail-compatible wrapper for mutt, neomutt, aerc,
  msmtp users and any script that pipes a message to sendmail. It hands the
  real command the exact bytes it was given, or sends nothing.
- :func:`sendemail_validate`: the body of git's ``sendemail-validate`` hook.
- :func:`guard`: for Python scripts that build a message and send it with
  :mod:`smtplib`.

Exit statuses (sysexits.h, as sendmail and mail clients expect them):

- the real command's own status when the message was handed to it;
- 65 (``EX_DATAERR``): the draft fails the check; nothing was sent;
- 75 (``EX_TEMPFAIL``): warmcheck could not check the message (a bad
  configuration, a message it cannot read, a defect, a sendmail command that
  cannot be run); nothing was sent, unless ``fail_open`` asks to send anyway.

The writer overrides the check once, for a message they have judged
themselves, with an ``X-Warmcheck: skip`` header (removed before the message
is handed on; nothing else in it changes) or ``WARMCHECK_SKIP=1`` in the
environment of one command.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage, Message
from pathlib import Path
from typing import TextIO

import click

from . import config as configs
from . import message as messages
from .config import Config
from .engine.linter import Linter
from .core import Report, WarmcheckError
from .report import FORMATS

EX_DATAERR = 65
EX_TEMPFAIL = 75

#: The header a writer adds to skip the check once, and that ``add_header`` writes.
HEADER = "X-Warmcheck"
SKIP_VALUE = "skip"
#: ``WARMCHECK_SKIP=1 git send-email ...`` skips the check for one command.
SKIP_ENV = "WARMCHECK_SKIP"
#: Cover letters are judged as first contact: reviewers on a list may not know the writer.
COVER_LETTER_PROFILE = "cold"


class ColdDraftError(WarmcheckError):
    """A message that :func:`guard` stopped; ``report`` says why."""

    def __init__(self, report: Report) -> None:
        self.report = report
        reasons = "; ".join(f"{f.rule} {f.message}" for f in report.findings if f.points) or "no finding"
        super().__init__(f"cold draft: warmth {report.warmth}, verdict {report.verdict} ({reasons})")


def blocked(report: Report, threshold: int | None) -> bool:
    """Whether a report stops a message: a fail, or warmth under ``threshold``
    (the CLI's ``--fail-under``)."""
    return report.verdict == "fail" or (threshold is not None and report.warmth < threshold)


# The message as bytes ----------------------------------------------------------


def _header_lines(data: bytes) -> list[tuple[int, int]]:
    """(start, end) byte spans of each top-level header field, folded
    continuation lines included, up to the blank line that ends the headers."""
    fields: list[tuple[int, int]] = []
    pos = 0
    for line in data.splitlines(keepends=True):
        if line in (b"\n", b"\r\n", b"\r"):
            break
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] = (fields[-1][0], pos + len(line))
        else:
            fields.append((pos, pos + len(line)))
        pos += len(line)
    return fields


def _is_skip(field: bytes) -> bool:
    name, sep, value = field.partition(b":")
    return bool(sep) and name.strip().lower() == HEADER.lower().encode() and value.strip().lower() == SKIP_VALUE.encode()


def skip_requested(data: bytes, environ: dict[str, str] | None = None) -> bool:
    """The writer asked to skip the check: an ``X-Warmcheck: skip`` header, or
    ``WARMCHECK_SKIP`` set to anything but empty or ``0``."""
    env = os.environ if environ is None else environ
    if env.get(SKIP_ENV, "") not in ("", "0"):
        return True
    return any(_is_skip(data[a:b]) for a, b in _header_lines(data))


def remove_skip_header(data: bytes) -> bytes:
    """The message without its ``X-Warmcheck: skip`` header fields; every
    other byte unchanged."""
    spans = [(a, b) for a, b in _header_lines(data) if _is_skip(data[a:b])]
    if not spans:
        return data
    out, pos = [], 0
    for a, b in spans:
        out.append(data[pos:a])
        pos = b
    out.append(data[pos:])
    return b"".join(out)


def add_result_header(data: bytes, value: str) -> bytes:
    """``X-Warmcheck: value`` put first, with the message's own line ending;
    the message's bytes follow unchanged."""
    newline = data.find(b"\n")
    eol = b"\r\n" if newline > 0 and data[newline - 1 : newline] == b"\r" else b"\n"
    return f"{HEADER}: {value}".encode("ascii") + eol + data


def _result(report: Report) -> str:
    return f"{report.verdict}; warmth={report.warmth}; profile={report.profile}"


def _say(err: TextIO, text: str) -> None:
    """Write to standard error; click drops the colour when it is not a terminal."""
    click.echo(text, file=err, nl=False, color=False if os.environ.get("NO_COLOR") else None)


# The sendmail wrapper ------------------------------------------------------------


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


def load_config(config: Config | None = None, config_path: Path | None = None) -> Config:
    """The configuration a hook runs with: the one given, else the file
    given, else the one found from the current folder (as the CLI does)."""
    if config is not None:
        return config
    if config_path is not None:
        return configs.load_file(config_path)
    return configs.discover(Path.cwd())


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
        _say(err, "warmcheck: sendmail: no command to hand the message to (warmcheck sendmail -- /usr/bin/msmtp -t)\n")
        return EX_TEMPFAIL
    if skip_requested(data, environ):
        _say(err, f"warmcheck: not checked: the writer asked to skip ({HEADER}: {SKIP_VALUE} or {SKIP_ENV})\n")
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
    except Exception as exc:  # noqa: BLE001 - any failure to check must neither send nor lose the mail
        problem = f"warmcheck: could not check the message: {type(exc).__name__}: {exc}"
        if options.fail_open:
            _say(err, f"{problem}; sending it unchecked (--fail-open)\n")
            return _deliver(command, add_result_header(data, "unchecked") if options.add_header else data, err)
        _say(err, f"{problem}; not sent (exit {EX_TEMPFAIL}). Send it unchecked with --fail-open "
                  f"or an '{HEADER}: {SKIP_VALUE}' header.\n")  # fmt: skip
        return EX_TEMPFAIL
    stop = blocked(report, options.threshold)
    if stop or report.verdict != "pass":
        _say(err, FORMATS["text"]([report]))
    if stop and not options.warn_only:
        _say(err, f"warmcheck: not sent (exit {EX_DATAERR}): the draft reads cold. Rewrite it, or send it "
                  f"as it is with an '{HEADER}: {SKIP_VALUE}' header.\n")  # fmt: skip
        return EX_DATAERR
    if stop:
        _say(err, "warmcheck: sending it anyway (--warn-only)\n")
    return _deliver(command, add_result_header(data, _result(report)) if options.add_header else data, err)


def _message_kind(data: bytes) -> str:
    """How to read what a sendmail wrapper was given: as one message, unless
    it has no header lines at all (then as text, HTML, as the content says)."""
    from .mail.sources import sniff

    kind = sniff(data)
    return "email" if kind == "mbox" else kind


def _deliver(command: Sequence[str], data: bytes, err: TextIO) -> int:
    """Run the real sendmail with the message on its standard input; its
    standard output and error are the wrapper's own."""
    try:
        done = subprocess.run(list(command), input=data, check=False)
    except OSError as exc:
        _say(err, f"warmcheck: cannot run {command[0]!r}: {exc.strerror or exc}; not sent (exit {EX_TEMPFAIL})\n")
        return EX_TEMPFAIL
    # Killed by a signal: the shell's convention, 128 + the signal number.
    return done.returncode if done.returncode >= 0 else 128 - done.returncode


# git send-email ------------------------------------------------------------------

_COVER_SUBJECT = re.compile(r"\[[^\]]*\b0+/\d+\]")
_DIFF = re.compile(r"^(?:diff --git |Index: |--- (?:a/|/dev/null))", re.MULTILINE)
_PATCH_TAG = re.compile(r"^(?:\s*\[[^\]]*\])+\s*")
#: ``Author Name (3):``, the shortlog that format-patch puts after the blurb.
_SHORTLOG = re.compile(r"^\S[^\n]* \(\d+\):[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class PatchMail:
    """What git send-email is about to send, as the hook sees it."""

    subject: str
    #: The words a person wrote: a cover letter's blurb, or a plain note.
    text: str
    is_patch: bool


def read_patch_mail(data: bytes) -> PatchMail:
    """Tell a patch from a cover letter or a plain note.

    A patch is a mail that carries a diff and is not numbered ``0/N``; its
    commit message describes a change and is not checked. A cover letter is
    checked up to the shortlog and diffstat that format-patch appends.
    """
    msg = email.message_from_bytes(data, policy=email.policy.default)
    subject = str(msg.get("Subject", "") or "")
    part = msg.get_body(preferencelist=("plain",)) if isinstance(msg, EmailMessage) else None
    try:
        body = part.get_content() if part is not None else ""
    except (LookupError, ValueError):  # an unknown or broken charset: read what can be read
        payload = part.get_payload(decode=True) if part is not None else b""
        body = (payload or b"").decode("utf-8", "replace")
    is_cover = bool(_COVER_SUBJECT.search(subject))
    if not is_cover and _DIFF.search(body):
        return PatchMail(subject, body, is_patch=True)
    shortlog = _SHORTLOG.search(body)
    return PatchMail(subject, body[: shortlog.start()] if shortlog else body, is_patch=False)


def sendemail_validate(
    patch: Path,
    *,
    config: Config | None = None,
    config_path: Path | None = None,
    profile: str | None = None,
    threshold: int | None = None,
    fail_open: bool = False,
    stderr: TextIO | None = None,
    environ: dict[str, str] | None = None,
) -> int:
    """git's ``sendemail-validate`` hook: 0 lets git send, anything else stops
    the whole series before a mail is sent.

    Cover letters (and mails without a diff) are checked with the ``cold``
    profile unless ``profile`` says otherwise; only the subject and the words
    the writer wrote are read, not the recipients (a series sent to a list and
    its maintainers is not a blast). Patches are not checked.
    """
    err = stderr or sys.stderr
    try:
        data = patch.read_bytes()
        if skip_requested(data, environ):
            _say(err, f"warmcheck: {patch.name}: not checked: the writer asked to skip\n")
            return 0
        mail = read_patch_mail(data)
        if mail.is_patch:
            return 0
        linter = Linter(load_config(config, config_path))
        # A message of the subject and the blurb alone: the reader gets the
        # header facts it needs and no recipients.
        note = EmailMessage()
        # "[PATCH v2 0/3]" is git's, not the writer's: the subject rules read the rest.
        note["Subject"] = _PATCH_TAG.sub("", mail.subject)
        note.set_content(mail.text)
        draft = messages.read(note, name=patch.name, max_bytes=linter.config.max_bytes)
        report = linter.check(draft, profile=profile or COVER_LETTER_PROFILE)
    except Exception as exc:  # noqa: BLE001 - a failure to check stops the send unless asked otherwise
        problem = f"warmcheck: {patch.name}: could not check: {type(exc).__name__}: {exc}"
        if fail_open:
            _say(err, f"{problem}; letting it through (--fail-open)\n")
            return 0
        _say(err, f"{problem}; nothing sent. Use --no-validate or {SKIP_ENV}=1 to send unchecked.\n")
        return EX_TEMPFAIL
    if blocked(report, threshold):
        _say(err, FORMATS["text"]([report]))
        _say(err, f"warmcheck: {patch.name}: the cover letter reads cold; nothing sent. Rewrite it, "
                  f"or send as it is with {SKIP_ENV}=1.\n")  # fmt: skip
        return EX_DATAERR
    if report.verdict != "pass":
        _say(err, FORMATS["text"]([report]))
    return 0


HOOK_NAME = "sendemail-validate"


def _warmcheck_command() -> str:
    """The absolute path of the ``warmcheck`` script, so that the hook works
    outside the virtual environment it was installed from."""
    beside = Path(sys.executable).parent / "warmcheck"
    if beside.is_file():
        return str(beside)
    return shutil.which("warmcheck") or "warmcheck"


def hook_script(command: str | None = None) -> str:
    """The ``sendemail-validate`` hook file's text."""
    exe = command or _warmcheck_command()
    quoted = "'" + exe.replace("'", "'\\''") + "'"
    return (
        "#!/bin/sh\n"
        "# Installed by `warmcheck install-hook git`: git send-email checks each\n"
        "# cover letter with warmcheck before anything is sent.\n"
        f'exec {quoted} sendemail-validate "$@"\n'
    )


class HookExists(WarmcheckError):
    """A hook file is already there and ``force`` was not given."""


def install_git_hook(repo: Path, *, force: bool = False, command: str | None = None) -> Path:
    """Write ``sendemail-validate`` into the repository's hooks folder (the
    one git uses: ``core.hooksPath`` and worktrees are respected)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--git-path", "hooks"],
            cwd=repo, capture_output=True, text=True, check=False, timeout=30,
        )  # fmt: skip
    except OSError as exc:
        raise OSError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise OSError(f"{repo}: not a git repository ({done.stderr.strip() or 'git rev-parse failed'})")
    hooks = Path(done.stdout.strip())
    hooks = hooks if hooks.is_absolute() else (repo / hooks)
    path = hooks / HOOK_NAME
    if (path.exists() or path.is_symlink()) and not force:
        raise HookExists(f"{path}: a {HOOK_NAME} hook is already there; --force replaces it")
    hooks.mkdir(parents=True, exist_ok=True)
    # Written beside it, then put in its place: a hook that is a symlink is
    # replaced, never written through (its target is someone else's file).
    new = hooks / f".{HOOK_NAME}.warmcheck-new"
    new.unlink(missing_ok=True)
    new.write_text(hook_script(command), encoding="utf-8")
    new.chmod(new.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    os.replace(new, path)
    return path.resolve()


# Python scripts ------------------------------------------------------------------


def guard(
    message: Message | bytes | str,
    *,
    threshold: int | None = None,
    profile: str | None = None,
    config: Config | None = None,
) -> Report:
    """Check a message before a script sends it.

    Returns the report when the message may go; raises :class:`ColdDraftError`
    (with ``.report``) when it fails, or scores under ``threshold``::

        report = warmcheck.guard(msg)        # raises ColdDraftError if cold
        smtp.send_message(msg)

    The message is read, never changed.
    """
    report = _linter(config).check(message, profile=profile)
    if blocked(report, threshold):
        raise ColdDraftError(report)
    return report


_DEFAULT_LINTER: Linter | None = None


def _linter(config: Config | None) -> Linter:
    """One Linter for the default configuration, kept: a script that guards
    many messages loads the rules once."""
    global _DEFAULT_LINTER
    if config is not None:
        return Linter(config)
    if _DEFAULT_LINTER is None:
        _DEFAULT_LINTER = Linter()
    return _DEFAULT_LINTER


__all__ = [
    "EX_DATAERR",
    "EX_TEMPFAIL",
    "ColdDraftError",
    "HookExists",
    "SendmailOptions",
    "guard",
    "install_git_hook",
    "read_patch_mail",
    "sendemail_validate",
    "sendmail",
]
