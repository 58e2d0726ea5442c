"""What the portal writes: drafts of the guided application and their submission (OD-01)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from chotei import clock
from chotei.accounts.permissions import NotPermitted
from chotei.disputes.models import Case, CaseParty, Submission
from chotei.disputes.selectors import further_requests_open
from chotei.disputes.services import uploads
from chotei.disputes.services.core import case_change
from chotei.disputes.services.intake import case_apply
from chotei.disputes.services.proceedings import submission_record
from chotei.documents.files import file_write
from chotei.portal import application
from chotei.portal.models import AgentMandate, ApplicationDraft, PartyAccount
from chotei.rules import screening


def draft_start(account: PartyAccount) -> ApplicationDraft:
    return ApplicationDraft.objects.create(account=account, step=application.STEP_KEYS[0])


def draft_save(draft: ApplicationDraft, step: str, answers: dict[str, Any]) -> ApplicationDraft:
    """Keep a step's answers at once, so nothing typed is lost when the session ends."""
    with transaction.atomic():
        locked = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
        if locked.case_id is None:
            locked.data = {**locked.data, **answers}
            locked.step = application.next_step(step) or "review"
            locked.save(update_fields=["data", "step", "updated_at"])
    return locked


def draft_submit(draft: ApplicationDraft) -> Case:
    """File the draft through the intake service; a second submit (double click, retry) returns the
    case already made and files nothing more. The account is linked to the party it speaks for —
    itself as applicant, or the agent it is."""
    with transaction.atomic():
        locked = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
        if locked.case is not None:
            return locked.case
        account = locked.account
        case = case_apply(actor=account.user, data=application.to_input(locked.data, clock.today()))
        own = case.parties.get(side=CaseParty.Side.APPLICANT)
        by_agent = own.agent is not None and locked.data.get("filed_by") == "agent"
        account.parties.add(own.agent_id if by_agent and own.agent_id else own.party_id)
        locked.case = case
        locked.step = "submitted"
        locked.save(update_fields=["case", "step", "updated_at"])
    return case


def party_submit(
    *, user: Any, case_id: int, side: str, kind: str, title: str, file_name: str, content: bytes
) -> Submission:
    """A statement or evidence uploaded by the party itself (OD-01, DP-03): checked (type by content,
    size, duplicate, virus), and for the respondent only until the deadline it was told or, after
    it, what the body asked of it further until that request's deadline (DP-16)."""
    case = Case.objects.get(pk=case_id)
    # After its deadline the respondent files only what the body asked of it further (規程15条9項).
    asked = further_requests_open(case, side, clock.today())
    if side == CaseParty.Side.RESPONDENT and not asked.exists():
        screening.check_statement_deadline(case.statement_due_on, clock.today())
    checked = uploads.check_upload(case_id, content)
    return submission_record(
        actor=user,
        case_id=case_id,
        side=side,
        kind=kind,
        channel=Submission.Channel.UPLOAD,
        title=title,
        file_name=file_name,
        content=content,
        content_type=checked.content_type,
    )


def mandate_record(
    *, user: Any, case_id: int, agent_kind: str, file_name: str, content: bytes
) -> AgentMandate:
    """The agent files the party's mandate (委任状): checked like any upload, written with the case's
    ledger line and audit event (DP-02: the agent acts for the party on its record)."""
    checked = uploads.check_upload(case_id, content)
    holder: dict[str, AgentMandate] = {}

    def apply(case: Case) -> list[str]:
        link = CaseParty.objects.filter(case=case, agent__portal_accounts__user=user).first()
        if link is None:
            raise NotPermitted("委任状を提出できるのは、この事案の代理人だけです")
        name, _ = file_write("mandates", content, checked.content_type)
        holder["m"] = AgentMandate.objects.create(
            case_party=link,
            agent_kind=agent_kind,
            file_name=file_name,
            content_type=checked.content_type,
            file=name,
            sha256=checked.sha256,
            recorded_by=user,
        )
        return []

    case_change(
        actor=user,
        case_id=case_id,
        version=None,
        action="mandate",
        apply=apply,
        description="代理人の委任状を受領（電子）",
        notify=False,
    )
    return holder["m"]
