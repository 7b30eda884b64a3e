"""Every message of the shared dev corpus is read without error (the corpus
sits beside the clone, in ../shared; the test is skipped where it is not).
No corpus text is copied here: messages are named by file only."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from warmcheck import message

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev" / "msgs"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="no ../shared/corpus/dev beside the repository")


def test_every_corpus_message_is_read_and_scoped() -> None:
    failures = []
    found: Counter[str] = Counter()
    paths = sorted(CORPUS.iterdir())
    for path in paths:
        try:
            draft = message.read(path)
        except message.InputError as exc:
            failures.append(f"{path.name}: {exc}")
            continue
        assert draft.text is not None
        for scope in {s.scope for s in draft.segments}:
            found[scope] += 1
    assert not failures
    assert len(paths) >= 200
    # The corpus holds every form: replies, signatures, footers, greetings.
    for scope in ("greeting", "body", "signoff", "signature", "quoted", "footer"):
        assert found[scope] >= 10, (scope, found)


def test_the_corpus_read_script_reports_no_failure(capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    script = Path(__file__).resolve().parents[1] / "bench" / "corpus_read.py"
    spec = importlib.util.spec_from_file_location("corpus_read", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(CORPUS.parent)]) == 0
    assert "; 0 failed" in capsys.readouterr().out
