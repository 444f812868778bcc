"""Type names as people write them (C#, TypeScript, Java, Go, Rust, Python,
SQL, Prisma, Django, SQLAlchemy, table cells) -> spec2db canonical types.

The spellings live in `data/types.json`; this module only knows the shapes a
type is written in: wrappers (`Optional[x]`, `Option<T>`, `List[str]`,
`Mapped[...]`), suffixes (`x?`, `x[]`, `x | None`), sizes (`VARCHAR(255)`,
`CharField(max_length=200)`), notes in parentheses (`string (UUID)`,
`string (max 200 chars)`) and enums (`enum {A, B}`, `(A/B/C)`, `'a' | 'b'`,
`Literal["a", "b"]`).

Every type it returns is accepted by spec2db's own parser and resolver; a
name it does not know comes back as `type=None, confident=False` with a note,
never a guess.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from compiler import linear_re

_MAX_TEXT = 400  # longer "type names" are prose; reading them is not worth the time
_MAX_DEPTH = 8

_IDENT = re.compile(r"[^\W\d]\w*")
_VALUE = re.compile(r"[^\W\d][\w-]*|\d+")


@dataclass(slots=True)
class TypeGuess:
    type: str | None  # canonical spec2db type text, or None when unknown
    confident: bool
    values: list[str] = field(default_factory=list)  # enum values, as written
    note: str = ""  # why it is not confident, or what was dropped
    nullable: bool | None = None  # True: `Optional[x]`, `x?`, `x | None`...; False: `(required)`; None: not said
    reference: str | None = None  # a name that is no type, written like an entity (`User`, `List[Order]`)
    many: bool = False  # a collection (`x[]`, `List[x]`): with `reference`, a one-to-many navigation
    # constraints written after the type in the same cell (`uuid FK → profiles.id`, `text NOT NULL`,
    # `timestamptz DEFAULT now()`): `nullable` and `reference` say NOT NULL and the FK target, these the rest
    primary_key: bool = False
    unique: bool = False
    default: str | None = None  # as written (`now()`, `0`, `'draft'`); `autoincrement` for AUTO_INCREMENT/IDENTITY
    reference_column: str | None = None  # `profiles.id` -> reference `profiles`, reference_column `id`
    constraints: str = ""  # the constraint text as written, for callers that read it themselves


def null_words() -> frozenset[str]:
    """Words that say a value may be missing (`null`, `None`, `undefined`; data/types.json)."""
    return _data()["null_words"]


def reference_non_targets() -> frozenset[str]:
    """Words a foreign-key phrase can take for a target that name no table (data/types.json)."""
    return _data()["reference_non_targets"]


@lru_cache(maxsize=1)
def _data() -> dict:
    with open(Path(__file__).with_name("data") / "types.json", encoding="utf-8") as f:
        data = json.load(f)
    for key in ("nullable_wrappers", "array_wrappers", "transparent_wrappers", "map_wrappers", "null_words", "reference_non_targets"):
        data[key] = frozenset(data[key])
    for key in ("nullable_words", "required_words", "modifier_words"):
        data[key] = frozenset(data[key])
    return data


def framework_bases() -> dict[str, list[list[str]]]:
    """Base-name prefix -> the (member, type) pairs that framework base class adds (types.json `framework_bases`)."""
    return {k: v for k, v in _data()["framework_bases"].items() if not k.startswith("_")}


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def canonical_type(raw: str, *, column: str | None = None, types: Mapping[str, str] | None = None) -> TypeGuess:
    """The spec2db type `raw` means; `column` (the column's name) settles
    `number` (integer or decimal) and `Date` (date or timestamp); `types` maps
    type names the same file declares (`create type home_role as enum ...`,
    `CREATE DOMAIN`, `type Status = 'a' | 'b'`; lower case) to canonical types.
    Constraints written after the type (`text NOT NULL`, `uuid FK → users.id`)
    are read into the guess's constraint fields."""
    ticked = [re.fullmatch(r"\s*`([\w.-]+)`\s*", p) for p in raw.split("|")] if "|" in raw else []
    ticked_words = [t.group(1) for t in ticked if t]
    # (`Blob` | `File`: type names of a language, PascalCase; `SMS` | `EMAIL`, `draft` | `sent`: values)
    all_ticked = len(ticked_words) == len(ticked) > 1 and not any(re.fullmatch(r"[A-Z][a-z]\w*", w) for w in ticked_words)
    if all_ticked and not all(_read(w, 0).type for w in ticked_words) and not {_key(w) for w in ticked_words} & _data()["null_words"]:
        # `` `SMS` | `EMAIL` ``: values in code spans (not all of them type names)
        return TypeGuess(enum_type(ticked_words), True, values=ticked_words)
    text = _clean(raw)
    if not text:
        return TypeGuess(None, False, note="no type written")
    if len(text) > _MAX_TEXT:
        return TypeGuess(None, False, note="too long to be a type name")
    split = _split_constraints(text)
    head, tail = split if split else (text, "")
    lead = re.match(r"(\S+(?: \S+)?)\s+(?=\S)", head)
    said = None
    for words in (lead.group(1), lead.group(1).split()[0]) if lead else ():
        said = _constraint_kinds().get(words.lower())
        if said in ("nullable", "required"):
            head = head[len(words) :].strip()  # `nullable timestamp`, `optional uuid`
            break
        said = None
    guess = _declared(head, types) or _named_enum(head, types) or _read(head, 0)
    if guess.type is None and re.fullmatch(r"\w+(?:\s*/\s*\w+)+", head):
        guess = _alternatives(head, guess)
    either = re.fullmatch(r"(?P<first>\w+(?:\(\d+\))?)\s+or(?:\s+\S.*)?", head) if guess.type is None else None
    if either and (first := _read(either.group("first"), 0)).type is not None:
        # `int or service-standard surrogate key`, `int or bigint`: the type written first, as a guess (`string or
        # null`: the null is read already, as nullable)
        first.nullable = guess.nullable
        if re.search(r"\sor\s+\S", head):
            first.confident, first.note = False, f"'{head}' names a choice; read as {either.group('first')}"
        guess = first
    if said is not None and guess.nullable is None:
        guess.nullable = said == "nullable"
    if tail:
        _apply_constraints(guess, tail)
        guess.constraints = tail
        text = head
    if (
        guess.note
        and guess.note.startswith("a union of text and numbers")
        and column
        and not re.search(r"(?:^|_)id$|[a-z0-9]Id$|^ID$", column)
    ):
        # (`amount: number | string`: a number the API may send as text; only an id is text either way)
        return TypeGuess(None, False, note=guess.note, nullable=guess.nullable)
    if guess.type is not None and column:
        bare = linear_re.sub(r"\s*\|\s*(?:null|undefined)\b|^(?:null|undefined)\s*\|\s*", "", text)  # `Date | null`: a nullable Date
        _apply_column_hint(guess, column, ambiguous_date=bare in _data()["column_hints"]["ambiguous_date"])
    if guess.type is not None and not accepted(guess.type):
        return TypeGuess(None, False, note=f"'{raw.strip()}' gives '{guess.type}', which spec2db does not accept", nullable=guess.nullable)
    return guess


def _alternatives(text: str, unknown: TypeGuess) -> TypeGuess:
    """`uuid/string`, `enum/string`: two spellings of one column's type. The first that is a whole type wins
    (an `enum` without its values is none), as a guess."""
    for part in linear_re.split(r"\s*/\s*", text):
        guess = _read(part, 0)
        if guess.type is not None and not (guess.type == "text" and part.lower() == "enum"):
            guess.confident, guess.note = False, f"'{text}' names two types; read as the first that is one"
            return guess
    return unknown


def _named_enum(text: str, types: Mapping[str, str] | None) -> TypeGuess | None:
    """`TaskStatus enum`, `enum TaskStatus`: the enum the file declares by that name, else no type but a note."""
    m = re.fullmatch(r"(?i)([^\W\d]\w*)\s+enum|enum\s+([^\W\d]\w*)", text)
    if m is None or _lookup(_key(m.group(1) or m.group(2))) is not None:
        return None  # `string enum`, `enum string`: read by `_read`
    name = m.group(1) or m.group(2)
    declared = _declared(name, types)
    if declared is None and not name[0].isupper():
        return None  # `enum active`: a value, read by `_enum`
    return declared or TypeGuess(None, False, note=f"the enum {name}, whose values are not in the type")


def _declared(text: str, types: Mapping[str, str] | None) -> TypeGuess | None:
    """A type the file itself declares, by name (`home_role`, `public.home_role`, `Status?`, `Status[]`)."""
    if not types:
        return None
    key = _key(text)
    nullable = key.endswith("?") or None
    key = key.rstrip("?")
    many = key.endswith("[]")
    key = key.removesuffix("[]").strip().strip('"').rsplit(".", 1)[-1]
    declared = types.get(key)
    if declared is None:
        return None
    values = _split_values(declared[5:-1]) if declared.startswith("enum(") else []
    guess = TypeGuess(declared, True, values=values, note=f"'{key}' is declared in the same file", nullable=nullable)
    return _array(guess) if many else guess


@lru_cache(maxsize=1)
def _constraint_kinds() -> dict[str, str]:
    """Each constraint phrase and what it says; the words for optional and required in every language count too."""
    data = _data()
    kinds = {w: k for w, k in data["constraint_words"].items() if w != "_doc"}
    for word in data["nullable_words"]:
        kinds.setdefault(word, "nullable")
    for word in data["required_words"]:
        kinds.setdefault(word, "required")
    return kinds


@lru_cache(maxsize=1)
def _constraint_re() -> re.Pattern:
    words = sorted(_constraint_kinds(), key=len, reverse=True)
    alternatives = []
    for word in words:
        pattern = r"\s+".join(re.escape(part) for part in word.split())
        if word[0].isalnum():
            pattern = r"(?<![\w.@-])" + pattern  # not `sql.NullString`, `@unique`, `non-null`'s `null`
        if word[-1].isalnum():
            pattern += r"(?![\w-])"
        alternatives.append(pattern)
    return re.compile("(?i)" + "|".join(alternatives))


def _at_top(text: str, index: int) -> bool:
    """Whether `index` of `text` is outside brackets and quotes."""
    head = text[:index]
    return _balanced(head) and head.count("'") % 2 == 0 and head.count('"') % 2 == 0


def _split_constraints(text: str) -> tuple[str, str] | None:
    """`uuid FK → profiles.id` -> (`uuid`, `FK → profiles.id`): the type, then the constraints written after it."""
    for m in _constraint_re().finditer(text):
        head = text[: m.start()].rstrip()
        if head.endswith(","):
            return None  # `uuid, FK → users.id`: notes after a comma, read by `_with_notes`
        if head and head[-1] not in "|(<[{:=/" and _at_top(text, m.start()):
            return head, text[m.start() :]
    return None


_TARGET = re.compile(r"[\s:=]*(?:to\s+)?[`\"']?([^\W\d][\w]*(?:\.[^\W\d]\w*)*)[`\"']?(?:\s*\(\s*[`\"']?(\w+)[`\"']?\s*\))?")


def _apply_constraints(guess: TypeGuess, tail: str) -> None:
    """NOT NULL, NULL, PK, UNIQUE, DEFAULT x, FK → table.column, CHECK (x IN (...)) after a type."""
    kinds = _constraint_kinds()
    starts = [m for m in _constraint_re().finditer(tail) if _at_top(tail, m.start())]
    for i, m in enumerate(starts):
        rest = tail[m.end() : starts[i + 1].start() if i + 1 < len(starts) else len(tail)].strip()
        kind = kinds.get(" ".join(m.group(0).lower().split()))
        if kind == "required":
            guess.nullable = False
        elif kind == "nullable":
            guess.nullable = True
        elif kind == "primary_key":
            guess.primary_key, guess.nullable = True, False
        elif kind == "unique":
            guess.unique = True
        elif kind == "default":
            guess.default = rest.strip(" ,;") or guess.default
        elif kind == "auto_increment":
            guess.default = guess.default or "autoincrement"
        elif kind == "references":
            target = _TARGET.match(rest)
            arrow = m.group(0).strip() in ("→", "->")
            if target and arrow and _lookup(target.group(1).lower()) is not None:
                continue  # `int→float`: a conversion between types, not a key
            if target and target.group(1).lower() not in _data()["reference_non_targets"]:
                parts = target.group(1).split(".")
                column = target.group(2)
                if column is None and len(parts) >= 2:
                    parts, column = parts[:-1], parts[-1]
                guess.reference, guess.reference_column = ".".join(parts), column
        elif kind == "check":
            values = re.fullmatch(r"\(?\s*\w+\s+in\s*\((.*?)\)\s*\)?", rest, flags=re.IGNORECASE | re.DOTALL)
            if values and guess.type in ("text", "string", "char") or values and guess.type and guess.type.startswith("string("):
                items = [v.strip() for v in values.group(1).split(",")]
                if items and all(_quoted(v) for v in items):
                    enum = _enum_values([_unquote(v) for v in items], text=rest)
                    guess.type, guess.values = enum.type, enum.values


def _join_text(a: str, b: str) -> str:
    return f"{a}, {b}" if a else b


# emoji and other pictographs standing apart from the type (`TEXT 🔸`), not values (`enum('👍','👎')`); arrows,
# U+2190 to U+21FF, stay: `→ users.id` says a reference
PICTOGRAPH_RE = re.compile(r"(?:^|(?<=\s))[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f]++(?=\s|$)")


def _clean(raw: str) -> str:
    text = raw.replace("\\|", "|").replace("`", " ").replace("**", " ").strip()  # `float \| null`: a pipe escaped in a table
    text = PICTOGRAPH_RE.sub(" ", text)  # `TEXT 🔸`, `TEXT 🔐`: a document's own marks (sensitive, encrypted) by the type
    text = linear_re.sub(r"\s+", " ", text)
    return text.strip(" ,;:")


def _read(text: str, depth: int) -> TypeGuess:
    text = text.strip()
    if depth > _MAX_DEPTH:
        return TypeGuess(None, False, note="nested too deeply")
    data = _data()
    key = _key(text)
    if not key:
        return TypeGuess(None, False, note="no type written")

    known = _lookup(key)
    if known is not None:
        return known

    listed = re.fullmatch(r"(?i)(\w+)\s+((?:enum(?:eration)?|one\s+of)\b.*)", text, flags=re.DOTALL)
    stored = _lookup(_key(listed.group(1))) if listed else None
    if (
        listed
        and stored is not None
        and stored.type in ("text", "string")
        or stored is not None
        and (stored.type or "").startswith("string(")
    ):
        # `VARCHAR enum: success, error`: the values, stored as text; two or more, each one word, not prose or a
        # constraint (`enum: Status`, `one of the statuses above`, `..., HIGH. Defaults to LOW.`, `NOT NULL`)
        enum = _enum(listed.group(2).strip()) if listed else None
        words = enum.values if enum is not None and enum.type is not None and enum.type.startswith("enum(") else []
        if enum is not None and len(words) >= 2 and all(re.fullmatch(r"[A-Za-z_][\w-]*", v) and not is_modifier(v) for v in words):
            return enum
    stored_as = re.fullmatch(r"(?i)(\w+)\s+enum(?:eration)?", text)
    if stored_as and _lookup(_key(stored_as.group(1))) is not None:
        # `string enum` (its values written elsewhere or as examples): the type it is stored as
        stored = _lookup(_key(stored_as.group(1)))
        stored.confident, stored.note = False, f"an enum stored as {stored_as.group(1)}; its values are not in the type"
        return stored

    enum = _enum(text)
    if enum is not None:
        if len(enum.values) == 1 and _lookup(_key(enum.values[0])) is not None and not _quoted(text.strip()):
            # `Enum (String)`, `enum<int>`: an enum stored as that type, its values written elsewhere
            stored = _lookup(_key(enum.values[0]))
            stored.confident, stored.note = False, f"an enum stored as {enum.values[0]}; its values are not in the type"
            return stored
        return enum

    # `{ widthM: number, depthM: number }`, `Array<{ code: string }>`, `{...}[]`: an object written inline, kept whole
    if re.fullmatch(r"(?:(?:Array|List|ReadonlyArray)\s*<\s*)?\{.*\}\s*(?:>|\[\])?", text, re.DOTALL) and _balanced(text):
        return TypeGuess("json", True)
    # Go's `[32]byte`: a fixed run of bytes
    if re.fullmatch(r"\[\d+\]\s*(?:byte|uint8)", text):
        return TypeGuess("bytes", True)
    # Go's `map[string]interface{}` and `interface{}`: a map, or any value, kept whole
    if re.fullmatch(r"map\s*\[[^\]]+\]\s*\S.*|interface\s*\{\s*\}", text):
        return TypeGuess("jsonb", True, note="a map or any value is stored as JSON")
    # `(JSON, optional)`: the whole type in parentheses
    if text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        return _read(text[1:-1], depth + 1)

    # MySQL `INT UNSIGNED`, `BIGINT(20) UNSIGNED ZEROFILL`: the integer type
    m = re.fullmatch(r"(?i)(.+?)\s+(?:unsigned|signed)(?:\s+zerofill)?|(.+?)\s+zerofill", text)
    if m:
        return _read(m.group(1) or m.group(2), depth + 1)

    # `x | None`, `None | x`, `x | null | undefined`: the non-null parts
    if "|" in text and not _enclosed(text, "|"):
        parts = [p.strip() for p in split_top(text, "|")]
        real = [p for p in parts if _key(p) not in data["null_words"]]
        present = [p for p in real if _key(p) not in data["absence_words"]]
        if len(present) == 1 and len(real) == 2 and _read(present[0], depth + 1).type is not None:
            real = present  # `string | absent`: a string, or no field at all
        if len(real) == 1 and len(parts) > 1:
            guess = _read(real[0], depth + 1)
            guess.nullable = True
            return guess
        kinds = {_read(p, depth + 1).type for p in real}
        if len(real) > 1 and "text" in kinds and kinds <= {"text", "integer", "bigint", "double", "decimal"}:
            # `string | number` (an id the API may send either way): text holds both
            return TypeGuess("text", False, nullable=True if len(real) < len(parts) else None, note=f"a union of text and numbers: {text}")
        if len(real) > 1:
            return TypeGuess(None, False, note=f"a union of types: {text}")

    # `x?` (C#, TypeScript, Prisma, Kotlin) and `*x` (Go pointer)
    if text.endswith("?") and len(text) > 1:
        guess = _read(text[:-1], depth + 1)
        guess.nullable = True
        return guess
    if text.startswith(("*", "?")) and len(text) > 1:  # Go's `*string`, PHP's `?string`
        guess = _read(text[1:], depth + 1)
        guess.nullable = True
        return guess
    # `x!` (GraphQL non-null)
    if text.endswith("!") and len(text) > 1:
        guess = _read(text[:-1], depth + 1)
        guess.nullable = False
        return guess

    # `x[]`, `[]x`
    if text.endswith("[]"):
        if text[:-2].strip().lower() in ("json", "jsonb"):  # `JSONB[]` as SQL writes it: PostgreSQL's array of documents
            return TypeGuess(text[:-2].strip().lower() + "[]", True, many=True)
        return _array(_read(text[:-2], depth + 1))
    if text.startswith("[]"):
        return _array(_read(text[2:], depth + 1))
    m = re.fullmatch(r"(?i)(?:array|list|set) of (.+)", text)
    if m:
        return _array(_read(_singular_plural(m.group(1)), depth + 1))
    m = re.fullmatch(r"(?i)(.+?) (?:array|list)", text)
    if m:
        return _array(_read(m.group(1), depth + 1))

    # Generic: `Name[args]`, `Name<args>`
    m = re.fullmatch(r"([\w.:&@]+)\s*([\[<])(.*)([\]>])", text, flags=re.DOTALL)
    if m and _pairs(m.group(2), m.group(4)):
        return _generic(m.group(1), split_top(m.group(3), ","), depth)

    # Sized or called: `VARCHAR(255)`, `DECIMAL(12,2)`, `CharField(max_length=200)`, `Column(String(50), nullable=False)`
    m = re.fullmatch(r"([\w.@]+(?: [\w]+)*?)\s*\((.*)\)", text, flags=re.DOTALL)
    if m and _balanced(m.group(2)):
        called = _called(m.group(1), m.group(2), depth)
        if called is not None:
            return called

    # `base (note, note)` and `base, note, note`
    m = re.fullmatch(r"(.+?)\s*\((.*)\)\s*(.*)", text, flags=re.DOTALL)
    if m and _balanced(m.group(2)):
        called = _called(m.group(1), m.group(2), depth) if re.fullmatch(r"[\w.@]+(?: \w+)*", m.group(1)) else None
        if called is not None and called.type is not None and m.group(3):
            # `varchar(10) utf8mb4_bin, unique`: a sized type, then notes
            return _with_notes(called, [n for n in split_top(m.group(3), ",") if n.strip()], depth)
        base = _read(m.group(1), depth + 1)
        notes = [n for n in re.split(r"[,;]", m.group(2)) + ([m.group(3)] if m.group(3) else []) if n.strip()]
        return _with_notes(base, notes, depth)
    if "," in text:
        head, *rest = split_top(text, ",")
        base = _read(head, depth + 1)
        if base.type is not None or base.reference is not None:
            return _with_notes(base, rest, depth)
    m = re.fullmatch(r"(?i)(.+?)\s+(max(?:imum)?\.?:?\s*\d+.*|\d+\s*(?:chars?|characters)|up to \d+.*)", text)
    if m:
        return _with_notes(_read(m.group(1), depth + 1), [m.group(2)], depth)

    # Qualified names: `models.CharField`, `sa.String`, `@db.Uuid`, `System.Guid`
    if "." in key or "::" in key:
        last = re.split(r"\.|::", text)[-1]
        if last and last != text:
            return _read(last, depth + 1)

    if _IDENT.fullmatch(text) and text[0].isupper():
        return TypeGuess(None, False, note=f"'{text}' is no type name; perhaps an entity", reference=text)
    return TypeGuess(None, False, note=f"unknown type '{text}'")


def comparable(type_text: str) -> bool:
    """Whether PostgreSQL compares values of the type for equality, as a key, an index or a unique group needs
    (json cannot, jsonb can: build's E217)."""
    return not re.fullmatch(r"json(\[\])*", type_text.strip())


def frappe_only_type(name: str) -> bool:
    """Whether `name` is a Frappe field type that no SQL or ORM table uses (`Link`, `Check`, `Section Break`)."""
    return _key(name) in _data()["frappe_only_fieldtypes"]


def frappe_field_type(name: str) -> tuple[bool, str | None]:
    """(whether `name` is a Frappe DocType field type, the spec2db type of its column or None when it keeps none)."""
    types = _data()["frappe_fieldtypes"]
    return _key(name) in types, types.get(_key(name))


def type_names() -> list[str]:
    """Every type name data/types.json lists, as written there."""
    return list(_data()["names"])


def type_table_lists(name: str) -> bool:
    """Whether data/types.json names `name` itself (`ObjectId`, `citext`), rather than a rule guessing its type."""
    return _key(name) in _data()["names"]


def _lookup(key: str) -> TypeGuess | None:
    data = _data()
    value = data["names"].get(key)
    if value is None:
        value = data["go_null_types"].get(key)
        if value is not None:
            return TypeGuess(value, True, nullable=True)
        return None
    if isinstance(value, str):
        return TypeGuess(value, True)
    return TypeGuess(value["type"], bool(value.get("confident", True)), note=value.get("note", ""))


def _array(inner: TypeGuess) -> TypeGuess:
    if inner.reference is not None:
        inner.many = True
        inner.note = f"a collection of {inner.reference}"
        return inner
    if inner.type is None:
        return inner
    if inner.type.startswith("enum("):
        # spec2db has no arrays of enums: the values become a text array
        return TypeGuess(
            "text[]", False, values=inner.values, note="an array of enum values is stored as text[]", nullable=inner.nullable, many=True
        )
    if inner.type in ("json", "jsonb"):
        return inner  # a JSON array is one json value; PostgreSQL's json[] is an array of documents nobody means
    return TypeGuess(inner.type + "[]", inner.confident, inner.values, inner.note, inner.nullable, None, True)


def _singular_plural(text: str) -> str:
    return text[:-1] if text.lower().endswith("s") and text.lower() not in ("bytes", "status") and len(text) > 3 else text


def _generic(name: str, args: list[str], depth: int) -> TypeGuess:
    data = _data()
    key = _key(name).lstrip("@")
    short = re.split(r"\.|::", key)[-1]
    args = [a for a in args if a.strip()]
    for k in (key, short):
        if k in data["nullable_wrappers"] and args:
            guess = _read(args[0], depth + 1)
            guess.nullable = True
            return guess
        if k in data["array_wrappers"] and args:
            return _array(_read(args[0], depth + 1))
        if k in data["map_wrappers"]:
            return TypeGuess("jsonb", True, note="a map is stored as JSON")
        if k in data["transparent_wrappers"] and args:
            return _read(args[0], depth + 1)
        if k == "literal" and args:
            return _enum_values([_unquote(a) for a in args], text=name)
    return TypeGuess(None, False, note=f"unknown generic type '{name}'")


def _called(name: str, inner: str, depth: int) -> TypeGuess | None:
    data = _data()
    key = _key(name).lstrip("@")
    short = re.split(r"\.|::", key)[-1]
    args = [a.strip() for a in split_top(inner, ",") if a.strip()]
    positional = [a for a in args if not re.match(r"\w+\s*=", a)]
    keywords = {}
    for a in args:
        m = re.fullmatch(r"(\w+)\s*=\s*(.+)", a, flags=re.DOTALL)
        if m:
            keywords[m.group(1).lower()] = m.group(2).strip()
    nullable = None
    if "nullable" in keywords or "null" in keywords:
        nullable = (keywords.get("nullable") or keywords.get("null")) == "True"
    for k in (key, short):
        if k in ("enum", "sa.enum", "sqlalchemy.enum") and positional:
            values = [_unquote(a) for a in positional if _unquote(a) != a or _VALUE.fullmatch(a)]
            if all(_quoted(a) for a in positional):
                return _enum_values(values, text=name)
            return TypeGuess(None, False, note=f"an enum of the Python class {positional[0]}", reference=positional[0])
        if k == "set" and positional and all(_quoted(a) for a in positional):
            # MySQL SET('a', 'b'): several values at once; spec2db has no arrays of enums
            return TypeGuess(
                "text[]", False, values=[_unquote(a) for a in positional], note="a MySQL SET is stored as a text array", many=True
            )
        if k in data["transparent_wrappers"] and positional:
            guess = _read(positional[0], depth + 1)
            if nullable is not None:
                guess.nullable = nullable
            return guess
        if k in data["sized"]:
            base = data["sized"][k]
            numbers = [a for a in positional if re.fullmatch(r"\d+", a)]
            for word in ("max_length", "length", "maxlength", "size", "max_digits", "precision"):
                if word in keywords and re.fullmatch(r"\d+", keywords[word]):
                    numbers.insert(0, keywords[word])
                    break
            for word in ("decimal_places", "scale"):
                if word in keywords and re.fullmatch(r"\d+", keywords[word]):
                    numbers = numbers[:1] + [keywords[word]]
            if not numbers and positional:
                return None  # `string (UUID)`: a note, not a size
            if base == "timestamp" and keywords.get("timezone") == "True":
                base = "timestamptz"  # SQLAlchemy `DateTime(timezone=True)`
            guess = _sized(base, numbers, name)
            if nullable is not None:
                guess.nullable = nullable
            return guess
    # `ForeignKey(User)`, `relationship("User")`: no type
    return None


def _sized(base: str, numbers: list[str], name: str) -> TypeGuess:
    if base in ("string", "char"):
        if numbers:
            return TypeGuess(f"{base}({int(numbers[0])})", True)
        return TypeGuess("text" if base == "string" else "char", True)
    if base == "decimal":
        if len(numbers) >= 2:
            return TypeGuess(f"decimal({int(numbers[0])}, {int(numbers[1])})", True)
        if numbers:
            return TypeGuess(f"decimal({int(numbers[0])})", True)
        return TypeGuess("decimal", True)
    if base in ("timestamp", "timestamptz", "time"):
        if numbers and int(numbers[0]) <= 6:
            return TypeGuess(f"{base}({int(numbers[0])})", True)
        return TypeGuess(base, True)
    if base == "double" and numbers:
        # float(p): p <= 24 is real, as PostgreSQL and the SQL standard read it
        return TypeGuess("real" if int(numbers[0]) <= 24 else "double", True)
    if base == "boolean" and numbers and numbers[0] != "1":
        return TypeGuess("bytes", False, note=f"{name}({numbers[0]}) is a bit string, stored as bytes")
    return TypeGuess(base, True, note=f"the size of {name} is dropped" if numbers else "")


def _with_notes(base: TypeGuess, notes: list[str], depth: int) -> TypeGuess:
    data = _data()
    dropped = []
    for raw in notes:
        note = _key(raw).strip(" .")
        if not note:
            continue
        if note in data["nullable_words"] or note.startswith("optional"):
            base.nullable = True
            continue
        if note in data["required_words"]:
            base.nullable = False
            continue
        if _constraint_re().match(raw.strip()):
            _apply_constraints(base, raw.strip())  # `uuid, PK, FK → users.id`, `text, default 'x'`
            base.constraints = _join_text(base.constraints, raw.strip())
            continue
        if note in data["note_types"]:
            refined = data["note_types"][note]
            number = (
                base.type == "double"
                and not base.confident
                and refined in ("timestamp", "timestamptz", "date", "integer", "bigint", "decimal")
            )
            if (
                base.type in (None, "text", "string", "char")
                or refined in ("timestamptz",)
                and base.type == "timestamp"
                or base.reference
                or number
            ):
                # `string (UUID)`, `number (Timestamp)`, `number (integer)`: the note says what the plain type holds
                base.type, base.confident, base.reference = refined, True, None
            continue
        m = re.fullmatch(r"(?:max(?:imum)?\.?:?|up to|<=|≤|length:?|max length:?|maxlength:?)\s*(\d+)\s*(?:chars?|characters)?", note)
        m = m or re.fullmatch(r"(\d+)\s*(?:chars?|characters)(?: max(?:imum)?)?", note)
        if m and base.type in ("text", "string", "char", None):
            base.type, base.confident = f"string({int(m.group(1))})", base.type is not None or base.confident
            continue
        m = re.fullmatch(r"(\d+)\s*,\s*(\d+)", note)
        if m and base.type == "decimal":
            base.type = f"decimal({int(m.group(1))}, {int(m.group(2))})"
            continue
        if re.search(r"[/|]", note) and base.type in ("text", "string", None) or base.type and base.type.startswith("enum"):
            values = [v.strip().strip("'\"") for v in re.split(r"[/|]", raw) if v.strip()]
            if (
                len(values) > 1
                and all(_VALUE.fullmatch(v) or re.fullmatch(r"[\w -]+", v) for v in values)
                and not any(_lookup(_key(v)) for v in values)  # `string (UUID/ULID)`: formats, not values
            ):
                enum = _enum_values(values, text=raw)
                enum.nullable = base.nullable
                base = enum
                continue
        if re.fullmatch(r"(?:utf8|utf16|latin1|ascii|binary|ucs2)\w*|\w+_(?:ci|cs|bin|as|ai)", note):
            continue  # a MySQL character set or collation (`utf8mb4_bin`): nothing spec2db keeps
        if note in data["modifier_words"] or any(note.startswith(w + " ") for w in data["modifier_words"]):
            continue
        if note.startswith(("fk", "references", "ref ", "→", "->", "default", "e.g", "ex", "example", "pk")):
            continue
        dropped.append(raw.strip())
    if dropped and base.type is not None:
        base.note = (base.note + "; " if base.note else "") + "not read: " + ", ".join(dropped)
    return base


# -- enums


def _enum(text: str) -> TypeGuess | None:
    # `Enum(TaskStatus)`, `sa.Enum(TaskStatus, name="status")`: the values live in a class
    m = re.fullmatch(r"(?:[\w.]+\.)?(?:SA|Sa|Sql)?Enum\(\s*([A-Z]\w*)\s*(?:,.*)?\)", text, flags=re.DOTALL)
    if m and not _quoted(m.group(1)):
        return TypeGuess(None, False, note=f"an enum of the class {m.group(1)}", reference=m.group(1))
    # enum {A, B} / enum [A, B] / enum (a | b) / enum<a|b> / enum: a | b / one of a, b
    m = re.fullmatch(r"(?i)(?:enum|enumeration|one of)\s*[:=]?\s*[{\[(<](.*)[}\])>]", text, flags=re.DOTALL)
    if m is None:
        m = re.fullmatch(r"(?i)(?:enum|enumeration|one of)\s*:?\s+(.*)", text, flags=re.DOTALL)
    if m is not None:
        if re.search(r"(?:^|,)\s*\w+\s*=\s*(?:['\"]|True|False)", m.group(1)):
            return None  # `Enum("a", "b", name="plan")`: a call with keyword arguments, read by `_called`
        from compiler.infer import words as W  # (words reads no types: no cycle at import)

        if re.match(r"(?i)\s*(?:see|cf\.?|per|as\s+in|defined\s+(?:below|above|in))\b", m.group(1)):
            return TypeGuess(None, False, note="an enum whose values are written elsewhere")  # `enum (see below)`
        if W.open_list(m.group(1)) or re.match(r"(?i)\s*(?:includes?|including|e\.\s?g\.?|such\s+as|like|for\s+example)\b", m.group(1)):
            # `enum includes `queued`, `running`, etc.`: some of its values, as examples; stored as text
            return TypeGuess("text", False, note="an enum whose values are only examples (etc.)")
        values = _split_values(m.group(1))
        if values:
            return _enum_values(values, text=text)
        return None
    # 'bearer': a single literal (TypeScript), a one-value enum
    if _quoted(text) and _VALUE.fullmatch(_unquote(text).replace(" ", "_")):
        # a type of one literal, or a value written where a type goes (`**Default**: 'normal'`): not certain
        guess = _enum_values([_unquote(text)], text=text)
        guess.confident, guess.note = False, f"a single value {text}: a literal type, or a value where a type goes"
        return guess
    # (A/B/C), (a, b, c), {a, b}
    m = re.fullmatch(r"[({\[](.*)[)}\]]", text, flags=re.DOTALL)
    if m:
        values = _split_values(m.group(1))
        if len(values) > 1 and not any(_lookup(_key(v)) for v in values):
            return _enum_values(values, text=text)
        return None
    # 'a' | 'b' | "c"  (TypeScript literal unions); None parts make it nullable
    if "|" in text:
        parts = [p.strip() for p in split_top(text, "|")]
        literal = [p for p in parts if _quoted(p)]
        nulls = [p for p in parts if _key(p) in _data()["null_words"]]
        if literal and len(literal) + len(nulls) == len(parts):
            guess = _enum_values([_unquote(p) for p in literal], text=text)
            if nulls:
                guess.nullable = True
            return guess
        # A | B | C written bare, all value-like and none a type name
        if (
            len(parts) > 1
            and all(_VALUE.fullmatch(p) for p in parts)
            and not any(_lookup(_key(p)) or _key(p) in _data()["null_words"] for p in parts)
        ):
            return _enum_values(parts, text=text)
    return None


def _split_values(inner: str) -> list[str]:
    sep = r"[|/]" if re.search(r"[|/]", inner) else r"[,;]"
    written = [v.strip() for v in re.split(sep, inner) if v.strip()]
    # `A = 1` (C#/TS enum members): the name
    if any(":" in v for v in written if not _quoted(v)):
        return []  # `{ id: string; name: string }`: an object type, not values
    pairs = [(w, _unquote(w) if _quoted(w) else linear_re.sub(r"\s*=\s*.*$", "", w)) for w in written]
    pairs = [(w, v) for w, v in pairs if v]
    # (a quoted value may hold what a bare one cannot: `'Failed (Stalled)'`)
    if not all(re.fullmatch(r"[\w][\w .'()-]*" if _quoted(w) else r"[\w][\w .'-]*", v) for w, v in pairs):
        return []
    return [v for _, v in pairs]


def _enum_values(values: list[str], *, text: str) -> TypeGuess:
    values = list(dict.fromkeys(v for v in values if v))
    if not values:
        return TypeGuess(None, False, note=f"an enum without values: {text}")
    return TypeGuess(enum_type(values), True, values=values)


def enum_type(values: list[str]) -> str:
    """Canonical `enum(...)` text for `values`: bare names where the notation
    reads them as names, quoted otherwise."""
    return "enum(" + ", ".join(v if re.fullmatch(r"[^\W\d]\w*", v) else "'" + v.replace("'", "''") + "'" for v in values) + ")"


def is_modifier(note: str) -> bool:
    """A word that qualifies a type (`unique`, `auto-generated`, `optional`), not one of its values."""
    data, key = _data(), _key(note).strip(" .")
    return (
        key in data["modifier_words"]
        or key in data["nullable_words"]
        or key in data["required_words"]
        or any(key.startswith(w + " ") for w in data["modifier_words"])
    )


def note_type(note: str) -> str | None:
    """The type a constraint or notes item says a text field holds (`UUID format`, `ISO 8601 格式`, `e-mail`), or None."""
    key = linear_re.sub(r"\s*(?:format(?:ted)?|string|value|形式|格式|フォーマット|형식)\s*$", "", _key(note).strip(" .")).strip()
    found = _data()["note_types"].get(key)
    if found is None and (bare := linear_re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", key)) != key:
        return note_type(bare)  # `ISO 8601（含毫秒）`, `ISO 8601 (UTC)`: a note on the format
    return found


# -- small text helpers


def _quoted(text: str) -> bool:
    return len(text) >= 2 and text[0] == text[-1] and text[0] in "'\""


def _unquote(text: str) -> str:
    text = text.strip()
    return text[1:-1] if _quoted(text) else text


def _pairs(open_: str, close: str) -> bool:
    return (open_, close) in (("[", "]"), ("<", ">"))


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in "([{<":
            depth += 1
        elif ch in ")]}>":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _enclosed(text: str, sep: str) -> bool:
    """Whether every `sep` in `text` is inside brackets."""
    return len(split_top(text, sep)) == 1


def split_top(text: str, separators: str, quotes: str = "'\"") -> list[str]:
    """`text` split on any of `separators` outside brackets and quotes
    (`=>` closes no bracket)."""
    parts, depth, start, quote = [], 0, 0, None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
            continue
        if ch in quotes:
            quote = ch
        elif ch in "([{<":
            depth += 1
        elif ch in ")]}>" and not (ch == ">" and text[i - 1 : i] == "="):
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _apply_column_hint(guess: TypeGuess, column: str, *, ambiguous_date: bool) -> None:
    hints = _data()["column_hints"]
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", column).lower()
    words = set(name.split("_"))
    if guess.type == "double" and not guess.confident:  # `number`
        if name.endswith(("_at", "_timestamp")) or name == "timestamp":
            # `createdAt: number`: milliseconds since the epoch, a point in time
            guess.type, guess.note = "timestamp", f"'number' named '{column}' holds a point in time: read as timestamp"
        elif words & set(hints["fraction_words"]):
            pass  # `likes_ratio`, `attendance_rate`, `avg_bpm`: a fraction of counts, a double
        elif any(name.endswith(s) for s in hints["integer_suffixes"]) or words & set(hints["integer_words"]):
            guess.type, guess.note = "integer", f"'number' read as integer from the column name '{column}'"
        elif words & set(hints["decimal_words"]):
            guess.type, guess.note = "decimal", f"'number' read as decimal from the column name '{column}'"
    elif guess.type in ("text", "string") and name.split("_")[-1] in hints["uuid_words"]:
        guess.type, guess.note = "uuid", f"a string named '{column}' holds a UUID"
    elif (
        guess.type == "date"
        and ambiguous_date  # `Date` (JavaScript, java.util): a point in time or a day; SQL `DATE` and `LocalDate` are days
        and (
            any(name.endswith(s) for s in hints["timestamp_suffixes"])
            or words & set(hints["timestamp_words"])
            or name.startswith(tuple(hints["timestamp_prefixes"]))
            and name not in hints["not_timestamp_names"]  # `lastLogin`
        )
    ):
        guess.type, guess.confident = "timestamp", False
        guess.note = f"a date type on '{column}', which names a point in time: read as timestamp"


@lru_cache(maxsize=2048)
def accepted(type_text: str) -> bool:
    """Whether spec2db's own parser and resolver accept `type_text` as a type."""
    from compiler.diagnostics import Diagnostics
    from compiler.frontend import notation
    from compiler.frontend.source import Fragment
    from compiler.passes.resolve import resolve_type

    diags = Diagnostics()
    expr = notation.parse(Fragment.single("<type>", type_text, 1, 1), "type_only", diags)
    if expr is None or isinstance(expr, tuple) or diags.items:
        return False
    return resolve_type(expr, {}, diags) is not None and not diags.items
