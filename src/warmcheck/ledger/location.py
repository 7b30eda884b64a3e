"""Where the ledger is: a SQLite file (the default) or a PostgreSQL database.

The place is, first found wins: ``--ledger PATH`` or ``--no-ledger`` on the
command line, ``ledger = "PATH"`` or ``ledger = false`` in the configuration,
``WARMCHECK_LEDGER`` in the environment, else
``$XDG_DATA_HOME/warmcheck/ledger.sqlite3`` (``~/.local/share`` when
``XDG_DATA_HOME`` is not set). A ``postgresql://`` (or ``postgres://``) URL
names a team's database instead of a file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

#: The environment variable that moves the default ledger.
ENV = "WARMCHECK_LEDGER"
FILE_NAME = "ledger.sqlite3"
_URL_SCHEMES = ("postgresql://", "postgres://")


@dataclass(frozen=True)
class Location:
    """One ledger: ``kind`` ``sqlite`` (``target`` is a file path) or
    ``postgresql`` (``target`` is the connection URL)."""

    kind: Literal["sqlite", "postgresql"]
    target: str

    @property
    def shown(self) -> str:
        """How to name the ledger in a message: the path, or the URL without
        its password."""
        if self.kind == "sqlite":
            return self.target
        parts = urlsplit(self.target)
        if parts.password is None:
            return self.target
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))


def is_url(value: str) -> bool:
    return value.strip().lower().startswith(_URL_SCHEMES)


def default_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME/warmcheck/ledger.sqlite3``, or under ``~/.local/share``."""
    env = os.environ if environ is None else environ
    data_home = env.get("XDG_DATA_HOME", "").strip()
    # The XDG spec: a relative XDG_DATA_HOME is invalid and is ignored.
    base = Path(data_home) if data_home and os.path.isabs(data_home) else Path.home() / ".local" / "share"
    return base / "warmcheck" / FILE_NAME


def from_setting(value: str) -> Location:
    """A location from a path or a URL, as given."""
    value = value.strip()
    if is_url(value):
        return Location("postgresql", value)
    return Location("sqlite", str(Path(value).expanduser()))


def locate(setting: str | bool | None, environ: Mapping[str, str] | None = None) -> Location | None:
    """The ledger a run uses, or None when the ledger is turned off.

    ``setting`` is what the command line or the configuration said: a path
    or URL, ``False`` (off), or ``None``/``True`` (the default place, which
    ``WARMCHECK_LEDGER`` moves).
    """
    if setting is False:
        return None
    if isinstance(setting, str) and setting.strip():
        return from_setting(setting)
    env = os.environ if environ is None else environ
    moved = env.get(ENV, "").strip()
    if moved:
        return from_setting(moved)
    return Location("sqlite", str(default_path(env)))
