"""Names: entity -> table, class and enum names; generated object names.

Every generated name (index, constraint, enum type, trigger) is made here,
so the linter checks exactly the names the emitters write.
"""

from __future__ import annotations

import hashlib
import json
import keyword
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

MAX_IDENTIFIER_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1

_PLURALS = json.loads((Path(__file__).parent / "english_plurals.json").read_text(encoding="utf-8"))
_IRREGULAR: dict[str, str] = _PLURALS["irregular"]  # `person` -> `people`, `quiz` -> `quizzes`, `leaf` -> `leaves`
SINGULAR_OF = {plural: word for word, plural in _IRREGULAR.items()}
_UNCOUNTABLE = frozenset(_PLURALS["uncountable"])
ES_PLURAL_OF_S = frozenset(_PLURALS["es_plural_of_s"])  # `status` -> `statuses` (not the plural of `statuse`)


@lru_cache(maxsize=16384)
def snake(name: str) -> str:
    """`TaskTag` -> `task_tag`, `JWT Token` -> `jwt_token`, `dueDate` -> `due_date`."""
    text = unicodedata.normalize("NFC", name.strip())
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    text = re.sub(r"(?<![A-Z])([A-Z]+)([A-Z][a-z])", r"\1_\2", text)  # (from a run's start only: linear on `AAAA...`)
    text = re.sub(r"[\s\-./]+", "_", text)
    text = re.sub(r"[^\w]", "", text)
    return re.sub(r"_+", "_", text).strip("_").lower()


def _inflected(word: str, irregular: dict[str, str], regular) -> str:
    """`word` (snake_case) with its last part inflected: from `irregular`, else by `regular`; uncountable
    words, and irregular words already inflected (`children` asked for a plural), stay."""
    head, _, last = word.rpartition("_")
    if last in _UNCOUNTABLE or not last or last not in irregular and last in irregular.values():
        return word
    return (f"{head}_" if head else "") + (irregular[last] if last in irregular else regular(last))


def _plural(last: str) -> str:
    if last in ES_PLURAL_OF_S:
        return last + "es"  # `status`, `alias`, `gas`
    if last.endswith("s") and _singular(last) != last:
        return last  # already plural: `photos`, `roles`, `analyses`
    if re.search(r"(s|x|z|ch|sh)$", last):
        if re.search(r"[^aeiou]s$", last) and not re.search(r"(ss|us|is)$", last):
            return last  # already plural: `settings`, `items`
        if re.search(r"(ies|ses|xes|ches|shes|zes)$", last):
            return last  # already plural: `companies`, `addresses`, `leases`, `boxes` (not `companieses`)
        if re.search(r"(sis|xis)$", last):
            return last[:-2] + "es"  # `analysis`, `axis`
        if last.endswith("is"):
            return last  # already plural: `kpis`, `apis`, `uris`
        return last + "es"
    if re.search(r"[^aeiou]y$", last):
        return last[:-1] + "ies"
    return last + "s"


def _singular(last: str) -> str:
    if last in ES_PLURAL_OF_S or re.search(r"(ss|us|sis|xis)$", last):
        return last  # `class`, `status`, `gas`, `analysis`, `axis`: singular already
    if last.endswith("yses"):
        return last[:-2] + "is"  # `analyses` (not `analyse`)
    candidates = [last[:-3] + "y", last[:-2], last[:-1], last[:-2] + "is"]
    if re.search(r"[aeiou]ses$", last) and last[:-2] not in ES_PLURAL_OF_S:
        candidates.remove(last[:-2])  # `leases` -> lease, not leas; `statuses` -> status
    return next((c for c in candidates if c and c != last and pluralize(c) == last), last)


@lru_cache(maxsize=16384)
def pluralize(word: str) -> str:
    return _inflected(word, _IRREGULAR, _plural)


def singularize(word: str) -> str:
    """The word whose plural (by `pluralize`) is `word`: `categories` -> `category`, `people` -> `person`,
    `user_roles` -> `user_role`; a word that is no such plural stays."""
    return _inflected(word, SINGULAR_OF, _singular)


def table_name(entity: str, plural: bool) -> str:
    base = snake(entity)
    return pluralize(base) if plural else base


def pascal(name: str) -> str:
    parts = [p for p in snake(name).split("_") if p]
    return "".join(p[:1].upper() + p[1:] for p in parts)


def enum_type_name(entity: str, column: str) -> str:
    return fitted(f"{snake(entity)}_{snake(column) or column}")


def index_name(table: str, columns: list[str]) -> str:
    # Single column: idx_tasks_user_id; composite: the seed's idx_tasks_user_status
    # (a trailing `_id` is dropped from each column but the last).
    if len(columns) == 1:
        return fitted(f"idx_{table}_{columns[0]}")
    parts = [c[:-3] if c.endswith("_id") and len(c) > 3 else c for c in columns[:-1]] + [columns[-1]]
    return fitted(f"idx_{table}_{'_'.join(parts)}")


def unique_index_name(table: str, columns: list[str]) -> str:
    return fitted(f"uq_{table}_{'_'.join(columns)}")


def primary_key_name(table: str) -> str:
    return fitted(f"{table}_pkey")


def foreign_key_name(table: str, columns: list[str]) -> str:
    return fitted(f"{table}_{'_'.join(columns)}_fkey")


def unique_name(table: str, columns: list[str]) -> str:
    return fitted(f"{table}_{'_'.join(columns)}_key")


def check_name(table: str, column: str | None, kind: str = "check") -> str:
    return fitted(f"{table}_{column}_{kind}" if column else f"{table}_{kind}")


def trigger_name(table: str, column: str) -> str:
    return fitted(f"update_{table}_{column}")


UPDATED_AT_FUNCTION = "update_updated_at_column"
SOFT_DELETE_COLUMN = "deleted_at"


def join_table_name(left_entity: str, right_entity: str) -> str:
    return f"{snake(left_entity)}_{pluralize(snake(right_entity))}"


def python_identifier(name: str) -> str:
    """A safe Python identifier for a column or table name (`class` -> `class_`,
    `2fa_code` -> `_2fa_code`); the SQL name is kept separately."""
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"\W", "_", text, flags=re.ASCII)
    if not text or text[0].isdigit():
        text = f"_{text}"
    if keyword.iskeyword(text) or keyword.issoftkeyword(text):
        text = f"{text}_"
    return text


def with_suffix(name: str, suffix: str) -> str:
    """`name` + `suffix` within 63 bytes: the name is cut (on a character
    boundary), never the suffix, so the result always differs from `name`."""
    room = MAX_IDENTIFIER_BYTES - byte_length(suffix)
    head = name.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return head + suffix


def fitted(name: str) -> str:
    """A generated name PostgreSQL keeps whole: one longer than 63 bytes is cut and ends with a hash of all of
    it (`idx_<long table>_<columns>` -> `idx_<long ta…>_1a2b3c4d`), so two long names that share their first 54
    bytes stay apart, and every emitter, reading the name from the IR, writes the same one."""
    if byte_length(name) <= MAX_IDENTIFIER_BYTES:
        return name
    return with_suffix(name, "_" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8])


MAX_REVISION_CHARS = 32  # Alembic's `alembic_version.version_num` is VARCHAR(32)


def revision_name(text: str) -> str:
    """An Alembic revision id from a folder name or slug (`UC-01-register-user-account`): word characters only, as
    Alembic refuses `-`, `@` and `+` in one, and at most 32 characters, the width of the column it is stored in; a
    longer one is cut and ends with a hash of all of it, so two long names stay apart."""
    name = re.sub(r"\W+", "_", unicodedata.normalize("NFKC", text), flags=re.ASCII).strip("_") or "revision"
    if len(name) <= MAX_REVISION_CHARS:
        return name
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{name[: MAX_REVISION_CHARS - len(digest) - 1].rstrip('_')}_{digest}"


def loose_name(text: str) -> str:
    """A name with case and separators aside, as a reference to a table is matched (`orivapay_transactions` is
    OrivaPay Transaction's `oriva_pay_transactions`)."""
    return re.sub(r"[\W_]+", "", text.lower())


def byte_length(name: str) -> int:
    return len(name.encode("utf-8"))
