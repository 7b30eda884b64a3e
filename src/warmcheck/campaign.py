"""Mail-merge templates and campaigns: one Jinja2 template, many recipients.

Three faces:

* :func:`template_draft` reads a template on its own: the merge fields are
  masked with text of the same length, so the normal rules read the static
  text and every finding points at the template's own lines and columns. The
  template rules (``rules/templates.yaml``, checks in ``checks/templates.py``)
  read the template itself: leaking fallbacks, name-only templates.
* :class:`Campaign` renders one copy per recipient, lints every copy (a
  report each, naming its recipient) and then judges the batch: sameness,
  consent, verdict counts, the worst copies.
* :func:`check_campaign` is the one-call library form.

Templates are untrusted input. They are parsed here but rendered only in a
separate worker process (``_worker_main``) in Jinja2's sandbox, with no
loader that can reach a file, no ``random`` (same input, same output), guarded
``*``/``**``/``+`` so one expression cannot build a huge value, a bound on the
output of each copy, an address-space limit on the worker (POSIX) and a time
limit per copy, after which the worker is killed. A hostile template stops
the campaign with one error naming the template; it never hangs the run.

Batch sameness (the README documents it): each copy's words, with the
recipient's short merge values (names, companies: up to ``swap_words``
words) set aside as one placeholder, are cut into 3-word shingles and hashed
into a MinHash (``datasketch``, 128 permutations). A copy's *sameness* is the
estimated Jaccard similarity with the most similar earlier copy among a
fixed-size reservoir sample of them, so memory and work per copy do not grow
with the number of recipients and no pair of copies is compared in full. The
campaign's figure is the median over copies; at or above the threshold
(0.80 by default: two copies of equal length then share about 89% of their
text) the campaign reads as a blast.
"""

from __future__ import annotations

import csv
import dataclasses
import heapq
import io
import json
import os
import queue
import random
import re
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import message as messages
from .core import Finding, Report, WarmcheckError
from .mail.templates import _analyse, _syntax_problem
from .message import Draft

if TYPE_CHECKING:
    from .config import Config
    from .engine.linter import Linter


class CampaignError(WarmcheckError):
    """A template, recipients or consent file that cannot be used. The
    message names the file and says what is wrong."""


# Recipients and consent -------------------------------------------------------

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
            if not isinstance(item, dict):
                raise CampaignError(f"{path}: line {number}: each line must be a JSON object")
            yield _clean(item)
        return
    try:
        data = json.load(fh)
    except json.JSONDecodeError as exc:
        raise CampaignError(f"{path}: line {exc.lineno}: not valid JSON: {exc.msg}") from None
    if not isinstance(data, list):
        raise CampaignError(f"{path}: a JSON recipients file is an array of objects")
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise CampaignError(f"{path}: item {number}: each recipient must be a JSON object")
        yield _clean(item)


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
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CampaignError(f"{path}: cannot read the consent list: {getattr(exc, 'strerror', None) or exc}") from None
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


# Rendering in a sandboxed worker ---------------------------------------------


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
        package_root = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from warmcheck.campaign import _worker_main; _worker_main()"],
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
    from jinja2.sandbox import SandboxedEnvironment, SecurityError

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


def _worker_main() -> None:
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
    except Exception as exc:  # noqa: BLE001 - reported to the parent as one line
        stdout.write(json.dumps({"error": _describe(exc)}) + "\n")
        stdout.flush()
        return
    stdout.flush()
    for line in stdin:
        try:
            result = _render_one(template, gaps, json.loads(line)["vars"], limits)
        except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001
            result = {"error": _describe(exc)}
        stdout.write(json.dumps(result) + "\n")
        stdout.flush()


# Batch sameness ----------------------------------------------------------------


@dataclass(frozen=True)
class SamenessSettings:
    #: At or above this median sameness, a campaign (not a newsletter) is a blast.
    threshold: float = 0.80
    #: Words in a shingle.
    shingle_words: int = 3
    #: MinHash permutations (the estimate's standard error is about 0.035 at 0.8).
    permutations: int = 128
    #: Earlier copies kept (a reservoir sample) to compare each copy with.
    sample: int = 512
    #: Merge values of at most this many words are swaps (a name, a company)
    #: and are set aside; longer ones (a personal note) are the copy's own text.
    swap_words: int = 4
    #: Fewer copies than this are not judged as a batch.
    min_copies: int = 3


_WORD = re.compile(r"\w+")
_PLACEHOLDER = "\x00merge\x00"


class Sameness:
    """Streaming batch sameness with flat memory (see the module docstring)."""

    def __init__(self, settings: SamenessSettings | None = None) -> None:
        import numpy as np
        from datasketch import MinHash

        self.settings = s = settings or SamenessSettings()
        self._np = np
        self._minhash = MinHash
        base = MinHash(num_perm=s.permutations, seed=1)
        self._permutations, self._scheme = base.permutations, base.scheme
        self._bank = np.zeros((s.sample, s.permutations), dtype=np.uint64)
        self._kept = 0
        self._seen = 0
        self._rng = random.Random(1)
        #: Per-copy sameness in hundredths: a histogram, so the median needs no list.
        self.histogram = [0] * 101

    def words(self, text: str, values: Mapping[str, Any]) -> list[str]:
        swaps = sorted(
            {
                str(v).strip()
                for v in values.values()
                if isinstance(v, str | int | float) and not isinstance(v, bool)
                and 0 < len(_WORD.findall(str(v))) <= self.settings.swap_words
            },
            key=len,
            reverse=True,
        )
        if swaps:
            pattern = "|".join(re.escape(v) for v in swaps)
            text = re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", " _merge_ ", text, flags=re.IGNORECASE)
        return _WORD.findall(text.lower())

    def add(self, text: str, values: Mapping[str, Any]) -> float | None:
        """Score one copy against the earlier ones; None for the first copy or an empty one."""
        words = self.words(text, values)
        if not words:
            return None
        k = self.settings.shingle_words
        shingles = {" ".join(words[i : i + k]).encode() for i in range(max(1, len(words) - k + 1))}
        mh = self._minhash(num_perm=self.settings.permutations, permutations=self._permutations, scheme=self._scheme)
        mh.update_batch(list(shingles))
        hashes = mh.hashvalues
        score: float | None = None
        if self._kept:
            same = self._np.count_nonzero(self._bank[: self._kept] == hashes, axis=1)
            score = float(same.max()) / self.settings.permutations
            self.histogram[round(score * 100)] += 1
        # Reservoir sampling (Algorithm R, fixed seed): a uniform sample of the copies so far.
        if self._kept < self.settings.sample:
            self._bank[self._kept] = hashes
            self._kept += 1
        else:
            slot = self._rng.randrange(self._seen + 1)
            if slot < self.settings.sample:
                self._bank[slot] = hashes
        self._seen += 1
        return score

    def quantile(self, q: float) -> float | None:
        total = sum(self.histogram)
        if not total:
            return None
        wanted, running = q * total, 0
        for hundredths, count in enumerate(self.histogram):
            running += count
            if running >= wanted:
                return hundredths / 100
        return 1.0

    def at_least(self, value: float) -> int:
        return sum(self.histogram[round(value * 100) :])


# The campaign --------------------------------------------------------------------


def _campaign_finding(code: str, name: str, message: str, suggestion: str, points: int) -> Finding:
    return Finding(
        rule=code,
        name=name,
        family="BL",
        severity="error",
        points=points,
        message=message,
        suggestion=suggestion,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        text="",
        scope="all",
    )


#: Findings that come from the recipient data or the whole batch, not from a
#: copy's text, so they live here rather than in a rule pack. README lists them.
CAMPAIGN_RULES = {
    "BL060": (
        "no-consent",
        "A newsletter goes only to readers who asked for it (newsletters are allowed, with consent).",
        "Take this address off the list, or ask the reader first and add them to the consent list.",
    ),
    "BL065": (
        "campaign-blast",
        "The same text sent to many people with only the name swapped is a blast however warm each copy sounds.",
        "Give each copy a real per-person paragraph ({{ note }}: where you met, what they said), "
        "or write the few notes that matter by hand.",
    ),
}


@dataclass
class Summary:
    """What a campaign came to; complete once :meth:`Campaign.run` is exhausted."""

    template: str
    recipients: str
    profile: str | None = None
    variables: tuple[str, ...] = ()
    copies: int = 0
    verdicts: dict[str, int] = field(default_factory=lambda: {"pass": 0, "warn": 0, "fail": 0})
    sameness: dict[str, Any] = field(default_factory=dict)
    consent: dict[str, Any] | None = None
    worst: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if self.verdicts["fail"] or any(f.severity == "error" for f in self.findings):
            return "fail"
        return "warn" if self.verdicts["warn"] else "pass"

    def text(self) -> str:
        """The human summary, after the per-copy reports."""
        import click

        from .report.text import finding_lines

        colour = {"pass": "green", "warn": "yellow", "fail": "red"}
        v = self.verdicts
        out = [
            click.style(f"campaign {self.template}", bold=True)
            + f" with {self.recipients}: {self.copies} copies, profile {self.profile or '-'}",
            f"  fields: {', '.join(self.variables) or 'none'}",
            f"  verdicts: {v['pass']} pass, {v['warn']} warn, {v['fail']} fail",
        ]
        same = self.sameness
        if same.get("median") is None:
            out.append("  sameness: too few copies to compare")
        else:
            out.append(
                f"  sameness: median {same['median']:.0%}, 90th percentile {same['p90']:.0%}; "
                f"{same['near_duplicates']} of {same['compared']} compared copies at or above "
                f"{same['threshold']:.0%} ({same['measure']})"
            )
        if self.consent is not None:
            c = self.consent
            blocked = "blocked" if c["blocking"] else "not blocked: only the newsletter profile needs consent"
            out.append(f"  consent: {c['consented']} on {c['list']}, {c['missing']} missing ({blocked})")
        if self.worst:
            out.append("  worst copies:")
            for w in self.worst:
                rules = f" ({', '.join(w['rules'])})" if w["rules"] else ""
                out.append(f"    {w['recipient']}: warmth {w['warmth']} {w['verdict']}{rules}")
        for f in self.findings:
            out.extend(finding_lines(self.template, f))
        verdict = click.style(self.verdict, fg=colour[self.verdict], bold=True)
        out.append(f"campaign verdict: {verdict}")
        return "\n".join(out) + "\n"

    def to_dict(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "recipients": self.recipients,
            "profile": self.profile,
            "variables": list(self.variables),
            "copies": self.copies,
            "verdicts": dict(self.verdicts),
            "verdict": self.verdict,
            "sameness": dict(self.sameness),
            "consent": self.consent,
            "worst": list(self.worst),
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class CampaignResult:
    reports: tuple[Report, ...]
    summary: Summary

    @property
    def verdict(self) -> str:
        return self.summary.verdict


class Campaign:
    """One template, many recipients: ``run()`` streams a report per copy,
    then ``summary`` holds the batch's figures."""

    def __init__(
        self,
        template: str | Path,
        recipients: Path | str | Iterable[Mapping[str, Any]],
        *,
        consent: Path | str | Iterable[str] | None = None,
        config: Config | None = None,
        profile: str | None = None,
        linter: Linter | None = None,
        limits: Limits | None = None,
        sameness: SamenessSettings | None = None,
    ) -> None:
        from .engine.linter import Linter

        if isinstance(template, Path):
            try:
                self.source = template.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CampaignError(f"{template}: cannot read the template: {getattr(exc, 'strerror', None) or exc}") from None
            self.name = str(template)
        else:
            self.source, self.name = template, "<template>"
        problem = _syntax_problem(self.source)
        if problem:
            raise CampaignError(f"{self.name}: {problem}")
        self.info = _analyse(self.source)
        if isinstance(recipients, str | Path):
            path = Path(recipients)
            if not path.is_file():
                raise CampaignError(f"{path}: no such recipients file")
            self._rows: Iterable[Mapping[str, Any]] = read_recipients(path)
            recipients_name = str(path)
        else:
            self._rows, recipients_name = recipients, "<recipients>"
        if consent is None:
            self.consent: frozenset[str] | None = None
        elif isinstance(consent, str | Path):
            if not Path(consent).is_file():
                raise CampaignError(f"{consent}: no such consent file")
            self.consent = read_consent(consent)
        else:
            self.consent = frozenset(c.strip().lower() for c in consent)
        self.consent_name = str(consent) if isinstance(consent, str | Path) else "the consent list"
        self.linter = linter or Linter(config)
        self.profile = profile
        self.limits = limits or Limits()
        self.sameness_settings = sameness or SamenessSettings()
        self.summary = Summary(template=self.name, recipients=recipients_name, variables=self.info.variables)
        self._started = False

    def _drafts(self, pending: deque[tuple[str, int, dict[str, Any], str]]) -> Iterator[Draft]:
        cleaned = (_clean(r) for r in self._rows)
        numbered = ((recipient_id(r, n), r) for n, r in enumerate(cleaned, start=1))
        with _Renderer(self.source, self.name, self.limits) as renderer:
            for number, (rid, values, rendered) in enumerate(renderer.render(numbered), start=1):
                draft = messages.from_text(rendered.text, f"{self.name}[{rid}]")
                facts = {**draft.facts, "campaign_copy": True, "merge_gaps": list(rendered.gaps)}
                pending.append((rid, number, values, rendered.text))
                yield dataclasses.replace(draft, facts=facts)

    def run(self) -> Iterator[Report]:
        """Render, lint and judge every copy; yields one report per copy, in
        order. A campaign runs once: the recipients may be a stream."""
        from .engine import score

        if self._started:
            raise RuntimeError("a Campaign runs once; make a new one to run it again")
        self._started = True

        pending: deque[tuple[str, int, dict[str, Any], str]] = deque()
        sameness = Sameness(self.sameness_settings)
        config = self.linter.config
        summary = self.summary
        worst: list[tuple[int, int, dict[str, Any]]] = []
        consent_missing = 0
        for report in self.linter.check_many(self._drafts(pending), profile=self.profile):
            rid, number, values, text = pending.popleft()
            findings = list(report.findings)
            consented = None
            if self.consent is not None:
                email = values.get("email") or values.get("e-mail")
                consented = isinstance(email, str) and email.lower() in self.consent
                if not consented:
                    consent_missing += 1
                if not consented and report.profile == "newsletter":
                    name, _, suggestion = CAMPAIGN_RULES["BL060"]
                    message = f"{rid} is not on {self.consent_name}: a newsletter goes only to readers who asked for it"
                    findings.insert(0, _campaign_finding("BL060", name, message, suggestion, 40))
            similar = sameness.add(text, values)
            scores = score.scores(findings)
            verdict = score.verdict(scores["warmth"], findings, config.fail_under, config.warn_under)
            extra = {**report.extra, "recipient": rid, "row": number, "sameness": similar}
            if consented is not None:
                extra["consent"] = consented
            report = dataclasses.replace(report, findings=tuple(findings), scores=scores, verdict=verdict, extra=extra)
            summary.copies += 1
            summary.profile = summary.profile or report.profile
            summary.verdicts[verdict] += 1
            entry = {
                "recipient": rid,
                "source": report.source,
                "warmth": report.warmth,
                "verdict": verdict,
                "rules": sorted({f.rule for f in findings}),
            }
            # The five lowest warmths (the earlier copy first on ties), kept in a bounded heap.
            heapq.heappush(worst, (-report.warmth, -number, entry))
            if len(worst) > 5:
                heapq.heappop(worst)
            yield report
        if not summary.copies:
            raise CampaignError(f"{summary.recipients}: no recipients: nothing to render or check")
        summary.worst = [e for *_, e in sorted(worst, key=lambda t: (-t[0], -t[1]))]
        if self.consent is not None:
            summary.consent = {
                "list": self.consent_name,
                "consented": summary.copies - consent_missing,
                "missing": consent_missing,
                "blocking": summary.profile == "newsletter",
            }
        self._judge(sameness)

    def _judge(self, sameness: Sameness) -> None:
        s = self.sameness_settings
        median = sameness.quantile(0.5)
        summary = self.summary
        summary.sameness = {
            "measure": f"MinHash Jaccard of {s.shingle_words}-word shingles with the most similar other copy "
            f"(merge values of up to {s.swap_words} words set aside)",
            "median": median,
            "p90": sameness.quantile(0.9),
            "threshold": s.threshold,
            "near_duplicates": sameness.at_least(s.threshold),
            "compared": sum(sameness.histogram),
        }
        is_blast = (
            median is not None
            and summary.copies >= s.min_copies
            and median >= s.threshold
            and summary.profile != "newsletter"
        )
        summary.sameness["blast"] = bool(is_blast)
        if is_blast:
            name, _, suggestion = CAMPAIGN_RULES["BL065"]
            message = (
                f"The copies are {median:.0%} the same (median sameness; blast at {s.threshold:.0%} or more): "
                f"{summary.sameness['near_duplicates']} of {summary.sameness['compared']} compared copies are at "
                f"least {s.threshold:.0%} the same as another once names and other short merge values are set aside"
            )
            summary.findings.append(_campaign_finding("BL065", name, message, suggestion, 0))


def check_campaign(
    template: str | Path,
    recipients: Path | str | Iterable[Mapping[str, Any]],
    **options: Any,
) -> CampaignResult:
    """Check a whole campaign at once: every copy's report and the summary.
    ``template`` is the template's text (or a Path to it); ``recipients`` a
    path to a CSV/JSON/JSONL file or an iterable of mappings. Options are
    those of :class:`Campaign` (``consent``, ``config``, ``profile``,
    ``limits``, ``sameness``). For very large campaigns, iterate
    ``Campaign(...).run()`` instead, which keeps memory flat."""
    campaign = Campaign(template, recipients, **options)
    reports = tuple(campaign.run())
    return CampaignResult(reports, campaign.summary)
