"""What a translator must copy, not translate: placeholders, tags, inline code, URLs, e-mails, paths.

`tokens(text)` finds each such piece once, as a `Token(kind, key, start, end)`: `kind` says which check
compares it (placeholder, tag, code, url, email, path) and `key` is what must be equal on both sides:
`%(name)s` and `{name}` stay as written; a reStructuredText role keeps its name and its target
(`:ref:`Titre <label>`` and `:ref:`label`` have the same key), but a role whose content is prose
(`:guilabel:`, `:dfn:`, `:abbr:`) keeps only its name; a URL's key drops what localises it (a language
subdomain `en.`/`fr.`, a language path segment `/en/`, `lang=fr`), so `en.wikipedia.org` may become
`fr.wikipedia.org`. Earlier patterns win where two overlap (a URL is not also a path).

`mask(text)` hides all tokens behind letters of the same length, so that checks on prose (whitespace,
brackets, typography, untranslated) never read code: `voir :ref:`x`` is not "a colon without a space".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

_LANG = r"(?:en|fr|de|es|it|nl|pt|ja|zh|ru|en[-_](?:us|gb)|fr[-_](?:fr|ca|ch|be))"
# Roles whose content is prose the translator rewrites: only the role itself must stay.
PROSE_ROLES = {"abbr", "guilabel", "menuselection", "dfn", "emphasis", "strong", "title-reference", "sup",
               "sub", "kbd", "index", "title", "term"}  # `term`: Sphinx resolves it in the translated glossary

_PATTERNS: list[tuple[str, str]] = [
    ("code", r"``[^`]+``"),                                             # reST inline literal
    ("code", r":[\w.+-]+(?::[\w.+-]+)*:`[^`]+`"),                       # reST role :py:func:`x`
    ("code", r"```[^`]*```|(?<![`\w])`[^`\s'][^`'\n]*`(?![`_\w])"),  # Markdown / reST default role
    ("code", r"\b\w+::\w+(?:::\w+)*"),                                    # C++/GObject Type::name
    ("url", r"\b(?:https?|ftp)://[\w\[-][^\s<>\"'`)\]”’»]*[^\s<>\"'`)\].,;:!?”’»]|\bwww\.[\w-]+(?:\.[\w-]+)+(?:/[^\s<>\"'`)\]]*[^\s<>\"'`)\].,;:!?])?"),
    ("email", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b"),
    ("tag", r"</?[A-Za-z][\w:.-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>"),
    ("entity", r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);"),                # masked, not compared
    ("placeholder", r"%(?:\([\w.-]+\)|\d+\$)?[-+0#']*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|L|q|j|z|t)?"
                    r"[diouxXeEfFgGcsp](?![A-Za-z])|%(?:\([\w.-]+\))?\d*[diouxXfFeEgGcs]"),
    ("placeholder", r"(?<![\w%])%\d{1,2}(?![\d$\w.,])"),               # Qt/KDE %1
    ("placeholder", r"\{\s*\w+\s*,\s*(?:plural|select|selectordinal|number|date|time)\b"),  # ICU head
    ("placeholder", r"(?<!\{)\{(?:[\w.]*(?:\[\w+\])?)(?:![rsa])?(?::[^{}\s]*)?\}(?!\})"),  # {0} {name} {}
    ("placeholder", r"\$\{\w+\}|(?<![\w$])\$[A-Z_][A-Z0-9_]+\b"),      # ${var} $HOME
    ("strftime", r"%[-_0^#]?[aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ+]"),  # dates: masked, not compared
    ("path", r"(?<![\w.:/~-])(?=[^\s]*[A-Za-z]{2})(?:~|\.{1,2})?(?:/[\w.@+-]+){2,}/?|(?<![\w/])(?:~|\.{1,2})/[\w.@+-]+(?:/[\w.@+-]+)*"
             r"|\b[A-Za-z]:\\[\w\\. -]+"),
    ("path", r"(?<![\w/.-])[\w-]+(?:\.[\w-]+)*\.(?:py|txt|cfg|ini|json|toml|ya?ml|xml|html?|po|mo|sh|md|rst"
             r"|conf|log|csv|tsv|zip|gz|tar|exe|dll|so|js|css|c|h|cpp|java|rb|pl|php|sql)\b"),
]
_COMBINED = re.compile("|".join(f"(?P<k{i}>{pattern})" for i, (_, pattern) in enumerate(_PATTERNS)))
_KINDS = [kind for kind, _ in _PATTERNS]
_ROLE_RE = re.compile(r":(?P<role>[\w.+-]+(?::[\w.+-]+)*):`(?P<content>[^`]+)`")
_EXPLICIT_TARGET = re.compile(r"<([^<>]+)>\s*$")
_URL_SUBDOMAIN = re.compile(rf"^//(?:www\.)?{_LANG}\.([^/?#]+)", re.IGNORECASE)
_URL_LANG = re.compile(
    rf"/{_LANG}(?=/|$)|(?<=[?&]lang=){_LANG}\b|(?<=[?&]hl=){_LANG}\b"
    rf"|[.-]{_LANG}(?=\.html?$)", re.IGNORECASE)
_EXAMPLE_DOMAIN = re.compile(r"@(?:[\w-]+\.)*(?:example|exemple|beispiel|ejemplo|esempio|domain|domaine)\.\w+$",
                             re.IGNORECASE)
_MAYBE = re.compile(r"[`%{<&@/\\:$.]")


@dataclass(frozen=True)
class Token:
    kind: str
    key: str
    start: int
    end: int
    text: str


def _role_key(text: str) -> str:
    match = _ROLE_RE.fullmatch(text)
    if match is None:
        return text
    role = match.group("role")
    if role.split(":")[-1] in PROSE_ROLES:
        return f":{role}:"
    content = match.group("content")
    explicit = _EXPLICIT_TARGET.search(content)
    target = explicit.group(1) if explicit else content
    return f":{role}:`{target.strip().lstrip('~!')}`"


def url_key(url: str) -> str:
    """A URL with what localises it removed (language path segment, query value, http/https). On a
    language subdomain (`en.wikipedia.org/wiki/Fibonacci_number`) the localised page has its own path
    (`fr.wikipedia.org/wiki/Suite_de_Fibonacci`): only the site is kept."""
    key = re.sub(r"^https?://", "//", url.rstrip("/"))
    site = _URL_SUBDOMAIN.match(key)
    if site:
        return "//" + site.group(1).lower()
    return _URL_LANG.sub("", key)


def _key(kind: str, text: str) -> str:
    if kind == "code" and text.startswith(":"):
        return _role_key(text)
    if kind == "code":
        return re.sub(r"\s+", "", text)  # ``-3**2`` = ``-3 ** 2``: spacing inside code is style
    if kind == "url":
        return url_key(text)
    if kind == "email" and _EXAMPLE_DOMAIN.search(text):
        return "<example address>"  # you@example.com -> vous@exemple.com: a placeholder, localised
    if kind == "tag" and not text.startswith("&"):
        if not _is_tag(text):
            return ""
        name = re.match(r"</?([\w:.-]+)", text).group(1)
        ident = re.search(r'\b(?:id|i|x)="([^"]*)"', text)
        closing = "/" if text.startswith("</") else ""
        return f"<{closing}{name}{' ' + ident.group(1) if ident else ''}{'/' if text.endswith('/>') else ''}>"
    return text


def _is_tag(text: str) -> bool:
    """`<b>`, `</p>`, `<br/>`, `<a href=…>`, a CAT code: a tag. `<file>` in `git add <file>`: a
    metavariable the translator translates (`<fichier>`), unless its closing tag is there too."""
    if text.startswith("</") or text.endswith("/>") or re.search(r"\s[\w:.-]+\s*=", text):
        return True
    name = text[1:-1].lower()
    return name in HTML_TAGS or name in CAT_CODES


def _unpaired_metavariables(found: list[Token]) -> list[Token]:
    """Drop a bare `<mark>` or `<time>` that no `</mark>` closes: an HTML name used as a metavariable."""
    closed = {t.key[2:-1] for t in found if t.kind == "tag" and t.key.startswith("</")}
    return [t for t in found if not (t.kind == "tag" and re.fullmatch(r"<\w+>", t.text)
                                     and t.key[1:-1] not in closed and t.key[1:-1] not in VOID_TAGS | CAT_CODES)]


HTML_TAGS = {"b", "i", "u", "s", "a", "p", "br", "hr", "em", "strong", "code", "tt", "pre", "span", "div", "ul",
             "ol", "li", "sub", "sup", "small", "big", "h1", "h2", "h3", "h4", "h5", "h6", "img", "kbd", "var",
             "samp", "cite", "q", "blockquote", "table", "tr", "td", "th", "dl", "dt", "dd", "mark", "del", "ins",
             "center", "font", "wbr"}
CAT_CODES = {"g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "ut", "pc", "sc", "ec"}
VOID_TAGS = {"br", "hr", "img", "wbr"}


def _positional(found: list[Token]) -> list[Token]:
    """Unnamed printf placeholders keyed by their rank (`%s %d` -> `%1$s %2$d`), so that a target that
    reorders them with positions (`%2$d … %1$s`) matches, and one that swaps them unnamed does not."""
    rank, out = 0, []
    for token in found:
        if token.kind == "placeholder" and _UNNAMED.fullmatch(token.text):
            rank += 1
            token = Token(token.kind, f"%{rank}${token.text[1:]}", token.start, token.end, token.text)
        out.append(token)
    return out


_UNNAMED = re.compile(r"%[-+0#']*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcsp]")


@lru_cache(maxsize=1 << 17)
def tokens(text: str) -> tuple[Token, ...]:
    """Every placeholder, tag, inline code, URL, e-mail and path of `text`, in order."""
    if not _MAYBE.search(text):
        return ()
    found = []
    for match in _COMBINED.finditer(text):
        kind = _KINDS[int(match.lastgroup[1:])]
        key = _key(kind, match.group())
        if key:
            found.append(Token(kind, key, match.start(), match.end(), match.group()))
        if kind == "code" and ("%" in match.group() or "{" in match.group()):
            found += _placeholders_inside(match)
    return tuple(_positional(_unpaired_metavariables(found)))


def _placeholders_inside(code: re.Match) -> list[Token]:
    """Placeholders inside inline code (`` `%(app_label)s` ``) still get filled in at run time."""
    inner = []
    for match in _COMBINED.finditer(code.group()[1:-1]):
        if _KINDS[int(match.lastgroup[1:])] == "placeholder":
            start = code.start() + 1 + match.start()
            inner.append(Token("placeholder", match.group(), start, start + len(match.group()), match.group()))
    return inner


def of_kind(text: str, *kinds: str) -> list[Token]:
    return [t for t in tokens(text) if t.kind in kinds]


def difference(source: list[Token], target: list[Token]) -> tuple[list[Token], list[Token]]:
    """Tokens of the source missing from the target and tokens of the target not in the source (by key)."""
    left = Counter(t.key for t in source)
    right = Counter(t.key for t in target)
    missing_keys, added_keys = left - right, right - left
    missing = [t for t in source if missing_keys[t.key] > 0 and not missing_keys.subtract([t.key])]
    added = [t for t in target if added_keys[t.key] > 0 and not added_keys.subtract([t.key])]
    return missing, added


@lru_cache(maxsize=1 << 17)
def mask(text: str, keep: tuple[str, ...] = ()) -> str:
    """`text` with every token (but those of the kinds in `keep`) replaced by as many `x`: prose checks
    see words where the code was."""
    found = [t for t in tokens(text) if t.kind not in keep]
    if not found:
        return text
    out, cursor = [], 0
    for token in found:
        out.append(text[cursor:token.start])
        out.append("x" * (token.end - token.start))
        cursor = token.end
    out.append(text[cursor:])
    return "".join(out)
