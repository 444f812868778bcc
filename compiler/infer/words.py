"""The word lists of compiler/infer/data/words.json and the name helpers every reader shares.

Words are data (one JSON file, by role and language); this module only
loads them and matches them as whole words (substrings for CJK text, which
has no word boundaries).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from compiler import linear_re
from compiler.naming import singularize, table_name

_DATA = Path(__file__).with_name("data") / "words.json"


@lru_cache(maxsize=1)
def words() -> dict:
    return json.loads(_DATA.read_text(encoding="utf-8"))


def _is_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in text)


@lru_cache(maxsize=4096)
def _phrase_re(phrase: str) -> re.Pattern:
    escaped = re.escape(phrase)
    if _is_cjk(phrase) or not phrase[:1].isalnum():
        return re.compile(escaped, re.IGNORECASE)
    return re.compile(rf"(?<![\w]){escaped}(?![\w])", re.IGNORECASE)


def find(text: str, phrases) -> re.Match | None:
    """The first (leftmost) match of any phrase, as a whole word."""
    best = None
    for phrase in phrases:
        match = _phrase_re(phrase).search(text)
        if match and (best is None or match.start() < best.start() or (match.start() == best.start() and match.end() > best.end())):
            best = match
    return best


@lru_cache(maxsize=64)
def alternation(role: str) -> str:
    """The words of `role` as one regex group, longest first, spaces matching any run of spaces."""
    return alternation_of(tuple(words()[role]))


def alternation_of(phrases) -> str:
    """`phrases` as one regex group, longest first, spaces matching any run of spaces."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "(?:" + "|".join(r"\s*".join(re.escape(part) for part in p.split()) for p in ordered) + ")"


def without(text: str, role: str) -> str:
    """`text` with every phrase of `role` blanked out."""
    for phrase in words()[role]:
        text = _phrase_re(phrase).sub(" ", text)
    return text


def has(text: str, role: str) -> bool:
    return find(text, words()[role]) is not None


def value_type_name(name: str) -> bool:
    """`VenueInfo`, `ShippingAddress`, `ContainerInfo`: a type name that says it is a value folded into its holder
    (data/words.json `value_type_words`), not an entity."""
    return snake(name).split("_")[-1] in words()["value_type_words"]


def kind_type_name(name: str) -> bool:
    """`ActivityType`, `OrderStatus`, `EventSource`: a type name that says it names a kind of value (data/words.json
    `kind_type_words`), an enumeration declared elsewhere, not an entity."""
    parts = snake(name).split("_")
    return len(parts) > 1 and parts[-1] in words()["kind_type_words"]


def open_list(text: str) -> bool:
    """Whether a list of values says it is only examples (`e.g.`, `etc.`, `such as`, `coindesk, cointelegraph 等`)."""
    return has(text, "open_list_words") or "..." in text or "…" in text


def open_list_item(item: str) -> bool:
    """A list item that only says the list goes on (`etc.`, `and so on`, `...`): no attribute."""
    said = " ".join(item.lower().strip(" .…").split())
    return not said or said in {w.strip(" .") for w in words()["open_list_words"]}


@lru_cache(maxsize=1)
def header_roles() -> dict[str, str]:
    roles: dict[str, str] = {}
    for role, names in words()["header_roles"].items():
        for name in names:
            roles.setdefault(name.lower(), role)
    return roles


@lru_cache(maxsize=1)
def type_rules() -> list[tuple[re.Pattern, str, bool]]:
    return [(re.compile(rule["name"]), rule["type"], rule["confident"]) for rule in words()["type_rules"]["rules"]]


def type_from_name(column: str) -> tuple[str, bool] | None:
    """A type guessed from a snake_case column name: (type, confident), or None."""
    for pattern, type_text, confident in type_rules():
        if pattern.search(column):
            return type_text, confident
    return None


def status_like(column: str) -> bool:
    """`status`, `role`, `kind`: a name that holds one of a few values (typed a vague string by its name)."""
    by_name = type_from_name(column)
    return by_name is not None and not by_name[1] and by_name[0].startswith("string")


_CAMEL_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def snake(name: str) -> str:
    """`DisplayName`, `display name`, `driveFolderId`, `_id`, `Created At` -> snake_case."""
    text = name.strip().strip("`*_\"' ")
    # `URLs`, `IDs`: an acronym's plural (tried from a run's start only: linear on `AAAA...`)
    text = re.sub(r"(?<![A-Z])([A-Z]{2,})s\b", lambda m: m.group(1).capitalize() + "s", text)
    text = _CAMEL_RE.sub("_", text)
    text = re.sub(r"[^\w]+", "_", text, flags=re.UNICODE)
    text = re.sub(r"_+", "_", text).strip("_").lower()
    return text


def singular(word: str) -> str:
    """naming's singular (the word whose plural a build makes is `word`), in `word`'s case: `Categories` ->
    `Category`, `people` -> `person`, `UserCVs` -> `UserCV`."""
    lower = word.lower()
    one = singularize(lower) if re.fullmatch(r"[a-z]{4,}", lower) else lower  # (`has`, `its`, `cvs`: too short to tell)
    if one == lower:
        return word
    if lower.startswith(one):
        return word[: len(one)]
    return one.upper() if word.isupper() else one.capitalize() if word[:1].isupper() else one


def pascal(name: str) -> str:
    """`refresh_tokens` -> `RefreshToken`; `user account` -> `UserAccount`; `Task` stays."""
    parts = [p for p in re.split(r"[^\w]+|_", name.strip()) if p]
    if not parts:
        return name.strip()
    parts[-1] = singular(parts[-1])
    return "".join(p[:1].upper() + p[1:] for p in parts)


def is_actor(column: str) -> bool:
    """`created_by`, `owner_id`, `decided_by_id`: a column that names the person who did something."""
    named = column.removesuffix("_id")
    return named in words()["actor_columns"] or named.endswith("_by") and named not in words()["not_actor_by"]


def is_person(column: str) -> bool:
    """`user`, `actor`, `created_by`, `requester`: a name that means a person, the application's user."""
    return column in words()["person_words"] or is_actor(column)


def says_it_grows(marker: str) -> bool:
    """A marker (`extended`, `MODIFY`, `existing entity - enhanced`) that says the entity gains columns here, not that
    it is recalled (`unchanged`) or goes (`removed`, `dropped`)."""
    grows = has(marker, "change_markers") or find(marker, words()["growth_markers"]) is not None
    return grows and find(marker, [*words()["removed_changes"], *words()["recall_markers"]]) is None


def entity_key(name: str) -> str:
    """The name two sources are matched by: case, spacing, plural and `Table`/`Entity` suffix ignored."""
    text = re.sub(r"[(（][^()（）]*[)）]", " ", name)  # (no `\s*` before it: quadratic on a long run of spaces)
    parts = [p for p in re.split(r"[^\w]+|_", snake(text)) if p]
    # `WorldEntity` is an entity of its own beside `World`; `World Entity`, `world_entity` and a persistence class named
    # after its record (`MemoryEntryEntity` for MemoryEntry, two words before the suffix) are World and MemoryEntry
    joined = re.fullmatch(r"[A-Z][a-z0-9]+Entit(?:y|ies)", text.strip().strip("`*")) is not None
    while len(parts) > 1 and parts[-1] in ("table", "entity", "model", "record") and not (joined and parts[-1] == "entity"):
        parts.pop()
    if parts:
        parts[-1] = singular(parts[-1])
    return "".join(parts).lower()


def entity_keys(name: str) -> set[str]:
    """The keys an entity answers to by its name: the name's, and that of the table a build gives it, which
    other sources name it by (`user_cvs` is UserCV's table, though `cvs` reads as no plural)."""
    return {entity_key(name), entity_key(table_name(snake(name), plural=True))} - {""}


def hint_values(hints: str) -> list[str]:
    """`idle/syncing/error`, `ACTIVE/COMPLETED`, `Owner or Member`, `weekly, biweekly, monthly` -> values."""
    for hint in re.findall(r"[^()]+", hints):
        if open_list(hint):
            continue  # examples of an open list, not its values
        hint = re.sub(r"^\s*(?:i\.e\.|one of|enum)\s*[:,]?\s*", "", hint.strip(), flags=re.IGNORECASE)
        # (`Draft→Posted→Cancelled`: the states a lifecycle goes through, each a value)
        parts = [p.strip(" .'\"`*") for p in linear_re.split(r"\s*(?:/|,|\||→|->|⇒|\bor\b|\bou\b|\bo\b|\blub\b)\s*", hint)]
        parts = [p for p in parts if p]
        if any(re.fullmatch(r"[A-Z]{1,5}-\d+[a-z]?", p) for p in parts):
            continue  # `(FR-156, FR-019)`: the requirements it serves, not its values
        if any(p.split()[0].lower() in words()["function_words"] for p in parts if " " in p):
            continue  # `(for product/paid prizes)`: a phrase about the field, not values
        if any(p.split()[-1].lower() in words()["function_words"] for p in parts if " " in p):
            continue  # `Success or failure with details`: a sentence cut short, not values
        if len(parts) >= 2 and all(len(p.split()) <= 2 and re.fullmatch(r"[\w\- ]+", p) for p in parts):
            return list(dict.fromkeys(parts))
    return []


_CONDITION_RE = re.compile(
    r"\s*(?:true|false|set|unset|enabled|disabled|null|empty|present|absent|missing|provided|omitted|not)\b", re.IGNORECASE
)


def type_in_words(text: str, opening: bool = False) -> str | None:
    """The type a field's description says in words (`Timestamp of last fetch`, `Size in bytes`, `Canonical link
    URL`), from data/words.json `description_types` (first phrase found wins), or None. `opening`: only a phrase
    the description starts with (`Whether the condition passed`, not `What to do when triggered`)."""
    text = text.strip()
    # `when` types a description it opens (`When the event was emitted`); within one it is a conjunction (`Preference
    # for when the agent should ask`), and `When true, ...` is a condition
    only_opening = words()["opening_only_description_types"]
    opener = find(text, only_opening)
    opens = opener is not None and opener.start() == 0 and not _CONDITION_RE.match(text, opener.end())
    found = opener if opens else find(text, [p for p in words()["description_types"] if p not in only_opening])
    if found is None or opening and found.start() != 0:
        return None
    return words()["description_types"][found.group(0).lower()]
