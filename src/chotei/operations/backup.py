"""Backup and restore (バックアップ・復元) of the whole installation: the database and the media files.

One archive (tar + gzip) holds ``manifest.json`` first — format, time, database kind, the applied
migrations and the SHA-256 and size of every other member — then the database (SQLite's online
backup API, or ``pg_dump`` in its custom format: both give a consistent snapshot while the server
keeps writing) and ``media/``: every file of the documents storage, whether the local folder or an
object store (chotei.documents.files). Restore checks everything before it touches the target, and refuses a
target that already holds data: records kept for 10 years (令16条) and a ledger kept for ever
(令24条) are never overwritten by a restore.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import connection, connections

from chotei.documents import files

FORMAT = "chotei-backup/1"
MANIFEST = "manifest.json"
# Tables that a migrated but empty database already fills; rows elsewhere mean the target is in use.
_SCHEMA_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})


class BackupError(Exception):
    """The archive or the target is not fit for the operation; nothing was changed."""


@dataclasses.dataclass
class Member:
    name: str
    size: int
    sha256: str


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{cmd[0]} が失敗しました: {done.stderr.strip()[:500]}")


def _dump_database(folder: Path) -> Path:
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        dst = sqlite3.connect(target)
        try:
            connection.connection.backup(dst)
        finally:
            dst.close()
        return target
    if connection.vendor == "postgresql":
        target = folder / "database.pgdump"
        name = str(settings.DATABASES["default"]["NAME"])
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", name])
        return target
    raise BackupError(f"{connection.vendor} のバックアップには対応していません")


def _stored_files(folder: Path) -> list[tuple[str, Path]]:
    """Every file of the documents storage as ``media/<name>``: read in place from a local folder,
    fetched into ``folder`` from an object store. Listed after the database snapshot, so every file a
    row of the snapshot names is in the archive (files are never changed once written)."""
    store = files.storage()
    found = []
    for name in files.stored_names():
        try:
            local = Path(store.path(name))
        except NotImplementedError:
            local = folder / "media" / name
            local.parent.mkdir(parents=True, exist_ok=True)
            with store.open(name, "rb") as src, local.open("wb") as dst:
                shutil.copyfileobj(src, dst)
        found.append((f"media/{name}", local))
    return found


def _stored_files_restore(media: Path) -> None:
    """Write the archive's ``media/`` back through the documents storage under the same names."""
    store = files.storage()
    for path in sorted(p for p in media.rglob("*") if p.is_file()):
        name = path.relative_to(media).as_posix()
        with path.open("rb") as f:
            saved = store.save(name, File(f))
        if saved != name:
            raise BackupError(f"{name} を同じ名前で保存できませんでした（{saved}）")


def _store_label() -> str:
    try:
        return files.storage().path("")
    except NotImplementedError:
        return f"オブジェクトストレージ {getattr(files.storage(), 'bucket_name', '')}"


def _applied_migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    last: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).migration_qs.order_by("id").values_list("app", "name"):
        last[app] = name
    return last


def backup_write(out: Path) -> dict[str, Any]:
    """Write the archive to ``out`` (via a temporary name, so a failed backup leaves no half file)."""
    out = out.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        members = [(p.name, p) for p in [_dump_database(Path(tmp))]] + _stored_files(Path(tmp))
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "database": connection.vendor,
            "migrations": _applied_migrations(),
            "members": [dataclasses.asdict(Member(n, p.stat().st_size, _digest(p))) for n, p in members],
        }
        manifest_path = Path(tmp) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_path, arcname=MANIFEST)
            for name, path in members:
                tar.add(path, arcname=name)
        partial.replace(out)
    return manifest


def _read_archive(archive: Path, folder: Path) -> dict[str, Any]:
    """Extract into ``folder`` and check every member against the manifest; raises BackupError."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            names = tar.getnames()
            if not names or names[0] != MANIFEST:
                raise BackupError("chotei のバックアップではありません（manifest.json がありません）")
            tar.extractall(folder, filter="data")
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        raise BackupError(f"アーカイブを読めません（破損しているか途中で切れています）: {exc}") from exc
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BackupError("manifest.json を読めません") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"形式 {manifest.get('format')!r} のアーカイブには対応していません（{FORMAT}）")
    listed = {m["name"] for m in manifest["members"]}
    extra = sorted(set(names) - listed - {MANIFEST} - {n for n in names if (folder / n).is_dir()})
    if extra:
        raise BackupError(f"マニフェストにないファイルがあります: {', '.join(extra)}")
    for m in manifest["members"]:
        path = folder / m["name"]
        if not path.is_file():
            raise BackupError(f"{m['name']} がアーカイブにありません")
        if path.stat().st_size != m["size"] or _digest(path) != m["sha256"]:
            raise BackupError(f"{m['name']} のSHA-256がマニフェストと一致しません")
    return manifest


def _tables_with_rows() -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in _SCHEMA_TABLES:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 — introspected names
            if cursor.fetchone():
                found.append(table)
    return found


def restore_read(archive: Path) -> dict[str, Any]:
    """Restore the archive into the configured, empty database and media folder, then migrate."""
    from django.core.management import call_command

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        manifest = _read_archive(archive, folder)
        if manifest["database"] != connection.vendor:
            raise BackupError(f"{manifest['database']} のバックアップは {connection.vendor} に復元できません")
        busy = _tables_with_rows()
        if busy:
            raise BackupError(
                f"復元先のデータベースにデータがあります（{', '.join(busy[:5])} …）。空のデータベースを指定してください"
            )
        if next(files.stored_names(), None) is not None:
            raise BackupError(f"復元先のファイル置き場（{_store_label()}）が空ではありません")
        if connection.vendor == "sqlite":
            target = Path(str(settings.DATABASES["default"]["NAME"]))
            connections.close_all()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(folder / "database.sqlite3", target)
        else:
            name = str(settings.DATABASES["default"]["NAME"])
            connections.close_all()
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--clean",
                    "--if-exists",
                    f"--dbname={name}",
                    str(folder / "database.pgdump"),
                ]
            )
        media = folder / "media"
        if media.is_dir():
            _stored_files_restore(media)
    call_command("migrate", interactive=False, verbosity=0)
    return manifest
