"""Measure spec2db as whole processes against the parse floor and its peers.

    python bench/run.py [--entities 1000] [--features 10] [--runs 5]

Generates a synthetic project (bench/generate.py), then times each command
`--runs` times and quotes the median wall time and the peak memory (max RSS
of the child). Peers (dbml2sql from npm @dbml/cli, pydbml from PyPI) run on
the equivalent DBML when they are installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate

PARSE_FLOOR = """
import sys
from pathlib import Path
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark").enable("table")
for path in sorted(Path(sys.argv[1]).glob("specs/*/spec.md")):
    md.parse(path.read_text())
"""

PYDBML = """
import sys
from pydbml import PyDBML
PyDBML(open(sys.argv[1]).read())
"""


def measure(command: list[str], cwd: Path, runs: int) -> tuple[float, float] | None:
    return measure_all([("", command)], cwd, runs)[0][1]


def measure_all(cases: list[tuple[str, list[str]]], cwd: Path, runs: int) -> list[tuple[str, tuple[float, float] | None]]:
    """Median wall time and peak RSS of each command. The commands take turns
    (one run of each, `runs` rounds), so a slow spell of a shared machine
    falls on all of them alike and the ratios stay fair."""
    walls: dict[str, list[float]] = {label: [] for label, _ in cases}
    peaks: dict[str, list[float]] = {label: [] for label, _ in cases}
    failed: set[str] = set()
    for _ in range(runs):
        for label, command in cases:
            if label in failed:
                continue
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            walls[label].append(time.perf_counter() - start)
            peaks[label].append(usage.ru_maxrss / 1024)
            if os.waitstatus_to_exitcode(status) not in (0, 1):
                failed.add(label)
    return [(label, None if label in failed else (statistics.median(walls[label]), max(peaks[label]))) for label, _ in cases]


def incremental(tmp: Path, spec2db: list[str], args) -> list[tuple[str, tuple[float, float] | None]]:
    """A project of 100 specs: the full cold build, then a rebuild after one
    spec (in the middle of the chain) changed, with the parse cache warm."""
    project = tmp / "hundred"
    generate(project, args.entities, 100)
    out = tmp / "out-hundred"
    command = [*spec2db, "build", "--emit", "postgres", "--out", str(out)]
    full = measure([*command, "--no-cache"], project, 1)
    measure(command, project, 1)  # fill the cache
    spec = sorted(project.glob("specs/*/spec.md"))[50]
    spec.write_text(spec.read_text().replace("Synthetic entity", "Changed synthetic entity", 1))
    changed = measure(command, project, 1)
    return [("full build, 100 specs (cold)", full), ("rebuild after 1 of 100 changed", changed)]


def large(tmp: Path, spec2db: list[str], args) -> list[tuple[str, tuple[float, float] | None]]:
    """Ten times the entities over the same features: schema.sql, cold, one run."""
    project = tmp / "large"
    generate(project, args.entities * 10, args.features)
    command = [*spec2db, "build", "--no-cache", "--emit", "postgres", "--out", str(tmp / "out-large")]
    return [(LARGE, measure(command, project, 1))]


LARGE = "schema.sql build, 10x entities"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entities", type=int, default=1000)
    parser.add_argument("--features", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-large", action="store_true", help="skip the build of ten times the entities (about 10 s)")
    args = parser.parse_args()
    spec2db = [sys.executable, "-m", "compiler"]
    env_root = HERE.parent
    os.environ["PYTHONPATH"] = str(env_root) + os.pathsep + os.environ.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SPEC2DB_CACHE_DIR"] = str(Path(tmp) / "cache")  # warm runs fill and reuse it
        project = Path(tmp) / "project"
        generate(project, args.entities, args.features)
        out = Path(tmp) / "out"
        rows: list[tuple[str, tuple[float, float] | None]] = []
        cases = [
            ("markdown-it parse (floor)", [sys.executable, "-c", PARSE_FLOOR, str(project)]),
            ("spec2db build (schema.sql)", [*spec2db, "build", "--no-cache", "--emit", "postgres", "--out", str(out)]),
            ("spec2db build (schema.sql, warm)", [*spec2db, "build", "--emit", "postgres", "--out", str(out)]),
            ("spec2db build (all emitters)", [*spec2db, "build", "--no-cache", "--out", str(out)]),
            ("spec2db lint", [*spec2db, "lint"]),
            ("spec2db --version", [*spec2db, "--version"]),
            ("python -c 'import click'", [sys.executable, "-c", "import click"]),
        ]
        if shutil.which("dbml2sql"):
            cases.append(("dbml2sql --postgres", ["dbml2sql", "--postgres", str(project / "schema.dbml")]))
        try:
            import pydbml  # noqa: F401

            cases.append(("pydbml", [sys.executable, "-c", PYDBML, str(project / "schema.dbml")]))
        except ImportError:
            pass
        rows.extend(measure_all(cases, project, args.runs))
        rows.extend(incremental(Path(tmp), spec2db, args))
        if not args.no_large:
            rows.extend(large(Path(tmp), spec2db, args))
    figures = dict(rows)
    print(f"{args.entities} entities over {args.features} features, median of {args.runs} runs, {os.cpu_count()} CPUs")
    print(f"{'command':<32} {'wall s':>8} {'peak MB':>8}")
    for label, result in rows:
        shown = f"{result[0]:8.3f} {result[1]:8.0f}" if result else "  failed/absent"
        print(f"{label:<32} {shown}")

    def ratio(a: str, b: str) -> str:
        if figures.get(a) and figures.get(b):
            return f"{figures[a][0] / figures[b][0]:.2f}"
        return "n/a"

    print()
    print(f"schema.sql build / parse floor:     {ratio('spec2db build (schema.sql)', 'markdown-it parse (floor)')}  (target <= 2.5)")
    print(f"warm schema.sql build / cold:       {ratio('spec2db build (schema.sql, warm)', 'spec2db build (schema.sql)')}")
    print(f"all emitters / parse floor:         {ratio('spec2db build (all emitters)', 'markdown-it parse (floor)')}  (target <= 5)")
    print(f"schema.sql build / dbml2sql:        {ratio('spec2db build (schema.sql)', 'dbml2sql --postgres')}  (target <= 0.33)")
    print(f"--version / import click:           {ratio('spec2db --version', 'python -c ' + repr('import click'))}  (target <= 1.5)")
    print(
        f"incremental rebuild / full build:   {ratio('rebuild after 1 of 100 changed', 'full build, 100 specs (cold)')}  (target <= 0.15)"
    )
    if figures.get(LARGE):
        print(f"10x entities / 1x (schema.sql):     {ratio(LARGE, 'spec2db build (schema.sql)')}  (target <= 11)")
        print(f"10x entities, peak memory:          {figures[LARGE][1]:.0f} MB  (target < 300)")


if __name__ == "__main__":
    main()
