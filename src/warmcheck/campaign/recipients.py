"""Who a campaign goes to: recipients files and consent lists.

Recipients come from a CSV (or tab-separated ``.tsv``) file with a header
row, a JSON array of objects or JSON Lines (one object a line), streamed, so
a long list never sits in memory; blank values are no value. A consent list
is the addresses that asked for the mail. A file that cannot be used is a
:class:`CampaignError` naming it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from . import CampaignError

#: Columns that name a recipient in reports, in order of preference.
ID_COLUMNS = ("email", "e-mail", "mail", "id", "name", "full_name", "first_name")


def _clean(row: Mapping[str, Any]) -> dict[str, Any]:
    """Strip strings; a blank or null value is no value (the template sees it as undefined)."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key is None:
            continue
        key = str(key).strip()
        if isinstance(value, str):
            value = value.strip().replace("\ue000", "").replace("\ue001", "")
        if value is None or value == "" or not key:
            continue
        out[key] = value
    return out


def _rows_csv(path: Path, fh: io.TextIOBase, delimiter: str = ",") -> Iterator[dict[str, Any]]:
    reader = csv.DictReader(fh, delimiter=delimiter)
    header = reader.fieldnames
    if not header or not any(h and h.strip() for h in header):
        raise CampaignError(f"{path}: no header row: the first line names the columns (email,first_name,...)")
    names = [h.strip() for h in header if h]
    address = next((n for n in names if "@" in n), None)
    if address is not None:  # the first recipient, not column names
        raise CampaignError(
            f"{path}: no header row: the first line holds an address ({address}); "
            "the first line names the columns (email,first_name,...)"
        )
    if len(set(names)) != len(names):
        raise CampaignError(f"{path}: a column name appears twice in the header")
    for row in reader:
        if None in row:
            raise CampaignError(f"{path}: line {reader.line_num}: more values than columns in the header")
        yield _clean(row)


def _rows_json(path: Path, fh: io.TextIOBase, lines: bool) -> Iterator[dict[str, Any]]:
    if lines:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CampaignError(f"{path}: line {number}: not valid JSON: {exc.msg}") from None
            except (RecursionError, ValueError) as exc:
                raise CampaignError(f"{path}: line {number}: {_json_problem(exc)}") from None
            if not isinstance(item, dict):
                raise CampaignError(f"{path}: line {number}: each line must be a JSON object")
            yield _clean(item)
        return
    if path.stat().st_size > MAX_JSON_BYTES:
        raise CampaignError(f"{path}: a JSON array over {MAX_JSON_BYTES:,} bytes; write the list as JSON Lines or CSV")
    try:
        data = json.load(fh)
    except json.JSONDecodeError as exc:
        raise CampaignError(f"{path}: line {exc.lineno}: not valid JSON: {exc.msg}") from None
    except (RecursionError, ValueError) as exc:
        raise CampaignError(f"{path}: {_json_problem(exc)}") from None
    if not isinstance(data, list):
        raise CampaignError(f"{path}: a JSON recipients file is an array of objects")
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise CampaignError(f"{path}: item {number}: each recipient must be a JSON object")
        yield _clean(item)


#: The largest JSON array read whole (JSON Lines and CSV are streamed).
MAX_JSON_BYTES = 200_000_000


def _regular(path: Path) -> None:
    """Only a regular file is read: a FIFO would wait for a writer for ever,
    a device never ends."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise CampaignError(f"{path}: cannot read: not a regular file (a FIFO, socket or device)")


def _read_text(path: Path) -> str:
    _regular(path)
    if path.stat().st_size > MAX_JSON_BYTES:
        raise CampaignError(f"{path}: a JSON file over {MAX_JSON_BYTES:,} bytes; write the list as JSON Lines or CSV")
    return path.read_text(encoding="utf-8-sig")


def _json_problem(exc: BaseException) -> str:
    """What is wrong with JSON the parser could not take: nested too deeply,
    or a number too long to read."""
    if isinstance(exc, RecursionError):
        return "not usable JSON: nested too deeply"
    if "digits" in str(exc):
        return "not usable JSON: a number too long to read"
    return f"not usable JSON: {exc}"


def _format(path: Path, fh: io.TextIOBase) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix == ".tsv":
        return "tsv"
    if suffix in (".csv", ".txt"):
        return "csv"
    head = fh.read(64).lstrip()
    fh.seek(0)
    return "json" if head.startswith("[") else "jsonl" if head.startswith("{") else "csv"


def read_recipients(path: Path | str) -> Iterator[dict[str, Any]]:
    """Recipients from a CSV file with a header row, a JSON array of objects,
    or JSON Lines (one object a line), streamed. Blank values are left out."""
    path = Path(path)
    try:
        _regular(path)
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise CampaignError(f"{path}: cannot read: {exc.strerror or exc}") from None
    with fh:
        try:
            kind = _format(path, fh)
            if kind in ("csv", "tsv"):
                yield from _rows_csv(path, fh, "\t" if kind == "tsv" else ",")
            else:
                yield from _rows_json(path, fh, lines=kind == "jsonl")
        except UnicodeDecodeError:
            raise CampaignError(f"{path}: not valid UTF-8; save the file as UTF-8") from None
        except csv.Error as exc:
            raise CampaignError(f"{path}: not a valid CSV file: {exc}") from None


def count_recipients(path: Path | str) -> int:
    """How many recipients a file holds (a quick pass, for a progress bar)."""
    return sum(1 for _ in read_recipients(path))


def read_consent(path: Path | str) -> frozenset[str]:
    """The addresses that asked for the mail: the ``email`` column of a CSV or
    JSON file like the recipients file, the only column of a one-column CSV,
    or a JSON array of addresses."""
    path = Path(path)
    with contextlib.suppress(OSError):  # a missing file: read_recipients says so
        _regular(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(_read_text(path))
        except (OSError, UnicodeDecodeError) as exc:
            raise CampaignError(f"{path}: cannot read the consent list: {getattr(exc, 'strerror', None) or exc}") from None
        except (RecursionError, ValueError) as exc:  # JSONDecodeError is a ValueError
            raise CampaignError(f"{path}: cannot read the consent list: {_json_problem(exc)}") from None
        if isinstance(data, list) and all(isinstance(x, str) for x in data):
            return frozenset(x.strip().lower() for x in data if x.strip())
    try:
        with path.open(encoding="utf-8-sig") as fh:
            first = fh.readline().strip()
            if "@" in first and not re.search(r"[,;\t]", first):
                # One address a line, no header: every line is an address.
                return frozenset(line.strip().lower() for line in [first, *fh] if line.strip())
    except (OSError, UnicodeDecodeError):
        pass  # read_recipients says what is wrong
    emails: set[str] = set()
    for number, row in enumerate(read_recipients(path), start=1):
        value = row.get("email") or row.get("e-mail") or (next(iter(row.values())) if len(row) == 1 else None)
        if not isinstance(value, str):
            raise CampaignError(f"{path}: row {number}: no 'email' value (the consent list needs an email column)")
        emails.add(value.lower())
    return frozenset(emails)


def recipient_id(row: Mapping[str, Any], number: int) -> str:
    for column in ID_COLUMNS:
        value = row.get(column)
        if isinstance(value, str | int) and str(value).strip():
            return str(value).strip()
    return f"row {number}"
