"""Where drafts come from: a file, a folder, an mbox, standard input.

Everything here streams: a folder is walked lazily, an mbox is cut into
messages line by line, and no input larger than ``max_bytes`` is read into
memory. Nothing is ever written.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any, BinaryIO

#: Default size limit of one input, in bytes (``max_bytes`` in the configuration).
MAX_BYTES = 10_000_000

#: File extension -> kind of input. A folder is searched for these.
SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".eml": "email",
    ".html": "html", ".htm": "html",
    ".mbox": "mbox", ".mbx": "mbox",
    ".j2": "template", ".jinja": "template", ".jinja2": "template",
}  # fmt: skip

_MAIL_FIELDS = frozenset(
    b"from to cc subject date message-id mime-version received return-path delivered-to "
    b"content-type reply-to in-reply-to references x-mailer sender".split()
)
_FIELD = re.compile(rb"^([!-9;-~]+)[ \t]*:")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype html|html|head|body|meta|div|p|table|center|span|font|br)\b", re.IGNORECASE | re.DOTALL)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_MBOX_FROM = re.compile(rb"^From .*\d")


class SourceError(Exception):
    """An input that cannot be read; the message names the problem."""


@dataclass
class Item:
    """One draft's bytes, or why they could not be had."""

    name: str
    kind: str
    data: bytes = b""
    error: str | None = None
    #: One of many drafts of an input (a folder's file, an mbox's message).
    many: bool = False


def _too_big(size: int, max_bytes: int) -> str:
    return f"larger than the size limit ({size:,} bytes; max_bytes is {max_bytes:,})"


def items(source: bytes | Path | BinaryIO, *, name: str | None, max_bytes: int) -> Iterator[Item]:
    """Every draft's bytes in one input: bytes, a path, or a binary stream
    (standard input), the last two read once and streamed."""
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
        label = name or "<bytes>"
        kind = sniff(data)
        if len(data) > max_bytes:
            if kind != "email":
                raise SourceError(_too_big(len(data), max_bytes))
            data = _slim(io.BytesIO(data), max_bytes)
        if kind == "mbox":
            yield from _mbox(io.BytesIO(data), label, max_bytes)
        else:
            yield Item(label, kind, data)
        return
    if not isinstance(source, (str, Path)):
        yield from _stream(source, name or "<stdin>", None, max_bytes)
        return
    path = Path(source)
    label = name or str(path)
    if path.is_dir():
        yield from _folder(path, max_bytes)
        return
    try:
        fh = _open_named(path)
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except OSError as exc:
        raise SourceError(_os_problem(exc)) from None
    with fh:
        yield from _stream(fh, label, SUFFIXES.get(path.suffix.lower()), max_bytes)


def _open_named(path: Path) -> BinaryIO:
    """A file named on the command line, opened for reading. A FIFO is
    opened without waiting for a writer (``warmcheck <(cat draft)`` has one
    and is read as usual; a FIFO nobody writes to reads as empty, never
    hangs)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _stream(fh: BinaryIO, label: str, known: str | None, max_bytes: int) -> Iterator[Item]:
    """The drafts of a file or stream of a known kind, or of the kind its
    head tells. Opened once and read once: a pipe (``warmcheck <(cat
    draft)``, standard input) cannot be read again after its head was looked
    at."""
    head = b""
    if known is None:
        head = _read_head(fh)
    kind = known or sniff(head, complete=len(head) < _HEAD)
    if kind == "mbox":
        yield from _mbox(io.BufferedReader(_Rejoined(head, fh)), label, max_bytes)
        return
    yield Item(label, kind, _read_rest(fh, head, max_bytes, mail=kind == "email"))


def one_message(fh: BinaryIO, label: str, max_bytes: int) -> Item:
    """What a sendmail wrapper is given: one message, read as mail unless it
    has no header lines at all (then as text or HTML, as the content says);
    a leading ``From `` envelope line does not make it an mbox to be cut at
    every ``From `` line of its body."""
    head = _read_head(fh)
    kind = sniff(head, complete=len(head) < _HEAD)
    kind = "email" if kind == "mbox" else kind
    return Item(label, kind, _read_rest(fh, head, max_bytes, mail=kind == "email"))


#: How much of an input of unknown kind is read to tell its kind.
_HEAD = 8192
#: The longest piece of a line read at once.
_PIECE = 1 << 16


def _read_head(fh: BinaryIO) -> bytes:
    try:
        return fh.read(_HEAD)
    except OSError as exc:
        raise SourceError(_os_problem(exc)) from None


class _Rejoined(io.RawIOBase):
    """The bytes already read from a stream, then the rest of it."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = io.BytesIO(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._head.readinto(buffer)
        if n:
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _os_problem(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _read_rest(fh: BinaryIO, head: bytes, max_bytes: int, mail: bool = False) -> bytes:
    """The whole file (``head`` is what was read of it already), held to
    ``max_bytes``. A mail over it is read without its attachments' bodies
    (:mod:`.slim`): attachments are never read, whatever their size."""
    try:
        try:
            size = os.fstat(fh.fileno()).st_size
        except (AttributeError, io.UnsupportedOperation):
            size = 0  # a stream with no file behind it
        if size > max_bytes and not mail:
            raise SourceError(_too_big(size, max_bytes))
        data = head + fh.read(max(0, max_bytes + 1 - len(head)))
        if len(data) > max_bytes and mail:
            return _slim(io.BufferedReader(_Rejoined(data, fh)), max_bytes)
    except OSError as exc:
        raise SourceError(_os_problem(exc)) from None
    if len(data) > max_bytes:  # a file that grew, a pipe or a device
        raise SourceError(_too_big(len(data), max_bytes))
    return data


def _slim(fh: BinaryIO, max_bytes: int) -> bytes:
    from .slim import TooBig, slim

    try:
        return slim(fh, max_bytes)
    except TooBig as exc:
        raise SourceError(
            f"larger than the size limit without its attachments (over {exc.size:,} bytes of header and text; "
            f"max_bytes is {max_bytes:,})"
        ) from None


def _open_file(path: Path) -> BinaryIO:
    """A folder's file, opened for reading; only a regular file is opened (a
    FIFO would wait for a writer for ever, a device never ends)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise SourceError("not a regular file (a FIFO, socket or device)")
        return path.open("rb")
    except OSError as exc:
        raise SourceError(_os_problem(exc)) from None


def _folder(folder: Path, max_bytes: int) -> Iterator[Item]:
    """Drafts in a folder and its subfolders, by extension, in name order;
    hidden files and folders are left out. A maildir's messages (in ``cur``
    and ``new``) are mail whatever their names. A subfolder that cannot be
    listed is reported, not dropped."""
    found = False
    unlisted: list[OSError] = []
    for root, dirs, files in _walk(folder, unlisted):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        maildir = Path(root).name in ("cur", "new") and (Path(root).parent / "tmp").is_dir()
        for file in sorted(files):
            if file.startswith("."):
                continue
            path = Path(root) / file
            kind = "email" if maildir else SUFFIXES.get(path.suffix.lower())
            if kind is None:
                continue
            found = True
            try:
                with _open_file(path) as fh:
                    if kind == "mbox":
                        yield from _mbox(fh, str(path), max_bytes)
                    else:
                        yield Item(str(path), kind, _read_rest(fh, b"", max_bytes, mail=kind == "email"), many=True)
            except SourceError as exc:
                yield Item(str(path), kind, error=str(exc), many=True)
        for problem in unlisted:
            found = True
            yield Item(str(problem.filename), "folder", error=_os_problem(problem), many=True)
        unlisted.clear()
    if not found:
        known = ", ".join(sorted(set(SUFFIXES)))
        raise SourceError(f"no drafts in this folder (looked for {known})")


def _walk(folder: Path, errors: list[OSError]) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk``, with the folders it cannot list put in ``errors`` (and one
    last empty step, so that errors after the last folder are seen)."""
    yield from os.walk(folder, onerror=errors.append)
    yield str(folder), [], []


def _mbox(fh: BinaryIO, label: str, max_bytes: int) -> Iterator[Item]:
    """Cut an mbox into messages at its ``From `` lines, streaming; each
    message is held to ``max_bytes`` on its own. ``>From `` lines are
    unescaped (mboxrd)."""
    first = fh.readline(_PIECE)
    if not first.strip():
        raise SourceError("empty: no text to check")
    if not first.startswith(b"From "):
        raise SourceError("not an mbox file: it does not start with a 'From ' line")
    number = 0
    lines: list[bytes] = []
    size = 0
    too_big = False
    blank_before = False

    def done() -> Item:
        name = f"{label}#{number}"
        if too_big:
            return Item(name, "email", error=_too_big(size, max_bytes), many=True)
        return Item(name, "email", b"".join(lines), many=True)

    # Lines are read in pieces: a line with no end is not read whole.
    starts, line_start = True, first.endswith(b"\n")
    while line := fh.readline(_PIECE):
        starts, line_start = line_start, line.endswith(b"\n")
        if starts and blank_before and line.startswith(b"From ") and _MBOX_FROM.match(line):
            number += 1
            yield done()
            lines, size, too_big = [], 0, False
            blank_before = False
            continue
        if starts:
            blank_before = not line.strip()
            if re.match(rb">+From ", line):
                line = line[1:]
        size += len(line)
        if size > max_bytes:
            too_big = True
            lines = []
        elif not too_big:
            lines.append(line)
    number += 1
    yield done()


def sniff(data: bytes, complete: bool = True) -> str:
    """The kind of input some bytes are: ``mbox``, ``email``, ``html`` or
    ``text``. A message's header is read to its end however long it is (300
    recipients fill more than 8 KB); ``complete=False`` says that ``data`` is
    only the head of the input, cut anywhere."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    head = data[:_HEAD]
    if head.startswith(b"From ") and b"\n" in head:
        second = head.split(b"\n", 2)[1]
        if _FIELD.match(second):
            return "mbox"
    if _looks_like_mail(data, complete):
        return "email"
    if _HTML_START.match(head):
        return "html"
    return "text"


def _looks_like_mail(data: bytes, complete: bool) -> bool:
    """Header fields from the first line to a blank line, two or more, at
    least one a field every message has. In a head cut short, header lines
    up to the cut count (the last counts when its field name is whole)."""
    fields = 0
    known = False
    start = 0
    while True:
        end = data.find(b"\n", start)
        if end < 0 and complete:
            return False  # no blank line: all headers and no body, or not mail at all
        line = data[start:end if end >= 0 else len(data)].rstrip(b"\r")
        start = end + 1
        if end < 0:
            match = _FIELD.match(line)
            if match:
                fields += 1
                known |= match.group(1).lower() in _MAIL_FIELDS
            break
        if not line:
            break
        if line[:1] in (b" ", b"\t") and fields:
            continue
        match = _FIELD.match(line)
        if not match:
            return False
        fields += 1
        known |= match.group(1).lower() in _MAIL_FIELDS
    return fields >= 2 and known


def decode_text(data: bytes, *, html: bool = False) -> str:
    """The text of a text, Markdown, HTML or template file."""
    if not data.strip():
        raise SourceError("empty: no text to check")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise SourceError(f"not valid {codec.upper()} despite its byte-order mark") from None
    if _binary(data):
        raise SourceError("binary data, not a mail draft")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if html:
            match = _META_CHARSET.search(data[:4096])
            if match:
                charset = match.group(1).decode("ascii", "replace")
                try:
                    info = codecs.lookup(charset)
                    # Only a text encoding: not base64 or zlib, nor punycode (whose
                    # decoding takes time in the square of the text).
                    if not getattr(info, "_is_text_encoding", True) or info.name in ("punycode", "idna"):
                        raise LookupError(charset)
                    return data.decode(info.name)
                except LookupError:
                    raise SourceError(f"unknown charset {charset!r} in the HTML's <meta> tag") from None
                except UnicodeError:
                    raise SourceError(f"not valid {charset} as its <meta> tag says") from None
        raise SourceError(f"not valid UTF-8 (byte {exc.start}); save the draft as UTF-8") from None


def _binary(data: bytes) -> bool:
    """NUL bytes anywhere, or many control characters in the first 8 KB."""
    if b"\x00" in data:
        return True
    head = data[:_HEAD]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 20)


def modern(msg: Message) -> Message:
    """The same message with the modern ``email`` policy (``get_body``, decoded headers)."""
    from email.message import EmailMessage

    if isinstance(msg, EmailMessage):
        return msg
    from email import policy
    from email.parser import BytesParser

    return BytesParser(policy=policy.default).parsebytes(as_bytes(msg))


def as_bytes(msg: Message) -> bytes:
    """A message's bytes, written from a copy: the generator gives a multipart
    without a boundary one, and the caller's message is never changed."""
    import copy

    msg = copy.deepcopy(msg)
    try:
        return msg.as_bytes()
    except Exception:  # a message the old policy cannot even write back
        return msg.as_string().encode("utf-8", "surrogateescape")
