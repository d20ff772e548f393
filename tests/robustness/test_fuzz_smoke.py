"""A tiny atheris run of the readers' fuzz harness (the bounded run is `make fuzz`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HARNESS = Path(__file__).resolve().parent / "fuzz_readers.py"


def test_fuzz_harness_survives_200_inputs(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(HARNESS), "-runs=200", "-seed=7", "-timeout=10", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Done 200 runs" in done.stderr
