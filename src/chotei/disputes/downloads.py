"""A submitted file as an HTTP answer, the same for the desk and the API (DP-03, DP-22)."""

from __future__ import annotations

import re
from typing import Protocol

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from chotei.disputes.services.evidence import FALLBACK_TYPE

# Control characters would break the header (and Django refuses newlines in headers outright).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class StoredFile(Protocol):
    """A submission, or a message's attachment: a file with its name and type as received."""

    @property
    def pk(self) -> int: ...
    @property
    def content_type(self) -> str: ...
    @property
    def file_name(self) -> str: ...


def submission_file(sub: StoredFile, data: bytes) -> HttpResponse:
    """The file with its stored content type and original name (RFC 5987 ``filename*`` when it is
    Japanese). Always an attachment in a sandbox: an uploaded HTML or SVG file must never run as a
    page of the desk's origin."""
    response = HttpResponse(data, content_type=sub.content_type or FALLBACK_TYPE)
    name = _CONTROL.sub("_", sub.file_name) or f"submission-{sub.pk}"
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    # Case records are confidential (法23-9): no shared or browser cache keeps a copy.
    patch_cache_control(response, private=True, no_store=True)
    return response
