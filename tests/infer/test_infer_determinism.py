"""`spec2db infer` proposes the same thing whatever Python's string hashing is.

Sets of names iterate in an order that changes with PYTHONHASHSEED: where one
decides which source an entity is matched with, the proposal changed from run
to run (found on a catalogue whose entities carry both a name and a table).
Each project here is inferred under several seeds, in child processes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
EXTERNAL = ROOT / "tests" / "fixtures" / "infer" / "external"

# (folder name, spec file, data-model file or None)
PROJECTS = [
    (
        "012-catalog",
        EXTERNAL / "mictlanix+mbe-ui__specs-012-catalog-master-entities-spec.md",
        "mictlanix+mbe-ui__specs-012-catalog-master-entities-data-model.md",
    ),
    (
        "002-work-log",
        EXTERNAL / "totodo713+miometory__specs-002-work-log-entry-spec.md",
        "totodo713+miometory__specs-002-work-log-entry-data-model.md",
    ),
]
# Every golden case as one feature of a single project: one child process per seed infers them all, where a
# project per case took five processes each (a fifth of the infer tests' time).
GOLDEN_CASES = [
    (f"{n:03d}-{case.name}", case / "spec.md", "data-model.md")
    for n, case in enumerate(sorted(p for p in GOLDEN.iterdir() if p.is_dir()), 1)
]


def _infer(root: Path, seed: int) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "compiler", "infer", "--format", "json"], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _project(root: Path, features: list[tuple[str, Path, str | None]]) -> None:
    for folder, spec, data_model in features:
        feature = root / "specs" / folder
        feature.mkdir(parents=True)
        shutil.copyfile(spec, feature / "spec.md")
        model = spec.parent / data_model if data_model else None
        if model is not None and model.is_file():
            shutil.copyfile(model, feature / "data-model.md")


@pytest.mark.parametrize("folder, spec, data_model", PROJECTS, ids=[p[0] for p in PROJECTS])
def test_same_proposal_under_every_hash_seed(folder, spec, data_model, tmp_path):
    _project(tmp_path, [(folder, spec, data_model)])
    outputs = {_infer(tmp_path, seed) for seed in (0, 1, 2, 3, 4)}
    assert len(outputs) == 1, f"{folder}: {len(outputs)} different proposals under 5 hash seeds"


def test_every_golden_case_proposes_the_same_under_every_hash_seed(tmp_path):
    _project(tmp_path, GOLDEN_CASES)
    outputs = {_infer(tmp_path, seed) for seed in (0, 1, 2, 3, 4)}
    assert len(outputs) == 1, f"{len(outputs)} different proposals for the golden cases under 5 hash seeds"
    assert outputs.pop().count('"spec":') == len(GOLDEN_CASES)


def test_same_proposal_when_inferred_again_in_one_process(tmp_path, monkeypatch):
    """A language server infers in one long process. A requirement that names a field exactly (`TaskType
    (Quiz/Screenshot)`) replaces the column the Key Entities gave; the new column could reuse the freed one's id
    and be taken for a column that was there before, so its `required` changed from one run to the next (found on
    this corpus spec, whose second run in a process differed from its first)."""
    from bench.infer import corpus_dir
    from compiler.infer import infer_specs

    source = corpus_dir() / "Nandakumar333+WahadiniVentures__specs-002-database-schema-spec.md"
    if not source.is_file():
        pytest.skip(f"no corpus at {source.parent}")
    feature = tmp_path / "specs" / "002-database-schema"
    feature.mkdir(parents=True)
    shutil.copyfile(source, feature / "spec.md")
    monkeypatch.chdir(tmp_path)
    spec = (Path("specs/002-database-schema/spec.md"), "specs/002-database-schema/spec.md")
    runs = [[r.to_json() for r in infer_specs([spec])] for _ in range(3)]
    assert runs[1] == runs[0] and runs[2] == runs[0]
