"""Formatters: a list of reports in, text out."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..engine.model import Report
from .json import render as render_json
from .text import render as render_text

FORMATS: dict[str, Callable[[Iterable[Report]], str]] = {
    "text": render_text,
    "json": render_json,
}
