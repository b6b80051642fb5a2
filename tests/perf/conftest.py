"""Benchmarks (docs/quality.md #20–22, #27), never run by `make test`. `make bench` runs
tests/perf/bench.py (the service under gunicorn and wrk at 10,000 budgets, with the data set of
tests/perf/seeding.py), which also runs these tests (the PDF and import speed) on PostgreSQL.

Each benchmark test appends its figures to test-artifacts/bench/<name>.txt.
"""

from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE.parents[1] / "test-artifacts" / "bench"


def pytest_ignore_collect(collection_path, config):
    """Leave the benchmarks out unless the command names tests/perf (or a file in it)."""
    asked = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    wanted = any(path == HERE or HERE in path.parents for path in asked)
    return None if wanted else True


def write_result(name: str, line: str) -> None:
    """Append a dated line to the benchmark's results file."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    with (RESULTS / f"{name}.txt").open("a") as results:
        results.write(f"{datetime.now():%Y-%m-%d %H:%M} {line}\n")
