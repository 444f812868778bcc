"""The long differential fuzzing run on the real engines (issue 13).

    PYTHONPATH=$PWD python bench/fuzz_engines.py 12000 [DSN]

Generates specs inside the notation (tests/engines.py: names, defaults,
checks and types), builds each one, and for every spec that builds with
exit 0 applies schema.sql on PostgreSQL, runs the Alembic chain up, down
and up, and compares the SQLAlchemy and SQLModel `create_all` with
schema.sql. Prints the counts and every distinct failure with its spec;
each failure is meant to become a regression test.
"""

from __future__ import annotations

import sys
import time

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, ".")
from tests.engines import Engines, spec_texts


def main() -> int:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    dsn = sys.argv[2] if len(sys.argv) > 2 else "postgresql://postgres@127.0.0.1:5432/postgres"
    engines = Engines(dsn)
    counts = {"generated": 0, "built": 0, "failed": 0}
    failures: dict[str, tuple[str, list[str]]] = {}
    start = time.time()

    @settings(max_examples=cases, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(spec_texts())
    def run(texts):
        outcome = engines.check(texts)
        counts["generated"] += 1
        counts["built"] += outcome.built
        if outcome.problem:
            counts["failed"] += 1
            if outcome.problem[:80] not in failures:
                failures[outcome.problem[:80]] = (outcome.problem, texts)
                print(f"\n== {outcome.problem}\n" + "\n---\n".join(texts), flush=True)
        if counts["generated"] % 500 == 0:
            print(f"{counts} after {time.time() - start:.0f} s", flush=True)

    try:
        run()
    finally:
        engines.close()
    print(f"done: {counts} in {time.time() - start:.0f} s, {len(failures)} distinct failures (above)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
