"""Corrections (訂正) of registered details and the staff's notes and call log (issue #9 items 3, 7).

A correction changes the current value and keeps the old one twice over: in its own row and in the
ledger line written with it (DP-21, 令24条), so the record is corrected, never rewritten.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from chotei.accounts.models import Role
from chotei.accounts.permissions import Actor, role_of
from chotei.disputes.models import Case, CaseNote, CaseParty, Correction
from chotei.disputes.services import guards
from chotei.disputes.services.core import case_change, today
from chotei.parties.models import Party
from chotei.rules import corrections
from chotei.rules.application import normalize
from chotei.rules.errors import RuleViolation

NOTE_READERS = frozenset({Role.SECRETARIAT, Role.CHAIR})


def _shown(value: object) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _party_of(case: Case, party_id: int | None) -> tuple[Party, str]:
    """A party or agent of this case, with how the ledger names it (「申請人 山田太郎」)."""
    for cp in case.parties.select_related("party", "agent"):
        for party, who in ((cp.party, cp.get_side_display()), (cp.agent, f"{cp.get_side_display()}の代理人")):
            if party is not None and party.pk == party_id:
                return party, f"{who}（{party.name}）の"
    raise RuleViolation("訂正する当事者を選んでください", corrections.ARTICLE, field="party_id")


def correction_record(
    *, actor: Actor, case_id: int, item: str, after: str, reason: str, party_id: int | None = None
) -> Correction:
    """訂正 of one item of the case or of a party, with its reason, as one recorded change."""
    guards.operator(actor)
    it = corrections.item(item)
    after, reason = normalize(after), normalize(reason)
    holder: dict[str, Correction] = {}
    line: list[str] = []

    def apply(case: Case) -> list[str]:
        target: Case | Party = case
        who = ""
        if it.target == corrections.PARTY:
            target, who = _party_of(case, party_id)
            if it.name == "name" and target.organization_id:
                raise RuleViolation(
                    "保険会社・共済組合の名称は登録された組織の名称です（組織の登録を訂正してください）",
                    corrections.ITEMS_ARTICLE,
                    field="after",
                )
        before = _shown(getattr(target, it.name))
        corrections.check(it, before, after, reason, today=today(), received_on=case.received_on)
        value: object = after
        if it.kind == "date":
            value = dt.date.fromisoformat(after) if after else None
        setattr(target, it.name, value)
        fields: list[str] = []
        if isinstance(target, Party):
            target.save(update_fields=[it.name])
            if it.name == "name":
                # The list's snapshot of the names (Case.applicant_name) follows the register.
                _rename_snapshots(target, after)
                case.refresh_from_db(fields=["applicant_name", "respondent_name"])
        else:
            fields = [it.name]
        holder["c"] = Correction.objects.create(
            case=case,
            party=target if isinstance(target, Party) else None,
            item=item,
            before=before,
            after=after,
            reason=reason,
            by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        line.append(
            f"訂正: {who}{it.label}「{before or '（なし）'}」→「{after or '（なし）'}」（理由: {reason}）"
        )
        return fields

    case_change(
        actor=actor,
        case_id=case_id,
        version=None,
        action="correction",
        apply=apply,
        description=lambda: line[0],
        notify=False,
        item=item,
        party=party_id,
    )
    return holder["c"]


def _rename_snapshots(party: Party, name: str) -> None:
    for side, column in (
        (CaseParty.Side.APPLICANT, "applicant_name"),
        (CaseParty.Side.RESPONDENT, "respondent_name"),
    ):
        ids = CaseParty.objects.filter(party=party, side=side).values("case_id")
        Case.objects.filter(pk__in=ids).update(**{column: name})


def note_record(
    *, actor: Actor, case_id: int, kind: str, text: str, direction: str = "", counterpart: str = ""
) -> CaseNote:
    """An internal note or a telephone call, staff only. The ledger says that one was made, never
    what it says: the ledger is printed for others (令24条), the note is not."""
    guards.operator(actor)
    text, counterpart = normalize(text), normalize(counterpart)
    if kind not in CaseNote.Kind.values:
        raise RuleViolation("メモか電話記録かを選んでください", corrections.ARTICLE, field="kind")
    if not text:
        raise RuleViolation("内容を記載してください", corrections.ARTICLE, field="text")
    if kind == CaseNote.Kind.CALL and (direction not in CaseNote.Direction.values or not counterpart):
        raise RuleViolation(
            "電話記録には発着信の別と相手方が必要です", corrections.ARTICLE, field="counterpart"
        )
    if kind == CaseNote.Kind.NOTE:
        direction = ""
    holder: dict[str, CaseNote] = {}

    def apply(case: Case) -> list[str]:
        holder["n"] = CaseNote.objects.create(
            case=case,
            kind=kind,
            direction=direction,
            counterpart=counterpart,
            text=text,
            by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        return []

    label = CaseNote.Kind(kind).label + (f"（{CaseNote.Direction(direction).label}）" if direction else "")
    case_change(
        actor=actor,
        case_id=case_id,
        version=None,
        action="note",
        apply=apply,
        description=f"{label}を記録（内容は職員のみ閲覧）",
        notify=False,
        kind=kind,
    )
    return holder["n"]


def notes_for(user: Any, case: Case) -> list[CaseNote]:
    """Staff only: a member, auditor or insurer reading the case never sees them."""
    if role_of(user) not in NOTE_READERS:
        return []
    return list(case.notes.select_related("by"))
