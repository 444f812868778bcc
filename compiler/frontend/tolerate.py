"""Spellings people actually write, rewritten to the canonical notation.

Real specs say `UUID (PK)`, `string (max 200)`, `string, max 200 chars`,
`enum: a | b | c`, `one of a, b, c`, `enum {A, B}`, `(FK → users.id)`,
`(Foreign Key to Rola)`, `FK(users.id)`, `REFERENCES users(id)`,
`(nullable)`. Before the grammar runs, `rewrite` turns such text into the
canonical spelling and returns a `MappedFragment` whose offsets map back onto
the original columns, so every diagnostic still points at what was written.
The caller reports W105 with the canonical spelling, which is what the linter
offers as a fix.

The rewrite is deliberately narrow: each rule fires only on a shape that has
one reading, and anything else is left for the grammar to accept or reject.
"""

from __future__ import annotations

import re
from functools import lru_cache

from compiler.frontend.source import Fragment

_MODIFIER_START = re.compile(
    r"(?i)\s*(?:required|optional|nullable|not\s+null|pk\b|primary\s+key|fk\b|foreign\s+key|unique|indexed|index\b|"
    r"default\b|references|→|->|max\b|min\b|check\b|\d+\s*[-–]\s*\d+\s*(?:chars?|characters)\b)"
)
_STOP_WORDS = {
    "required",
    "optional",
    "nullable",
    "not",
    "pk",
    "primary",
    "fk",
    "references",
    "unique",
    "indexed",
    "index",
    "default",
    "check",
}
# `string | null`, `string \| null` (a pipe escaped in a Markdown table): a nullable type in TypeScript's spelling
NULL_UNION = r"\s*\\?\|\s*(?:null|undefined|none|nil)\b"
_VALUE = r"(?:[^\W\d][\w-]*|'[^']*'|\"[^\"]*\"|\d+)"
_STRINGISH = r"(?:string|varchar|str)"
_CHARS = r"(?:\s*(?:chars?|characters))?"


class MappedFragment(Fragment):
    """Text that was rewritten from `base`; offsets map back through `mapping`."""

    __slots__ = ("base", "mapping")

    def __init__(self, base: Fragment, text: str, mapping: list[int]) -> None:
        super().__init__(base.path, text, [base.pos(0)])
        self.base = base
        self.mapping = mapping  # len(text) + 1 offsets into base.text

    def pos(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        return self.base.pos(self.mapping[offset])

    def slice(self, start: int, end: int | None = None) -> Fragment:
        end = len(self.text) if end is None else end
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        return MappedFragment(self.base, self.text[start:end], self.mapping[start : end + 1])


def _apply(fragment: Fragment, edits: list[tuple[int, int, str]]) -> MappedFragment:
    text = fragment.text
    out: list[str] = []
    mapping: list[int] = []
    pos = 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[0] != e[1], -e[1])):
        if start < pos:
            continue  # overlapping edits: keep the first
        out.append(text[pos:start])
        mapping.extend(range(pos, start))
        out.append(replacement)
        mapping.extend([start] * len(replacement))
        pos = end
    out.append(text[pos:])
    mapping.extend(range(pos, len(text) + 1))
    return MappedFragment(fragment, "".join(out), mapping)


def _values(text: str, pattern: str) -> list[str]:
    return [v.strip() for v in re.split(pattern, text) if v.strip()]


def _enum(values: list[str]) -> str | None:
    if not values or not all(re.fullmatch(_VALUE, v) for v in values):
        return None
    return "enum(" + ", ".join(values) + ")"


def _type_edits(text: str) -> tuple[list[tuple[int, int, str]], int]:
    """Edits for the type at the start of `text`, and where the type ends."""
    t = text.replace("`", " ")
    # enum {A, B} / enum [A, B] / enum (a | b)
    m = re.match(r"(?i)\s*enum\s*[{\[(]([^{}\[\]()]*)[}\])]", t)
    if m:
        inner = m.group(1)
        if "{" in m.group(0) or "[" in m.group(0) or "|" in inner or "/" in inner:
            enum = _enum(_values(inner, r"[,|/]"))
            if enum:
                return [(m.start(0) + len(m.group(0)) - len(m.group(0).lstrip()), m.end(), enum)], m.end()
        return [], m.end()
    # enum 'a' | 'b' | 'c': TypeScript's union of literals after the word
    m = re.match(r"(?i)\s*enum\s+((?:'[^'\n]*'|\"[^\"\n]*\")(?:\s*[|,]\s*(?:'[^'\n]*'|\"[^\"\n]*\"))+)", t)
    if m:
        enum = _enum(_values(m.group(1), r"[,|]"))
        if enum:
            return [(len(t) - len(t.lstrip()), m.end(), enum)], m.end()
    # enum: a | b | c  /  enum: a, b, c  /  one of a, b, c  /  one of: a | b
    m = re.match(r"(?i)\s*(?:enum\s*:|one\s+of\s*:?)\s*", t)
    if m:
        values: list[str] = []
        end = m.end()
        for v in re.finditer(rf"\s*(?P<v>{_VALUE})\s*(?P<sep>[,|/]|$)", t[m.end() :]):
            if v.start() + m.end() != end or v.group("v").lower() in _STOP_WORDS:
                break
            values.append(v.group("v"))
            end = m.end() + (v.start("sep") if v.group("sep") in (",", "") else v.end())
            if v.group("sep") in (",", ""):
                # a comma may end the list (modifiers follow) or separate values
                nxt = t[end + 1 :].lstrip().split(",")[0].split()
                if v.group("sep") == "" or not nxt or nxt[0].lower() in _STOP_WORDS or len(nxt) > 1:
                    break
                end = m.end() + v.end()
        enum = _enum(values)
        if enum:
            start = len(t) - len(t.lstrip())
            return [(start, end, enum)], end
        return [], 0
    m = re.match(rf"(?i)\s*(?P<name>{_STRINGISH})\s*\(\s*max(?:imum)?\.?\s*:?\s*(?P<n>\d+){_CHARS}\s*\)", t)
    if m:
        return [(m.start("name"), m.end(), f"{m.group('name')}({m.group('n')})")], m.end()
    m = re.match(rf"(?i)\s*(?P<name>{_STRINGISH})\s*,\s*max(?:imum)?\.?\s*:?\s*(?P<n>\d+){_CHARS}(?=\s*(?:,|$))", t)
    if m:
        return [(m.start("name"), m.end(), f"{m.group('name')}({m.group('n')})")], m.end()
    # ARRAY(Text), Array<string>, list[str], Set<Guid>: an array of a type the notation knows
    m = re.match(r"(?i)\s*(?:array|list|set)\s*[(<\[]\s*(?P<inner>[^\W\d]\w*)\s*[)>\]]", t)
    if m and _known_type(m.group("inner")):
        return [(len(t) - len(t.lstrip()), m.end(), f"{m.group('inner').lower()}[]")], m.end()
    m = re.match(r"\s*[^\W\d]\w*", t)
    if not m:
        return [], 0
    end = m.end()
    other = _other_languages_type(m.group(0).strip())
    after = t[end:]
    spaced = re.match(r"\s+\(", after)  # `ObjectId (primary key)`: modifiers in parentheses, not the type's arguments
    arguments = re.match(r"\s*[<\[]|\(", after) or spaced is not None and not _MODIFIER_START.match(after[spaced.end() :])
    if other is not None and not arguments:
        # `Long`, `BigDecimal`, `LocalDateTime`, `Instant`, `int64`: Java's, C#'s, Go's spelling of a spec2db type
        arrays = re.match(r"(?:\s*\[\])*", t[end:])
        return [(end - len(m.group(0).strip()), end, other)], end + arrays.end()
    args = re.match(r"\s*\(([^()]*)\)", t[end:])
    if args and not _MODIFIER_START.match(args.group(1)):
        end += args.end()
    arrays = re.match(r"(?:\s*\[\])*", t[end:])
    return [], end + arrays.end()


def _other_languages_type(name: str) -> str | None:
    """The spec2db type another language's type name means, when it means one for sure (infer's type table)."""
    from compiler.infer.typemap import canonical_type, type_table_lists
    from compiler.types import lookup

    if lookup(name) is not None or not re.fullmatch(r"[A-Za-z]\w*", name):
        return None
    guess = canonical_type(name)
    scalar = guess.type
    # a name the type table lists (`ObjectId`, `citext`, `money`) is a fact about that name, if not a sure one
    listed = guess.confident or type_table_lists(name)
    if not listed or scalar is None or guess.reference or scalar.startswith("enum") or "[" in scalar:
        return None
    return scalar if lookup(re.split(r"[(\[]", scalar)[0]) is not None else None


def _known_type(name: str) -> bool:
    from compiler.types import lookup

    return lookup(name) is not None


def _modifier_edits(text: str, offset: int, bare_string_end: int | None) -> list[tuple[int, int, str]]:
    """Edits inside a modifier list that starts at `offset`."""
    t = text.replace("`", " ")
    edits: list[tuple[int, int, str]] = []
    for m in re.finditer(r"(?i)\b(?:fk|foreign\s+key)\s*\(\s*(?P<t>[^\W\d]\w*(?:\.[^\W\d]\w*)?)\s*\)", t[offset:]):
        edits.append((offset + m.start(), offset + m.end(), f"references {m.group('t')}"))
    for m in re.finditer(r"(?i)(?:^|(?<=,))\s*default(?P<colon>\s*[:=]\s*)(?=\S)", t[offset:]):
        edits.append((offset + m.start("colon"), offset + m.end("colon"), " "))  # `(Default: False)` -> default False
    for m in re.finditer(r"(?i)\breferences\s+(?P<t>[^\W\d]\w*)\s*\(\s*(?P<c>[^\W\d]\w*)\s*\)", t[offset:]):
        edits.append((offset + m.start(), offset + m.end(), f"references {m.group('t')}.{m.group('c')}"))
    for m in re.finditer(r"(?i)\bforeign\s+key\s*(?:to|→|->)?(?=\s*[^\W\d(])", t[offset:]):
        edits.append((offset + m.start(), offset + m.end(), "references"))
    for m in re.finditer(rf"(?i)(?:^|(?<=,))\s*max(?:imum)?\.?\s*:?\s*(?P<n>\d+){_CHARS}\s*(?=,|$)", t[offset:]):
        if bare_string_end is not None:
            edits.append((bare_string_end, bare_string_end, f"({m.group('n')})"))
            edits.append(_drop_modifier(t, offset + m.start(), offset + m.end()))
        else:
            edits.append((offset + m.start(), offset + m.end(), f" length(..{m.group('n')})"))
    for m in re.finditer(rf"(?i)(?:^|(?<=,))\s*(?P<a>\d+)\s*[-–]\s*(?P<b>\d+){_CHARS}\s*(?=,|$)", t[offset:]):
        low, high = int(m.group("a")), m.group("b")
        if bare_string_end is not None:
            edits.append((bare_string_end, bare_string_end, f"({high})"))
            if low > 0:
                edits.append((offset + m.start(), offset + m.end(), f" length({low}..)"))
            else:
                edits.append(_drop_modifier(t, offset + m.start(), offset + m.end()))
        else:
            edits.append((offset + m.start(), offset + m.end(), f" length({low}..{high})"))
    return edits


def _drop_modifier(t: str, start: int, end: int) -> tuple[int, int, str]:
    """Remove one comma-separated modifier together with its comma."""
    before = t.rfind(",", 0, start + 1)
    if before >= 0 and not t[before + 1 : start].strip():
        return (before, end, "")
    after = t.find(",", end)
    return (start, after + 1 if after >= 0 else end, "")


def rewrite(fragment: Fragment, start: str) -> MappedFragment | None:
    """The canonical spelling of `fragment` (parsed from grammar rule `start`),
    or None when it is already canonical or no rule applies."""
    edits = _edits(fragment.text, start)
    if not edits:
        return None
    mapped = _apply(fragment, list(edits))
    if mapped.text == fragment.text:
        return None
    return mapped


@lru_cache(maxsize=4096)
def _edits(text: str, start: str) -> tuple[tuple[int, int, str], ...]:
    """The edits that make `text` canonical (cached: specs repeat the same
    attribute text on line after line)."""
    if len(text) > 4000:
        return ()
    t = text.replace("`", " ")
    edits: list[tuple[int, int, str]] = []
    if start in ("attribute", "type_only"):
        type_edits, type_end = _type_edits(text)
        edits.extend(type_edits)
        # `integer (1–5)`: a range after a number type -> `integer, min(1), max(5)` (a bare type cannot carry it)
        ranged = re.match(r"(?i)\s*(?:integer|int|bigint|smallint|decimal|numeric|number|float|double|real)\b", t)
        bounds = re.match(r"\s*\(\s*(-?\d+(?:\.\d+)?)\s*(?:[-–—]|\.\.|to)\s*(-?\d+(?:\.\d+)?)\s*\)", t[ranged.end() :]) if ranged else None
        if ranged and bounds and not type_edits:
            at, end = ranged.end(), ranged.end() + bounds.end()
            said = f", min({bounds.group(1)}), max({bounds.group(2)})" if start == "attribute" else ""
            edits.append((at, end, said))
            type_end = end
        # `string | null`, `string \| null` (a pipe escaped in a table): nullable, which an attribute is unless required
        union = re.match(NULL_UNION, t[type_end:], re.IGNORECASE)
        if union:
            edits.append((type_end, type_end + union.end(), ""))
            type_end += union.end()
        head = re.match(rf"(?i)\s*{_STRINGISH}(?=\s*(?:[,(]|$))", t)
        bare_string_end = head.end() if head and not type_edits and not re.match(r"\s*\(\s*\d", t[head.end() :]) else None
        rest = type_end
        if start == "attribute":
            # TYPE (modifiers) -> TYPE, modifiers
            paren = re.match(r"\s*\((?P<mods>[^()]*(?:\([^()]*\)[^()]*)*)\)", t[type_end:])
            modified = text
            # `string(200) required`: a modifier after the type without its comma
            bare = re.match(
                r"\s+(?=(?:required|optional|nullable|unique|indexed|primary\s+key|default|references)\b)", t[type_end:], re.IGNORECASE
            )
            if bare and not paren:
                edits.append((type_end, type_end, ","))
            if paren and _MODIFIER_START.match(paren.group("mods")):
                open_at = type_end + paren.start(0) + len(paren.group(0)) - len(paren.group(0).lstrip())
                close_at = type_end + paren.end(0) - 1
                edits.append((open_at, open_at + 1, ","))
                edits.append((close_at, close_at + 1, ""))
                modified = text[:open_at] + "," + text[open_at + 1 : close_at] + " " + text[close_at + 1 :]
            edits.extend(_modifier_edits(modified, rest, bare_string_end))
    elif start == "modifier_list":
        edits.extend(_modifier_edits(text, 0, None))
    return tuple(e for e in edits if not (e[0] == e[1] and not e[2]))
