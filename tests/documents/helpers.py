"""Read an issued PDF's text and keep page 1 as a PNG artifact."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with all whitespace removed, so wrapped lines still match."""
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", "", text)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_png(pdf: bytes, folder: Path, name: str) -> Path | None:
    """Page 1 as PNG under test-artifacts/documents/ for a human to look at."""
    if shutil.which("pdftoppm") is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(folder / name),
        ],
        check=True,
    )
    source.unlink()
    return folder / f"{name}.png"
