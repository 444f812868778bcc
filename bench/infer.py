"""Score `spec2db infer` against the labelled sample (issue #12, part 3).

    python bench/infer.py [--split SPLIT] [--features] [--json] [--alone]

For each label in tests/fixtures/infer/labels/ (see tests/fixtures/infer/SPLIT.md;
the corpus files are in ../shared/corpus) and in tests/fixtures/infer/labels-<sample>/
(files and licences in tests/fixtures/infer/<sample>/, see its README.md)
it builds a temporary project `specs/<feature>/spec.md` (+ `data-model.md`)
from the corpus files, runs `spec2db infer --format json` there, and compares
the proposals with the label. A repository's labelled features go into one
project and one run, as a user runs infer on the whole `specs/` tree; a table
a later feature recalls is scored in the schema the earlier ones proposed
(`Schema`). `--alone` gives each feature a project of its own. It prints, per
split and source kind (code block, data-model table, prose only): table
recall, column recall, type accuracy (by type family), nullability accuracy,
FK recall and column precision. For prose-only specs, recall and type
accuracy are over the columns the prose names.

`score_feature(label, spec_entry, schema)` and `aggregate(...)` are what
tests/test_infer_real.py imports; they read plain dicts (a label file and one
entry of infer's JSON `specs` list), so they are tested on a fake proposal.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import asdict, dataclass, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "infer"
LABELS = FIXTURES / "labels"
# Fetched samples: `labels-<name>/` with their files in `<name>/` (each has a README.md saying when and by whom
# it was labelled): `external` (split by repository into "external-tune" and "external-heldout"), and
# `external2` to `external51`, each labelled blind (tests/fixtures/infer/SPLIT.md says which are never read).
EXTERNAL_SAMPLES = sorted(p.name.removeprefix("labels-") for p in FIXTURES.glob("labels-*") if p.is_dir())


def corpus_dir() -> Path:
    """The corpus: $SPEC2DB_CORPUS, else shared/ beside the clone (CI), else /work/shared."""
    env = os.environ.get("SPEC2DB_CORPUS")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")]
    for path in candidates:
        if path.is_dir():
            return path
    return candidates[0]


def load_labels(directory: Path = LABELS) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))]


# --- names -----------------------------------------------------------------

_PAREN = re.compile(r"[(（][^)）]*[)）]")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def norm(name: str | None) -> str:
    """Lower case letters and digits only, parenthesised glosses and accents dropped:
    `User（用户）` -> `user`, `TaskTag` -> `tasktag`, `task_tags` -> `tasktags`, `réservation_id` ->
    `reservationid` (a column named in French prose is spelled without accents in SQL)."""
    if not name:
        return ""
    stripped = _PAREN.sub("", name) or name
    text = unicodedata.normalize("NFKC", stripped).lower()
    # accents off Latin letters only: a CJK or Hangul name keeps its characters (NFD would split Hangul syllables)
    text = "".join(
        unicodedata.normalize("NFKC", "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)))
        if "LATIN" in unicodedata.name(ch, "")
        else ch
        for ch in text
    )
    return "".join(ch for ch in text if ch.isalnum())


def _singulars(key: str) -> set[str]:
    """Every singular the key may have: `categories` -> category, `statuses` -> status, `cases` -> case."""
    forms = {key}
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            forms.add(key[: -len(suffix)] + repl)
    return forms


def entity_keys(*names: str | None) -> set[str]:
    keys = set()
    for name in names:
        for part in [name, *(name.split("/") if name and "/" in name else [])]:  # `Flag/Report`: either name
            key = norm(part)
            if key:
                keys |= _singulars(key)
    return keys


def column_keys(name: str) -> set[str]:
    """A column's name, and the same without a trailing id (`owner_id` ~ `owner`)."""
    snake = _CAMEL.sub("_", name).lower()
    keys = {norm(snake)}
    if snake.endswith("_id") and len(snake) > 3:
        keys.add(norm(snake[:-3]))
    return {k for k in keys if k}


# --- types -----------------------------------------------------------------

FAMILIES = {
    "uuid": "uuid",
    "guid": "uuid",
    "string": "string",
    "str": "string",
    "varchar": "string",
    "text": "string",
    "char": "string",
    "citext": "string",
    "email": "string",
    "url": "string",
    "smallint": "integer",
    "int": "integer",
    "integer": "integer",
    "bigint": "integer",
    "serial": "integer",
    "bigserial": "integer",
    "decimal": "decimal",
    "numeric": "decimal",
    "money": "decimal",
    "real": "float",
    "double": "float",
    "float": "float",
    "boolean": "boolean",
    "bool": "boolean",
    "date": "date",
    "time": "time",
    "timestamp": "timestamp",
    "timestamptz": "timestamp",
    "datetime": "timestamp",
    "interval": "interval",
    "json": "json",
    "jsonb": "json",
    "bytes": "bytes",
    "bytea": "bytes",
    "binary": "bytes",
    "enum": "enum",
}


def type_family(text: str | None) -> str | None:
    """`string(200)` and `text` -> string; `timestamptz` -> timestamp;
    `enum(a, b)` -> enum; `uuid[]` -> array. None when unknown."""
    if not text:
        return None
    text = text.strip().lower()
    if text.endswith("[]"):
        return "array"
    base = text.split("(", 1)[0].strip()
    return FAMILIES.get(base)


# --- scoring ---------------------------------------------------------------


@dataclass
class Counts:
    features: int = 0
    tables: int = 0
    tables_found: int = 0
    columns: int = 0
    columns_found: int = 0
    typed: int = 0
    types_right: int = 0
    nullable: int = 0
    nullable_right: int = 0
    fks: int = 0
    fks_found: int = 0
    proposed: int = 0
    proposed_right: int = 0
    errors: int = 0

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @staticmethod
    def ratio(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    def figures(self) -> dict[str, float | None]:
        return {
            "table_recall": self.ratio(self.tables_found, self.tables),
            "column_recall": self.ratio(self.columns_found, self.columns),
            "type_accuracy": self.ratio(self.types_right, self.typed),
            "nullability_accuracy": self.ratio(self.nullable_right, self.nullable),
            "fk_recall": self.ratio(self.fks_found, self.fks),
            "precision": self.ratio(self.proposed_right, self.proposed),
        }


def _match_entities(label: dict, entities: list[dict]) -> dict[int, dict]:
    """Label table index -> the proposed (stored) entity that stands for it.
    When several proposals answer to the table's names (`Todo` from the data
    model and `Todo Task` from the prose, left unmerged), the one sharing most
    columns with the label wins; the others count against precision."""
    stored = [e for e in entities if e.get("stored", True)]
    used: set[int] = set()
    matches: dict[int, dict] = {}
    for i, table in enumerate(label["tables"]):
        keys = entity_keys(table["entity"], table.get("table"), *table.get("aliases", []))
        label_columns = [column_keys(c["name"]) for c in table["columns"]]
        best: tuple[int, int, int] | None = None
        for j, entity in enumerate(stored):
            if j in used or not entity_keys(entity.get("name"), entity.get("table")) & keys:
                continue
            shared = sum(any(column_keys(c["name"]) & k for c in entity.get("columns", [])) for k in label_columns)
            exact = bool(entity_keys(entity.get("name")) & entity_keys(table["entity"]))
            if best is None or (shared, exact) > best[:2]:
                best = (shared, exact, j)
        if best is not None:
            used.add(best[2])
            matches[i] = stored[best[2]]
    return matches


def _references_match(label: dict, fk: str, references: str | None) -> bool:
    if not references:
        return False
    keys = entity_keys(fk)
    for table in label["tables"]:
        if entity_keys(table["entity"]) & keys:
            keys |= entity_keys(table.get("table"), *table.get("aliases", []))
    return bool(entity_keys(references) & keys)


def _type_right(label_type: str | None, label_fk: str | None, column: dict) -> bool:
    family = type_family(column.get("type"))
    if family is None and column.get("references") and label_fk:
        return True  # `owner_id: User`: the reference carries the key's type
    return family is not None and family == type_family(label_type)


CONVENTION_KEY = {"name": "id", "type": "uuid", "required": True, "primary_key": True, "convention": True}
CONVENTION_TIMESTAMPS = [{"name": n, "type": "timestamp", "required": True, "convention": True} for n in ("created_at", "updated_at")]


class Schema:
    """The tables earlier features of one run proposed (a repository's features in the order infer took them):
    a later feature that re-mentions one gets a reference (W309) or an `*(extends)*` with only what it adds
    (W313), so the columns it recalls are found in the schema the repository ends with, not in its own proposal."""

    def __init__(self) -> None:
        self.tables: list[tuple[set[str], list[dict]]] = []  # (entity keys, columns)

    def add(self, spec_entry: dict | None) -> None:
        for entity in (spec_entry or {}).get("entities", []):
            if entity.get("action") not in ("type", "add") or not entity.get("stored", True) or entity.get("external"):
                continue
            keys = entity_keys(entity.get("name"), entity.get("table"))
            columns = self.columns(keys)
            if columns is None:
                self.tables.append((keys, columns := []))
            columns += [c for c in entity.get("columns", []) if not any(column_keys(c["name"]) & column_keys(o["name"]) for o in columns)]
            # what build's default conventions give the table (a key when it declares none, the two timestamps): a later
            # feature that recalls them finds them, as infer leaves them out of its `*(extends)*` for that reason
            conventions = [] if any(c.get("primary_key") or c.get("composite_key") for c in columns) else [CONVENTION_KEY]
            columns += [c for c in conventions + CONVENTION_TIMESTAMPS if not any(c["name"] == o["name"] for o in columns)]

    def columns(self, keys: set[str]) -> list[dict] | None:
        return next((cols for table_keys, cols in self.tables if table_keys & keys), None)


def score_feature(label: dict, spec_entry: dict | None, schema: Schema | None = None) -> Counts:
    """Compare one label with infer's entry for that spec (None: infer failed). `schema`: what the features
    before it in the same run proposed; a label's table is found there too, with its columns."""
    prose = label["kind"] == "prose"
    counts = Counts(features=1, errors=int(spec_entry is None))
    # an entity infer leaves as written (W312, W314) is still the spec's, but proposes no column, whatever it read
    entities = [
        {**e, "columns": []} if e.get("action") == "keep" and e.get("stored", True) else e for e in (spec_entry or {}).get("entities", [])
    ]
    matches = _match_entities(label, entities)
    matched_columns: set[tuple[int, int]] = set()
    for i, table in enumerate(label["tables"]):
        counts.tables += 1
        entity = matches.get(i)
        proposed = (entity or {}).get("columns", [])
        earlier = None
        if schema is not None and spec_entry is not None:
            keys = entity_keys(table["entity"], table.get("table"), *table.get("aliases", []))
            earlier = schema.columns(keys | (entity_keys(entity.get("name"), entity.get("table")) if entity else set()))
        if earlier:
            proposed = proposed + [c for c in earlier if not any(column_keys(c["name"]) & column_keys(p["name"]) for p in proposed)]
        counts.tables_found += entity is not None or earlier is not None
        for column in table["columns"]:
            if prose and not column.get("prose_named"):
                continue
            counts.columns += 1
            counts.fks += bool(column.get("fk"))
            keys = column_keys(column["name"])
            found = next((c for c in proposed if column_keys(c["name"]) & keys), None)
            if found is None:
                continue
            matched_columns.add((id(entity), id(found)))
            counts.columns_found += 1
            counts.typed += 1
            counts.types_right += _type_right(column.get("type"), column.get("fk"), found)
            counts.nullable += 1
            counts.nullable_right += bool(found.get("required")) == bool(column.get("required"))
            if column.get("fk"):
                counts.fks_found += _references_match(label, column["fk"], found.get("references"))
    if not prose:
        # Precision: of every column proposed for a stored entity, how many are in the label. A table outside the
        # specs (`*(external)*`: only the key a foreign key points at) is no proposal, unless the label has it.
        matched = {id(e) for e in matches.values()}
        for entity in entities:
            if not entity.get("stored", True) or entity.get("external") and id(entity) not in matched:
                continue
            for column in entity.get("columns", []):
                counts.proposed += 1
                counts.proposed_right += (id(entity), id(column)) in matched_columns
    else:
        for entity in matches.values():
            counts.proposed += len(entity.get("columns", []))
        table_of = {id(e): i for i, e in matches.items()}
        for entity in matches.values():
            label_columns = label["tables"][table_of[id(entity)]]["columns"]
            for column in entity.get("columns", []):
                counts.proposed_right += any(column_keys(column["name"]) & column_keys(c["name"]) for c in label_columns)
    return counts


def aggregate(results: list[tuple[dict, Counts]]) -> dict[tuple[str, str], Counts]:
    """Sum per (split, kind), plus (split, "all") and ("all", kind)."""
    groups: dict[tuple[str, str], Counts] = {}
    for label, counts in results:
        for key in ((label["split"], label["kind"]), (label["split"], "all"), ("all", label["kind"]), ("all", "all")):
            groups.setdefault(key, Counts())
            groups[key].add(counts)
    return groups


# --- running infer ---------------------------------------------------------


def make_project(label: dict, root: Path, corpus: Path | None = None) -> Path:
    """`root/specs/<feature>/spec.md` (+ data-model.md) from the corpus files."""
    corpus = corpus or corpus_dir()
    folder = root / "specs" / label["feature"]
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(corpus / label["files"]["spec"], folder / "spec.md")
    if label["files"]["data_model"]:
        shutil.copyfile(corpus / label["files"]["data_model"], folder / "data-model.md")
    return folder / "spec.md"


def run_infer(project: Path, paths: list[str] | None = None, timeout: float = 300) -> tuple[dict | None, str]:
    """`spec2db infer --format json` in `project` (a child process). Returns
    (parsed JSON or None, stderr)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    command = [sys.executable, "-m", "compiler", "infer", "--format", "json", *(paths or [])]
    try:
        done = subprocess.run(command, check=False, cwd=project, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout:.0f} s"
    try:
        return json.loads(done.stdout), done.stderr
    except json.JSONDecodeError:
        return None, (done.stderr or done.stdout)[-2000:]


def spec_entry(output: dict | None, feature: str) -> dict | None:
    if not output:
        return None
    for entry in output.get("specs", []):
        if Path(entry.get("spec", "")).parent.name == feature:
            return entry
    return None


def all_labels() -> list[dict]:
    labels = load_labels()
    for sample in EXTERNAL_SAMPLES:
        labels += [{**label, "sample": sample} for label in load_labels(FIXTURES / f"labels-{sample}")]
    return labels


def splits() -> list[str]:
    return sorted({label["split"] for label in all_labels()})


def files_of(label: dict, corpus: Path | None = None) -> Path:
    """Where a label's spec.md and data-model.md are: the shared corpus, or a sample's own folder."""
    if "sample" in label:
        return FIXTURES / label["sample"]
    return corpus or corpus_dir()


def infer_here(project: Path, features: list[str]) -> tuple[dict | None, str]:
    """What `run_infer` gives, from this process: the same proposals without a child process per feature (the
    test suite scores some 500 features), an exception becoming the error text as a crash would."""
    from compiler.infer import infer_specs

    specs = [(project / "specs" / feature / "spec.md", f"specs/{feature}/spec.md") for feature in features]
    try:
        results = infer_specs(specs)
    except Exception as exc:  # noqa: BLE001 - a crash scores as nothing found, with its message
        return None, f"{type(exc).__name__}: {exc}"
    return {"version": 1, "specs": [r.to_json() for r in results]}, ""


def repositories(labels: list[dict]) -> list[list[dict]]:
    """The labels of each repository together, as its features sit in one `specs/` tree; a folder two samples
    both labelled (or two labels of one folder) is scored alone, since one tree cannot hold it twice."""
    grouped: dict[str, list[dict]] = {}
    for label in labels:
        grouped.setdefault(label.get("repo") or label["files"]["spec"].split("__")[0], []).append(label)
    groups = []
    for members in grouped.values():
        folders = [label["feature"] for label in members]
        if len(set(folders)) == len(folders):
            groups.append(sorted(members, key=lambda label: label["feature"]))
        else:
            groups += [[label] for label in members]
    return groups


def evaluate(
    labels: list[dict], corpus: Path | None = None, log=None, in_process: bool = False, alone: bool = False
) -> list[tuple[dict, Counts]]:
    """Score each label. By default a repository's labelled features are inferred in one run, as a user runs
    `spec2db infer` on the whole `specs/` tree: a feature meets the entities the earlier ones declared, and a
    table it recalls is scored in the schema the run proposes (`Schema`). `alone`: each feature in a project
    of its own."""
    results = []
    for group in [[label] for label in labels] if alone else repositories(labels):
        features = [label["feature"] for label in group]
        with tempfile.TemporaryDirectory(prefix="spec2db-infer-bench-") as tmp:
            root = Path(tmp)
            for label in group:
                make_project(label, root, files_of(label, corpus))
            if in_process:
                output, stderr = infer_here(root, features)
            else:
                output, stderr = run_infer(root, [f"specs/{feature}" for feature in features])
        by_feature = {label["feature"]: label for label in group}
        order = [Path(e.get("spec", "")).parent.name for e in (output or {}).get("specs", [])]
        order += [f for f in features if f not in order]
        schema = Schema()
        for feature in order:
            label = by_feature.get(feature)
            entry = spec_entry(output, feature)
            if label is not None:
                if entry is None and log:
                    log(f"{label['files']['spec']}: infer gave no result: {stderr.strip()[-300:]}")
                results.append((label, score_feature(label, entry, schema)))
            schema.add(entry)
    return results


# --- report ----------------------------------------------------------------

COLUMNS = [
    ("table_recall", "tables"),
    ("column_recall", "columns"),
    ("type_accuracy", "types"),
    ("nullability_accuracy", "nullability"),
    ("fk_recall", "FKs"),
    ("precision", "precision"),
]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def table(groups: dict[tuple[str, str], Counts]) -> str:
    lines = [
        "| split | source kind | features | " + " | ".join(title for _, title in COLUMNS) + " |",
        "| --- | --- | ---: | " + " | ".join("---:" for _ in COLUMNS) + " |",
    ]
    order = {"heldout": 0, "tune": 1, "all": 2}
    kinds = {"code": 0, "table": 1, "prose": 2, "all": 3}
    for split, kind in sorted(groups, key=lambda k: (order.get(k[0], 9), kinds.get(k[1], 9))):
        counts = groups[(split, kind)]
        figures = counts.figures()
        failed = f" ({counts.errors} failed)" if counts.errors else ""
        lines.append(f"| {split} | {kind} | {counts.features}{failed} | " + " | ".join(_pct(figures[key]) for key, _ in COLUMNS) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=splits(), help="Only this split.")
    parser.add_argument("--features", action="store_true", help="Also print one line per feature.")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    parser.add_argument("--alone", action="store_true", help="Infer each feature in a project of its own.")
    args = parser.parse_args(argv)
    labels = [lab for lab in all_labels() if not args.split or lab["split"] == args.split]
    corpus = corpus_dir()
    if not corpus.is_dir():
        print(f"no corpus at {corpus} (set SPEC2DB_CORPUS)", file=sys.stderr)
        return 2
    results = evaluate(labels, corpus, log=lambda m: print(m, file=sys.stderr), alone=args.alone)
    groups = aggregate(results)
    if args.json:
        print(json.dumps({f"{s}/{k}": {**c.figures(), **asdict(c)} for (s, k), c in groups.items()}, indent=2))
        return 0
    print(table(groups))
    if args.features:
        print()
        for label, counts in results:
            figures = counts.figures()
            print(
                f"{label['split']:7} {label['kind']:5} {label['files']['spec'][:70]:70} "
                + " ".join(f"{_pct(figures[k]):>6}" for k, _ in COLUMNS)
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
