"""What a cold start loads, and what loading the engine leaves behind (the
times themselves are measured in bench/corpus_speed.py, not here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "examples" / "introduction.txt"

#: A cold check of a plain-text draft, in a fresh process, printing which of
#: these modules it loaded.
CHECK = """
import atexit, json, sys
watched = {watched!r}
atexit.register(lambda: print(json.dumps(sorted(m for m in watched if m in sys.modules))))
sys.argv = ["warmcheck", "--model", "light", {draft!r}]
from warmcheck.cli import main
main()
"""


def cold_check(watched: tuple[str, ...], env: dict[str, str]) -> list[str]:
    code = CHECK.format(watched=watched, draft=str(DRAFT))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_the_engine_leaves_the_collector_as_it_found_it(enabled: bool) -> None:
    code = (
        "import gc\n"
        f"{'gc.enable()' if enabled else 'gc.disable()'}\n"
        "from warmcheck import nlp\n"
        "nlp.load('light')\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 100_000)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.stdout.split() == [str(enabled), "True"], done.stderr


SENT = """\
From lea@example.org Mon Jan  6 10:00:00 2025
From: Lea Roux <lea@example.org>
To: Ana Silva <ana@example.com>
Subject: The river survey
Date: Mon, 06 Jan 2025 10:00:00 +0000
Message-ID: <survey-1@example.org>

Hi Ana,

Thanks for showing me the river survey maps on Thursday. How did the count
at the north bank go in the end?

Best,
Lea
"""


def test_a_cold_check_loads_nothing_it_does_not_use(tmp_path: Path) -> None:
    # With a follow-up ledger to read (its reader signs the draft) and the rule
    # packs in the cache: no YAML parser, no datasketch or SciPy, no HTML,
    # Markdown, database or editor libraries, no process pool.
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    (tmp_path / "sent.mbox").write_text(SENT, encoding="utf-8")
    warmcheck = Path(sys.executable).parent / "warmcheck"
    command = [str(warmcheck), "ledger", "import", "--sent", str(tmp_path / "sent.mbox")]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert "1 sent mails recorded" in done.stdout, done.stderr
    watched = ("yaml", "datasketch", "scipy", "selectolax", "markdown_it", "psycopg", "pygls", "concurrent.futures")
    # A module of the working tree edited between the two runs (by someone
    # else) rightly makes the cache stale: a few tries are allowed for that.
    for _ in range(3):
        cold_check(watched, env)  # fills the pack cache
        loaded = cold_check(watched, env)
        if not loaded:
            break
    assert loaded == []
