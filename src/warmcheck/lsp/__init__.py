"""The language server (``warmcheck lsp``): warmcheck in the editor, as you write.

- :mod:`.text`: lines and positions as LSP counts them (UTF-16 code units by
  default), and a buffer that follows full and incremental edits;
- :mod:`.drafts`: a buffer as a draft (by file name and language id), and
  each finding's place back in the buffer;
- :mod:`.checker`: configuration found and reloaded as the CLI finds it, a
  Linter per configuration, memory flat over a session;
- :mod:`.actions`: hovers, suppressions and fixes, as plain text edits;
- :mod:`.server`: the pygls server that ties them to the protocol.

Only :mod:`.server` imports pygls; the rest is plain Python, used by the
benchmark (``bench/lsp_bench.py``) and tested on its own.
"""

from __future__ import annotations


def serve(*, debounce: float = 0.2, model: str | None = None) -> None:
    """Run the language server over standard input and output."""
    from .server import serve as run

    run(debounce=debounce, model=model)
