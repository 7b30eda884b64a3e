"""``--format github``: GitHub Actions workflow commands, one line a finding,
as ruff writes them; GitHub shows each as an annotation on the file.

    ::warning file=draft.txt,line=3,col=1,endLine=3,endColumn=18,title=BL001 generic-greeting::Generic greeting ...

Severity error is ``::error``, warning ``::warning``, info ``::notice``. A
draft that fails gets one ``::error`` line for its verdict (with no line: on
the file), so that a failing check says why in the annotations too; a draft
that could not be read gets one for that. Positions are on the file's lines
(see :mod:`.locate`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core import Report
from .locate import place

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    """A message, escaped as the workflow command syntax needs."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: Iterable[Report], **_: Any) -> str:
    out: list[str] = []
    for report in reports:
        name = _property(report.source)
        if report.error is not None:
            out.append(f"::error file={name},title=warmcheck::{_data(f'cannot be checked: {report.error}')}")
            continue
        for f in report.findings:
            where = place(report, f)
            position = f"line={where.line},col={where.column}"
            if where.end_line >= where.line:
                position += f",endLine={where.end_line},endColumn={where.end_column}"
            message = f.message + (f" ({where.note})" if where.note else "")
            message += f" [-{f.points}]" if f.points else ""
            message += f"\n{f.suggestion}"
            title = _property(f"{f.rule} {f.name}")
            out.append(f"::{COMMANDS[f.severity]} file={name},{position},title={title}::{_data(message)}")
        if report.verdict == "fail":
            s = report.scores
            summary = (
                f"warmth {s['warmth']} (reader focus {s['reader_focus']}, one-to-one {s['one_to_one']}, "
                f"personal reference {s['personal_reference']}): fail"
            )
            out.append(f"::error file={name},title=warmcheck {_property(report.verdict)}::{_data(summary)}")
    return "\n".join(out) + "\n" if out else ""
