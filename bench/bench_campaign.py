"""Campaign budget (issue 6): render + lint + sameness, copies per second and
peak memory, on the light engine.

    python bench/bench_campaign.py [--recipients 10000] [--runs 1]

Makes a ~150-word template (a name, a company and a per-person note) and a
CSV of N invented recipients in a temporary folder, then runs the whole
campaign (``Campaign.run()``, streamed, as the CLI does) in a fresh process
at N/10 and N recipients. Peak memory is the max RSS of the checking process
and, separately, of the render worker: both should be flat in N. Budget:
at least 200 copies/s; memory flat. Not part of the test run.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

TEMPLATE = """Subject: The checklist from {{ event }}

Hi {{ first_name }},

{{ note }}

I promised to send the checklist we use before every launch at {{ company }}'s
size, so here it is: one page, split into the week before, the day itself and
the week after. The part people tell me helps most is the short list of
questions to ask support on launch morning. If any of it does not fit how
your team works, cross it out; it is meant to be edited.

How is the planning going on your side? If a second pair of eyes on the plan
would help, I am happy to read it this week.

Best,
Sam
"""

WORDS = (
    "launch team onboarding garden bakery pallet tracker rota hospital designer roastery grinder panel talk "
    "meetup workshop dinner question idea week volunteers drivers dock suppliers pilot notes article"
).split()
EVENTS = ["the Lisbon meetup", "the logistics panel", "Thursday's dinner", "the design workshop"]


def make_files(folder: Path, n: int, seed: int = 7) -> tuple[Path, Path]:
    rng = random.Random(seed)
    template = folder / "launch.j2"
    template.write_text(TEMPLATE, encoding="utf-8")
    people = folder / f"people-{n}.csv"
    with people.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["email", "first_name", "company", "event", "note"])
        for i in range(n):
            note = " ".join(rng.choice(WORDS) for _ in range(30)).capitalize() + "."
            writer.writerow([f"reader{i}@example.org", f"Reader{i}", f"Company {i % 97}", rng.choice(EVENTS), note])
    return template, people


CHILD = r"""
import json, resource, sys, time
import warmcheck
from pathlib import Path
from warmcheck.campaign import Campaign

template, people = Path(sys.argv[1]), Path(sys.argv[2])
linter = warmcheck.Linter(warmcheck.Config(model="light"))
linter.engine  # the engine loads once per process; not part of the campaign's throughput
start = time.perf_counter()
run = Campaign(template, people, linter=linter)
# The render worker's own peak, read just before it is closed (Linux).
from warmcheck import campaign as _campaign
worker_peak = [0.0]
_close = _campaign._Renderer.close
def _close_and_measure(self):
    try:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        worker_peak[0] = int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        pass
    _close(self)
_campaign._Renderer.close = _close_and_measure
copies = sum(1 for _ in run.run())
elapsed = time.perf_counter() - start

# Baseline: the linter alone on the same copies, rendered in-process without
# the sandbox, to show what the campaign adds to linting.
from jinja2 import Template
from warmcheck.campaign import read_recipients
plain = Template(template.read_text())
start = time.perf_counter()
linted = sum(1 for _ in linter.check_many(plain.render(**row) for row in read_recipients(people)))
lint_only = linted / (time.perf_counter() - start)
print(json.dumps({
    "lint_only_per_s": lint_only,
    "copies": copies,
    "seconds": elapsed,
    "copies_per_s": copies / elapsed,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker_peak_mb": worker_peak[0],
    "median_sameness": run.summary.sameness["median"],
    "blast": run.summary.sameness["blast"],
    "verdicts": run.summary.verdicts,
}))
"""


def measure(template: Path, people: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(template), str(people)], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    result: dict[str, object] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recipients", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.recipients // 10, args.recipients):
            template, people = make_files(Path(tmp), n)
            r = measure(template, people)
            print(
                f"{n:>6} recipients: {r['copies_per_s']:.0f} copies/s ({r['seconds']:.1f} s; the linter alone on "
                f"the same copies: {r['lint_only_per_s']:.0f}/s), "
                f"peak {r['peak_mb']:.0f} MB (render worker {r['worker_peak_mb']:.0f} MB), "
                f"median sameness {r['median_sameness']}, blast {r['blast']}, verdicts {r['verdicts']}"
            )


if __name__ == "__main__":
    main()
