"""git send-email's sendemail-validate hook, installed by `warmcheck
install-hook git`, run by a real `git send-email` against a local SMTP server.

What is checked: a cover letter ([PATCH 0/N]) or a mail without a diff, up to
the shortlog; patches are not (a commit message is not a cold email)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from test_hooks_support import (  # noqa: F401 - smtp_server is a fixture
    TIMEOUT,
    WARMCHECK,
    Server,
    env_with_bin,
    needs,
    needs_git_send_email,
    smtp_server,
)
from warmcheck import hooks
from warmcheck.hooks import EX_DATAERR, EX_TEMPFAIL

WARM_BLURB = (
    "Hi Junio,\n\n"
    "You mentioned on the list last week that the widget parser drops the last\n"
    "token when a line ends in a comment. These two patches fix that and add the\n"
    "case you described as a test. Would you rather have the cache change in a\n"
    "separate series?\n\n"
    "Thanks,\nSam\n"
)
BLAST_BLURB = (
    "Dear Sir or Madam,\n\n"
    "We are the leading provider of widget solutions and our award-winning team\n"
    "is trusted by hundreds of clients. Act now: this is a limited time offer!!!\n\n"
    "The {{ company }} Team\n"
)
#: A commit message in the first person with no greeting: normal for a patch.
COMMIT = "Fix the widget parser\n\nWe were dropping the last token; I changed the loop bound and we now\nkeep it. Our tests cover it.\n"


def git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT, stdin=subprocess.DEVNULL)  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A repository with two commits, no user or system git configuration."""
    needs("git")
    home = tmp_path / "home"
    home.mkdir()
    env = env_with_bin(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), GIT_CONFIG_NOSYSTEM="1",
                       GIT_AUTHOR_DATE="2025-11-22T09:00:00Z", GIT_COMMITTER_DATE="2025-11-22T09:00:00Z")  # fmt: skip
    path = tmp_path / "repo"
    path.mkdir()
    for args in (("init", "-q"), ("config", "user.name", "Sam Reyes"), ("config", "user.email", "sam@example.org")):
        assert git(path, *args, env=env).returncode == 0
    (path / "widget.c").write_text("int parse(void);\n", encoding="utf-8")
    git(path, "add", "widget.c", env=env)
    git(path, "commit", "-q", "-m", "Add the widget parser", env=env)
    for n, message in enumerate((COMMIT, "Speed up the widget cache\n")):
        with (path / "widget.c").open("a", encoding="utf-8") as fh:
            fh.write(f"int step{n}(void);\n")
        assert git(path, "commit", "-q", "-a", "-m", message, env=env).returncode == 0
    return path, env


def format_patches(repo: Path, env: dict[str, str], blurb: str | None) -> list[Path]:
    """``git format-patch`` of the two commits, with a cover letter when a blurb is given."""
    out = repo / "out"
    args = ["format-patch", "-q", "-2", "-o", str(out)] + (["--cover-letter"] if blurb is not None else [])
    assert git(repo, *args, env=env).returncode == 0
    if blurb is not None:
        cover = out / "0000-cover-letter.patch"
        text = cover.read_text(encoding="utf-8")
        text = text.replace("*** SUBJECT HERE ***", "Widget parser: keep the last token")
        cover.write_text(text.replace("*** BLURB HERE ***\n", blurb), encoding="utf-8")
    return sorted(out.glob("*.patch"))


def send_email(repo: Path, env: dict[str, str], server: Server, patches: list[Path]) -> subprocess.CompletedProcess[str]:
    needs_git_send_email()
    return git(repo, "send-email", "--to=git@vger.example.org", "--from=Sam Reyes <sam@example.org>",
               f"--smtp-server={server.host}", f"--smtp-server-port={server.port}", "--confirm=never",
               "--suppress-cc=all", "--8bit-encoding=UTF-8", *map(str, patches), env=env)  # fmt: skip


def install(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(WARMCHECK), "install-hook", "git", "--repo", str(repo), *args], env=env,
                          capture_output=True, text=True, timeout=TIMEOUT)  # fmt: skip


def test_a_warm_cover_letter_and_its_patches_go_out(repo: tuple[Path, dict[str, str]], smtp_server: Server) -> None:
    path, env = repo
    assert install(path, env).returncode == 0
    patches = format_patches(path, env, WARM_BLURB)
    done = send_email(path, env, smtp_server, patches)
    assert done.returncode == 0, done.stderr
    assert len(smtp_server.received) == 3
    assert b"You mentioned on the list" in smtp_server.received[0]


def test_a_blast_cover_letter_is_refused_and_nothing_is_sent(
    repo: tuple[Path, dict[str, str]], smtp_server: Server
) -> None:
    path, env = repo
    assert install(path, env).returncode == 0
    done = send_email(path, env, smtp_server, format_patches(path, env, BLAST_BLURB))
    assert done.returncode != 0
    assert "BL002 unfilled-merge-tag" in done.stderr and "rejected by sendemail-validate hook" in done.stderr
    assert smtp_server.received == []


def test_patches_without_a_cover_letter_are_not_judged_as_cold_mail(
    repo: tuple[Path, dict[str, str]], smtp_server: Server
) -> None:
    path, env = repo
    assert install(path, env).returncode == 0
    done = send_email(path, env, smtp_server, format_patches(path, env, None))
    assert done.returncode == 0, done.stderr
    assert len(smtp_server.received) == 2


def test_warmcheck_skip_sends_a_series_the_writer_judged_themselves(
    repo: tuple[Path, dict[str, str]], smtp_server: Server
) -> None:
    path, env = repo
    assert install(path, env).returncode == 0
    patches = format_patches(path, env, BLAST_BLURB)
    done = send_email(path, {**env, "WARMCHECK_SKIP": "1"}, smtp_server, patches)
    assert done.returncode == 0, done.stderr
    assert len(smtp_server.received) == 3


def test_the_installer_refuses_to_overwrite_a_hook_without_force(repo: tuple[Path, dict[str, str]]) -> None:
    path, env = repo
    hook = path / ".git" / "hooks" / "sendemail-validate"
    hook.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    done = install(path, env)
    assert done.returncode == 2 and "--force" in done.stderr and "Traceback" not in done.stderr
    assert hook.read_text(encoding="utf-8") == "#!/bin/sh\nexit 0\n"
    assert install(path, env, "--force").returncode == 0
    assert "sendemail-validate" in hook.read_text(encoding="utf-8") and hook.stat().st_mode & 0o111


def test_the_installer_never_writes_through_a_symlinked_hook(repo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """A hook that is a link (to a dotfiles folder, say) is the writer's file:
    without --force it is left alone even when the link dangles, and --force
    replaces the link, not the file it points to."""
    path, env = repo
    hook = path / ".git" / "hooks" / "sendemail-validate"
    hook.parent.mkdir(parents=True, exist_ok=True)
    shared = tmp_path / "dotfiles-hook"
    hook.symlink_to(shared)  # dangling
    assert install(path, env).returncode == 2 and not shared.exists()
    shared.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    assert install(path, env, "--force").returncode == 0
    assert shared.read_text(encoding="utf-8") == "#!/bin/sh\nexit 0\n"
    assert not hook.is_symlink() and "sendemail-validate" in hook.read_text(encoding="utf-8")


def test_the_installer_follows_core_hooks_path(repo: tuple[Path, dict[str, str]]) -> None:
    path, env = repo
    git(path, "config", "core.hooksPath", "githooks", env=env)
    done = install(path, env)
    assert done.returncode == 0, done.stderr
    assert (path / "githooks" / "sendemail-validate").is_file()


def test_the_installer_outside_a_repository_is_one_line_exit_2(tmp_path: Path) -> None:
    needs("git")
    env = env_with_bin(GIT_CEILING_DIRECTORIES=str(tmp_path.parent))
    done = install(tmp_path, env)
    assert done.returncode == 2 and "not a git repository" in done.stderr and len(done.stderr.splitlines()) == 1


# What the hook reads, without git ----------------------------------------------------

COVER = (
    "From 0c1aae27ba1fd926aeaebd3c63be472930da9653 Mon Sep 17 00:00:00 2001\n"
    "From: Sam Reyes <sam@example.org>\nSubject: [PATCH v2 00/12] Widget parser\n\n"
    "Hi Junio,\n\nThe blurb.\n\nSam Reyes (2):\n  Fix the widget parser\n\n"
    " widget.c | 2 ++\n 1 file changed\n\nRange-diff against v1:\n-:  ------- > 1:  abc Fix\n"
    "diff --git a/x b/x\n-- \n2.39.5\n"
)
PATCH = (
    "From 1111 Mon Sep 17 00:00:00 2001\nFrom: Sam <sam@example.org>\nSubject: [PATCH 1/2] Fix it\n\n"
    "I changed the loop.\n---\n widget.c | 1 +\n\ndiff --git a/widget.c b/widget.c\n--- a/widget.c\n+++ b/widget.c\n"
)


def test_a_cover_letter_is_read_up_to_the_shortlog() -> None:
    mail = hooks.read_patch_mail(COVER.encode())
    assert not mail.is_patch and mail.subject == "[PATCH v2 00/12] Widget parser"
    assert mail.text == "Hi Junio,\n\nThe blurb.\n\n"


def test_a_mail_with_a_diff_is_a_patch_and_passes_unread(tmp_path: Path) -> None:
    assert hooks.read_patch_mail(PATCH.encode()).is_patch
    patch = tmp_path / "0001-fix.patch"
    patch.write_text(PATCH.replace("I changed", "Dear Sir or Madam, {{ name }}, I changed"), encoding="utf-8")
    assert hooks.sendemail_validate(patch, environ={}) == 0


def test_the_subject_is_checked_without_gits_patch_tag(tmp_path: Path) -> None:
    cover = tmp_path / "0000-cover-letter.patch"
    cover.write_text(COVER.replace("Widget parser", "AMAZING FIXES, ACT NOW"), encoding="utf-8")
    err = io.StringIO()
    hooks.sendemail_validate(cover, profile="cold", threshold=100, stderr=err, environ={})
    assert "SH007" in err.getvalue() and "| AMAZING FIXES, ACT NOW\n" in err.getvalue()


def test_a_cover_letter_sent_unedited_is_refused(tmp_path: Path) -> None:
    cover = tmp_path / "0000-cover-letter.patch"
    unedited = COVER.replace("Widget parser", "*** SUBJECT HERE ***").replace("Hi Junio,\n\nThe blurb.", "*** BLURB HERE ***")
    cover.write_text(unedited, encoding="utf-8")
    err = io.StringIO()
    assert hooks.sendemail_validate(cover, stderr=err, environ={}) == EX_DATAERR
    assert "BL020 merge-tag-in-subject" in err.getvalue() and "BL002 unfilled-merge-tag" in err.getvalue()


def test_a_note_without_a_diff_is_checked(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Subject: Hello\n\nDear Sir or Madam,\n\nHi {{ first_name }}, act now!!!\n", encoding="utf-8")
    assert hooks.sendemail_validate(note, environ={}) == EX_DATAERR


def test_an_unreadable_patch_file_is_75_and_fail_open_lets_it_through(tmp_path: Path) -> None:
    missing = tmp_path / "gone.patch"
    assert hooks.sendemail_validate(missing, environ={}) == EX_TEMPFAIL
    assert hooks.sendemail_validate(missing, fail_open=True, environ={}) == 0
