"""`spec2db infer` on real spec-kit repositories, end to end (issue #12).

Whole repositories from the corpus (each file placed at its path in
SOURCES.tsv, `specs/NNN-x/{spec.md,data-model.md}`) go through
`spec2db infer --write` and `spec2db build`, both exiting 0, and every
feature's schema.sql applies on a real PostgreSQL (tables the specs reference
but do not create are stubbed with their key). Then the issue's targets are
asserted on the samples nobody tuned to (`UNSEEN` below; see
bench/README.md), scored by bench/infer.py, and every sample is held at
its current figures.

The scorer itself is tested first, on a hand-made proposal.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

from bench.infer import (
    Counts,
    Schema,
    aggregate,
    all_labels,
    column_keys,
    corpus_dir,
    evaluate,
    files_of,
    load_labels,
    make_project,
    norm,
    repositories,
    score_feature,
    spec_entry,
    table,
    type_family,
)
from tests.conftest import apply_sql

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "infer"
CORPUS = corpus_dir()
LABELS = load_labels()
HAVE_CORPUS = (CORPUS / "SOURCES.tsv").is_file()
needs_corpus = pytest.mark.skipif(not HAVE_CORPUS, reason=f"no corpus at {CORPUS}")


# --- the scorer ------------------------------------------------------------


def _fake() -> tuple[dict, dict]:
    label = json.loads((FIXTURES / "scorer" / "label.json").read_text(encoding="utf-8"))
    proposal = json.loads((FIXTURES / "scorer" / "proposal.json").read_text(encoding="utf-8"))
    return label, spec_entry(proposal, "001-fake")


def test_scorer_names_and_families():
    assert norm("User（用户）") == "user" and norm("task_tags") == norm("TaskTags")
    assert norm("réservation_id") == norm("reservation_id") and norm("사용자_id") == "사용자id"  # accents off Latin letters only
    assert column_keys("ownerId") == {"ownerid", "owner"} and column_keys("is_paid") == {"ispaid"}
    assert type_family("string(200)") == type_family("text") == "string"
    assert type_family("timestamptz") == type_family("timestamp") == "timestamp"
    assert type_family("enum(a, b)") == "enum" and type_family("uuid[]") == "array"
    assert type_family("bigint") == type_family("integer") and type_family("decimal(10, 2)") != type_family("double")
    assert type_family("Widget") is None and type_family(None) is None


def test_scorer_on_a_fake_proposal():
    """Worked by hand: Users ~ User (plural), Todo Task ~ Task (alias, and it
    shares more columns than the unmerged duplicate `Task`, which counts
    against precision);
    createdAt ~ created_at, owner ~ owner_id (references users ~ User);
    due_at missing; integer id, string status and optional title wrong; the
    extra nickname and the stored Session are not in the label; the
    not-stored JWT Token is not counted."""
    label, entry = _fake()
    counts = score_feature(label, entry)
    assert counts == Counts(
        features=1,
        tables=2,
        tables_found=2,
        columns=8,
        columns_found=7,
        typed=7,
        types_right=5,
        nullable=7,
        nullable_right=6,
        fks=1,
        fks_found=1,
        proposed=10,
        proposed_right=7,
    )


def test_scorer_leaves_tables_outside_the_specs_out_of_precision_unless_labelled():
    label, entry = _fake()
    stub = {"name": "Org", "table": None, "stored": True, "external": True, "columns": [{"name": "id", "type": "uuid"}]}
    entry = {**entry, "entities": [*entry["entities"], stub]}
    assert score_feature(label, entry) == score_feature(*_fake())  # `*(external)*`: referenced, not proposed
    label = {**label, "tables": [*label["tables"], {"entity": "Org", "table": None, "columns": [{"name": "id", "type": "uuid"}]}]}
    counts = score_feature(label, entry)
    assert (counts.tables_found, counts.proposed, counts.proposed_right) == (3, 11, 8)


def test_scorer_prose_counts_only_prose_named_columns():
    label, entry = _fake()
    label["kind"] = "prose"
    counts = score_feature(label, entry)
    # email, owner_id, title, status, due_at are prose-named; due_at is missing.
    assert (counts.columns, counts.columns_found, counts.types_right, counts.fks_found) == (5, 4, 3, 1)
    # Precision over the matched entities' columns: 8 proposed, 7 in the label.
    assert (counts.proposed, counts.proposed_right) == (8, 7)


def test_scorer_finds_a_recalled_table_in_what_earlier_features_proposed():
    """A later feature of the same run that recalls User gets a reference (W309, left as written) or an
    `*(extends)*` with what it adds: User's columns are found in the schema the earlier feature proposed, and
    count for recall, types and nullability, never for this feature's precision."""
    label, entry = _fake()
    earlier = {"entities": [{"name": "User", "table": None, "stored": True, "action": "type", "columns": [
        {"name": "id", "type": "uuid", "required": True}, {"name": "email", "type": "string", "required": True},
        {"name": "created_at", "type": "timestamp", "required": True}]}]}  # fmt: skip
    later = {**entry, "entities": [{**e, "action": "keep"} if e["name"] == "Users" else e for e in entry["entities"]]}
    alone = score_feature(label, later)
    schema = Schema()
    schema.add(earlier)
    whole = score_feature(label, later, schema)
    assert (alone.tables_found, alone.columns_found) == (2, 4)  # User left as written proposes nothing here
    assert (whole.tables_found, whole.columns_found, whole.types_right) == (2, 7, alone.types_right + 3)
    assert (whole.proposed, whole.proposed_right) == (alone.proposed, alone.proposed_right)
    # a table no entity of the feature stands for (the data model only recalls it) is found there too
    dropped = {**entry, "entities": [e for e in entry["entities"] if e["name"] != "Users"]}
    assert score_feature(label, dropped, schema).tables_found == 2
    assert score_feature(label, dropped).tables_found == 1


def test_scorer_groups_a_repository_in_folder_order():
    labels = [
        {"repo": "a/b", "feature": "002-x", "files": {"spec": "a+b__specs-002-x-spec.md"}},
        {"repo": "a/b", "feature": "001-y", "files": {"spec": "a+b__specs-001-y-spec.md"}},
        {"repo": "c/d", "feature": "001-z", "files": {"spec": "c+d__specs-001-z-spec.md"}},
        {"repo": "c/d", "feature": "001-z", "files": {"spec": "c+d__specs-001-z-spec.md"}},  # labelled twice: alone
    ]
    groups = [[label["feature"] for label in group] for group in repositories(labels)]
    assert groups == [["001-y", "002-x"], ["001-z"], ["001-z"]]


def test_scorer_counts_a_failed_run_as_nothing_found():
    label, _ = _fake()
    counts = score_feature(label, None)
    assert counts.errors == 1 and counts.tables == 2 and counts.tables_found == counts.columns_found == 0
    figures = counts.figures()
    assert figures["column_recall"] == 0 and figures["precision"] is None


def test_scorer_groups_by_split_and_kind():
    label, entry = _fake()
    groups = aggregate([(label, score_feature(label, entry)), ({**label, "kind": "code"}, score_feature(label, None))])
    assert groups[("tune", "table")].columns_found == 7 and groups[("tune", "code")].errors == 1
    assert groups[("tune", "all")].features == groups[("all", "all")].features == 2
    assert "| tune | table | 1 |" in table(groups)


# --- the labels ------------------------------------------------------------


def test_labels_are_well_formed():
    assert len(LABELS) >= 24
    for label in LABELS:
        where = label["files"]["spec"]
        assert label["split"] in {"heldout", "tune"} and label["kind"] in {"code", "table", "prose"}, where
        assert (label["kind"] == "prose") == (label["files"]["data_model"] is None), where
        for t in label["tables"]:
            names = [c["name"] for c in t["columns"]]
            assert len(names) == len(set(names)), f"{where}: {t['entity']} repeats a column"
            for c in t["columns"]:
                assert type_family(c["type"]) is not None, f"{where}: {t['entity']}.{c['name']}: {c['type']}"
                assert isinstance(c["required"], bool) and isinstance(c["prose_named"], bool), where
    heldout = [lab for lab in LABELS if lab["split"] == "heldout"]
    assert sum(lab["kind"] != "prose" for lab in heldout) >= 11 and sum(lab["kind"] == "prose" for lab in heldout) >= 6
    assert sum(lab["split"] == "tune" for lab in LABELS) >= 7


@needs_corpus
def test_labels_name_corpus_files():
    for label in LABELS:
        for name in label["files"].values():
            assert name is None or (CORPUS / name).is_file(), name


# --- whole repositories, end to end ------------------------------------------


def spec2db(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "compiler", *args], check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def repository_files(repo: str) -> list[tuple[str, str]]:
    """(corpus file, path in the repository) for every corpus file of `repo` under specs/."""
    with (CORPUS / "SOURCES.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(r["file"], r["path"]) for r in rows if r["repo"] == repo and r["path"].startswith("specs/")]


def external_stubs(project: Path) -> dict[str, str]:
    """Per feature: CREATE TABLE statements standing in for the tables it references but does not create."""
    from compiler.config import Settings
    from compiler.emit.postgres.dialect import column_type, quote_ident
    from compiler.passes import compile_paths

    specs = sorted(project.glob("specs/*/spec.md"))
    compilation = compile_paths([(p, p.relative_to(project).as_posix()) for p in specs], Settings())
    return {
        schema.feature: "".join(
            f"CREATE TABLE {quote_ident(t.name)} ({quote_ident(t.key)} {column_type(t.key_type)} PRIMARY KEY);\n"
            for t in schema.external_tables
        )
        for schema in compilation.project.features
    }


def infer_build_apply(project: Path, pg) -> list[str]:
    """infer --write, build, and each feature's schema.sql on its own fresh database. Returns the features applied."""
    inferred = spec2db(["infer", "--write"], project)
    assert inferred.returncode == 0, f"infer --write exited {inferred.returncode}:\n{inferred.stderr[-3000:]}"
    built = spec2db(["build"], project)
    assert built.returncode == 0, f"build exited {built.returncode}:\n{built.stderr[-3000:]}"
    stubs = external_stubs(project)
    applied = []
    for schema_sql in sorted(project.glob("specs/*/schema.sql")):
        feature = schema_sql.parent.name
        dbname = f"spec2db_real_{uuid.uuid4().hex[:12]}"
        pg.execute(f'CREATE DATABASE "{dbname}"')
        try:
            apply_sql(pg, dbname, stubs.get(feature, "") + schema_sql.read_text(encoding="utf-8"))
        except psycopg.Error as exc:  # name the feature; psycopg's message says what PostgreSQL refused
            raise AssertionError(f"{feature}/schema.sql does not apply: {exc}") from None
        finally:
            pg.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        applied.append(feature)
    return applied


REPOSITORIES = [
    pytest.param("Shahzain-Ali/agentic-todo-evolution", id="Shahzain-Ali"),
    pytest.param("PashmeenZia/hackathon2_phase3", id="PashmeenZia", marks=pytest.mark.slow),
    pytest.param("naibarn/Smart-AI-Hub", id="naibarn", marks=pytest.mark.slow),
]


@needs_corpus
@pytest.mark.postgres
@pytest.mark.parametrize("repo", REPOSITORIES)
def test_whole_repository_infers_builds_and_applies(repo, tmp_path, pg):
    files = repository_files(repo)
    assert files, f"{repo}: not in SOURCES.tsv"
    for name, path in files:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / name, tmp_path / path)
    features = sorted({Path(path).parent.name for _, path in files})
    # every feature's schema.sql, not only the newest's (the default), so each one is applied
    (tmp_path / "pyproject.toml").write_text('[tool.spec2db]\nschema-sql = "every-feature"\n', encoding="utf-8")
    applied = infer_build_apply(tmp_path, pg)
    assert applied == features, "every feature gets a schema.sql"


def sample_repositories() -> list[tuple[str, str]]:
    """(sample, repository) for every repository a sample under tests/fixtures/infer holds two or more features of."""
    found = []
    for sources in sorted(FIXTURES.glob("external*/SOURCES.tsv")):
        with sources.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        for repo in sorted({r["repo"] for r in rows}):
            features = {str(Path(r["path"]).parent) for r in rows if r["repo"] == repo and r["path"].endswith("spec.md")}
            if len(features) >= 2:
                found.append((sources.parent.name, repo))
    return found


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.parametrize("sample, repo", sample_repositories(), ids=lambda value: value.replace("/", "+"))
def test_sample_repository_infers_builds_and_applies_as_a_whole(sample, repo, tmp_path, pg):
    """A sample's features of one repository together, at their paths: each later feature meets the entities the
    earlier ones declared (re-mentions, extensions, shared numbers), as in the repository itself."""
    with (FIXTURES / sample / "SOURCES.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["repo"] == repo and r["path"].endswith(".md")]
    for row in rows:
        target = tmp_path / "specs" / Path(row["path"]).parent.name / Path(row["path"]).name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURES / sample / row["file"], target)
    (tmp_path / "pyproject.toml").write_text('[tool.spec2db]\nschema-sql = "every-feature"\n', encoding="utf-8")
    applied = infer_build_apply(tmp_path, pg)
    assert applied == sorted(p.parent.name for p in tmp_path.glob("specs/*/spec.md"))


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.parametrize("label", all_labels(), ids=lambda lab: lab["files"]["spec"][:60])
def test_labelled_feature_infers_builds_and_applies(label, tmp_path, pg):
    """Each labelled feature alone (every sample): the issue's "every inferred project builds
    with exit 0 and its schema.sql applies on real PostgreSQL"."""
    if not label["split"].startswith("external") and not HAVE_CORPUS:
        pytest.skip(f"no corpus at {CORPUS}")
    make_project(label, tmp_path, files_of(label, CORPUS))
    assert infer_build_apply(tmp_path, pg) == [label["feature"]]


# --- the targets, on material nobody tuned to -------------------------------
#
# A hundred labelled samples (bench/README.md, tests/fixtures/infer/SPLIT.md). Tuning material, read while
# the rules were written: the corpus sample (`heldout`, `tune`), `external-tune`/`external-heldout`,
# `external2` to `external134` (each measured blind first, then read: `external118` to `134` in session 32). Never
# read: `external133`, `135` and `136`, labelled blind in session 32 from other repositories; the targets
# are asserted on them.

UNSEEN = ("external133", "external135", "external136")
TUNED_126 = ("external126", "external127", "external128", "external129", "external130", "external134")
TUNED_118 = (
    "external118", "external119", "external120", "external121", "external122", "external123", "external124", "external125",
)  # fmt: skip
TUNED_110 = ("external110", "external111", "external112", "external113", "external114", "external115", "external116", "external117")
TUNED_103 = ("external103", "external104", "external105", "external106", "external107", "external108")
TUNED_97 = ("external97", "external98", "external99", "external100", "external101", "external102")
TUNED_94 = ("external94", "external95")
TUNED_90 = ("external90", "external91", "external92", "external93")
TUNED_88 = ("external88", "external89")
TUNED_80 = ("external80", "external81", "external82", "external83", "external84", "external85", "external86", "external87")
TUNED_72 = ("external72", "external73", "external74", "external75", "external76", "external77", "external78", "external79")
TUNED_69 = ("external69", "external70", "external71")
TUNED_66 = ("external66", "external67", "external68")
TUNED_63 = ("external63", "external64", "external65")
TUNED_52 = (
    "external52", "external53", "external54", "external55", "external56", "external57", "external58", "external59",
    "external60", "external61", "external62",
)  # fmt: skip
TUNED_48 = ("external48", "external51")
TUNED_42 = ("external42", "external45", "external46", "external47", "external50")
TUNED_41 = ("external41", "external43", "external44")
TUNED_37 = ("external37", "external38", "external39")
TUNED_33 = ("external33", "external34", "external35", "external36")
TUNED_30 = ("external30", "external31", "external32")
TUNED_28 = ("external28",)
TUNED_14 = ("external14", "external18", "external20", "external22", "external23", "external24", "external27")
TUNED_29 = ("external29",)
TUNED = ("external2", "external5", "external6")
TUNED_7 = ("external7", "external8", "external9")
TUNED_10 = ("external10", "external11", "external12")
TUNED_13 = ("external13", "external15")
TUNED_16 = ("external16", "external17")
TUNED_19 = ("external19",)
TUNED_25 = ("external25", "external26")
SPLITS = (
    "heldout",
    "external-heldout",
    "external3",
    "external4",
    *TUNED,
    *TUNED_7,
    *TUNED_10,
    *TUNED_13,
    *TUNED_16,
    *TUNED_19,
    *TUNED_25,
    *TUNED_14,
    *TUNED_29,
    *TUNED_28,
    *TUNED_30,
    *TUNED_33,
    *TUNED_37,
    *TUNED_41,
    *TUNED_42,
    *TUNED_48,
    *TUNED_52,
    *TUNED_63,
    *TUNED_66,
    *TUNED_69,
    *TUNED_72,
    *TUNED_80,
    *TUNED_88,
    *TUNED_90,
    *TUNED_94,
    *TUNED_97,
    *TUNED_103,
    *TUNED_110,
    *TUNED_118,
    *TUNED_126,
    *UNSEEN,
)


def _scored_alone(splits: tuple[str, ...]) -> dict[tuple[str, str], Counts]:
    labels = [lab for lab in all_labels() if lab["split"] in splits and (HAVE_CORPUS or lab["split"].startswith("external"))]
    return aggregate(evaluate(labels, CORPUS, in_process=True, alone=True))


@pytest.fixture(scope="module")
def scored() -> dict[tuple[str, str], Counts]:
    """Each feature alone, as the floors were set: every sample (a whole-corpus pass, with the slow tests)."""
    return _scored_alone(SPLITS)


@pytest.fixture(scope="module")
def scored_recent() -> dict[tuple[str, str], Counts]:
    """Each feature alone, of the samples the default suite holds: the never-read one and the two read last."""
    return _scored_alone(RECENT)


@pytest.fixture(scope="module")
def scored_whole() -> dict[tuple[str, str], Counts]:
    """The unseen sample as the issue's test takes it: each repository's features in one run (bench/infer.py's
    default), so a feature meets the entities an earlier one declared and is scored in the schema the run proposes."""
    return aggregate(evaluate([lab for lab in all_labels() if lab["split"] in UNSEEN], CORPUS, in_process=True))


def _assert_at_least(groups, splits: tuple[str, ...], kinds: list[str], targets: dict[str, float]) -> None:
    total = Counts()
    for split in splits:
        for kind in kinds:
            total.add(groups.get((split, kind), Counts()))
    figures = total.figures()
    misses = [f"{name} {_show(figures[name])} < {target:.0%}" for name, target in targets.items() if (figures[name] or 0) < target]
    assert not misses, f"{'+'.join(splits)} {'+'.join(kinds)}: " + "; ".join(misses) + "\n" + table(groups)


def _show(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


# The targets are not met on unseen material yet (bench/README.md has the figures), so they run
# with the slow tests and are reported in the closing notes; the default suite holds every sample at what
# it is now (a little under, for a change of one column's worth), so a change that makes infer worse fails.
# (session 27: a key infer writes as a plain column, W304, no longer counts as a foreign key found, as the JSON
# said it was; the FK floors below fell to what the written specs hold: 90.1% -> 86.4% over the 548 data-model
# features at the session's starting code)
FLOORS = {
    # (session 32's never-read sample: 9 data-model features of 4 repositories, 273 columns, one negative case; 6 prose
    # features, 40 columns the prose names, two negative cases, most of them tables a hand-written spec names without
    # fields; infer finds none of them: no prose floor until it does)
    (UNSEEN, ("code", "table")): {"column_recall": 0.62, "type_accuracy": 0.73, "fk_recall": 0.12, "precision": 0.91},
    # (external126 to 130 and 134 were read in session 32, after their blind measurement: 73.4 / 85.9 / 60.0 / 70.8% and
    # prose 5.9 / 0%, each feature alone; after reading 92.3 / 96.7 / 83.3 / 83.8%, the prose unchanged: Chinese entities
    # in plain bullets and interpretive labels)
    (TUNED_126, ("code", "table")): {"column_recall": 0.92, "type_accuracy": 0.96, "fk_recall": 0.83, "precision": 0.83},
    (TUNED_126, ("prose",)): {"column_recall": 0.05},
    # (external118 to 125 were read in session 32, after their blind measurement: 89.5 / 98.6 / 80.2 / 89.9% and prose
    # 28.6 / 100%, each feature alone; after reading 96.6 / 99.0 / 85.7 / 93.6% and 81.0 / 88.2%)
    (TUNED_118, ("code", "table")): {"column_recall": 0.96, "type_accuracy": 0.98, "fk_recall": 0.85, "precision": 0.93},
    (TUNED_118, ("prose",)): {"column_recall": 0.76, "type_accuracy": 0.82},
    # (external110 to 117 were read in session 31, after their blind measurement: 88.5 / 89.3 / 28.6 / 42.2% and prose
    # 67.7 / 73.8%, each feature alone; records kept in JSON files and Home Assistant's store, labelled no tables there
    # where earlier samples label such records tables, and Portuguese prose labelled with Portuguese column names stay
    # below the rest)
    # (session 32 labelled external115's Home Assistant Store record a table, as SPLIT.md's settled Storage convention
    # says: 17 more columns, two of their types not read)
    (TUNED_110, ("code", "table")): {"column_recall": 0.88, "type_accuracy": 0.91, "fk_recall": 0.42, "precision": 0.46},
    (TUNED_110, ("prose",)): {"column_recall": 0.67, "type_accuracy": 0.73},
    # (external103 to 108 were read in session 30, after their blind measurement: 41.1 / 89.6 / 16.4 / 48.1% and prose
    # 41.2 / 57.1%; file stores labelled as tables, prose-described tables whose words open no list, and one data model
    # whose revision box drops most of its tables stay below the rest)
    (TUNED_103, ("code", "table")): {"column_recall": 0.63, "type_accuracy": 0.91, "fk_recall": 0.42, "precision": 0.53},
    (TUNED_103, ("prose",)): {"column_recall": 0.41, "type_accuracy": 0.57},
    # (external97 to 102 were read in session 29, after their blind measurement: 89.1 / 90.5 / 87.5 / 88.3% and prose
    # 75.7 / 78.6%; cardano-wallet's Haskell records and a few labels' json for TypeScript arrays stay below the rest)
    (TUNED_97, ("code", "table")): {"column_recall": 0.96, "type_accuracy": 0.93, "fk_recall": 0.95, "precision": 0.92},
    (TUNED_97, ("prose",)): {"column_recall": 0.86, "type_accuracy": 0.84},
    # (external94 and 95 were read in session 28, after their blind measurement; opencode-memory's untyped Chinese
    # field bullets over records another feature declares, and minute's Swift structs, stay below the rest)
    (TUNED_94, ("code", "table")): {"column_recall": 0.93, "type_accuracy": 0.96, "fk_recall": 0.89, "precision": 0.96},
    # (external90 to 93 were read in session 27, after their blind measurement; dope-agent writes several entities in
    # one bullet, `Name (attributes), Name (attributes)`, which infer does not read as entities)
    (TUNED_90, ("code", "table")): {"column_recall": 0.86, "type_accuracy": 0.97, "fk_recall": 0.82, "precision": 1.00},
    (TUNED_90, ("prose",)): {"column_recall": 0.23, "type_accuracy": 1.00},
    # (external80 to 87 were read in session 26; sqlitch-v2's registry rows, which its data model gives as frozen
    # dataclasses read from a database row, and AgilePlus's interpretive prose stay below the rest)
    # (external88 and 89 were read in session 27; PhoneAgenter's request-time shapes and koldstore's user table with
    # its added system columns are labelled no tables, and Embedinator's SQLite TEXT ids are labelled uuid; a
    # `confidence` name rule was withdrawn after review, values listed beside it must win: 0.88 -> 0.87 on types)
    (TUNED_88, ("code", "table")): {"column_recall": 1.00, "type_accuracy": 0.87, "fk_recall": 0.85, "precision": 0.85},
    (TUNED_88, ("prose",)): {"column_recall": 0.50, "type_accuracy": 1.00},
    (TUNED_80, ("code", "table")): {"column_recall": 0.93, "type_accuracy": 0.96, "fk_recall": 0.86, "precision": 0.95},
    (TUNED_80, ("prose",)): {"column_recall": 0.64, "type_accuracy": 0.64},
    # (external72 to 79 were read in session 25; 72's file-stored dataclass records without ids, 74's and 77's
    # interpretive prose and 78's Frappe features recalled from earlier folders stay below the rest)
    (TUNED_72, ("code", "table")): {"column_recall": 0.71, "type_accuracy": 0.96, "fk_recall": 0.73, "precision": 0.90},
    (TUNED_72, ("prose",)): {"column_recall": 0.65, "type_accuracy": 0.62},
    (TUNED_69, ("code", "table")): {"column_recall": 0.97, "type_accuracy": 0.97, "fk_recall": 0.77, "precision": 0.90},
    # (prose: the group words `option values (size, material, colour)` were withdrawn after review, 57.5% -> 50.0%)
    (TUNED_69, ("prose",)): {"column_recall": 0.50, "type_accuracy": 0.85},
    # (precision is 407 of 424, 95.99%: the floor of 96% failed by a rounding, since before session 32)
    (TUNED_66, ("code", "table")): {"column_recall": 0.99, "type_accuracy": 0.91, "fk_recall": 0.90, "precision": 0.95},
    (TUNED_66, ("prose",)): {"column_recall": 0.38, "type_accuracy": 0.60},
    # (external63 to 65 were read in session 23; singular-blockly 046, a keyless JSON record that only a load result
    # holds, is left no table, and OwnFrame's `show-date` switch is typed as a date by its name)
    # (session 24: a feature alone that recalls a modified table no spec of its project declares proposes it whole, the
    # only declaration the schema has; libris-maleficarum 006, BaristaNotes' three 001 folders, sunny-sunday 005 and
    # gym-management 003 are labelled with what they add to an earlier feature's table, which scoring by repository
    # credits: 0.90 -> 0.83, 0.81 -> 0.79 and 0.90 -> 0.85 on precision here; by repository 90.3% stays, 81.4% -> 79.5%
    # (gym-management 003's Member) and 91.2% -> 89.2% (BaristaNotes' ai-shot-advice sorts before the folder declaring it))
    (TUNED_63, ("code", "table")): {"column_recall": 0.93, "type_accuracy": 0.95, "fk_recall": 0.75, "precision": 0.83},
    (TUNED_63, ("prose",)): {"column_recall": 0.56, "type_accuracy": 0.36},
    (TUNED_52, ("code", "table")): {"column_recall": 0.95, "type_accuracy": 0.93, "fk_recall": 0.78, "precision": 0.90},
    (TUNED_52, ("prose",)): {"column_recall": 0.71, "type_accuracy": 0.83},
    (TUNED_48, ("code", "table")): {"column_recall": 0.98, "type_accuracy": 0.98, "fk_recall": 0.90, "precision": 0.79},
    (TUNED_48, ("prose",)): {"column_recall": 0.63, "type_accuracy": 0.82},
    # (external45's one prose feature names its stored fields outside Key Entities: no prose floor to hold)
    (TUNED_42, ("code", "table")): {"column_recall": 0.91, "type_accuracy": 0.88, "fk_recall": 0.79, "precision": 0.93},
    (TUNED_41, ("code", "table")): {"column_recall": 0.97, "type_accuracy": 0.94, "fk_recall": 0.91, "precision": 0.94},
    # (the scorer matches French columns without accents since session 20: it counts four more columns of saas-toi
    # 004 found, and the types of that sample moved from 90.1% to 89.9%; in session 21 a per-tenant ChatbotConfig
    # became a table, and columns found rose from 71.6% to 78.9% while types went from 89.9% to 88.9%: three of its
    # four columns are typed as the words say, not as the label's json and double)
    (TUNED_41, ("prose",)): {"column_recall": 0.78, "type_accuracy": 0.88},
    (TUNED_37, ("code", "table")): {"column_recall": 0.95, "type_accuracy": 0.95, "fk_recall": 0.89, "precision": 0.96},
    (TUNED_37, ("prose",)): {"column_recall": 0.86, "type_accuracy": 0.65},
    (TUNED_33, ("code", "table")): {"column_recall": 0.96, "type_accuracy": 0.97, "fk_recall": 0.91, "precision": 0.85},
    (TUNED_33, ("prose",)): {"column_recall": 0.44, "type_accuracy": 0.56},
    (TUNED_30, ("code", "table")): {"column_recall": 0.97, "type_accuracy": 0.96, "fk_recall": 0.93, "precision": 0.96},
    (TUNED_30, ("prose",)): {"column_recall": 0.64, "type_accuracy": 0.77},
    (TUNED_28, ("code", "table")): {"column_recall": 0.97, "type_accuracy": 0.96, "fk_recall": 0.91, "precision": 0.96},
    (TUNED_28, ("prose",)): {"column_recall": 0.63, "type_accuracy": 0.68},
    (TUNED_29, ("code", "table")): {"column_recall": 0.93, "type_accuracy": 0.89, "fk_recall": 0.62, "precision": 0.88},
    (TUNED_14, ("code", "table")): {"column_recall": 0.96, "type_accuracy": 0.94, "fk_recall": 0.90, "precision": 0.87},
    (TUNED_14, ("prose",)): {"column_recall": 0.60, "type_accuracy": 0.75},
    (TUNED_25, ("code", "table")): {"column_recall": 0.85, "type_accuracy": 0.88, "fk_recall": 0.70, "precision": 0.89},
    (TUNED_19, ("code", "table")): {"column_recall": 0.97, "type_accuracy": 0.96, "fk_recall": 0.95, "precision": 0.97},
    (TUNED_19, ("prose",)): {"column_recall": 0.80, "type_accuracy": 0.60},
    (TUNED_16, ("code", "table")): {"column_recall": 0.70, "type_accuracy": 0.95, "fk_recall": 0.76, "precision": 0.88},
    (TUNED_16, ("prose",)): {"column_recall": 0.86, "type_accuracy": 0.52},
    (TUNED_13, ("code", "table")): {"column_recall": 0.92, "type_accuracy": 0.94, "fk_recall": 0.87, "precision": 0.80},
    (TUNED_13, ("prose",)): {"column_recall": 0.30, "type_accuracy": 0.70},
    (TUNED_10, ("code", "table")): {"column_recall": 0.95, "type_accuracy": 0.97, "fk_recall": 0.91, "precision": 0.86},
    (TUNED_7, ("code", "table")): {"column_recall": 0.93, "type_accuracy": 0.96, "fk_recall": 0.85, "precision": 0.88},
    (TUNED_7, ("prose",)): {"column_recall": 0.63, "type_accuracy": 0.86},
    # (two labels, tika 002 and juggerhub 005, list a modified table whole where the rest of the sample lists only the
    # columns a feature adds; infer now proposes those, so these two floors were lowered in session 18)
    (TUNED, ("code", "table")): {"column_recall": 0.87, "type_accuracy": 0.96, "fk_recall": 0.71, "precision": 0.94},
    (TUNED, ("prose",)): {"column_recall": 0.55, "type_accuracy": 0.81},
    # (pedalboard-effects 001, an in-memory audio app labelled without tables, now has its fields read whole: 0.95 -> 0.94)
    (("external3", "external4"), ("code", "table")): {"column_recall": 0.97, "type_accuracy": 0.95, "fk_recall": 0.87, "precision": 0.94},
    (("external3", "external4"), ("prose",)): {"column_recall": 0.77, "type_accuracy": 0.85},
    (("external-heldout",), ("code", "table")): {"column_recall": 0.87, "type_accuracy": 0.96, "fk_recall": 0.65, "precision": 0.94},
    (("external-heldout",), ("prose",)): {"column_recall": 0.77, "type_accuracy": 0.85},
    (("heldout",), ("code", "table")): {"column_recall": 0.94, "type_accuracy": 0.96, "fk_recall": 0.80, "precision": 0.95},
    (("heldout",), ("prose",)): {"column_recall": 0.74, "type_accuracy": 0.84},
}


# (session 29: the floors of every sample, some 750 features inferred one by one, had grown to a third of CI's time
# on a slower machine; that whole-corpus pass runs with the slow tests, the default suite holds the recent samples)
RECENT = (*UNSEEN, *TUNED_126, *TUNED_118)
RECENT_FLOORS = [key for key in FLOORS if set(key[0]) <= set(RECENT)]
EARLIER_FLOORS = [key for key in FLOORS if key not in RECENT_FLOORS]


@pytest.mark.parametrize("splits, kinds", RECENT_FLOORS, ids=[f"{'+'.join(s)}-{'+'.join(k)}" for s, k in RECENT_FLOORS])
def test_figures_do_not_fall(scored_recent, splits, kinds):
    _assert_at_least(scored_recent, splits, list(kinds), FLOORS[(splits, kinds)])


@pytest.mark.slow
@pytest.mark.parametrize("splits, kinds", EARLIER_FLOORS, ids=[f"{'+'.join(s)}-{'+'.join(k)}" for s, k in EARLIER_FLOORS])
def test_earlier_figures_do_not_fall(scored, splits, kinds):
    if "heldout" in splits and not HAVE_CORPUS:
        pytest.skip(f"no corpus at {CORPUS}")
    _assert_at_least(scored, splits, list(kinds), FLOORS[(splits, kinds)])


# The unseen sample by repository (the figures bench/README.md reports first)
FLOORS_WHOLE = {
    ("code", "table"): {"column_recall": 0.62, "type_accuracy": 0.73, "fk_recall": 0.18, "precision": 0.90},
    # (no prose floor: infer finds none of the never-read prose tables yet, see FLOORS)
}


@pytest.mark.parametrize("kinds", list(FLOORS_WHOLE), ids=["+".join(k) for k in FLOORS_WHOLE])
def test_figures_by_repository_do_not_fall(scored_whole, kinds):
    _assert_at_least(scored_whole, UNSEEN, list(kinds), FLOORS_WHOLE[kinds])


@pytest.mark.slow
def test_targets_with_a_data_model(scored_whole):
    """With a data-model.md: >= 95% of its columns, types right >= 90%, FKs >= 90%, precision >= 90%."""
    _assert_at_least(
        scored_whole, UNSEEN, ["code", "table"], {"column_recall": 0.95, "type_accuracy": 0.90, "fk_recall": 0.90, "precision": 0.90}
    )


@pytest.mark.slow
def test_targets_from_prose_alone(scored_whole):
    """From prose alone: >= 80% of the columns the prose names, types right >= 75%."""
    if not any(scored_whole.get((split, "prose"), Counts()).columns for split in UNSEEN):
        pytest.skip("the unseen sample's prose features name no stored columns: nothing to measure")
    _assert_at_least(scored_whole, UNSEEN, ["prose"], {"column_recall": 0.80, "type_accuracy": 0.75})
