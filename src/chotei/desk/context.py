from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def body(request: HttpRequest) -> dict[str, Any]:
    """The body's name and 「指定紛争処理機関」 on every page (GV-07, 令12条)."""
    return {"body": settings.CHOTEI_BODY}
