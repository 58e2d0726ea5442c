"""Smoke run of ``python -m bench portal`` (issue #8): a real ``chotei serve`` on loopback, a few
users; no error responses and ``ratio: <number>`` last."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_bench_portal_prints_ratio_last(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CHOTEI_DATA_DIR"}}
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "bench", "portal", "--users", "2", "--rounds", "2"],
        cwd=root,
        env={**env, "PYTHONPATH": f"{root}:{root / 'src'}"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith("my-case ") for line in lines)
    assert lines[-1].startswith("ratio: ") and float(lines[-1].split()[1]) > 0
