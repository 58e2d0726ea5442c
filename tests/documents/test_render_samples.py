"""``chotei render-samples``: one PDF of every notice kind, without touching the database."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import call_command
from pypdf import PdfReader
from tests.documents.helpers import flat, pdf_text

from chotei.rules.notices import SPECS, NoticeKind


def test_dp05_pn01_render_samples_writes_every_kind(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("render_samples", str(tmp_path / "samples"), stdout=out)
    for kind in NoticeKind:
        path = tmp_path / "samples" / f"{kind.value}.pdf"
        assert str(path) in out.getvalue()
        pdf = path.read_bytes()
        assert pdf.startswith(b"%PDF")
        assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1
        assert flat(SPECS[kind].title) in pdf_text(pdf)
