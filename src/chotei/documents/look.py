"""The body's look on its notices (issue #9 item 10): letterhead and seal or 「公印省略」, read from
the settings each time a notice is rendered (so a changed seal applies from the next notice)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from chotei.documents.pdf import Look
from chotei.rules.notices.data import NoticeData


def notice_look(data: NoticeData) -> Look:
    """A notice of the body carries its letterhead and its seal (or none, 公印省略); an insurer's or
    co-op's payment notice is the insurer's own document and keeps its plain head (its particulars
    are in its contact box, and a payment notice must stay on one page)."""
    body = settings.CHOTEI_BODY
    if data.sender_name != body["name"]:
        return Look()
    seal = body.get("seal_image") or ""
    return Look(
        # Name and designation only: the handling office's own address and phone are in the
        # contact block, so a branch's notice never carries the head office's (DP-24).
        letterhead=(body["name"], body["designation"]),
        seal_image=Path(seal) if seal and Path(seal).is_file() else None,
    )
