"""The render worker: campaign templates are rendered only here, in a
separate process, in Jinja2's sandbox.

Templates are untrusted input. The checking process only parses them
(:mod:`warmcheck.mail.templates`); each copy is rendered by this module run
as its own process (``python -m warmcheck.campaign.worker``, started by
:class:`_Renderer`) in Jinja2's :class:`~jinja2.sandbox.SandboxedEnvironment`,
with no loader that can reach a file, no ``random`` (same input, same
output), guarded ``*``/``**``/``+`` so one expression cannot build a huge
value, a bound on the output of each copy, an address-space limit on the
worker (POSIX) and a time limit per copy, after which the worker is killed.
A hostile template stops the campaign with one error naming the template; it
never hangs the run.

The protocol is JSON lines: the parent sends a header (the template and the
:class:`Limits`), then one request per copy (``{"vars": ...}``); the worker
answers the header with ``{"ok": true}`` or an error, then each request with
the copy's text and gaps, or an error.
"""

from __future__ import annotations

import dataclasses
import json
import os
import queue
import re
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import CampaignError


@dataclass(frozen=True)
class Limits:
    """Bounds on rendering one copy."""

    #: Wall time for one copy; past it the worker is killed.
    seconds: float = 2.0
    #: Characters of output for one copy.
    output_chars: int = 200_000
    #: Address space of the worker process, in MB (POSIX only).
    memory_mb: int = 512
    #: Largest string or list (in items), or integer (in bits), one expression may build.
    value_size: int = 1_000_000


@dataclass(frozen=True)
class Rendered:
    text: str
    #: Where a field with no value left a gap (or its fallback): (offset, field, fallback or None).
    gaps: tuple[tuple[int, str, str | None], ...] = ()


_MARK = re.compile("\ue000(\\d+)\ue001")


class _Renderer:
    """A worker process that renders copies, with a time limit per copy."""

    #: Bytes of requests in flight: below the smallest pipe buffer, so that a
    #: hung worker can never block the parent on a write.
    WINDOW_BYTES = 16_000

    def __init__(self, source: str, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        env = dict(os.environ)
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "warmcheck.campaign.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.results: queue.Queue[bytes] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        header = {"template": source, "limits": dataclasses.asdict(limits)}
        self._send(json.dumps(header).encode() + b"\n")
        # Starting Python and compiling the template: generous, but bounded too.
        reply = self._receive(timeout=10.0 + limits.seconds, what="compiling the template")
        if "error" in reply:
            self.close()
            raise CampaignError(f"{name}: {reply['error']}")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        with self.proc.stdout:
            for line in self.proc.stdout:
                self.results.put(line)
        self.results.put(b"")

    def _send(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # the worker died; _receive reports it

    def _receive(self, timeout: float, what: str) -> dict[str, Any]:
        try:
            line = self.results.get(timeout=timeout)
        except queue.Empty:
            self.close(kill=True)
            raise CampaignError(
                f"{self.name}: {what} took longer than {timeout:g} s (the time limit): "
                "does the template loop without end?"
            ) from None
        if not line:
            self.close()
            raise CampaignError(f"{self.name}: the renderer stopped while {what} (out of memory?)")
        result: dict[str, Any] = json.loads(line)
        return result

    def render(self, rows: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[tuple[str, dict[str, Any], Rendered]]:
        """Render rows (id, values) in order, a few requests ahead of the results."""
        pending: deque[tuple[str, dict[str, Any], int]] = deque()
        in_flight = 0
        rows = iter(rows)
        ready: tuple[str, dict[str, Any], bytes] | None = None  # made, not sent yet
        while True:
            while True:
                if ready is None:
                    try:
                        rid, values = next(rows)
                    except StopIteration:
                        break
                    ready = (rid, values, json.dumps({"vars": values}, default=str).encode() + b"\n")
                # A request that would overflow the window waits until the
                # worker is idle (then it is reading, however large the request).
                if pending and in_flight + len(ready[2]) > self.WINDOW_BYTES:
                    break
                self._send(ready[2])
                pending.append((ready[0], ready[1], len(ready[2])))
                in_flight += len(ready[2])
                ready = None
            if not pending:
                return
            rid, values, size = pending.popleft()
            in_flight -= size
            reply = self._receive(self.limits.seconds, f"rendering the copy for {rid}")
            if "error" in reply:
                self.close()
                raise CampaignError(f"{self.name}: rendering the copy for {rid}: {reply['error']}")
            gaps = tuple((int(o), str(f), fb) for o, f, fb in reply["gaps"])
            yield rid, values, Rendered(reply["text"], gaps)

    def close(self, kill: bool = False) -> None:
        """End the worker: at once when it overran, else by closing its input."""
        if kill:
            self.proc.kill()
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> _Renderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _sandbox(limits: Limits) -> Any:
    """The rendering environment (built inside the worker process)."""
    from jinja2 import BaseLoader, Undefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    gaps: list[tuple[str, str | None]] = []

    def mark(name: str, fallback: str | None) -> str:
        gaps.append((name, fallback))
        return f"\ue000{len(gaps) - 1}\ue001"

    class NoFiles(BaseLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            raise SecurityError(f"a template may not read other files ({template!r})")

    class Missing(Undefined):
        """An undefined field renders as nothing, and the gap is recorded."""

        __slots__ = ()

        def __str__(self) -> str:
            return mark(str(self._undefined_name or "?"), None)

    def too_big(value: Any) -> bool:
        if isinstance(value, bool):
            return False
        if isinstance(value, int):
            return value.bit_length() > limits.value_size
        return isinstance(value, str | list | tuple | bytes) and len(value) > limits.value_size

    class Sandbox(SandboxedEnvironment):
        # Checked before they run, so that one expression cannot build a
        # gigantic string or number (and Jinja2 does not fold them at compile time).
        intercepted_binops = frozenset({"*", "**", "+"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            ints = isinstance(left, int) and isinstance(right, int)
            if operator == "**" and ints and abs(left) > 1 and left.bit_length() * right > limits.value_size:
                raise SecurityError("the number would be too large")
            if operator == "*":
                if ints and left.bit_length() + right.bit_length() > limits.value_size:
                    raise SecurityError("the number would be too large")
                sizes = [len(v) for v in (left, right) if isinstance(v, str | list | tuple)]
                counts = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
                if sizes and counts and sizes[0] * max(counts[0], 0) > limits.value_size:
                    raise SecurityError("the value would be too large")
            result = super().call_binop(context, operator, left, right)
            if too_big(result):
                raise SecurityError("the value would be too large")
            return result

        def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
            raise SecurityError(f"access to attribute {attribute!r} of a {type(obj).__name__} is not allowed")

    env = Sandbox(loader=NoFiles(), undefined=Missing, autoescape=False, keep_trailing_newline=True)
    # Same input, same output: nothing random in a copy.
    env.filters.pop("random", None)
    env.globals.pop("lipsum", None)
    default = env.filters["default"]

    def guarded_default(value: Any, default_value: Any = "", boolean: bool = False) -> Any:
        if isinstance(value, Undefined) or (boolean and not value):
            name = value._undefined_name if isinstance(value, Undefined) else "?"
            return mark(str(name or "?"), str(default_value)) + str(default_value)
        return default(value, default_value, boolean)

    env.filters["default"] = env.filters["d"] = guarded_default
    return env, gaps


def _render_one(template: Any, gaps: list[tuple[str, str | None]], values: dict[str, Any], limits: Limits) -> dict[str, Any]:
    gaps.clear()
    parts: list[str] = []
    size = 0
    for chunk in template.generate(values):
        size += len(chunk)
        if size > limits.output_chars:
            return {"error": f"the copy is longer than {limits.output_chars} characters (the output limit)"}
        parts.append(chunk)
    raw = "".join(parts)
    text_parts: list[str] = []
    found: list[tuple[int, str, str | None]] = []
    pos = out = 0
    for m in _MARK.finditer(raw):
        text_parts.append(raw[pos : m.start()])
        out += m.start() - pos
        index = int(m.group(1))
        if index < len(gaps):
            found.append((out, *gaps[index]))
        pos = m.end()
    text_parts.append(raw[pos:])
    text = "".join(text_parts).replace("\ue000", "").replace("\ue001", "")
    return {"text": text, "gaps": found}


def _describe(exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return "needs more memory than the limit allows"
    line = getattr(exc, "lineno", None)
    where = f"line {line}: " if line else ""
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return f"{where}{message}"


def main() -> None:
    """The render worker: JSON lines in (a header, then one request per copy),
    JSON lines out (one result per request)."""
    stdin, stdout = sys.stdin.buffer, sys.stdout
    header = json.loads(stdin.readline())
    limits = Limits(**header["limits"])
    try:
        import resource

        cap = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (ImportError, ValueError, OSError):
        pass  # not POSIX, or a lower hard limit already: the time limit still holds
    try:
        env, gaps = _sandbox(limits)
        template = env.from_string(header["template"])
        stdout.write('{"ok": true}\n')
    except Exception as exc:
        stdout.write(json.dumps({"error": _describe(exc)}) + "\n")
        stdout.flush()
        return
    stdout.flush()
    for line in stdin:
        try:
            result = _render_one(template, gaps, json.loads(line)["vars"], limits)
        except (Exception, MemoryError, RecursionError) as exc:
            result = {"error": _describe(exc)}
        stdout.write(json.dumps(result) + "\n")
        stdout.flush()


if __name__ == "__main__":
    main()
