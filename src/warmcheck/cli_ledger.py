"""``warmcheck ledger ...``: see, forget and feed the follow-up ledger; and
the ``--ledger PATH`` / ``--no-ledger`` options the other commands take.
A thin face over :mod:`warmcheck.ledger` (the CLI adds this group to
``warmcheck``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from . import config as configs
from .config import ConfigError
from .ledger import locate
from .ledger.location import is_url


def fail(message: str) -> NoReturn:
    """One line on standard error, exit 2 (as every warmcheck command)."""
    click.echo(f"warmcheck: {message}", err=True)
    sys.exit(2)


def _base_config(config_path: Path | None) -> configs.Config:
    return configs.load_file(config_path) if config_path else configs.discover(Path.cwd())


def ledger_choice(path: str | None, off: bool) -> str | bool | None:
    """``--ledger PATH`` / ``--no-ledger`` as a configuration value (None: as configured)."""
    if path is not None and off:
        fail("--ledger and --no-ledger cannot go together")
    if off:
        return False
    if path is None:
        return None
    if not path.strip():
        fail("--ledger needs a file path or a postgresql:// URL")
    return path.strip() if is_url(path) else str(Path(path).expanduser().absolute())


_LEDGER_OPTIONS = [
    click.option("--ledger", "ledger_path", metavar="PATH", help="The ledger: a file, or a postgresql:// URL (default: as configured, else $XDG_DATA_HOME/warmcheck/ledger.sqlite3)."),
    click.option("--config", "config_path", type=click.Path(path_type=Path), help="Configuration file to use."),
]


def _ledger_options(func: Any) -> Any:
    for option in reversed(_LEDGER_OPTIONS):
        func = option(func)
    return func


def _ledger_location(ledger_path: str | None, config_path: Path | None) -> Any:
    """Where the ledger commands work: --ledger, else the configuration's
    ``ledger``, else ``WARMCHECK_LEDGER``, else the default place."""
    if config_path is not None and not config_path.is_file():
        fail(f"{config_path}: no such configuration file")
    try:
        setting = ledger_choice(ledger_path, False) or _base_config(config_path).ledger
    except ConfigError as exc:
        fail(str(exc))
    location = locate(setting)
    if location is None:
        fail("the ledger is turned off in the configuration (ledger = false); name one with --ledger PATH")
    return location


def _address(value: str) -> str:
    from email.utils import parseaddr

    address = parseaddr(value)[1].strip()
    if "@" not in address or address.startswith("@") or address.endswith("@"):
        fail(f"{value!r} is not an email address")
    return address


def _open_ledger(location: Any, *, create: bool = False) -> Any:
    """The ledger at ``location``; None (with a line saying so) when there is none yet."""
    from .ledger import LedgerError, NoLedger, open_ledger

    try:
        return open_ledger(location, create=create, writable=True)
    except NoLedger:
        click.echo(f"no ledger at {location.shown}: nothing has been recorded there yet")
        return None
    except LedgerError as exc:
        fail(str(exc))


def _day(when: Any) -> str:
    return when.date().isoformat() if when else "-"


def _span(count: int, first: Any, last: Any) -> str:
    """``none``, ``1 mail, on DAY`` or ``3 mails, DAY to DAY``."""
    if not count:
        return "none"
    if count == 1 or _day(first) == _day(last):
        return f"{count} mail{'s' if count > 1 else ''}, on {_day(last)}"
    return f"{count} mails, {_day(first)} to {_day(last)}"


@click.group("ledger")
def ledger_group() -> None:
    """The follow-up ledger: what you sent, to whom, and what came back.

    \b
    It keeps keyed hashes of addresses and message ids, and MinHash
    signatures of texts: never an address, a name, a subject or a word.
    warmcheck ledger info             where it is and what it holds
    warmcheck ledger show ADDRESS     what it holds for one address
    warmcheck ledger forget ADDRESS   delete that (--all: everything)
    warmcheck ledger import MAILDIR   record received mail, so replies are known
    """


@ledger_group.command("info")
@_ledger_options
def ledger_info(ledger_path: str | None, config_path: Path | None) -> None:
    """Where the ledger is and how much it holds."""
    from .ledger import LedgerError

    location = _ledger_location(ledger_path, config_path)
    ledger = _open_ledger(location)
    if ledger is None:
        return
    try:
        with ledger:
            summary = ledger.summary()
    except LedgerError as exc:
        fail(str(exc))
    click.echo(f"ledger: {location.shown} ({location.kind})")
    click.echo(f"  {summary.sent} sent and {summary.received} received mails, since {_day(summary.since)}")


@ledger_group.command("show")
@click.argument("address")
@_ledger_options
def ledger_show(address: str, ledger_path: str | None, config_path: Path | None) -> None:
    """What the ledger holds for ADDRESS (it finds it by the same keyed hash)."""
    from .ledger import LedgerError

    wanted = _address(address)
    ledger = _open_ledger(_ledger_location(ledger_path, config_path))
    if ledger is None:
        return
    try:
        with ledger:
            facts = ledger.about(wanted)
    except LedgerError as exc:
        fail(str(exc))
    if not facts.sent and not facts.received:
        click.echo(f"{wanted}: nothing recorded")
        return
    click.echo(f"{wanted} (kept as a keyed hash, not as the address)")
    click.echo(f"  sent to it: {_span(facts.sent, facts.first_sent, facts.last_sent)}")
    click.echo(f"  received from it: {_span(facts.received, facts.first_received, facts.last_received)}")


@ledger_group.command("forget")
@click.argument("address", required=False)
@click.option("--all", "everything", is_flag=True, help="Forget every record, and make a new key.")
@_ledger_options
def ledger_forget(address: str | None, everything: bool, ledger_path: str | None, config_path: Path | None) -> None:
    """Delete what the ledger holds for ADDRESS (or, with --all, everything)."""
    from .ledger import LedgerError

    if everything == (address is not None):
        fail("forget ADDRESS, or forget --all")
    wanted = _address(address) if address is not None else None
    ledger = _open_ledger(_ledger_location(ledger_path, config_path))
    if ledger is None:
        return
    try:
        with ledger:
            if wanted is None:
                summary = ledger.summary()
                ledger.forget_all()
                click.echo(f"forgot everything: {summary.sent} sent and {summary.received} received mails; a new key was made")
            else:
                sent, received = ledger.forget(wanted)
                click.echo(f"forgot {wanted}: {sent} sent and {received} received mails")
    except LedgerError as exc:
        fail(str(exc))


@ledger_group.command("import")
@click.argument("mailboxes", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--sent", is_flag=True, help="The mail in them was sent by you (a Sent folder that no hook saw).")
@_ledger_options
def ledger_import(mailboxes: tuple[Path, ...], sent: bool, ledger_path: str | None, config_path: Path | None) -> None:
    """Record the mail of each MAILDIR or MBOX: received mail (sender, date,
    In-Reply-To and References) so that replies are known, or with --sent
    mail you sent. Importing the same mail again records nothing twice."""
    from .ledger import LedgerError
    from .ledger.records import import_mailbox, open_mailbox

    for box in mailboxes:  # every input is checked before anything is recorded
        try:
            open_mailbox(box).close()
        except LedgerError as exc:
            fail(str(exc))
    ledger = _open_ledger(_ledger_location(ledger_path, config_path), create=True)
    kind = "sent" if sent else "received"
    try:
        with ledger:
            for box in mailboxes:
                done = import_mailbox(ledger, box, sent=sent)
                left = f", {done.skipped} left out (no address or date, or unreadable)" if done.skipped else ""
                click.echo(f"{box}: {done.new} {kind} mails recorded, {done.known} already known{left}")
    except LedgerError as exc:
        fail(str(exc))
