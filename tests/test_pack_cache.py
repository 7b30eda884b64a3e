"""The loaded-packs cache: a pack is parsed and validated once, then read
back; a changed pack, a corrupt or foreign cache file, or a cache folder that
cannot be written never changes which rules run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from warmcheck import options
from warmcheck.engine import loader, pack_cache
from warmcheck.engine.loader import PackError, load_pack, shipped_packs

WARMCHECK = shutil.which("warmcheck", path=str(Path(sys.executable).parent)) or "warmcheck"

PACK = """\
rules:
  - code: BL901
    name: test-shout
    severity: warning
    points: 7
    type: regex
    options:
      regex: "!!+"
    message: {message}
    why: Shouting reads as a blast.
    suggestion: One exclamation mark at most.
    examples:
      fail: ["Great!!!"]
      pass: ["Great."]
"""


@pytest.fixture(autouse=True)
def cache_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def write(folder: Path, message: str = "Shouting", name: str = "pack.yaml") -> Path:
    path = folder / name
    path.write_text(PACK.format(message=message), encoding="utf-8")
    return path


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str, path: Path) -> None:
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(loader, "_load", refuse)


def test_a_pack_is_read_back_from_the_cache_not_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = write(tmp_path)
    first = load_pack(pack)
    no_parsing(monkeypatch)
    assert load_pack(pack) == first
    assert first[0].message == "Shouting"


def test_a_changed_pack_is_picked_up(tmp_path: Path) -> None:
    pack = write(tmp_path)
    assert load_pack(pack)[0].message == "Shouting"
    write(tmp_path, "Too many exclamation marks")
    assert load_pack(pack)[0].message == "Too many exclamation marks"


def test_the_cache_lives_in_the_cache_folder_and_nothing_is_written_beside_the_pack(
    tmp_path: Path, cache_home: Path
) -> None:
    pack = write(tmp_path)
    load_pack(pack)
    assert os.listdir(tmp_path) == ["pack.yaml"]
    (kept,) = (cache_home / "warmcheck" / "packs").iterdir()
    assert kept.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: data.split(b"\n", 1)[0] + b"\nnot a pickle at all",
        lambda data: b"\x00\xff" * 100,
    ],
    ids=["empty", "cut-short", "right-key-bad-body", "garbage"],
)
def test_a_corrupt_cache_file_is_ignored_and_written_again(
    tmp_path: Path, cache_home: Path, damage: Callable[[bytes], bytes]
) -> None:
    pack = write(tmp_path)
    load_pack(pack)
    (kept,) = (cache_home / "warmcheck" / "packs").iterdir()
    kept.write_bytes(damage(kept.read_bytes()))
    assert [r.message for r in load_pack(pack)] == ["Shouting"]
    assert pack_cache.lookup(pack.resolve(), pack.read_text(encoding="utf-8")) is not None


def test_a_cache_file_others_could_have_written_is_not_read(tmp_path: Path, cache_home: Path) -> None:
    pack = write(tmp_path)
    load_pack(pack)
    (kept,) = (cache_home / "warmcheck" / "packs").iterdir()
    kept.chmod(0o666)
    assert pack_cache.lookup(pack.resolve(), pack.read_text(encoding="utf-8")) is None
    assert [r.message for r in load_pack(pack)] == ["Shouting"]


def test_a_cache_folder_that_cannot_be_made_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    pack = write(tmp_path)
    assert [r.message for r in load_pack(pack)] == ["Shouting"]
    assert [r.message for r in load_pack(pack)] == ["Shouting"]


def test_a_bad_pack_is_refused_every_time_never_cached(tmp_path: Path, cache_home: Path) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text(PACK.format(message="Shouting").replace("points: 7", "points: 700"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PackError, match="points must be a whole number"):
            load_pack(pack)
    assert not (cache_home / "warmcheck" / "packs").exists()


def test_the_shipped_packs_patterns_stay_trusted_when_read_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    packs = shipped_packs()
    for pack in packs:
        load_pack(pack)
    monkeypatch.setattr(options, "_SHIPPED", set())
    no_parsing(monkeypatch)
    rules = [rule for pack in packs for rule in load_pack(pack)]
    regexes = [r.options["regex"] for r in rules if r.type == "regex"]
    assert regexes and all(pattern in options._SHIPPED for pattern in regexes)


def test_only_the_newest_files_are_kept(tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pack_cache, "MAX_FILES", 2)
    for name in ("one.yaml", "two.yaml", "three.yaml"):
        load_pack(write(tmp_path, name=name))
    assert len(list((cache_home / "warmcheck" / "packs").iterdir())) == 2


def test_the_command_sees_an_edited_pack_on_the_next_run(tmp_path: Path, cache_home: Path) -> None:
    write(tmp_path)
    (tmp_path / "warmcheck.toml").write_text('packs = ["pack.yaml"]\nselect = ["BL901"]\n', encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Ana,\n\nThe slides are attached!!!\n\nBest,\nLea\n", encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}

    def run() -> str:
        command = [WARMCHECK, "--model", "light", str(draft)]
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
        assert done.returncode in (0, 1), done.stderr
        return done.stdout

    assert "BL901 test-shout Shouting" in run()
    assert "BL901 test-shout Shouting" in run()
    write(tmp_path, "Too many exclamation marks")
    assert "BL901 test-shout Too many exclamation marks" in run()
