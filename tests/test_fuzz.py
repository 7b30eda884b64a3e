"""A fuzzing suite: hypothesis mutates real inputs of every kind (plain text,
Markdown, HTML, mail, mbox, standard input, folders, templates, recipients
files, rule packs, and messages for the sendmail wrapper) and runs the real
``warmcheck`` command on each, in a process of its own forked from this one
(the engine already loaded), under a time limit per input. Each run must end
within the limit, with no traceback and no internal error, exiting 0, 1 or 2
(the wrapper: 65, 75, or the real command's status); a wrapper hands on the
bytes it was given (less the headers meant for warmcheck) or nothing.

A few minutes in CI, with a fixed seed. By hand, longer and random:

    WARMCHECK_FUZZ_EXAMPLES=2000 WARMCHECK_FUZZ_RANDOM=1 \\
        .venv/bin/python -m pytest -q -s -p no:cacheprovider tests/test_fuzz.py

``WARMCHECK_FUZZ_LIMIT`` sets the seconds per input (default 40). With
``-s`` the suite prints how many inputs it tried.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warmcheck.hooks.common import remove_skip_header, skip_requested
from warmcheck.hooks.wrapper import remove_disable_header

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("WARMCHECK_FUZZ_EXAMPLES", "25"))
LIMIT = float(os.environ.get("WARMCHECK_FUZZ_LIMIT", "40"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=not os.environ.get("WARMCHECK_FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
FEWER = settings(SETTINGS, max_examples=max(3, EXAMPLES // 3))
TRIED: Counter[str] = Counter()

# Inputs to start from ----------------------------------------------------------------


def _examples() -> list[bytes]:
    found = [p.read_bytes() for p in sorted((REPO / "examples").rglob("*")) if p.is_file() and p.suffix != ".py"]
    return [data for data in found if len(data) < 100_000]


MAIL = (
    b"From: Bo Berg <bo@berg.example>\nTo: Ana Lopez <ana@maps.example>\nSubject: The 1909 sheets\n"
    b"Content-Type: text/plain; charset=utf-8\n\nHi Ana,\n\nThe flood lines you showed at the meetup stayed with me.\n"
    b"Did the archive find the 1911 edition?\n\nBest,\nBo\n"
)
MULTIPART = (
    b'From: bo@berg.example\nTo: ana@maps.example\nSubject: maps\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="b1"\n\n'
    b"--b1\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nHi Ana, caf=E9 at six?\n"
    b'--b1\nContent-Type: text/html; charset=utf-8\n\n<p>Hi Ana, <a href="https://maps.example/">caf\xc3\xa9</a> at six?</p>\n'
    b"--b1\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=m.pdf\n\nJVBERi0xLjQK\n--b1--\n"
)
MBOX = b"From bo Mon Mar  3 10:00:00 2025\n" + MAIL + b"\nFrom ana Tue Mar  4 10:00:00 2025\n" + MAIL.replace(b"Bo Berg", b"Cy")
SEEDS = [*_examples(), MAIL, MULTIPART, MBOX, b"Hi Ana,\n\nHow was Lisbon?\n\nBo\n"]

#: Pieces that have stalled or broken a reader before, or might.
PIECES = [
    b"<div>" * 2000, b"<b><i><u>" * 500, b"(" * 3000, b" " * 20_000, b"-" * 20_000, b"!" * 3000,
    "\U0001f600".encode() * 2000, b"=?utf-8?q?caf=C3=A9?= " * 300, b"=?x?b?////?=", b"\x00", codecs.BOM_UTF8,
    b"\xff\xfe", b"\r", b"\r\n\r\n", b"--b1\n", b"--b1--\n", b'Content-Type: multipart/mixed; boundary="b1"\n\n',
    b"Content-Transfer-Encoding: base64\n", b"Content-Transfer-Encoding: binary\n", b"charset=utf-16", b"charset=base64",
    b"charset=rot13", b"charset=punycode", b"{{ first_name }}" * 200, b"{% for x in y %}", b"{{ a | default('there') }}",
    b"{#", b"> " * 2000, b"\n> quoted\n" * 300, b"From \n", b"\n\nFrom x Mon 1\n", b"To: " + b"p@q.example, " * 2000 + b"\n",
    b"Subject: " + b"Re: " * 500 + b"\n", b"warmcheck: disable=BL001", b"<!-- warmcheck: disable=all -->",
    b"X-Warmcheck: skip\n", b"X-Warmcheck-Disable: BL001\n", b"[First Name]", b"*|FNAME|*", b"%%name%%",
    b"```\n", b"---\ntitle: x\n---\n", b"<blockquote>" * 300, b"&#x0;&amp;&lt;", b"\t" * 5000, b"\xc3",
]  # fmt: skip

MAX_SIZE = 400_000


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes] = SEEDS) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 5))):
        op = draw(st.sampled_from(["piece", "delete", "repeat", "splice", "byte", "bytes", "text"]))
        pos = draw(st.integers(0, len(data)))
        if op == "piece":
            data[pos:pos] = draw(st.sampled_from(PIECES))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 400))]
        elif op == "repeat":
            data[pos:pos] = data[pos : pos + draw(st.integers(1, 30))] * draw(st.integers(2, 3000))
        elif op == "splice":
            other = draw(st.sampled_from(seeds))
            data[pos:] = other[draw(st.integers(0, len(other))) :]
        elif op == "byte" and data:
            data[min(pos, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == "bytes":
            data[pos:pos] = draw(st.binary(max_size=80))
        else:
            data[pos:pos] = draw(st.text(max_size=80)).encode("utf-8", "surrogatepass")
    return bytes(data[:MAX_SIZE])


# Running the real command, forked --------------------------------------------------------


def run(args: list[str], stdin: bytes = b"", cwd: Path | None = None) -> tuple[int, str, str]:
    """``warmcheck ARGS`` as a user runs it, in a forked process, within LIMIT
    seconds: (exit status, standard output, standard error)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = {name: Path(tmp) / name for name in ("in", "out", "err")}
        files["in"].write_bytes(stdin)
        files["out"].touch()
        files["err"].touch()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            _child(args, files, cwd)
        started = time.monotonic()
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() - started > LIMIT:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                pytest.fail(f"warmcheck {' '.join(args)} took over {LIMIT:g} s (a hang)")
            time.sleep(0.005)
        out = files["out"].read_text("utf-8", "replace")
        err = files["err"].read_text("utf-8", "replace")
    return os.waitstatus_to_exitcode(status), out, err


def _child(args: list[str], files: dict[str, Path], cwd: Path | None) -> None:
    code = 99
    try:
        for fd, name, flags in ((0, "in", os.O_RDONLY), (1, "out", os.O_WRONLY), (2, "err", os.O_WRONLY)):
            os.dup2(os.open(files[name], flags), fd)
        sys.stdin = open(0, closefd=False)  # noqa: SIM115 - the child's own streams, to its end
        sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
        os.environ["NO_COLOR"] = "1"
        os.environ.pop("WARMCHECK_DEBUG", None)
        os.environ.pop("WARMCHECK_SKIP", None)
        if cwd is not None:
            os.chdir(cwd)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.argv = ["warmcheck", *args]
        from warmcheck.cli import main

        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def check_contract(rc: int, err: str, allowed: tuple[int, ...] = (0, 1, 2)) -> None:
    assert "Traceback" not in err, err[-3000:]
    assert "internal error" not in err, err[-3000:]
    assert rc in allowed, (rc, err[-2000:])
    if rc == 2:
        assert any(line.startswith("warmcheck:") for line in err.splitlines()), err[-2000:]


@pytest.fixture(scope="module", autouse=True)
def _tally() -> Iterator[None]:
    """Load both engines here first: each forked run then starts warm."""
    from warmcheck import Config, Linter

    for model in ("auto", "light"):
        Linter(Config(model=model)).check("Hi Ana,\n\nHow was Lisbon?\n")
    yield
    total = sum(TRIED.values())
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(TRIED.items()))
    print(f"\nfuzz: {total} inputs tried ({kinds}); limit {LIMIT:g} s each")


# Drafts of every kind ---------------------------------------------------------------------

SUFFIXES = [".txt", ".md", ".html", ".eml", ".mbox", ".j2", "", "-"]


@SETTINGS
@given(data=mutated(), suffix=st.sampled_from(SUFFIXES))
def test_fuzzed_drafts_of_every_kind(data: bytes, suffix: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    TRIED[f"draft{suffix or ' (no suffix)'}"] += 1
    if suffix == "-":
        rc, out, err = run(["--format", "json", "-"], stdin=data)
    else:
        path = tmp_path_factory.mktemp("draft") / f"draft{suffix}"
        path.write_bytes(data)
        rc, out, err = run(["--format", "json", str(path)])
    check_contract(rc, err)
    if rc in (0, 1):
        assert json.loads(out)["schema"] == "warmcheck.report/1"


@FEWER
@given(bad=mutated(), suffix=st.sampled_from([".txt", ".eml", ".html", ".md", ".mbox"]))
def test_a_folder_run_goes_on_past_a_bad_draft(bad: bytes, suffix: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    TRIED["folder"] += 1
    folder = tmp_path_factory.mktemp("folder")
    good = b"Hi Ana,\n\nHow did the flood-map talk go? The 1909 sheet came today.\n\nBest,\nBo\n"
    (folder / "a.txt").write_bytes(good)
    (folder / f"b{suffix}").write_bytes(bad)
    (folder / "c.txt").write_bytes(good)
    rc, out, err = run([str(folder)])
    check_contract(rc, err)
    assert f"{folder / 'a.txt'}: warmth" in out and f"{folder / 'c.txt'}: warmth" in out, (out, err)


# Templates and recipients (the campaign) ------------------------------------------------------

TEMPLATES = [
    b"Hi {{ first_name }},\n\nHow did {{ talk | default('the talk') }} go in Lisbon?\n\nBo\n",
    b"{% for x in items %}{{ x }}{% endfor %}\n{{ name or 'there' }}, {{ company }}\n",
    b"Hi [First Name],\n\nThe {{ topic }} notes, as promised: {{ link }}\n",
]
RECIPIENTS = [
    b"email,first_name,talk\nana@maps.example,Ana,the flood lines\nbo@berg.example,Bo,\n",
    b'[{"email": "ana@maps.example", "first_name": "Ana", "items": [1, 2]}]',
    b'{"email": "ana@maps.example", "first_name": "Ana"}\n{"email": "cy@x.example"}\n',
]
RECIPIENT_PIECES = [b"[" * 5000, b"9" * 6000, b'"' * 100, b",,,,", b"\x00", b"{", b"\n" * 50, b'{"a": ' * 2000]


@st.composite
def recipients(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from([".csv", ".json", ".jsonl", ".tsv"]))
    data = draw(mutated(RECIPIENTS))
    if draw(st.booleans()):
        pos = draw(st.integers(0, len(data)))
        data = data[:pos] + draw(st.sampled_from(RECIPIENT_PIECES)) + data[pos:]
    return suffix, data


@FEWER
@given(template=mutated(TEMPLATES + SEEDS[:2]), people=recipients())
def test_fuzzed_templates_and_recipients(
    template: bytes, people: tuple[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    TRIED["campaign"] += 1
    folder = tmp_path_factory.mktemp("campaign")
    (folder / "t.j2").write_bytes(template)
    (folder / f"r{people[0]}").write_bytes(people[1])
    rc, _out, err = run(["campaign", "--format", "json", str(folder / "t.j2"), "--recipients", str(folder / f"r{people[0]}")])
    check_contract(rc, err)


# Rule packs --------------------------------------------------------------------------------------

PACK = b"""rules:
  - code: BL901
    name: fuzzed-rule
    severity: warning
    points: 5
    type: regex
    options:
      regex: "(a+)+$"
    message: A run of letters
    why: Fuzzing.
    suggestion: Less.
    examples:
      fail: ["aaa"]
      pass: ["Hi Ana."]
"""
PACK_PIECES = [b"&a [1, 2]", b"*a", b"[" * 2000, b"{{{", b"!!python/object:os.system", b"regex: '(?<=x)'",
               b"type: check\n", b"\t", b"code: SF0", b"&x " + b"z" * 100 + b"\nl: [" + b"*x, " * 2000 + b"]"]  # fmt: skip


@FEWER
@given(pack=mutated([PACK, (REPO / "rules" / "one_to_one.yaml").read_bytes()[:6000]]),
       piece=st.sampled_from([b"", *PACK_PIECES]), at=st.integers(0, 10_000))  # fmt: skip
def test_fuzzed_rule_packs(pack: bytes, piece: bytes, at: int, tmp_path_factory: pytest.TempPathFactory) -> None:
    TRIED["rule pack"] += 1
    folder = tmp_path_factory.mktemp("pack")
    at = min(at, len(pack))
    (folder / "pack.yaml").write_bytes(pack[:at] + piece + pack[at:])
    (folder / "warmcheck.toml").write_text('packs = ["pack.yaml"]\nmodel = "light"\n', encoding="utf-8")
    (folder / "draft.txt").write_text("Hi Ana,\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n\nBo\n", encoding="utf-8")
    rc, _, err = run(["draft.txt"], cwd=folder)
    check_contract(rc, err)


# The sendmail wrapper: the bytes it was given, or nothing --------------------------------------

KEEP = "import os, sys; open(os.environ['FUZZ_KEEP'], 'wb').write(sys.stdin.buffer.read())"


@SETTINGS
@given(data=mutated([MAIL, MULTIPART, *SEEDS]))
def test_fuzzed_messages_through_the_wrapper(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    TRIED["sendmail"] += 1
    kept = tmp_path_factory.mktemp("wrapper") / "kept.eml"
    os.environ["FUZZ_KEEP"] = str(kept)
    try:
        rc, _, err = run(["sendmail", "--", sys.executable, "-c", KEEP], stdin=data)
    finally:
        os.environ.pop("FUZZ_KEEP", None)
    check_contract(rc, err, allowed=(0, 65, 75))
    if rc == 75:
        assert err.splitlines()[-1].startswith("warmcheck: held (exit 75):"), err[-2000:]
    if not kept.exists():
        assert rc in (65, 75), err[-2000:]
        return
    assert rc == 0
    expected = remove_skip_header(data) if skip_requested(data, environ={}) else data
    assert kept.read_bytes() == remove_disable_header(expected)


def test_the_fork_runner_reports_what_the_command_does(tmp_path: Path) -> None:
    """The harness itself: a usage error is 2 with one line; a draft is 0 or 1."""
    rc, _, err = run(["--no-such-option"])
    assert rc == 2 and err.startswith("warmcheck: ") and len(err.splitlines()) == 1
    (tmp_path / "a.txt").write_bytes(io.BytesIO(SEEDS[-1]).read())
    rc, out, _ = run([str(tmp_path / "a.txt")])
    assert rc in (0, 1) and "warmth" in out
