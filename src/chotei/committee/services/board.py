"""理事会: the board meetings that choose members (CM-02) and ratify emergency appointments (CM-04)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from chotei.accounts.permissions import Actor
from chotei.committee.models import BoardMeeting
from chotei.committee.services.roster import roster_actor, roster_audit
from chotei.rules.application import normalize
from chotei.rules.articles import Article, charter
from chotei.rules.errors import RuleViolation
from chotei.rules.wareki import to_wareki

BOARD_ARTICLE: Article = charter("第32条", "CM-04")


def board_meeting_record(*, actor: Actor, held_on: dt.date | None, name: str, kind: str) -> BoardMeeting:
    """Record a board meeting (定款第32条: 定例 or 臨時), so its resolutions and ratifications can
    name it and the first meeting after an emergency appointment is known (CM-04)."""
    roster_actor(actor)
    name = normalize(name)
    if held_on is None:
        raise RuleViolation("理事会の開催日がありません", BOARD_ARTICLE, field="held_on")
    if not name:
        raise RuleViolation("理事会の名称がありません", BOARD_ARTICLE, field="name")
    if kind not in BoardMeeting.Kind.values:
        raise RuleViolation("理事会の種別は定例理事会又は臨時理事会です", BOARD_ARTICLE, field="kind")
    with transaction.atomic():
        if BoardMeeting.objects.filter(held_on=held_on, name=name).exists():
            raise RuleViolation(
                f"{to_wareki(held_on)}の「{name}」は記録済みです", BOARD_ARTICLE, field="name"
            )
        meeting = BoardMeeting.objects.create(held_on=held_on, name=name, kind=kind)
        roster_audit(
            actor=actor,
            action="board_meeting_record",
            description=f"{to_wareki(held_on)}の{meeting.get_kind_display()}「{name}」を記録",
            board_meeting=meeting.pk,
        )
    return meeting
