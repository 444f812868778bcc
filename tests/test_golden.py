"""Golden files: `spec2db build --out golden` over specs/ must reproduce
golden/ byte for byte. `pytest --update-golden` rewrites them."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from click.testing import CliRunner

from compiler.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"


def build_into(out: Path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_golden_outputs_match(tmp_path, monkeypatch, update_golden):
    build_into(tmp_path, monkeypatch)
    produced = tree(tmp_path)
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(tmp_path, GOLDEN)
        return
    expected = tree(GOLDEN)
    problems = []
    for path in sorted(set(produced) | set(expected)):
        old = expected.get(path, b"").decode().splitlines(keepends=True)
        new = produced.get(path, b"").decode().splitlines(keepends=True)
        if old != new:
            problems.append("".join(difflib.unified_diff(old, new, f"golden/{path}", f"built/{path}")))
    assert not problems, "outputs differ from golden/ (run `pytest --update-golden` if intended):\n" + "\n".join(problems)


def test_example_outputs_in_specs_are_current(monkeypatch):
    """The outputs committed beside the specs are what `spec2db build` writes."""
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["build", "--check"])
    assert result.exit_code == 0, result.output
