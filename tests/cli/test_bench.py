"""Smoke runs of the database benchmarks with tiny sizes: each ends with ``ratio: <number>``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("intake", ["--cases", "30"]),
        ("desk", ["--cases", "2000", "--repeat", "3"]),
        ("ledger", ["--cases", "300"]),
    ],
)
def test_bench_prints_ratio_last(
    name: str, args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: Any, tmp_path: Path
) -> None:
    import importlib

    monkeypatch.setenv("CHOTEI_DATA_DIR", str(tmp_path))
    importlib.import_module(f"bench.{name}").main(args)
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("ratio: ")
    assert float(last.split()[1]) > 0


def test_load_bench_prints_figures_and_ratio_last(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue #10 item 4 in miniature: staff and insurer clients against ``chotei serve``; no errors and
    no lost writes (the full run's figures are in bench/RESULTS.md)."""
    from bench import load

    load.main(["--users", "2", "--insurers", "1", "--seconds", "6", "--think", "0.2"])
    out = capsys.readouterr().out.strip().splitlines()
    assert "lost writes: 0" in "\n".join(out) and "errors 0" in "\n".join(out)
    # Each phase runs until it has case pages to measure, so the ratio is a number, never NaN.
    assert out[-1].startswith("ratio: ") and float(out[-1].removeprefix("ratio: ")) > 0


def test_notices_bench_composes_and_renders_every_kind() -> None:
    """The notices bench draws each kind in turn; a new kind without bench data must fail here,
    not in the next person's ``python -m bench notices``."""
    from bench import notices

    from chotei.documents.pdf import render
    from chotei.rules.notices.compose import compose
    from chotei.rules.notices.kinds import NoticeKind

    for i in range(len(NoticeKind)):
        kind, data = notices.sample(i)
        assert render(compose(kind, data), data).startswith(b"%PDF")
