"""Pre-send hooks: stop cold mail at the moment it is sent.

Three faces over the same :class:`~warmcheck.Linter`:

- :func:`sendmail` (:mod:`.wrapper`): a sendmail-compatible wrapper for mutt,
  neomutt, aerc, msmtp users and any script that pipes a message to
  sendmail. It hands the real command the exact bytes it was given, or sends
  nothing.
- :func:`sendemail_validate` (:mod:`.git`): the body of git's
  ``sendemail-validate`` hook; :func:`install_git_hook` installs it.
- :func:`guard` (:mod:`.smtp`): for Python scripts that build a message and
  send it with :mod:`smtplib`.

What they share (exit statuses, the header, the override, the configuration)
is in :mod:`.common`. None of these modules imports click.

Exit statuses (sysexits.h, as sendmail and mail clients expect them):

- the real command's own status when the message was handed to it;
- 65 (``EX_DATAERR``): the draft fails the check; nothing was sent;
- 75 (``EX_TEMPFAIL``): warmcheck could not check the message (a bad
  configuration, a message it cannot read, a defect, a sendmail command that
  cannot be run), or not within the deadline (10 s by default); nothing was
  sent, unless ``fail_open`` asks to send anyway. warmcheck's own 75 always
  ends with a line that starts with :data:`HELD` (``warmcheck: held (exit
  75):``); a 75 of the real command is passed back with a line saying so.

The writer overrides the check once, for a message they have judged
themselves, with an ``X-Warmcheck: skip`` header (removed before the message
is handed on; nothing else in it changes) or ``WARMCHECK_SKIP=1`` in the
environment of one command.

Once a mail is handed on, and only then, the hook records it in the
follow-up ledger (:mod:`.record`, :mod:`warmcheck.ledger`); a ledger that
cannot take it (locked, corrupt, read-only, a server that is down) is a
warning on standard error, never a reason to hold a mail.
"""

from __future__ import annotations

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
    load_config,
    remove_skip_header,
    skip_requested,
)
from .git import (
    COVER_LETTER_PROFILE,
    HOOK_NAME,
    HookExists,
    PatchMail,
    hook_script,
    install_git_hook,
    read_patch_mail,
    sendemail_validate,
)
from .record import record_sent
from .smtp import ColdDraftError, guard
from .wrapper import SendmailOptions, sendmail

__all__ = [
    "COVER_LETTER_PROFILE",
    "EX_DATAERR",
    "EX_TEMPFAIL",
    "HEADER",
    "HELD",
    "HOOK_NAME",
    "SKIP_ENV",
    "SKIP_VALUE",
    "ColdDraftError",
    "DeadlineExceeded",
    "HookExists",
    "PatchMail",
    "SendmailOptions",
    "add_result_header",
    "blocked",
    "guard",
    "hook_script",
    "install_git_hook",
    "load_config",
    "read_patch_mail",
    "record_sent",
    "remove_skip_header",
    "sendemail_validate",
    "sendmail",
    "skip_requested",
]
