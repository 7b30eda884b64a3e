"""The pre-commit hook (.pre-commit-hooks.yaml), run by the real `pre-commit
try-repo` against a temporary repository of drafts.

pre-commit builds the hook's environment with virtualenv and pip from this
repository. The tests stay off the network: pip installs only from a local
wheelhouse (``WARMCHECK_WHEELHOUSE``, which `.ci/run` builds before the tests
with ``pip wheel``), with every index turned off, and virtualenv's periodic
wheel update is off too."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_hooks_support import BIN, BLAST_BODY, EXAMPLES, REPO, env_with_bin

PRE_COMMIT = shutil.which("pre-commit", path=str(BIN))
WHEELHOUSE = os.environ.get("WARMCHECK_WHEELHOUSE", "")
#: Building the hook's environment installs warmcheck and spaCy with pip.
INSTALL_TIMEOUT = 900


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    if PRE_COMMIT is None:
        pytest.skip("pre-commit is not installed (it is in the test extra: pip install '.[test]')")
    env = env_with_bin(
        PRE_COMMIT_HOME=str(home),
        VIRTUALENV_NO_PERIODIC_UPDATE="1",
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=WHEELHOUSE,
        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org",
    )  # fmt: skip
    return subprocess.run([PRE_COMMIT, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=INSTALL_TIMEOUT, stdin=subprocess.DEVNULL)  # fmt: skip


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A repository with a warm and a blast draft, and one pre-commit home for the module."""
    if not WHEELHOUSE or not Path(WHEELHOUSE).is_dir():
        pytest.skip("no local wheelhouse: set WARMCHECK_WHEELHOUSE to a `pip wheel . setuptools` folder (.ci/run does)")
    if not (REPO / ".git").exists():
        pytest.skip("try-repo needs warmcheck's own git checkout")
    root = tmp_path_factory.mktemp("pre-commit")
    repo = root / "drafts-repo"
    (repo / "drafts").mkdir(parents=True)
    shutil.copy(EXAMPLES / "warm.txt", repo / "drafts" / "warm.txt")
    (repo / "drafts" / "blast.md").write_text(BLAST_BODY, encoding="utf-8")
    (repo / "build.py").write_text("print('not a draft')\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, timeout=60)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, timeout=60)
    yield repo, root / "home"


def test_the_manifest_is_valid(tmp_path: Path) -> None:
    done = pre_commit("validate-manifest", str(REPO / ".pre-commit-hooks.yaml"), cwd=tmp_path, home=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_try_repo_passes_a_warm_draft(drafts: tuple[Path, Path]) -> None:
    repo, home = drafts
    done = pre_commit("try-repo", str(REPO), "warmcheck", "--files", "drafts/warm.txt", "build.py", "--verbose",
                      cwd=repo, home=home)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "drafts/warm.txt: warmth " in done.stdout and "build.py" not in done.stdout.split("hook id")[-1]


def test_try_repo_fails_a_blast_with_its_findings(drafts: tuple[Path, Path]) -> None:
    repo, home = drafts
    done = pre_commit("try-repo", str(REPO), "warmcheck", "--all-files", cwd=repo, home=home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "drafts/blast.md:" in done.stdout and "BL002" in done.stdout
    assert (repo / "drafts" / "blast.md").read_text(encoding="utf-8") == BLAST_BODY  # nothing rewritten
