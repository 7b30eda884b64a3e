"""The ``warmcheck`` command: a thin face over the library.

Exit status: 0 no draft fails; 1 a draft fails (or scores under
``--fail-under``); 2 a usage error or an input that cannot be read, with one
line on standard error and never a traceback.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from . import __version__
from . import config as configs
from . import message as messages
from .cli_ledger import ledger_choice as _ledger_choice
from .cli_ledger import ledger_group
from .config import Config, ConfigError
from .core import FAMILIES, PROFILES, SEVERITIES, Report, Rule
from .engine.linter import Linter, all_rules, select_rules
from .engine.loader import PackError
from .engine.types import shown_message
from .message import Draft, InputError
from .nlp import CHOICES as MODELS
from .nlp import EngineError
from .report import FORMATS
from .report.output import Output, colour_choice

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
#: Errors that are the user's to fix: one line, exit 2.
USER_ERRORS = (ConfigError, PackError, EngineError, InputError)


class _DefaultToCheck(click.Group):
    """``warmcheck draft.txt`` means ``warmcheck check draft.txt``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args.insert(0, "check")
        return super().parse_args(ctx, args)


def fail(message: str) -> None:
    """One line on standard error, exit 2."""
    click.echo(f"warmcheck: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    refs = tuple(r.strip() for v in values for r in v.split(",") if r.strip())
    return refs or None


def _base_config(config_path: Path | None, start: Path) -> Config:
    return configs.load_file(config_path) if config_path else configs.discover(start)


class _Linters:
    """One Linter per configuration file in play, made on first use."""

    def __init__(self, config_path: Path | None, overrides: dict[str, Any]) -> None:
        self.config_path = config_path
        self.overrides = overrides
        self._by_origin: dict[str, Linter] = {}

    def rules(self) -> list[Rule]:
        """Every rule of the linters made so far, once each."""
        return list({r.code: r for linter in self._by_origin.values() for r in linter.rules}.values())

    def for_path(self, path: Path) -> Linter:
        config = _base_config(self.config_path, path).with_overrides(**self.overrides)
        if config.origin not in self._by_origin:
            self._by_origin[config.origin] = Linter(config)
        return self._by_origin[config.origin]


def _as_template(draft: Draft, template: bool) -> Draft:
    """``--template``: read a draft of any suffix as a Jinja2 template."""
    if not template or draft.kind == "template":
        return draft
    return messages.from_template(draft.text, draft.source)


def _drafts(
    paths: tuple[str, ...],
    linters: _Linters,
    errors: list[tuple[str, str]],
    template: bool = False,
    stdin_name: str | None = None,
) -> Iterator[tuple[Linter, Draft]]:
    """Read every input, reporting the unreadable ones and going on (inside a
    folder or an mbox too: one bad draft does not stop the rest)."""

    def unreadable(name: str, exc: InputError) -> None:
        errors.append((name, str(exc)))
        click.echo(f"warmcheck: {name}: {exc}", err=True)

    for raw in paths:
        path = Path(raw)
        linter = linters.for_path((Path(stdin_name) if stdin_name else Path.cwd()) if raw == "-" else path)
        limit = linter.config.max_bytes
        try:
            if raw == "-" and stdin_name:
                yield linter, _as_template(_named_stdin(stdin_name, limit), template)
            elif raw == "-":
                # Streamed: a mail's attachments are never held in memory.
                for draft in messages.read_all(sys.stdin.buffer, name="<stdin>", max_bytes=limit, on_error=unreadable):
                    yield linter, _as_template(draft, template)
            else:
                for draft in messages.read_all(path, max_bytes=limit, on_error=unreadable):
                    yield linter, _as_template(draft, template)
        except InputError as exc:
            name = stdin_name if raw == "-" and stdin_name else raw
            errors.append((name, str(exc)))
            click.echo(f"warmcheck: {name}: {exc}", err=True)


def _named_stdin(name: str, limit: int) -> Draft:
    """``--stdin-filename NAME``: standard input read as a file called NAME
    would be (its kind by the suffix), and reported under that name."""
    from .mail.sources import SUFFIXES

    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"larger than the size limit (max_bytes is {limit:,})")
    kind = SUFFIXES.get(Path(name).suffix.lower())
    if kind is None or kind == "mbox":
        return messages.read(data, name=name, max_bytes=limit)
    return messages.from_bytes(data, name, kind)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="warmcheck")
def cli() -> None:
    """Lint outgoing mail for cold, self-centred, blast-style writing.

    \b
    warmcheck draft.txt            check drafts (also .eml, .html, .md, .j2, -)
    warmcheck rules                list the rules
    warmcheck explain BL001        why a rule exists, with examples
    warmcheck campaign T.j2 --recipients people.csv
    warmcheck sendmail -- /usr/bin/msmtp -t    check, then send
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("--profile", type=click.Choice(PROFILES), help="What the draft is (default: follow-up).")
@click.option("--select", multiple=True, help="Only these rules: codes, names or family prefixes (BL, SF...).")
@click.option("--ignore", multiple=True, help="Leave out these rules: codes, names or family prefixes.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Configuration file to use.")
@click.option("--fail-under", type=click.IntRange(0, 100), help="Exit 1 when a draft's warmth is under N.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when drafts fail (2 still means an error).")
@click.option("-q", "--quiet", is_flag=True, help="Print only the drafts that fail, and no summary line.")
@click.option("--statistics", is_flag=True, help="Print how often each rule fired instead of the findings (text or json).")
@click.option("--min-severity", type=click.Choice(SEVERITIES), help="Show only findings this severe or more (scores and verdicts are unchanged).")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour the text output (auto: on a terminal, off under NO_COLOR, on under FORCE_COLOR).")
@click.option("--stdin-filename", metavar="NAME", help="Read standard input (-) as a file called NAME: its kind by suffix, reported under NAME.")
@click.option("--ledger", "ledger_path", metavar="PATH", help="Read this follow-up ledger: a file, or a postgresql:// URL.")
@click.option("--no-ledger", is_flag=True, help="Read no follow-up ledger.")
@click.option("--model", type=click.Choice(MODELS), help="NLP engine (default: auto).")
@click.option("--template", is_flag=True, help="Read the drafts as Jinja2 templates (automatic for .j2, .jinja, .jinja2).")
@click.option("--show-text", is_flag=True, help="Print the text the rules read, each line with its scope, and check nothing.")
@click.option("--jobs", type=click.IntRange(1, 64), help="Processes to check in (default: one a CPU, up to 4, for folders, mbox files and many files).")
def check(
    paths: tuple[str, ...],
    fmt: str,
    profile: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
    fail_under: int | None,
    model: str | None,
    template: bool,
    ledger_path: str | None,
    no_ledger: bool,
    exit_zero: bool,
    quiet: bool,
    statistics: bool,
    min_severity: str | None,
    color: str,
    stdin_filename: str | None,
    show_text: bool = False,
    jobs: int | None = None,
) -> None:
    """Check drafts and print a report for each."""
    if config_path is not None and not config_path.is_file():
        fail(f"{config_path}: no such configuration file")
    if statistics and fmt not in ("text", "json"):
        fail(f"--statistics prints text or json, not {fmt}")
    if stdin_filename is not None and "-" not in paths:
        fail("--stdin-filename names standard input: give - as the input")
    linters = _Linters(config_path, {"select": _split(select), "ignore": _split(ignore), "model": model,
                                  "ledger": _ledger_choice(ledger_path, no_ledger)})  # fmt: skip
    if show_text:
        _show_text(paths, linters, template, stdin_filename)
    errors: list[tuple[str, str]] = []
    severity = next((s for s in SEVERITIES if s == min_severity), None)
    output = Output(fmt, quiet=quiet, statistics=statistics, min_severity=severity, colour=colour_choice(color),
                    fail_under=fail_under)  # fmt: skip
    failed = False
    try:
        # Drafts that share a configuration go through one Linter in batches
        # (nlp.pipe), still streamed: a report is printed as soon as it is made.
        for linter, group in itertools.groupby(_drafts(paths, linters, errors, template, stdin_filename), key=lambda pair: pair[0]):
            for report in linter.check_many((draft for _, draft in group), profile=profile, jobs=jobs or _jobs_for(paths)):
                failed |= output.failed(report)
                for name, problem in errors[output.tally.unreadable :]:
                    output.unreadable(name, problem)
                output.add(report)
    except USER_ERRORS as exc:
        output.progress.clear()
        fail(str(exc))
    for name, problem in errors[output.tally.unreadable :]:
        output.unreadable(name, problem)
    output.finish(linters.rules())
    if errors:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FAIL if failed and not exit_zero else EXIT_OK)


def _jobs_for(paths: tuple[str, ...]) -> int:
    """Processes worth starting: several only where there are many drafts
    (a folder, an mbox, standard input, or more than a handful of files)."""
    many = len(paths) > 8 or any(p == "-" or Path(p).is_dir() or Path(p).suffix.lower() == ".mbox" for p in paths)
    if not many:
        return 1
    from .engine.parallel import default_jobs  # multiprocessing: only where it may be used

    return default_jobs()


def _show_text(paths: tuple[str, ...], linters: _Linters, template: bool, stdin_name: str | None = None) -> None:
    """``--show-text``: each draft as the rules read it, scopes marked."""
    from .report.show import render

    errors: list[tuple[str, str]] = []
    try:
        for _, draft in _drafts(paths, linters, errors, template, stdin_name):
            click.echo(render(draft))
    except USER_ERRORS as exc:
        fail(str(exc))
    sys.exit(EXIT_USAGE if errors else EXIT_OK)


def _rules_for(config_path: Path | None) -> list[Any]:
    config = _base_config(config_path, Path.cwd())
    return select_rules(all_rules(config), config)


@cli.command("rules")
@click.option("--config", "config_path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--family",
    type=click.Choice(sorted(FAMILIES), case_sensitive=False),
    help="Only this family.",
)
@click.option("--check-examples", is_flag=True, help="Run every rule's own examples; exit 1 if one goes wrong.")
@click.option("--model", type=click.Choice(MODELS), help="NLP engine for --check-examples (default: auto).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(config_path: Path | None, family: str | None, check_examples: bool, model: str | None, fmt: str = "text") -> None:
    """List every rule: code, name, family, severity, points, message."""
    try:
        rules = _rules_for(config_path)
    except USER_ERRORS as exc:
        fail(str(exc))
    if check_examples:
        _check_examples(config_path, model, [r for r in rules if not family or r.family == family.upper()])
    if fmt == "json":
        from .report.rules import render as render_rules

        click.echo(render_rules([r for r in rules if not family or r.family == family.upper()]), nl=False)
        return
    for rule in sorted(rules, key=lambda r: r.code):
        if family and rule.family != family.upper():
            continue
        click.echo(f"{rule.code}  {rule.name:<28} {rule.family}  {rule.severity:<7} {rule.points:>3}  {shown_message(rule)}")


@cli.command()
@click.argument("rule_ref")
@click.option("--config", "config_path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
def explain(rule_ref: str, config_path: Path | None) -> None:
    """Show why a rule exists, what to do instead, and its examples."""
    try:
        rules = _rules_for(config_path)
    except USER_ERRORS as exc:
        fail(str(exc))
    found = [r for r in rules if r.code == rule_ref.upper() or r.name == rule_ref]
    if not found:
        fail(f"no rule {rule_ref!r}; `warmcheck rules` lists them")
    rule = found[0]
    click.echo(f"{rule.code} {rule.name} ({FAMILIES[rule.family]}, {rule.severity}, {rule.points} points)")
    click.echo(f"\n{shown_message(rule)}\n\nWhy: {rule.why}\n\nInstead: {rule.suggestion}")
    click.echo(f"\nScope: {rule.scope}; type: {rule.type}; profiles: {', '.join(rule.profiles)}")
    settable = {k: v for k, v in rule.options.items() if k != "check"}
    if settable:
        click.echo(f"Options (set in [rules.{rule.code}.options]; lists grow in [rules.{rule.code}.extend]):")
        for key, value in settable.items():
            shown = f"a list of {len(value)}" if isinstance(value, list) and len(value) > 6 else repr(value)
            click.echo(f"    {key} = {shown}")
    for title, examples in (("Flags", rule.fail_examples), ("Passes", rule.pass_examples)):
        click.echo(f"\n{title}:")
        for example in examples:
            shown = example.text.strip()
            shown = shown if len(shown) <= 400 else shown[:400] + " [...]"
            click.echo("    " + shown.replace("\n", "\n    "))
            if example.context:  # what the caller knew: a campaign's facts, the ledger's
                import json

                click.echo(f"    (given: {json.dumps(example.context, ensure_ascii=False)})")


def _check_examples(config_path: Path | None, model: str | None, rules: list[Any]) -> None:
    """Each rule must flag its fail examples and pass its pass examples."""
    from .engine.examples import run_examples

    try:
        linter = Linter(_base_config(config_path, Path.cwd()).with_overrides(model=model))
        results = list(run_examples(linter, rules))
    except USER_ERRORS as exc:
        fail(str(exc))
    wrong = [r for r in results if not r.ok]
    for r in wrong:
        shown = r.example.text.strip().splitlines()[0][:60]
        click.echo(f"{r.rule.origin} {r.rule.code} {r.problem} ({r.kind} example {r.index + 1}: {shown!r})")
    click.echo(f"{len(results) - len(wrong)} of {len(results)} examples behave ({len(rules)} rules, engine {linter.engine.name})")
    sys.exit(EXIT_FAIL if wrong else EXIT_OK)


# Pre-send hooks: the logic, exit statuses and override live in the hooks package.
_HOOK_OPTIONS = [
    click.option("--profile", type=click.Choice(PROFILES), help="What the message is (default: as `check`)."),
    click.option("--fail-under", type=click.IntRange(0, 100), help="Also stop a message whose warmth is under N."),
    click.option("--config", "config_path", type=click.Path(path_type=Path), help="Configuration file to use."),
    click.option("--fail-open", is_flag=True, help="Send anyway when warmcheck itself cannot check, or not in time (default: exit 75)."),
    click.option("--deadline", type=click.FloatRange(0, 3600, min_open=True), help="Seconds the check may take (default: the configuration's deadline, 10)."),
    click.option("--ledger", "ledger_path", metavar="PATH", help="The follow-up ledger to read and to record the sent mail in: a file, or a postgresql:// URL."),
    click.option("--no-ledger", is_flag=True, help="Read no follow-up ledger, and record nothing."),
]


def _hook_options(func: Any) -> Any:
    for option in reversed(_HOOK_OPTIONS):
        func = option(func)
    return func


@cli.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@_hook_options
@click.option("--warn-only", is_flag=True, help="Print the report, then send whatever the verdict.")
@click.option("--add-header", is_flag=True, help="Add an X-Warmcheck header with the verdict and warmth.")
@click.argument("command", nargs=-1, required=True, type=click.UNPROCESSED)
def sendmail(
    command: tuple[str, ...],
    profile: str | None,
    fail_under: int | None,
    config_path: Path | None,
    fail_open: bool,
    deadline: float | None,
    ledger_path: str | None,
    no_ledger: bool,
    warn_only: bool,
    add_header: bool,
) -> None:
    """Check a message on standard input, then hand the exact bytes to a
    sendmail-compatible COMMAND (for mutt, neomutt, aerc, msmtp users).

    \b
    warmcheck sendmail -- /usr/bin/msmtp -t
    Exit: COMMAND's status when sent; 65 the draft fails (not sent);
    75 warmcheck could not check, or not within the deadline (not sent
    unless --fail-open; its last line starts 'warmcheck: held (exit 75):').
    Skip once: an 'X-Warmcheck: skip' header (removed before sending).
    """
    from . import hooks

    options = hooks.SendmailOptions(
        profile=profile, threshold=fail_under, warn_only=warn_only, fail_open=fail_open, add_header=add_header,
        deadline=deadline, ledger=_ledger_choice(ledger_path, no_ledger),
    )  # fmt: skip
    sys.exit(hooks.sendmail(command, sys.stdin.buffer, config_path=config_path, options=options))


@cli.command("sendemail-validate")
@_hook_options
@click.argument("patch", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("smtp_headers", required=False)
def sendemail_validate(
    patch: Path,
    smtp_headers: str | None,
    profile: str | None,
    fail_under: int | None,
    config_path: Path | None,
    fail_open: bool,
    deadline: float | None,
    ledger_path: str | None,
    no_ledger: bool,
) -> None:
    """git's sendemail-validate hook: check a cover letter before git
    send-email sends the series (patches are not checked).

    Install it with `warmcheck install-hook git`. SMTP_HEADERS (given by
    newer git) is accepted and not read: recipients are not judged.
    """
    from . import hooks

    status = hooks.sendemail_validate(
        patch, config_path=config_path, profile=profile, threshold=fail_under, fail_open=fail_open, deadline=deadline,
        ledger=_ledger_choice(ledger_path, no_ledger),
    )
    sys.exit(status)


@cli.command("install-hook")
@click.argument("kind", type=click.Choice(["git"]))
@click.option("--repo", type=click.Path(path_type=Path, file_okay=False), default=".", show_default=True)
@click.option("--force", is_flag=True, help="Replace an existing hook.")
def install_hook(kind: str, repo: Path, force: bool) -> None:
    """Install a pre-send hook: `git` writes .git/hooks/sendemail-validate."""
    from . import hooks

    try:
        path = hooks.install_git_hook(repo, force=force)
    except (hooks.HookExists, OSError) as exc:
        fail(str(exc))
    click.echo(f"installed {path}")


@cli.command()
@click.argument("template", type=click.Path(path_type=Path))
@click.option("--recipients", required=True, type=click.Path(path_type=Path), help="CSV with a header row, JSON array or JSON Lines of recipients.")
@click.option("--consent", type=click.Path(path_type=Path), help="Who asked for the mail (email column); checked with --profile newsletter.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--summary-only", is_flag=True, help="Print the summary (and the template's own findings, once), not every copy's report.")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour the text output.")
@click.option("--profile", type=click.Choice(PROFILES), help="What the copies are (default: follow-up).")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Configuration file to use.")
@click.option("--model", type=click.Choice(MODELS), help="NLP engine (default: auto).")
def campaign(
    template: Path,
    recipients: Path,
    consent: Path | None,
    fmt: str,
    profile: str | None,
    config_path: Path | None,
    model: str | None,
    summary_only: bool = False,
    color: str = "auto",
) -> None:
    """Render TEMPLATE for every recipient, check each copy, then the batch."""
    from .campaign import Campaign, CampaignError, count_recipients
    from .report.campaign import render as render_summary

    if config_path is not None and not config_path.is_file():
        fail(f"{config_path}: no such configuration file")
    if not template.is_file():
        fail(f"{template}: no such template file")
    reports: list[Report] = []
    colour = colour_choice(color)
    try:
        config = _base_config(config_path, template).with_overrides(model=model)
        run = Campaign(template, recipients, consent=consent, config=config, profile=profile)
        on_terminal = sys.stderr.isatty()  # a progress bar on a terminal only
        total = count_recipients(recipients) if on_terminal else 0
        with click.progressbar(length=total, label="copies", file=sys.stderr, hidden=not on_terminal) as bar:
            for report in run.run():
                bar.update(1)
                if summary_only:
                    continue
                if fmt == "json":
                    reports.append(report)
                else:
                    click.echo(FORMATS["text"]([report]), nl=False, color=colour)
    except (*USER_ERRORS, CampaignError) as exc:
        fail(str(exc))
    if fmt == "json":
        click.echo(FORMATS["json"](reports, campaign=run.summary.to_dict()), nl=False)
    else:
        click.echo(render_summary(run.summary), nl=False, color=colour)
    sys.exit(EXIT_FAIL if run.summary.verdict == "fail" else EXIT_OK)


@cli.command()
@click.option("--debounce", type=click.IntRange(0, 10_000), default=200, show_default=True, help="Milliseconds of quiet after an edit before the draft is checked again.")
@click.option("--model", type=click.Choice(MODELS), help="NLP engine (default: as configured, else auto).")
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (always; accepted for editors that pass it).")
def lsp(debounce: int, model: str | None, stdio: bool) -> None:
    """Language server for editors: diagnostics, hovers and fixes as you write (LSP over stdio)."""
    from .lsp import serve

    serve(debounce=debounce / 1000, model=model)


# The follow-up ledger: warmcheck ledger info|show|forget|import (cli_ledger.py).
cli.add_command(ledger_group)


def main() -> None:
    """Console entry point: never a traceback for the user. A usage error is
    one line (exit 2); an interrupt (Ctrl-C, SIGINT) exits 130."""
    try:
        status = cli(standalone_mode=False)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "warmcheck"
        click.echo(f"warmcheck: {exc.format_message()} (see '{where} --help')", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        click.echo(f"warmcheck: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, click.Abort):
        click.echo("warmcheck: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a defect in warmcheck: still one line, no traceback
        if os.environ.get("WARMCHECK_DEBUG"):
            raise
        click.echo(f"warmcheck: internal error: {type(exc).__name__}: {exc} (WARMCHECK_DEBUG=1 shows more)", err=True)
        sys.exit(EXIT_USAGE)
    # --help and --version end here with their exit status; a command that returns, with 0.
    sys.exit(status if isinstance(status, int) else EXIT_OK)

