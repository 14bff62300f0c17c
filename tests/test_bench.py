"""The benchmarks run as scripts (`python bench/X.py`), so bench/ comes first on their import path."""

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_no_bench_script_hides_a_standard_library_module() -> None:
    # bench/queue.py once did: every bench then failed inside Django's own `import queue`.
    scripts = {path.stem for path in BENCH.glob("*.py")}
    assert scripts, "no bench scripts found"
    assert not scripts & set(sys.stdlib_module_names)
