"""Stored files — issued PDFs, submitted files, mandates — through Django's storage API (issue #10
item 6; DP-20, DP-22).

The bytes live in ``STORAGES["documents"]``: the data directory's ``media/`` in the embedded
installation, an S3-compatible object store when ``CHOTEI_STORAGE=s3`` (settings). The row keeps the
file's name and its SHA-256; the hash chains cover the digest (in the audit payload), never the
bytes, so where the bytes live does not change any chain.

Names are unique — ``<folder>/<year>/<sha256>-<random>.<ext>`` — and a name is never written twice,
so a retried task or a second upload of the same file never overwrites another document. A file
written in a transaction that then raises is removed again (``removed_on_error``); one left behind by
a killed process is unreferenced: nothing reads it, ``chotei verify`` only checks the files rows name,
and its name is never reused, so it is harmless (``chotei backup`` carries it along).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import mimetypes
import secrets
import threading
from collections.abc import Iterator
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.utils.deconstruct import deconstructible

from chotei import clock

logger = logging.getLogger(__name__)

ALIAS = "documents"


@deconstructible(path="chotei.documents.files.DocumentStorage")
class DocumentStorage(Storage):
    """The FileFields' storage: every call goes to ``storages["documents"]`` as configured *now*, so
    a settings change (a test's S3 mock, the environment) is followed without reloading models."""

    def __getattribute__(self, name: str) -> Any:
        if name.startswith("__") or name == "deconstruct":
            return super().__getattribute__(name)
        return getattr(storages[ALIAS], name)


def storage() -> Storage:
    return storages[ALIAS]


def _extension(content_type: str) -> str:
    ext = mimetypes.guess_extension(content_type.split(";")[0].strip()) or ".bin"
    return ext if ext[1:].isalnum() else ".bin"


_local = threading.local()


def file_write(folder: str, data: bytes, content_type: str = "application/pdf") -> tuple[str, str]:
    """Store ``data`` under a new unique name in ``folder``; returns (name, SHA-256)."""
    digest = hashlib.sha256(data).hexdigest()
    wanted = f"{folder}/{clock.today().year}/{digest}-{secrets.token_hex(6)}{_extension(content_type)}"
    name = storage().save(wanted, ContentFile(data))
    written = getattr(_local, "written", None)
    if written is not None:
        written.append(name)
    return name, digest


def file_read(name: str) -> bytes | None:
    """The stored bytes, or None when the name is empty or the file is missing."""
    if not name:
        return None
    try:
        with storage().open(name, "rb") as f:
            data: bytes = f.read()
    except FileNotFoundError:  # FileSystemStorage and S3Storage (a 404) alike
        return None
    return data


def file_delete(name: str) -> None:
    if name:
        storage().delete(name)


@contextlib.contextmanager
def removed_on_error() -> Iterator[None]:
    """Around a transaction that writes files: when it raises (and so rolls back), the files written
    inside are deleted, so no unreferenced file stays behind. Files written in a block nested in an
    outer one that later rolls back are left unreferenced (harmless, see the module's docstring)."""
    outer = getattr(_local, "written", None)
    written: list[str] = []
    _local.written = written
    try:
        yield
    except BaseException:
        for name in written:
            try:
                file_delete(name)
            except Exception:  # the error being raised matters more than an unreferenced file
                logger.warning("could not remove %s after a rolled-back write", name, exc_info=True)
        raise
    finally:
        _local.written = outer
    if outer is not None:
        outer.extend(written)


def stored_names(folder: str = "") -> Iterator[str]:
    """Every file in the store, walking folders (``chotei backup``)."""
    try:
        dirs, names = storage().listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder}/" if folder else ""
    for name in sorted(names):
        yield prefix + name
    for sub in sorted(dirs):
        yield from stored_names(prefix + sub)


# --- the data migrations that moved the blobs out of the database ------------------------------


def blobs_move(model: Any, blob: str, folder: str, *, typed: bool = False) -> int:
    """Write each row's database blob into the store and name it on the row. The row's SHA-256 stays
    as it was — a blob that no longer matched it still does not, so ``chotei verify`` still names it.
    An empty blob (disposed, or a posted paper) leaves the name empty. Rows are read a batch at a
    time by id, never through an open cursor the updates would disturb."""
    ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
    moved = 0
    for start in range(0, len(ids), 100):
        fields = ["pk", blob] + (["content_type"] if typed else [])
        for row in model.objects.filter(pk__in=ids[start : start + 100]).values(*fields):
            data = bytes(row[blob] or b"")
            if not data:
                continue
            name, _ = file_write(folder, data, row["content_type"] if typed else "application/pdf")
            model.objects.filter(pk=row["pk"]).update(file=name)
            moved += 1
    return moved


def blobs_restore(model: Any, blob: str) -> int:
    """The reverse: the stored bytes back into the blob column (the files stay in the store)."""
    restored = 0
    for pk, name in model.objects.exclude(file="").values_list("pk", "file"):
        model.objects.filter(pk=pk).update(**{blob: file_read(name) or b""})
        restored += 1
    return restored
