"""Formatters: a list of reports in, text out."""

from __future__ import annotations

from collections.abc import Callable

from .json import render as render_json
from .text import render as render_text

#: Each takes the reports (and, for JSON, extra top-level members) and returns the text.
FORMATS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
}
