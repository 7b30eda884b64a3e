"""Hostile and odd inputs through the installed ``warmcheck`` command: the
exit status is 0, 1 or 2 (65 or 75 for the sendmail wrapper), standard error
never holds a traceback or an internal error, and the user's files are left
as they were. Every file here is made in ``tmp_path``."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WARMCHECK = Path(sys.executable).parent / "warmcheck"
TIMEOUT = 60
WARM = b"Hi Ana,\n\nHow did the flood-map talk in Lisbon go? Your 1909 sheets stayed with me.\n\nBest,\nBo\n"


def run(*args: str | Path, stdin: bytes = b"", cwd: Path | None = None, timeout: float = TIMEOUT):
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("WARMCHECK_DEBUG", None)
    done = subprocess.run([str(WARMCHECK), *map(str, args)], input=stdin, capture_output=True,
                          timeout=timeout, cwd=cwd, env=env)  # fmt: skip
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert "internal error" not in err, err
    return done.returncode, done.stdout.decode("utf-8", "replace"), err


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("warmcheck:")]
    assert lines, err
    return lines[0]


# Paths that are not plain files ------------------------------------------------


def test_a_fifo_in_a_folder_is_reported_not_waited_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(WARM)
    os.mkfifo(tmp_path / "b.txt")
    rc, out, err = run(tmp_path, timeout=30)
    assert rc == 2
    assert "a.txt: warmth" in out
    assert "b.txt: not a regular file" in one_line_error(err)


def test_a_pipe_named_on_the_command_line_is_read_once(tmp_path: Path) -> None:
    """``warmcheck <(cat draft)`` gives a /dev/fd path: a pipe with no suffix,
    which can be read only once (sniffing it must not eat the draft)."""
    read_end, write_end = os.pipe()
    os.write(write_end, WARM)
    os.close(write_end)
    try:
        done = subprocess.run([str(WARMCHECK), f"/dev/fd/{read_end}"], capture_output=True, timeout=TIMEOUT,
                              pass_fds=(read_end,))  # fmt: skip
    finally:
        os.close(read_end)
    assert done.returncode in (0, 1), done.stderr
    assert b"warmth" in done.stdout


def test_an_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.walk drops a folder it cannot list unless asked: that draft would be lost
    without a word. (Root can list anything, so listing fails by patching.)"""
    from warmcheck import message

    (tmp_path / "a.txt").write_bytes(WARM)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_bytes(WARM)
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)) == locked:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    errors: list[str] = []
    drafts = list(message.read_all(tmp_path, on_error=lambda name, exc: errors.append(f"{name}: {exc}")))
    assert [Path(d.source).name for d in drafts] == ["a.txt"]
    assert errors == [f"{locked}: permission denied"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_in_a_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(WARM)
    (tmp_path / "b.txt").write_bytes(WARM)
    (tmp_path / "b.txt").chmod(0)
    rc, out, err = run(tmp_path)
    assert rc == 2 and "a.txt: warmth" in out and "permission denied" in err


def test_a_symlink_loop_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "a.txt").write_bytes(WARM)
    (tmp_path / "dir" / "again").symlink_to(tmp_path / "dir")
    rc, _, err = run(tmp_path / "loop.txt")
    assert rc == 2 and one_line_error(err).startswith(f"warmcheck: {tmp_path / 'loop.txt'}: ")
    rc, out, _ = run(tmp_path / "dir")
    assert rc in (0, 1) and out.count("warmth") == 1


def test_devices_are_bounded(tmp_path: Path) -> None:
    assert run("/dev/null")[0] == 2
    (tmp_path / "warmcheck.toml").write_text("max_bytes = 1000\n")
    rc, _, err = run("/dev/zero", "--config", tmp_path / "warmcheck.toml")
    assert rc == 2 and "size limit" in err


# Text the NLP engine cannot take ---------------------------------------------------


def test_a_draft_longer_than_the_engine_takes_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(b"Hi Ana,\n\n" + b"x" * 1_500_000 + b"\n")
    rc, _, err = run(path)
    assert rc == 2
    assert "too long" in one_line_error(err)


# Standard input: any bytes ---------------------------------------------------------

_MAILISH = st.sampled_from([
    b"From: a@b.example\nTo: c@d.example\nSubject: hi\n\n",
    b"From a@b Mon Mar  3 10:00:00 2025\nFrom: a@b\n\n",
    b"Content-Type: multipart/mixed; boundary=x\nMIME-Version: 1.0\nFrom: a@b\n\n--x\n",
    b"Content-Type: text/html; charset=bogus\nFrom: a@b\nTo: c@d\n\n<p>",
    b"Content-Transfer-Encoding: base64\nFrom: a@b\nSubject: s\n\n",
    b"<!-- x --><html><body>",
    b"Subject: ",
    b"",
])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=_MAILISH, tail=st.binary(max_size=400) | st.text(max_size=400).map(lambda s: s.encode("utf-8")))
def test_any_bytes_on_standard_input(head: bytes, tail: bytes) -> None:
    rc, out, err = run("--format", "json", "-", stdin=head + tail)
    assert rc in (0, 1, 2)
    if rc == 2:
        assert one_line_error(err)
    else:
        document = json.loads(out)
        assert document["schema"] == "warmcheck.report/1" and len(document["reports"]) >= 1


# The sendmail wrapper -------------------------------------------------------------


def test_sendmail_with_a_command_that_does_not_exist_keeps_the_mail(tmp_path: Path) -> None:
    message = b"From: Bo <bo@x.example>\nTo: Ana <ana@y.example>\nSubject: Lisbon maps\n\n" + WARM
    rc, _, err = run("sendmail", "--", tmp_path / "no-such-sendmail", stdin=message)
    assert rc == 75 and "cannot run" in err


def test_sendmail_reads_a_message_with_an_envelope_line_as_one_message(tmp_path: Path) -> None:
    """An mbox-style ``From `` envelope line first, and a body line that looks
    like the next message's: still one message, checked and sent as it is."""
    kept = tmp_path / "kept.eml"
    message = (
        b"From bo@x.example Mon Mar  3 10:00:00 2025\nFrom: Bo <bo@x.example>\nTo: Ana <ana@y.example>\n"
        b"Subject: Lisbon maps\n\n" + WARM.replace(b"Best,", b"From here on, Monday works.\n\nBest,") + b"\n"
        b"From a Mon 1\nthe river moved\n"
    )
    keep = f"import sys; open({str(kept)!r}, 'wb').write(sys.stdin.buffer.read())"
    rc, _, err = run("sendmail", "--", sys.executable, "-c", keep, stdin=message)
    assert rc == 0, err
    assert kept.read_bytes() == message


# Campaigns --------------------------------------------------------------------------


def test_campaign_bad_inputs_are_one_line_each(tmp_path: Path) -> None:
    template = tmp_path / "t.j2"
    template.write_text("Hi {{ first_name }},\n\nHow did the Lisbon talk go?\n")
    bad = tmp_path / "bad.j2"
    bad.write_text("Hi {{ first_name \n")
    people = tmp_path / "people.csv"
    people.write_text("email,first_name\nana@example.org,Ana\n")
    cases = {
        "template syntax": (bad, people, ()),
        "recipients missing": (template, tmp_path / "none.csv", ()),
        "consent missing": (template, people, ("--consent", tmp_path / "none.csv")),
        "bad JSON": (template, _write(tmp_path / "r.json", '[{"email": "a@x"'), ()),
        "JSON not objects": (template, _write(tmp_path / "r2.json", "[1, 2]"), ()),
        "no header row": (template, _write(tmp_path / "r.csv", "ana@example.org,Ana\nbo@example.org,Bo\n"), ()),
        "header only": (template, _write(tmp_path / "h.csv", "email,first_name\n"), ()),
        "binary template": (_write(tmp_path / "b.j2", b"\xff\xfe\x00x"), people, ()),
    }
    for label, (tpl, recipients, extra) in cases.items():
        rc, _, err = run("campaign", tpl, "--recipients", recipients, *extra)
        assert rc == 2, (label, err)
        assert one_line_error(err), label


def test_a_tsv_recipients_file_is_split_on_tabs(tmp_path: Path) -> None:
    template = _write(tmp_path / "t.j2", "Hi {{ first_name }},\n\nHow did the Lisbon talk go, {{ first_name }}?\n")
    people = _write(tmp_path / "people.tsv", "email\tfirst_name\nana@example.org\tAna\n")
    rc, out, err = run("campaign", "--format", "json", template, "--recipients", people)
    assert rc in (0, 1), err
    report = json.loads(out)["reports"][0]
    assert report["recipient"] == "ana@example.org"
    assert not any(f["rule"] == "BL051" for f in report["findings"])


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_checking_a_folder_changes_no_file(tmp_path: Path) -> None:
    files = {
        "a.txt": WARM, "b.md": b"---\ntitle: x\n---\n", "c.html": b"<!-- only a comment -->",
        "d.eml": b"From: a@b\nContent-Type: message/rfc822\n\nFrom: x@y\nSubject: in\n\nHi\n",
        "e.j2": b"Hi {{ name", "f.mbox": b"From a Mon\nFrom: a@b\n\nHi\n\nFrom b Tue 2\nbody\n",
    }  # fmt: skip
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns, stat.S_IMODE(p.stat().st_mode)) for p in tmp_path.iterdir()}
    rc, _, _ = run(tmp_path, "--format", "json")
    assert rc in (0, 1, 2)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns, stat.S_IMODE(p.stat().st_mode)) for p in tmp_path.iterdir()}
    assert after == before
