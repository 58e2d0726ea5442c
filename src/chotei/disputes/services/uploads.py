"""Checks on a file a party uploads through the portal (issue #8 item 4, DP-03).

The type is decided by the file's first bytes, never by its name; the size limit is stated in the
refusal; a file already filed on the case (same SHA-256) is refused as a duplicate; and when ClamAV
is installed (clamdscan, else clamscan) a file it reports as infected is refused.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess  # noqa: S404 — the virus scanner is an installed program, run without a shell
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from chotei.disputes.models import Submission
from chotei.rules.articles import rules
from chotei.rules.errors import RuleViolation

MAX_BYTES = 20 * 1024 * 1024
MAX_LABEL = "20MB"
ARTICLE = rules("第4条第3項", "DP-03")
TYPES_LABEL = "PDF、JPEG、PNG、HEIC"
_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


@dataclass(frozen=True, slots=True)
class Checked:
    content_type: str
    sha256: str


def sniff(content: bytes) -> str | None:
    """The media type the content itself shows, for the four accepted kinds; None otherwise."""
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content[4:8] == b"ftyp" and content[8:12] in _HEIC_BRANDS:
        return "image/heic"
    return None


CLAMAV_DATABASE = Path("/var/lib/clamav")


def _has_signatures(directory: Path) -> bool:
    return any(directory.glob("*.cvd")) or any(directory.glob("*.cld"))


def scanner() -> list[str] | None:
    """The ClamAV command to run on stdin, or None when none can scan. CHOTEI_VIRUS_SCANNER names
    another command taking the file on stdin with ClamAV's exit codes (0 clean, 1 found).

    clamdscan (the daemon's client) is used when installed; clamscan only when its signature
    database is there — Debian's package installs without one until freshclam has run, and a
    scanner that can only fail would refuse every upload."""
    configured = getattr(settings, "CHOTEI_VIRUS_SCANNER", "")
    if configured:
        return [configured, "-"]
    daemon = shutil.which("clamdscan")
    if daemon:
        return [daemon, "--no-summary", "--fdpass", "-"]
    standalone = shutil.which("clamscan")
    if standalone and _has_signatures(CLAMAV_DATABASE):
        return [standalone, "--no-summary", "-"]
    return None


def _scan(content: bytes) -> None:
    command = scanner()
    if command is None:
        return
    result = subprocess.run(command, input=content, capture_output=True, timeout=120, check=False)  # noqa: S603
    if result.returncode == 1:
        raise RuleViolation(
            "このファイルからコンピュータウイルスが検出されたため、受け付けられません", ARTICLE, field="file"
        )
    if result.returncode != 0:
        # Fail closed: a file that could not be checked is not stored.
        raise RuleViolation(
            "ウイルス検査を完了できなかったため、受け付けられません。時間をおいて再度お試しください",
            ARTICLE,
            field="file",
        )


def check_upload(case_id: int, content: bytes) -> Checked:
    """Refuse what must not be stored, each time saying the rule: empty, too large, a type other
    than the four, a duplicate of a file already filed on this case, or infected."""
    if not content:
        raise RuleViolation("ファイルが空です", ARTICLE, field="file")
    if len(content) > MAX_BYTES:
        raise RuleViolation(
            f"ファイルが大きすぎます（1ファイル{MAX_LABEL}まで。{len(content) / 1024 / 1024:.1f}MBでした）",
            ARTICLE,
            field="file",
        )
    content_type = sniff(content)
    if content_type is None:
        raise RuleViolation(
            f"受け付けられるファイルは{TYPES_LABEL}です（ファイルの中身で判定します）", ARTICLE, field="file"
        )
    digest = hashlib.sha256(content).hexdigest()
    earlier = Submission.objects.filter(case_id=case_id, sha256=digest).first()
    if earlier is not None:
        raise RuleViolation(
            f"同じファイルがすでに提出されています（「{earlier.title}」、{earlier.received_on:%Y年%-m月%-d日}）",
            ARTICLE,
            field="file",
        )
    _scan(content)
    return Checked(content_type, digest)
