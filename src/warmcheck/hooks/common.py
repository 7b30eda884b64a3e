"""What the pre-send hooks share: exit statuses, the ``X-Warmcheck`` header
and the skip override, the configuration a hook runs with, when a report
stops a message, and how a hook writes to standard error.

Library code: nothing here imports click. The text report (which styles
with click) is imported only when a hook has a report to print.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import select
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

from .. import config as configs
from ..config import Config
from ..core import Report, WarmcheckError

EX_DATAERR = 65
EX_TEMPFAIL = 75

#: How every 75 of warmcheck's own begins its last line on standard error, so
#: that a person or a script can tell it from a 75 of the real mail command.
HELD = "warmcheck: held (exit 75):"

#: The header a writer adds to skip the check once, and that ``add_header`` writes.
HEADER = "X-Warmcheck"
SKIP_VALUE = "skip"
#: ``WARMCHECK_SKIP=1 git send-email ...`` skips the check for one command.
SKIP_ENV = "WARMCHECK_SKIP"


def blocked(report: Report, threshold: int | None) -> bool:
    """Whether a report stops a message: a fail, or warmth under ``threshold``
    (the CLI's ``--fail-under``)."""
    return report.verdict == "fail" or (threshold is not None and report.warmth < threshold)


def load_config(config: Config | None = None, config_path: Path | None = None) -> Config:
    """The configuration a hook runs with: the one given, else the file
    given, else the one found from the current folder (as the CLI does)."""
    if config is not None:
        return config
    if config_path is not None:
        return configs.load_file(config_path)
    return configs.discover(Path.cwd())


# The message as bytes ----------------------------------------------------------


#: The most of a message's header read; a header longer than this is not
#: searched past it.
HEADER_LIMIT = 4 << 20


def read_header(fh: BinaryIO) -> bytes:
    """A message's header lines, read from the start of ``fh`` through the
    blank line that ends them (at most ``HEADER_LIMIT`` bytes)."""
    fh.seek(0)
    lines: list[bytes] = []
    size = 0
    while size < HEADER_LIMIT and (line := fh.readline(1 << 16)):
        lines.append(line)
        size += len(line)
        if line in (b"\n", b"\r\n", b"\r"):
            break
    return b"".join(lines)


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


def result_value(report: Report) -> str:
    """What ``add_header`` writes after ``X-Warmcheck:`` for a checked message."""
    return f"{report.verdict}; warmth={report.warmth}; profile={report.profile}"


# Standard error ----------------------------------------------------------------

#: An ANSI escape sequence (the same pattern click strips).
_ANSI = re.compile(r"\033\[[0-?]*[ -/]*[@-~]")


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except Exception:
        return False


def say(err: TextIO, text: str) -> None:
    """Write ``text`` as it is to ``err``: colour is kept for a terminal
    only, and never under ``NO_COLOR``."""
    if os.environ.get("NO_COLOR") or not _is_terminal(err):
        text = _ANSI.sub("", text)
    err.write(text)
    err.flush()


def say_report(err: TextIO, report: Report) -> None:
    """The report in the text format, as ``warmcheck check`` prints it."""
    from ..report import FORMATS  # styles with click: imported only to print a report

    say(err, FORMATS["text"]([report]))


# The deadline ----------------------------------------------------------------

T = TypeVar("T")


class DeadlineExceeded(WarmcheckError):
    """The check did not finish within the hook's deadline."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"the check took longer than the deadline ({seconds:g} s)")


class CheckDefect(Exception):
    """An exception raised by the check in its own process that could not be
    carried back as it was: its type's name and its message."""

    def __init__(self, kind: str, text: str) -> None:
        self.kind = kind
        super().__init__(text)


def describe(exc: BaseException) -> str:
    """``Type: message`` for a line on standard error."""
    kind = exc.kind if isinstance(exc, CheckDefect) else type(exc).__name__
    return f"{kind}: {exc}"


def within_deadline(seconds: float | None, work: Callable[[], T]) -> T:
    """``work()``, or :class:`DeadlineExceeded` once ``seconds`` have passed.

    Where the process can fork and runs no other thread, the work runs in a
    child process that is killed at the deadline: a hard bound, whatever the
    work is doing (C code that never yields included). Elsewhere it runs in a
    thread that is left behind at the deadline. Exceptions of the work are
    raised here; ``None`` or ``0`` seconds means no deadline."""
    if not seconds or seconds <= 0:
        return work()
    if hasattr(os, "fork") and threading.active_count() == 1:
        return _in_child(seconds, work)
    return _in_thread(seconds, work)


def _in_thread(seconds: float, work: Callable[[], T]) -> T:
    box: list[tuple[bool, object]] = []

    def run() -> None:
        try:
            box.append((True, work()))
        except BaseException as exc:  # carried to the caller's thread
            box.append((False, exc))

    thread = threading.Thread(target=run, name="warmcheck-check", daemon=True)
    thread.start()
    thread.join(seconds)
    if not box:
        raise DeadlineExceeded(seconds)
    ok, value = box[0]
    if not ok:
        assert isinstance(value, BaseException)
        raise value
    return value  # type: ignore[return-value]


def _in_child(seconds: float, work: Callable[[], T]) -> T:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, send the outcome back, never return
        code = 0
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                payload = pickle.dumps((True, work()))
            except BaseException as exc:
                payload = _pickled_error(exc)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    os.close(write_end)
    chunks: list[bytes] = []
    try:
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise DeadlineExceeded(seconds)
            if not select.select([read_end], [], [], left)[0]:
                continue
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    except BaseException:
        _kill(pid)
        raise
    finally:
        os.close(read_end)
    _, status = os.waitpid(pid, 0)
    try:
        ok, value = pickle.loads(b"".join(chunks))
    except Exception:
        how = f"signal {-os.waitstatus_to_exitcode(status)}" if os.WIFSIGNALED(status) else f"status {os.waitstatus_to_exitcode(status)}"
        raise CheckDefect("ChildProcessError", f"the check's process ended without an answer ({how})") from None
    if not ok:
        raise value
    return value


def _pickled_error(exc: BaseException) -> bytes:
    """The exception itself where it survives pickling, else its type and message."""
    try:
        payload = pickle.dumps((False, exc))
        pickle.loads(payload)
        return payload
    except Exception:
        return pickle.dumps((False, CheckDefect(type(exc).__name__, str(exc))))


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
