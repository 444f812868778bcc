"""Outputs are a function of the specs alone: byte-identical across runs
and across Python's string-hash seeds (set and dict iteration order must
never leak into a file)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(out: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-m", "compiler", "build", "--out", str(out)],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def ir(seed: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-m", "compiler", "ir"], check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(path for path in set(a) | set(b) if a.get(path) != b.get(path))


def test_two_runs_are_byte_identical(tmp_path):
    first = build(tmp_path / "first", "0")
    second = build(tmp_path / "second", "0")
    assert first, "nothing was built"
    assert differing(first, second) == []


def test_hash_seed_does_not_change_any_output(tmp_path):
    runs = {seed: build(tmp_path / f"seed-{seed}", seed) for seed in ("1", "2", "4242", "random")}
    reference = runs.pop("1")
    for seed, produced in runs.items():
        assert differing(reference, produced) == [], f"PYTHONHASHSEED={seed} changed these outputs"


def test_hash_seed_does_not_change_the_ir():
    assert ir("1") == ir("31337")
