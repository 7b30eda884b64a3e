"""Mail-merge templates as input: Jinja2 parsed, never evaluated.

A template is untrusted text. Here it is only parsed (Jinja2's constant
folding turned off, see :func:`_environment`): :func:`template_info` says
which fields it needs and which literals stand in for a missing one, and
:func:`mask` hides its merge fields behind text of the same length, so that
``message.from_template`` gives a draft whose static text the normal rules
read and whose findings point at the template's own lines and columns. The template
rules (``rules/templates.yaml``, checks in ``checks/templates.py``) read the
template itself. Rendering a copy per recipient happens only in the campaign
checker's sandboxed worker (:mod:`warmcheck.campaign.worker`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from ..vocabulary import TEMPLATE_FIELD, is_sender_field

#: Field names that only swap in who the reader is: a template whose fields
#: are all of these sends everyone the same text.
SWAP_FIELDS = frozenset(
    "name first_name firstname first fname given_name last_name lastname lname surname family_name "
    "full_name fullname title salutation honorific company company_name organisation organization "
    "org employer city country email role job_title position".split()
)

#: A name in a Jinja2 expression: not an attribute (".x") nor part of a longer word.
_NAME = re.compile(r"(?<![\w.])[^\W\d]\w*")
_OPEN = re.compile(r"\{\{|\{%|\{#")
_RAW = re.compile(r"\{%[-+]?\s*raw\s*[-+]?%\}")
_ENDRAW = re.compile(r"\{%[-+]?\s*endraw\s*[-+]?%\}")


@dataclass(frozen=True)
class Tag:
    """One construct in a template: Jinja2's ``{{ }}`` (``kind="{"``),
    ``{% %}`` (``"%"``) or ``{# #}`` (``"#"``), or another mail-merge
    tool's field (``"f"``: ``[First Name]``, ``*|FNAME|*``, ``<name>``, with
    its field ``name``), at ``text[start:end]``."""

    kind: str
    start: int
    end: int
    name: str = ""


@dataclass(frozen=True)
class Fallback:
    """A literal that stands in when a field has no value: ``{{ name | default("there") }}``."""

    tag: Tag
    field: str
    value: str


@dataclass(frozen=True)
class TemplateInfo:
    source: str
    tags: tuple[Tag, ...]
    #: Undeclared variables (``jinja2.meta``): the fields each recipient needs.
    variables: tuple[str, ...]
    fallbacks: tuple[Fallback, ...]

    def field_tags(self, name: str) -> list[Tag]:
        """The output tags that name a field, in order."""
        return self._field_index.get(name, [])

    @cached_property
    def _field_index(self) -> dict[str, list[Tag]]:
        """Field name -> the output tags that name it, found in one pass over
        the tags (looking each field up in every tag took time in the square
        of their number: 50,000 fields, minutes)."""
        index: dict[str, list[Tag]] = {}
        for t in self.tags:
            if t.kind == "{":
                for name in dict.fromkeys(_NAME.findall(self.source, t.start + 2, t.end - 2)):
                    index.setdefault(name, []).append(t)
            elif t.kind == "f":
                index.setdefault(t.name, []).append(t)
        return index

    @property
    def reader_variables(self) -> tuple[str, ...]:
        """The fields that say something of the reader: the sender's own
        (``[Your Name]``, ``{{ sender_company }}``) left out."""
        return tuple(v for v in self.variables if not is_sender_field(v))


def _environment() -> Any:
    """An environment used only to parse and to find variables, in this
    process: nothing is rendered with it, and nothing may be evaluated either.
    Jinja2 folds constant expressions while it generates code (which
    ``jinja2.meta`` does): ``{{ 'x' * 10**9 }}`` or ``{{ '%0999999999d' |
    format(1) }}`` would be computed here. Intercepted operators and filters
    and tests that ask for the context are never folded."""
    from jinja2 import pass_context
    from jinja2.sandbox import SandboxedEnvironment

    @pass_context
    def inert(*args: Any, **kwargs: Any) -> None:
        return None

    env = SandboxedEnvironment(autoescape=False, keep_trailing_newline=True)
    env.intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    env.intercepted_unops = frozenset({"+", "-"})
    env.filters = dict.fromkeys(env.filters, inert)
    env.tests = dict.fromkeys(env.tests, inert)
    return env


def _scan(text: str) -> list[Tag]:
    """Every ``{{ }}``, ``{% %}`` and ``{# #}`` in a template that Jinja2 has
    already parsed, string literals inside them respected."""
    tags: list[Tag] = []
    pos = 0
    while (m := _OPEN.search(text, pos)) is not None:
        start, kind = m.start(), m.group()[1]
        if kind == "#":
            end = text.find("#}", m.end())
            end = len(text) if end < 0 else end + 2
        else:
            close = "}}" if kind == "{" else "%}"
            i, quote = m.end(), ""
            while i < len(text):
                ch = text[i]
                if quote:
                    if ch == "\\":
                        i += 1
                    elif ch == quote:
                        quote = ""
                elif ch in "'\"":
                    quote = ch
                elif text.startswith(close, i):
                    break
                i += 1
            end = min(len(text), i + 2)
        tags.append(Tag(kind, start, end))
        pos = end
        if kind == "%" and _RAW.fullmatch(text, start, end):
            # {% raw %}...{% endraw %}: the inside is plain text.
            raw_end = _ENDRAW.search(text, end)
            if raw_end:
                tags.append(Tag("%", raw_end.start(), raw_end.end()))
                pos = raw_end.end()
    return tags


#: Words without which a tag holds no fallback literal.
_MAY_FALL_BACK = re.compile(r"\b(?:default|d|or|if)\b")


def _fallbacks(env: Any, text: str, tags: list[Tag]) -> list[Fallback]:
    from jinja2 import nodes

    found: list[Fallback] = []
    for tag in tags:
        snippet = text[tag.start : tag.end]
        if tag.kind == "#" or (tag.kind == "%" and not re.match(r"\{%[-+]?\s*set\b", snippet)):
            continue
        if not _MAY_FALL_BACK.search(snippet):
            continue  # no default filter, "or" or "if": nothing to find (and parsing each field is slow)
        try:
            ast = env.parse(snippet)
        except Exception:
            continue
        for node in ast.find_all((nodes.Filter, nodes.Or, nodes.CondExpr)):
            literal: Any = None
            subject: Any = None
            if isinstance(node, nodes.Filter) and node.name in ("default", "d") and node.args:
                literal, subject = node.args[0], node.node
            elif isinstance(node, nodes.Or):
                literal, subject = node.right, node.left
            elif isinstance(node, nodes.CondExpr):
                literal, subject = node.expr2, node.test
            if isinstance(literal, nodes.Const) and isinstance(literal.value, str) and subject is not None:
                names = [n.name for n in subject.find_all(nodes.Name)]
                if isinstance(subject, nodes.Name):
                    names = [subject.name]
                if names:
                    found.append(Fallback(tag, names[0], literal.value))
    return found


def _jinja_spans(text: str) -> list[tuple[int, int]]:
    """Where ``{{ }}``, ``{% %}`` and ``{# #}`` stand, found by scanning once
    (an unclosed one runs to the end of the text)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while (m := _OPEN.search(text, pos)) is not None:
        close = {"{{": "}}", "{%": "%}", "{#": "#}"}[m.group()]
        end = text.find(close, m.end())
        end = len(text) if end < 0 else end + 2
        spans.append((m.start(), end))
        pos = end
    return spans


#: ``{{First Name}}``: words Jinja2 cannot read, another tool's field.
_WORDS_FIELD = re.compile(r"\{\{[ \t]*([^\W\d][\w'’-]*(?:[ \t]+[\w'’-]+){1,5})[ \t]*\}\}")
_JINJA_WORDS = frozenset("if else elif and or not in is for loop".split())


def _field_name(inside: str) -> str:
    """``First Name`` -> ``first_name``: a field's name as a variable's."""
    return "_".join(re.findall(r"[^\W_]+", inside.lower()))[:60] or "field"


def foreign_fields(text: str) -> list[Tag]:
    """The fields of mail-merge tools other than Jinja2 (``[First Name]``,
    ``{first_name}``, ``*|FNAME|*``, ``%FIRSTNAME%``, ``<name>``,
    ``{{First Name}}``), outside Jinja2's own constructs."""
    spans = _jinja_spans(text)
    found: list[Tag] = []
    for m in _WORDS_FIELD.finditer(text):
        words = m.group(1).lower().split()
        if not _JINJA_WORDS.intersection(words):
            found.append(Tag("f", m.start(), m.end(), _field_name(m.group(1))))
    taken = [(t.start, t.end) for t in found]
    for m in TEMPLATE_FIELD.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in [*spans, *taken]):
            continue
        inside = next(g for g in m.groups() if g is not None)
        found.append(Tag("f", m.start(), m.end(), _field_name(inside)))
    return sorted(found, key=lambda t: t.start)


def _blank(text: str, tags: list[Tag]) -> str:
    """The text with the tags replaced by spaces (line breaks kept)."""
    chars = list(text)
    for t in tags:
        chars[t.start : t.end] = re.sub(r"[^\n]", " ", text[t.start : t.end])
    return "".join(chars)


@lru_cache(maxsize=64)
def analyse(text: str) -> TemplateInfo:
    """Parse a template; :class:`jinja2.TemplateSyntaxError` if it is not one.
    Fields of other mail-merge tools are fields too: set aside (same length)
    before Jinja2 parses the rest, and listed with Jinja2's variables."""
    from jinja2 import meta

    env = _environment()
    foreign = foreign_fields(text)
    jinja_text = _blank(text, foreign)
    try:
        ast = env.parse(jinja_text)
    except RecursionError:
        from jinja2 import TemplateSyntaxError

        raise TemplateSyntaxError("expressions nested too deeply", 1) from None
    tags = _scan(jinja_text)
    names = set(meta.find_undeclared_variables(ast)) | {t.name for t in foreign}
    return TemplateInfo(
        source=text,
        tags=tuple(sorted([*tags, *foreign], key=lambda t: t.start)),
        variables=tuple(sorted(names)),
        fallbacks=tuple(_fallbacks(env, jinja_text, tags)),
    )


def template_info(text: str) -> TemplateInfo | None:
    """What a template contains, or None when the text is not valid Jinja2."""
    try:
        return analyse(text)
    except Exception:
        return None


def syntax_problem(text: str) -> str | None:
    try:
        analyse(text)
    except Exception as exc:
        line = getattr(exc, "lineno", None)
        where = f"line {line}: " if line else ""
        return f"{where}not a valid Jinja2 template: {getattr(exc, 'message', None) or exc}"
    return None


def mask(info: TemplateInfo) -> str:
    """The template with every construct replaced by text of the same
    length and line breaks: an output field (Jinja2's or another tool's) by
    one name-like word: a Jinja2 field by its variable's name padded
    (``First_name____``), another tool's by the first word of its name
    (``First       ``), so that "Hi {{ first_name }}," or "Hi [First Name],"
    still reads as a greeting; a statement or a comment by spaces. A
    comment holding a ``warmcheck:`` directive keeps it."""
    chars = list(info.source)
    for tag in info.tags:
        piece = info.source[tag.start : tag.end]
        if tag.kind == "#" and "warmcheck:" in piece:
            chars[tag.start : tag.start + 2] = "  "
            chars[tag.end - 2 : tag.end] = "  "
            continue
        if tag.kind == "f":
            # Another tool's field reads as its first word ("[First Name]" as
            # "First       "): words read as words, not as one long token.
            name = re.search(r"[^\W\d_]+", tag.name)
            first = "Name" if "name" in tag.name.split("_") and len(piece) >= 4 else name.group().capitalize() if name else "Field"
            word = first.ljust(len(piece))[: len(piece)]
        elif tag.kind == "{":
            name = re.search(r"[A-Za-z]\w*", piece[2:-2])
            word = (name.group().capitalize() if name else "Field").ljust(len(piece), "_")[: len(piece)]
        else:
            chars[tag.start : tag.end] = re.sub(r"[^\n]", " ", piece)
            continue
        chars[tag.start : tag.end] = "".join("\n" if c == "\n" else w for c, w in zip(piece, word, strict=False))
    return "".join(chars)
