"""``--format html``: one self-contained page a writer would rather look at
than read: each draft shown as written, every finding's words highlighted
in its family's colour, the four scores and the verdict at the top of each
draft, and beside the text a note per finding (rule, points, message, why,
what to do instead). Hovering a highlight lights up its note, and the other
way round; each highlight also carries its note as a tooltip.

The page loads nothing: styles and the small script are inline, and its
Content-Security-Policy forbids every other source. Each highlighted piece
of a finding is a ``<mark>`` with ``data-rule="CODE"`` and
``data-finding="ID"`` (a finding that crosses a line, or overlaps another,
is marked piece by piece; a finding with no width is a pin).

Jinja2 renders the page (``templates/report.html.j2``, autoescaped); it is
imported when a page is made, never by ``import warmcheck``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core import FAMILIES, SCORES, Finding, Report, Rule

#: Family -> (label, strong colour, light colour).
PALETTE = {
    "SF": ("reader focus", "#d9480f", "rgba(253, 126, 20, 0.28)"),
    "BL": ("one-to-one", "#c92a2a", "rgba(250, 82, 82, 0.25)"),
    "PR": ("personal reference", "#6741d9", "rgba(132, 94, 247, 0.25)"),
    "SH": ("shape", "#0b7285", "rgba(21, 170, 191, 0.25)"),
    "NL": ("newsletter", "#2b8a3e", "rgba(64, 192, 87, 0.25)"),
    "WC": ("warmcheck itself", "#495057", "rgba(134, 142, 150, 0.25)"),
}
_OTHER = ("other", "#862e9c", "rgba(190, 75, 219, 0.25)")
SCORE_LABELS = {"warmth": "warmth", "reader_focus": "reader focus", "one_to_one": "one-to-one",
                "personal_reference": "personal reference"}  # fmt: skip


@dataclass
class _Note:
    id: str
    finding: Finding
    why: str
    family_label: str
    where: str


@dataclass
class _Draft:
    id: str
    report: Report
    notes: list[_Note] = field(default_factory=list)
    headers: list[Any] = field(default_factory=list)
    lines: list[tuple[int, Any]] = field(default_factory=list)


def _family(code: str) -> tuple[str, str, str]:
    return PALETTE.get(code, _OTHER)


def _marked(text: str, spans: list[tuple[int, int, _Note]]) -> Any:
    """``text`` as HTML, each span ``(start, end, note)`` inside a ``<mark>``;
    overlapping spans nest, piece by piece; an empty span is a pin."""
    from markupsafe import Markup, escape

    size = len(text)
    spans = [(max(0, min(a, size)), max(0, min(b, size)), note) for a, b, note in spans]
    points = sorted({0, size, *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    out: list[str] = []
    for i, a in enumerate(points):
        out.extend(_open(note, pin=True) + "</mark>" for start, end, note in spans if start == end == a)
        if i + 1 == len(points):
            break
        b = points[i + 1]
        covering = sorted((s for s in spans if s[0] <= a and b <= s[1] and s[0] < s[1]), key=lambda s: (s[0], -s[1], s[2].id))
        out.append("".join(_open(n) for _, _, n in covering) + str(escape(text[a:b])) + "</mark>" * len(covering))
    return Markup("".join(out))


def _subject_line(report: Report) -> int | None:
    """Where the subject stands in the text, when a plain draft gives it on
    a ``Subject:`` line of its own at the top: its findings are marked there."""
    from .. import vocabulary

    if report.subject is None:
        return None
    offset = 0
    for line in report.text.split("\n"):
        if not line.strip():
            return None
        match = vocabulary.PLAIN_SUBJECT_LINE.match(line.rstrip("\r"))
        if match and match.group(1) == report.subject:
            return offset + match.start(1)
        offset += len(line) + 1
    return None


#: A finding over more characters than this is underlined, not filled: the
#: phrases inside it stay readable.
WIDE = 60


def _open(note: _Note, pin: bool = False) -> str:
    from markupsafe import escape

    f = note.finding
    wide = " wide" if f.end - f.start > WIDE and f.line else ""
    tip = f"{f.rule} {f.name}: {f.message}" + (f" [-{f.points}]" if f.points else "") + f"\nInstead: {f.suggestion}"
    return (
        f'<mark class="f fam-{escape(f.family)} sev-{escape(f.severity)}{" pin" if pin else ""}{wide}" '
        f'data-rule="{escape(f.rule)}" data-finding="{note.id}" aria-describedby="{note.id}" title="{escape(tip)}">'
    )


def _draft_view(number: int, report: Report, why: dict[str, str]) -> _Draft:
    from markupsafe import Markup, escape

    view = _Draft(f"d{number}", report)
    in_text: list[tuple[int, int, _Note]] = []
    in_subject: list[tuple[int, int, _Note]] = []
    subject_at = _subject_line(report)
    for k, f in enumerate(report.findings, start=1):
        label = _family(f.family)[0] if f.family in PALETTE else FAMILIES.get(f.family, f.family)
        note = _Note(f"{view.id}-f{k}", f, why.get(f.rule, ""), label, f"{f.line}:{f.column}")
        view.notes.append(note)
        if f.line == 0 and f.scope == "subject" and subject_at is not None:
            in_text.append((subject_at + f.start, subject_at + f.end, note))
        elif f.line == 0 and f.scope == "subject":
            in_subject.append((f.start, f.end, note))
        elif f.line == 0:
            # A header's directive: its own header line, marked whole.
            view.headers.append(Markup(_open(note)) + escape(f.text or f.rule) + Markup("</mark>"))
        else:
            in_text.append((f.start, f.end, note))
    if report.subject is not None and subject_at is None:
        view.headers.insert(0, Markup("Subject: ") + _marked(report.subject, in_subject))
    text = report.text
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    if text.endswith("\n"):
        starts.pop()
    for n, start in enumerate(starts, start=1):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        spans = [(max(a, start) - start, min(b, end) - start, note) for a, b, note in in_text
                 if (a < end and b > start) or (a == b and start <= a <= end)]  # fmt: skip
        view.lines.append((n, _marked(text[start:end].rstrip("\r"), spans)))
    return view


def render(reports: Iterable[Report], rules: Sequence[Rule] | None = None, **_: Any) -> str:
    """The page for ``reports``. ``rules``: the rules that ran, for each
    finding's why (by default the shipped ones)."""
    import jinja2

    from . import version

    if rules is None:
        from ..engine.linter import all_rules

        rules = all_rules()
    why = {r.code: " ".join(r.why.split()) for r in rules}
    reports = list(reports)
    drafts = [_draft_view(n, r, why) for n, r in enumerate(reports, start=1)]
    checked = [r for r in reports if r.error is None]
    tally = {v: sum(1 for r in checked if r.verdict == v) for v in ("pass", "warn", "fail")}
    used = sorted({f.family for r in reports for f in r.findings}, key=lambda c: list(PALETTE).index(c) if c in PALETTE else 99)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("warmcheck.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("report.html.j2")
    return template.render(
        drafts=drafts,
        tally=tally,
        unreadable=len(reports) - len(checked),
        findings=sum(len(r.findings) for r in reports),
        palette=PALETTE,
        families=[(code, *_family(code)) for code in used],
        scores=SCORES,
        score_labels=SCORE_LABELS,
        version=version(),
    )
