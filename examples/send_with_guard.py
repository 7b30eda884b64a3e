"""Send a follow-up with smtplib, stopped by warmcheck.guard if it reads cold.

    python examples/send_with_guard.py --host 127.0.0.1 --port 8025
    python examples/send_with_guard.py --host 127.0.0.1 --port 8025 --body examples/blast.txt

Exit status: 0 sent; 1 stopped by warmcheck (the findings are printed, nothing
is sent); 2 the mail server refused or could not be reached.
"""

from __future__ import annotations

import argparse
import smtplib
import sys
from email.message import EmailMessage
from pathlib import Path

import warmcheck

NOTE = """\
Hi Priya,

Great to meet you at the product meetup on Thursday. Your point about
shortening onboarding to a single afternoon stuck with me.

You mentioned your team is hiring a second designer. A friend of mine, Tomas,
ran research at a small fintech for three years. Would an introduction be useful?

Best,
Sam
"""


def build(body: str, subject: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Sam Reyes <sam@example.org>"
    msg["To"] = "Priya Nair <priya@example.com>"
    msg["Subject"] = subject
    msg.set_content(body)
    return msg


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=25)
    parser.add_argument("--body", type=Path, help="a file with the body text (default: a warm note)")
    parser.add_argument("--subject", default="Your onboarding talk")
    args = parser.parse_args()
    msg = build(args.body.read_text(encoding="utf-8") if args.body else NOTE, args.subject)

    try:
        report = warmcheck.guard(msg)  # raises ColdDraftError when the draft fails
    except warmcheck.ColdDraftError as exc:
        print(f"not sent: warmth {exc.report.warmth}, {exc.report.verdict}", file=sys.stderr)
        for f in exc.report.findings:
            print(f"  {f.rule} {f.name}: {f.message} -> {f.suggestion}", file=sys.stderr)
        return 1

    try:
        with smtplib.SMTP(args.host, args.port, timeout=30) as smtp:
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        print(f"not sent: {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 2
    print(f"sent: warmth {report.warmth}, {report.verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
