"""``--format html``: one self-contained page, checked as text and then as a
real browser renders it (Debian's chromium, headless): every finding is
marked on the page, visible, in its family's colour, beside its note."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from warmcheck import Config, Linter
from warmcheck.cli import cli
from warmcheck.report import FORMATS
from warmcheck.report.html import PALETTE

LINTER = Linter(Config(model="light"))

PLAIN = (
    "Subject: AMAZING NEWS!!!\n\n"
    "Dear Sir or Madam,\n\n"
    "We are the leading provider of tea!!! Our award-winning team has over 20 years of experience. "
    "Buy now, this is a limited time offer!!!\n"
    "<script>alert('not run')</script> & more\n\n"
    "Best regards,\nThe {{ company }} Team\n"
)
MAIL = (
    b"From: Bo Berg <bo@berg-tea.example>\n"
    b"To: Ana Lopez <ana@rivermaps.example>\n"
    b"Subject: Tea\n"
    b"X-Warmcheck-Disable: PR003\n"
    b"Content-Type: text/plain; charset=utf-8\n"
    b"Content-Transfer-Encoding: quoted-printable\n"
    b"\n"
    b"Dear Sir or Madam,\n\nHow did the caf=C3=A9 tour go!!!\n"
)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list:
    folder = tmp_path_factory.mktemp("drafts")
    (folder / "plain.txt").write_text(PLAIN, encoding="utf-8")
    (folder / "mail.eml").write_bytes(MAIL)
    (folder / "warm.md").write_text("Hi Ana,\n\nHow did the *1909* sheets turn out?\n\nBest,\nBo\n", encoding="utf-8")
    return [LINTER.check(folder / name) for name in ("plain.txt", "mail.eml", "warm.md")]


@pytest.fixture(scope="module")
def page(reports: list) -> str:
    return FORMATS["html"](reports, rules=LINTER.rules)


def marks(page: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', m)) for m in re.findall(r"<mark ([^>]*)>", page)]


def test_the_drafts_give_findings_of_several_families_on_the_subject_and_a_header(reports: list) -> None:
    plain, mail, warm = reports
    assert {f.family for f in plain.findings} >= {"BL", "SF", "SH"}
    assert any(f.line == 0 for f in plain.findings)
    assert [f.text for f in mail.findings if f.rule == "WC001"] == ["X-Warmcheck-Disable: PR003"]
    assert warm.verdict == "pass"


def test_every_finding_has_a_mark_with_its_rule_and_a_note(reports: list, page: str) -> None:
    found = marks(page)
    for d, report in enumerate(reports, start=1):
        for k, f in enumerate(report.findings, start=1):
            ident = f"d{d}-f{k}"
            pieces = [m for m in found if m["data-finding"] == ident]
            assert pieces and all(m["data-rule"] == f.rule for m in pieces), ident
            assert f'<li class="note fam-{f.family} sev-{f.severity}" id="{ident}" data-note="{f.rule}">' in page
    assert {m["data-finding"] for m in found} == {
        f"d{d}-f{k}" for d, r in enumerate(reports, start=1) for k in range(1, len(r.findings) + 1)
    }


def test_the_page_is_self_contained_and_escapes_the_draft(page: str) -> None:
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(?:src|href)\s*=\s*(?!["']?#)""", page), "nothing is loaded from anywhere"
    assert "@import" not in page and "url(" not in page
    assert "&lt;script&gt;alert(&#39;not run&#39;)&lt;/script&gt; &amp; more" in page
    assert "<script>alert" not in page


def test_the_scores_and_verdicts_are_at_the_top_of_each_draft(reports: list, page: str) -> None:
    for d, report in enumerate(reports, start=1):
        section = page.split(f'id="d{d}"', 1)[1].split("</header>", 1)[0]
        for key, value in report.scores.items():
            assert re.search(rf'data-score="{key}"><span class="n">{value}</span>', section), key
        assert f'<span class="badge {report.verdict}">{report.verdict}</span>' in section


def test_the_decoded_mail_text_is_shown(page: str) -> None:
    assert "How did the café tour go" in page


def test_the_cli_writes_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plain.txt").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "warmcheck.toml").write_text('model = "light"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["--format", "html", "plain.txt"])
    assert result.exit_code == 1
    assert result.stdout.startswith("<!doctype html>") and result.stdout.rstrip().endswith("</html>")
    assert 'data-rule="BL001"' in result.stdout


# In a real browser ------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

#: Run in the page after it loads: what the browser made of every mark.
PROBE = """
<script>
(function () {
  var out = [];
  document.querySelectorAll("mark[data-rule]").forEach(function (m) {
    var r = m.getBoundingClientRect(), s = getComputedStyle(m);
    var colour = m.classList.contains("pin") ? s.borderLeftColor : s.borderBottomColor;
    out.push({finding: m.dataset.finding, rule: m.dataset.rule, w: r.width, h: r.height,
              visible: s.visibility === "visible" && s.display !== "none", colour: colour,
              note: !!document.getElementById(m.dataset.finding)});
  });
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it as root)")
def test_a_real_browser_marks_every_finding_visibly_in_its_familys_colour(
    reports: list, page: str, tmp_path: Path
) -> None:
    probed = tmp_path / "report.html"
    probed.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--window-size=1280,2000", "--dump-dom", probed.as_uri()],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    match = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.DOTALL)
    assert match, done.stderr[-2000:]
    seen = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    by_finding: dict[str, list[dict]] = {}
    for item in seen:
        by_finding.setdefault(item["finding"], []).append(item)
    for d, report in enumerate(reports, start=1):
        for k, f in enumerate(report.findings, start=1):
            pieces = by_finding.get(f"d{d}-f{k}")
            assert pieces, f"{f.rule} of draft {d} is not on the rendered page"
            assert any(p["visible"] and p["w"] > 0 and p["h"] > 0 for p in pieces), (f.rule, pieces)
            assert all(p["note"] for p in pieces)
            assert {p["colour"] for p in pieces} == {_rgb(PALETTE[f.family][1])}, f.rule
    assert len(seen) >= sum(len(r.findings) for r in reports)
