"""The picture of the HTML report in the README (docs/report.png): the
report of two examples, rendered by headless chromium.

    python bench/report_screenshot.py     # needs Debian's chromium

Run it again when the page's look changes; the tests check the page itself
in the browser (tests/test_report_html.py), not this picture.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "report.png"
EXAMPLES = ("examples/blast.txt", "examples/reply.eml")


def main() -> int:
    from warmcheck import Config, Linter
    from warmcheck.report import FORMATS

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    linter = Linter(Config(model="light"))
    reports = [linter.check(ROOT / name, source=name) for name in EXAMPLES]
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(FORMATS["html"](reports, rules=linter.rules), encoding="utf-8")
        OUT.parent.mkdir(exist_ok=True)
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp}/profile",
             "--hide-scrollbars", "--window-size=1200,1000", f"--screenshot={OUT}", page.as_uri()],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
