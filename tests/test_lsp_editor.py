"""``warmcheck lsp`` under a real editor: Debian's neovim, headless, with its
built-in LSP client, opening a draft as a mutt user's editor would. The
diagnostics neovim ends up holding are written out as JSON and read back.
Skipped only where nvim is not installed (.ci/run installs it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(NVIM is None, reason="neovim (nvim) is not installed; .ci/run installs it")

#: The init a user would write (see the README), plus a wait and a dump.
INIT = r"""
vim.cmd("filetype on")
local cmd = vim.fn.json_decode(vim.env.WARMCHECK_CMD)
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.WARMCHECK_DRAFT))
local config = { name = "warmcheck", cmd = cmd, root_dir = vim.fn.fnamemodify(vim.env.WARMCHECK_DRAFT, ":h") }
if vim.lsp.start then
  vim.lsp.start(config)  -- neovim 0.8 and later
else
  vim.lsp.buf_attach_client(0, vim.lsp.start_client(config))  -- neovim 0.7 (Debian 12)
end
local ok = vim.wait(120000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local out = { filetype = vim.bo.filetype, waited = ok, diagnostics = {} }
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(out.diagnostics, {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, message = d.message, source = d.source, code = d.code or lsp.code,
  })
end
local fh = io.open(vim.env.WARMCHECK_OUT, "w")
fh:write(vim.fn.json_encode(out))
fh:close()
vim.cmd("qall!")
"""

DRAFT = (
    "From: Bo Berg <bo@berg-tea.example>\n"
    "To: Ana Lopez <ana@rivermaps.example>\n"
    "Subject: Porto maps\n"
    "\n"
    "Dear Sir or Madam,\n"
    "\n"
    "Your café talk 😀 stayed with me!!! How did the 1909 sheets turn out?\n"
    "\n"
    "Best,\n"
    "Bo\n"
)


def test_neovim_shows_the_diagnostics_of_a_mutt_draft(tmp_path: Path) -> None:
    assert NVIM is not None
    draft = tmp_path / "mutt-host-1000-4242-1"  # mutt's temporary file: neovim's filetype is "mail"
    draft.write_text(DRAFT, encoding="utf-8")
    init = tmp_path / "init.lua"
    init.write_text(INIT, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    server = [sys.executable, "-c", "from warmcheck.cli import main; main()", "lsp"]
    env = {
        **os.environ,
        "WARMCHECK_CMD": json.dumps(server),
        "WARMCHECK_DRAFT": str(draft),
        "WARMCHECK_OUT": str(out),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", str(init)],
        env=env, cwd=tmp_path, timeout=300, check=False, stdin=subprocess.DEVNULL, capture_output=True,
    )  # fmt: skip
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["filetype"] == "mail" and result["waited"]
    found = {d["code"]: d for d in result["diagnostics"]}
    assert {d["source"] for d in result["diagnostics"]} == {"warmcheck"}
    greeting = found["BL001"]
    # neovim counts columns in bytes; the server sent UTF-16 units, and neovim converted them.
    assert (greeting["lnum"], greeting["col"], greeting["end_lnum"], greeting["end_col"]) == (4, 0, 4, 17)
    assert greeting["severity"] == 2  # vim.diagnostic.severity.WARN
    assert "generic-greeting" in greeting["message"]
    bangs = found["BL006"]
    line = DRAFT.splitlines()[6]
    start = len(line[: line.index("!!!")].encode("utf-8"))
    assert (bangs["lnum"], bangs["col"], bangs["end_col"]) == (6, start, start + 3)
    assert bangs["severity"] == 3  # INFO
