"""Rebuild the modern-outreach development set from pinned commits of public repositories.

    python bench/outreach/build.py --mirrors /work/.mirror --out /work/outreach-dev/texts

Every item of ``sources.json`` names a repository, a commit, a file and how the
mail is cut out of it (a line range, maybe narrowed by markers, and a few
mechanical steps: markdown quote marks and emphasis removed, indentation
removed, only the quoted lines of a mail quoted line by line kept, a JSON
string's escapes read, a Scala string's margin removed, a commentator's footnote marks removed). The text is written to ``OUT/<id>.txt`` (``.html`` for items read as
HTML, ``.eml`` for whole mail files, read as mail as warmcheck reads a
``.eml``) and checked against the SHA-256 recorded for it; a mismatch is an error.
Nothing of the texts is kept in this repository: they belong to their authors
(see each source's licence). ``labels.csv`` says how each author labelled each
item. A mirror is a bare git repository, found as ``MIRRORS/owner+name/repo``,
``MIRRORS/owner+name`` or ``MIRRORS/owner/name`` (the search tool's ``fetch``
leaves them as the first); clone the others with ``git clone --bare``.

``--pin`` records the hashes of what was cut (for whoever adds items).
Same mirrors, same output: the build is deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources.json"

_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*\\])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")


def _unquote(text: str) -> str:
    """Markdown block quote marks ("> ") removed from each line."""
    return _QUOTE.sub("", text)


def _unemphasis(text: str) -> str:
    """Markdown emphasis and strong marks (``_x_``, ``*x*``, ``**x**``) and
    backslash escapes removed; the words stay."""
    text = _ESCAPE.sub(r"\1", text)
    for _ in range(3):  # nested marks ("**_x_**")
        text = _STRONG.sub(r"\2", text)
        text = _EMPHASIS.sub(r"\2", text)
    return re.sub(r"(?m)^([ \t]*)[*_]{1,3}(?=[ \t]*$)", r"\1", text)  # a lone mark left on a line


def _quoted_only(text: str) -> str:
    """Only the block-quoted lines, as paragraphs: a mail the author quotes
    line by line with comments between."""
    kept = [_QUOTE.sub("", line) for line in text.split("\n") if re.match(r"[ \t]*>", line)]
    return "\n\n".join(line.strip() for line in kept if line.strip() and not line.lstrip().startswith("{%"))


def _dequote(text: str) -> str:
    """The quotation marks around a mail quoted in running text removed: one
    opening a line, one closing a line."""
    text = re.sub(r'(?m)^([ \t]*)(?:["“]|«[ \u00a0]?)', r"\1", text)
    return re.sub(r'(?m)(?:["”]|[ \u00a0]?»)([ \t]*)$', r"\1", text)


def _unescape_json(text: str) -> str:
    """A mail kept as a JSON (or JavaScript) string: its escapes (``\\"``,
    ``\\n``, ``\\u00e9``) read back into the characters they stand for."""
    return str(json.loads(f'"{text}"'))


def _unfootnote(text: str) -> str:
    """The footnote marks a commentator put into a quoted mail
    (``<sup>[[3]](#3)</sup>``) removed; the mail's own words stay."""
    return re.sub(r"<sup>.*?</sup>", "", text)


def _strip_margin(text: str) -> str:
    """A mail kept as a Scala ``stripMargin`` string: each line's indentation
    up to and including its ``|`` removed."""
    return re.sub(r"(?m)^[ \t]*\|", "", text)


def _rstrip(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n"))


STEPS: dict[str, Callable[[str], str]] = {
    "unquote": _unquote,
    "unemphasis": _unemphasis,
    "dedent": textwrap.dedent,
    "dequote": _dequote,
    "quoted-only": _quoted_only,
    "rstrip": _rstrip,
    "unfootnote": _unfootnote,
    "unescape-json": _unescape_json,
    "strip-margin": _strip_margin,
}


def cut(text: str, item: dict[str, Any]) -> str:
    """The item's mail out of the file's text."""
    lines = text.split("\n")
    first, last = item["lines"]
    if not 1 <= first <= last <= len(lines):
        raise ValueError(f"lines {first}-{last} outside the file ({len(lines)} lines)")
    piece = lines[first - 1 : last]
    if "after" in item:  # the mail starts after this marker on its first line
        head = piece[0]
        if item["after"] not in head:
            raise ValueError(f"marker {item['after']!r} not on line {first}")
        piece[0] = head[head.index(item["after"]) + len(item["after"]) :]
    if "before" in item:  # and ends before this one on its last line
        tail = piece[-1]
        if item["before"] not in tail:
            raise ValueError(f"marker {item['before']!r} not on line {last}")
        piece[-1] = tail[: tail.rindex(item["before"])]
    out = "\n".join(piece)
    for step in item.get("steps", []):
        out = STEPS[step](out)
    return out.strip("\n") + "\n"


def mirror(root: Path, repo: str) -> Path:
    owner, name = repo.split("/")
    for candidate in (root / f"{owner}+{name}" / "repo", root / f"{owner}+{name}", root / owner / name):
        if (candidate / "HEAD").is_file():
            return candidate
        if (candidate / ".git").is_dir():  # a clone with a work tree
            return candidate / ".git"
    raise FileNotFoundError(f"no mirror of {repo} under {root} (git clone --bare https://github.com/{repo})")


def show(git_dir: Path, commit: str, path: str) -> str:
    result = subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{commit}:{path}"], capture_output=True, check=False
    )
    if result.returncode:
        raise FileNotFoundError(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout.decode("utf-8")


def build(spec: dict[str, Any], mirrors: Path, out: Path | None, pin: bool) -> list[str]:
    """Cut every item; write it when ``out`` is given. Returns the problems found."""
    problems: list[str] = []
    cache: dict[tuple[str, str, str], str] = {}
    seen: set[str] = set()
    for item in spec["items"]:
        if item["id"] in seen:  # its text would overwrite the other's
            problems.append(f"{item['id']}: two items have this id")
            continue
        seen.add(item["id"])
        source = spec["sources"][item["source"]]
        commit = item.get("commit", source["commit"])
        key = (source["repo"], commit, item["path"])
        try:
            if key not in cache:
                cache[key] = show(mirror(mirrors, source["repo"]), commit, item["path"])
            text = cut(cache[key], item)
        except (OSError, ValueError) as exc:
            problems.append(f"{item['id']}: {source['repo']}@{commit[:10]}:{item['path']}: {exc}")
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if pin:
            item["sha256"] = digest
        elif digest != item.get("sha256"):
            problems.append(f"{item['id']}: the text cut is not the one recorded (sha256 {digest[:12]}...)")
            continue
        if out is not None:
            suffix = {"html": ".html", "eml": ".eml"}.get(item.get("format", ""), ".txt")
            (out / f"{item['id']}{suffix}").write_text(text, encoding="utf-8")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"), help="folder of bare git mirrors")
    parser.add_argument("--out", type=Path, help="write the texts here (outside the repository)")
    parser.add_argument("--pin", action="store_true", help="record the hashes of the texts cut (for new items)")
    args = parser.parse_args(argv)
    spec = json.loads(SOURCES.read_text(encoding="utf-8"))
    if args.out is not None:
        if HERE.parents[1] in [args.out.resolve(), *args.out.resolve().parents]:
            print("build: write the texts outside the repository", file=sys.stderr)
            return 2
        args.out.mkdir(parents=True, exist_ok=True)
    problems = build(spec, args.mirrors, args.out, args.pin)
    for problem in problems:
        print(f"build: {problem}", file=sys.stderr)
    if args.pin and not problems:
        SOURCES.write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    count = len(spec["items"]) - len(problems)
    print(f"{count} of {len(spec['items'])} items {'pinned' if args.pin else 'verified'}"
          + (f", written to {args.out}" if args.out else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
