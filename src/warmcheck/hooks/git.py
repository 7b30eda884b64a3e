"""git send-email: the ``sendemail-validate`` hook, how it tells a cover
letter from a patch, and ``warmcheck install-hook git``.

Cover letters (and mails without a diff) are checked; patches are not.
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
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import TextIO

from .. import message as messages
from ..config import Config
from ..core import Report, WarmcheckError
from ..engine.linter import Linter
from .common import (
    EX_DATAERR,
    EX_TEMPFAIL,
    HELD,
    SKIP_ENV,
    DeadlineExceeded,
    blocked,
    describe,
    load_config,
    say,
    say_report,
    skip_requested,
    within_deadline,
)
from .record import record_sent

#: Cover letters are judged as first contact: reviewers on a list may not know the writer.
COVER_LETTER_PROFILE = "cold"

# No "[" inside the brackets either: a subject of many "[" is read once.
_COVER_SUBJECT = re.compile(r"\[[^\[\]]*\b0+/\d+\]")
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
        payload = part.get_payload(decode=True) if part is not None else None
        body = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
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
    deadline: float | None = None,
    ledger: str | bool | None = None,
) -> int:
    """git's ``sendemail-validate`` hook: 0 lets git send, anything else stops
    the whole series before a mail is sent.

    Cover letters (and mails without a diff) are checked with the ``cold``
    profile unless ``profile`` says otherwise; only the subject and the words
    the writer wrote are read, not the recipients (a series sent to a list and
    its maintainers is not a blast). Patches are not checked. The check has
    ``deadline`` seconds (default: the configuration's, 10); past it, or when
    warmcheck cannot check, the series is held with 75 unless ``fail_open``.

    A cover letter it lets through is recorded in the follow-up ledger
    (``ledger`` overrides the configuration's) with the recipients its To
    and Cc name: git has no hook after sending, so this is the last moment
    warmcheck sees it.
    """
    err = stderr or sys.stderr
    try:
        config = load_config(config, config_path).with_overrides(ledger=ledger)
        seconds = config.deadline if deadline is None else deadline
        outcome = within_deadline(seconds, lambda: _judge(patch, config, profile, environ))
    except Exception as exc:
        problem = str(exc) if isinstance(exc, DeadlineExceeded) else f"could not check: {describe(exc)}"
        if fail_open:
            say(err, f"warmcheck: {patch.name}: {problem}; letting it through (--fail-open)\n")
            return 0
        say(err, f"{HELD} {patch.name}: {problem}; nothing was sent. Use --no-validate or {SKIP_ENV}=1 "
                 "to send unchecked.\n")  # fmt: skip
        return EX_TEMPFAIL
    if outcome == "skip":
        say(err, f"warmcheck: {patch.name}: not checked: the writer asked to skip\n")
        _record(patch, config, ledger, err)
        return 0
    if not isinstance(outcome, Report):
        return 0  # a patch
    if blocked(outcome, threshold):
        say_report(err, outcome)
        say(err, f"warmcheck: {patch.name}: the cover letter reads cold; nothing sent. Rewrite it, "
                 f"or send as it is with {SKIP_ENV}=1.\n")  # fmt: skip
        return EX_DATAERR
    if outcome.verdict != "pass":
        say_report(err, outcome)
    _record(patch, config, ledger, err)
    return 0


def _record(patch: Path, config: Config, ledger: str | bool | None, err: TextIO) -> None:
    """The cover letter git is let send goes in the follow-up ledger (a
    problem there is a warning: the series goes all the same)."""
    try:
        data = _read(patch, config.max_bytes)
    except Exception as exc:
        say(err, f"warmcheck: {patch.name}: the ledger did not record it: {describe(exc)}\n")
        return
    record_sent(data, err=err, config=config, ledger=ledger)


def _judge(patch: Path, config: Config, profile: str | None, environ: dict[str, str] | None) -> Report | str:
    """The report on a cover letter, or ``"skip"`` or ``"patch"``."""
    data = _read(patch, config.max_bytes)
    if skip_requested(data, environ):
        return "skip"
    mail = read_patch_mail(data)
    if mail.is_patch:
        return "patch"
    linter = Linter(config)
    # A message of the subject and the blurb alone: the reader gets the
    # header facts it needs and no recipients.
    note = EmailMessage()
    # "[PATCH v2 0/3]" is git's, not the writer's: the subject rules read the rest.
    note["Subject"] = _PATCH_TAG.sub("", mail.subject)
    note.set_content(mail.text)
    draft = messages.read(note, name=patch.name, max_bytes=config.max_bytes)
    return linter.check(draft, profile=profile or COVER_LETTER_PROFILE)


def _read(patch: Path, max_bytes: int) -> bytes:
    """The patch file git wrote: a regular file (a FIFO would wait for ever),
    of at most ``max_bytes``."""
    if not stat.S_ISREG(patch.stat().st_mode):
        raise WarmcheckError("not a regular file (a FIFO, socket or device)")
    with patch.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise WarmcheckError(f"larger than the size limit (max_bytes is {max_bytes:,})")
    return data


# install-hook git ----------------------------------------------------------------

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
