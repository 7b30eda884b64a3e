"""A message larger than ``max_bytes``, read without its attachments' bodies.

Attachments are listed, never read: a mail with a 50 MB file attached is
judged on its header and its text like any other. This reads a message as a
stream of lines and keeps its header, its text parts and the MIME structure;
the body of every other leaf part (``image/*``, ``application/*``, any part
sent as an attachment, a forwarded ``message/rfc822``) is left out, and its
size is kept in a header of that part (:data:`SIZE_HEADER`) so that the
attachment list still says how big it is. What is kept must fit ``max_bytes``.

The result is only ever read by warmcheck: what a hook hands on is always the
message as it was given.
"""

from __future__ import annotations

from email import policy
from email.parser import BytesHeaderParser
from typing import BinaryIO

#: The header a left-out part carries: the size of its body as sent, in bytes.
SIZE_HEADER = "X-Warmcheck-Omitted-Size"

#: Open multipart parts one inside another, at most; deeper is not read.
MAX_DEPTH = 100
#: Lines are read in pieces of at most this many bytes: a file with no line
#: break is not read whole into memory.
_PIECE = 1 << 16


class TooBig(Exception):
    """What is left of the message still does not fit ``max_bytes``."""

    def __init__(self, size: int) -> None:
        self.size = size
        super().__init__(size)


def _kept(header_block: bytes) -> tuple[bool, bytes | None]:
    """Whether a part's body is read (text not sent as an attachment, or a
    multipart's preamble), and the boundary of a multipart."""
    head = BytesHeaderParser(policy=policy.compat32).parsebytes(header_block)
    maintype = head.get_content_maintype()
    if maintype == "multipart":
        boundary = head.get_param("boundary")
        if isinstance(boundary, str) and boundary:
            return True, boundary.encode("utf-8", "surrogateescape")
        return True, None
    disposition = str(head.get("content-disposition", "")).split(";", 1)[0].strip().lower()
    return maintype == "text" and disposition != "attachment", None


def slim(fh: BinaryIO, max_bytes: int) -> bytes:
    """The message read from ``fh`` with the bodies of its non-text parts
    left out; :class:`TooBig` when the rest is still larger than
    ``max_bytes``. Memory stays within about ``max_bytes``, however long the
    message or its lines."""
    out: list[bytes] = []
    size = 0
    boundaries: list[bytes] = []
    header: list[bytes] | None = []  # the header block being read, or None in a body
    keep = True
    omitted = 0
    slot = -1  # where the left-out part's size header goes in ``out``

    def emit(piece: bytes) -> None:
        nonlocal size
        size += len(piece)
        if size > max_bytes:
            raise TooBig(size)
        out.append(piece)

    def close_part() -> None:
        nonlocal omitted, slot
        if slot >= 0:
            out[slot] = f"{SIZE_HEADER}: {omitted}\r\n".encode("ascii")
        omitted, slot = 0, -1

    header_size = 0
    line_start = True
    while line := fh.readline(_PIECE):
        starts, line_start = line_start, line.endswith(b"\n")
        if header is not None:
            header.append(line)
            header_size += len(line)
            if size + header_size > max_bytes:
                raise TooBig(size + header_size)
            if starts and not line.rstrip(b"\r\n"):
                block = b"".join(header)
                header, header_size = None, 0
                keep, boundary = _kept(block)
                if boundary is not None and len(boundaries) < MAX_DEPTH:
                    boundaries.append(boundary)
                emit(block[: len(block) - len(line)])
                if not keep:
                    slot = len(out)
                    out.append(b"")
                emit(line)
            continue
        if starts and boundaries and line.startswith(b"--"):
            marker = line.rstrip(b"\r\n").rstrip(b" \t")[2:]
            name, closing = marker, False
            if marker not in boundaries and marker.endswith(b"--"):
                name, closing = marker[:-2], True
            if name in boundaries:
                close_part()
                while boundaries[-1] != name:
                    boundaries.pop()
                if closing:  # the parent's body goes on
                    boundaries.pop()
                    keep = True
                else:
                    header = []
                emit(line)
                continue
        if keep:
            emit(line)
        else:
            omitted += len(line)
    if header:
        emit(b"".join(header))
    close_part()
    return b"".join(out)
