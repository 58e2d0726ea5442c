"""Issue #10 item 2: `chotei backup` writes one consistent archive with a manifest of digests;
`chotei restore` refuses a foreign, truncated or altered archive and a non-empty target, and a
restored installation passes `chotei verify` (DP-20, DP-21: nothing kept is lost or overwritten)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from chotei.audit.verify import records_verify
from chotei.rules.states import CaseState

pytestmark = pytest.mark.django_db(transaction=True)
CHOTEI = str(Path(sys.executable).with_name("chotei"))


@pytest.fixture
def target(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A fresh, empty installation of the same database kind: its own data directory (SQLite) or its
    own new PostgreSQL database."""
    env = {**os.environ, "CHOTEI_DATA_DIR": str(tmp_path / "target")}
    env.pop("DATABASE_URL", None)
    name = None
    if connection.vendor == "postgresql":
        db = settings.DATABASES["default"]
        name = f"chotei_restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    yield env
    if name:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _chotei(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CHOTEI, *args], env=env, capture_output=True, text=True, check=False)  # noqa: S603


@pytest.fixture
def archive(world: Any, make_case: Any, tmp_path: Path) -> Path:
    make_case(CaseState.CLOSED)
    make_case(CaseState.UNDER_REVIEW)
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    (media / "scan.pdf").write_bytes(b"%PDF-1.4 scanned evidence")
    out = tmp_path / "chotei.tar.gz"
    call_command("backup", str(out), stdout=io.StringIO())
    (media / "scan.pdf").unlink()
    return out


def test_backup_restores_into_a_fresh_database_that_verifies(archive: Path, target: dict[str, str]) -> None:
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert names[0] == "manifest.json" and "media/scan.pdf" in names
    assert {m["name"] for m in manifest["members"]} == set(names[1:])
    assert manifest["database"] == connection.vendor and manifest["migrations"]["audit"]
    assert records_verify().ok

    done = _chotei(target, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "復元しました" in done.stdout
    verified = _chotei(target, "verify")
    assert verified.returncode == 0, verified.stderr
    assert "検証結果: 異常なし" in verified.stdout and "帳簿: 0 件" not in verified.stdout
    restored_media = Path(target["CHOTEI_DATA_DIR"]) / "media" / "scan.pdf"
    assert restored_media.read_bytes() == b"%PDF-1.4 scanned evidence"

    again = _chotei(target, "restore", str(archive))
    assert again.returncode != 0
    assert "復元先のデータベースにデータがあります" in again.stderr


def _rewrite(archive: Path, out: Path, change: Any) -> Path:
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else b""  # type: ignore[union-attr]
            data = change(member.name, data)
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    return out


def _cut(archive: Path, out: Path) -> Path:
    out.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    return out


def _foreign(archive: Path, out: Path) -> Path:
    out.write_bytes(b"not an archive")
    return out


BAD = {
    "途中で切れたアーカイブ": (_cut, "破損しているか途中で切れています"),
    "他のファイル": (_foreign, "アーカイブを読めません"),
    "書き換えられたファイル": (
        lambda a, p: _rewrite(a, p, lambda n, d: d + b"x" if n == "media/scan.pdf" else d),
        "media/scan.pdf のSHA-256がマニフェストと一致しません",
    ),
    "他の形式のマニフェスト": (
        lambda a, p: _rewrite(
            a, p, lambda n, d: d.replace(b"chotei-backup/1", b"other/9") if n == "manifest.json" else d
        ),
        "形式 'other/9' のアーカイブには対応していません",
    ),
}


def test_restore_refuses_a_bad_archive_and_changes_nothing(
    archive: Path, target: dict[str, str], tmp_path: Path
) -> None:
    for label, (make_bad, message) in BAD.items():
        done = _chotei(target, "restore", str(make_bad(archive, tmp_path / "bad.tar.gz")))
        assert done.returncode != 0, label
        assert message in done.stderr, (label, done.stderr)
        assert not (Path(target["CHOTEI_DATA_DIR"]) / "media").exists(), label
    # The target is still empty: a good archive restores into it afterwards.
    assert _chotei(target, "restore", str(archive)).returncode == 0
