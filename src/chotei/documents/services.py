"""Issuing, opening and governing written notices (書面) — the only code that writes documents.

A notice is built from the records (facts.py), checked for every required item (check_notice) and
for glyphs the font lacks before anything is stored; the PDF, its SHA-256, the ledger line and the
audit event are written in one transaction (DP-05..DP-21, PN-01..PN-07, CP-05).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from chotei.accounts.models import Role
from chotei.accounts.permissions import NotPermitted, require_role, role_of
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes import selectors
from chotei.disputes.models import Case, CaseParty
from chotei.disputes.services.core import NotFound, ledger_write, lock_case, today
from chotei.disputes.services.party_links import PartyInput
from chotei.documents import facts
from chotei.documents.models import (
    DeliveryConsent,
    DocumentNumberSequence,
    IssuedDocument,
    NoticeTemplate,
    PaymentClaim,
)
from chotei.documents.pdf import render
from chotei.documents.selectors import claims_visible_to
from chotei.parties.models import Organization, Party
from chotei.rules.application import normalize
from chotei.rules.articles import Article, ordinance, rules
from chotei.rules.errors import RuleViolation
from chotei.rules.notices import (
    DEFAULT_TEMPLATES,
    SPECS,
    NoticeData,
    NoticeKind,
    check_template,
    compose,
    placeholders,
)
from chotei.rules.payment import calc
from chotei.sequences import next_value

# CP-05: model texts are reviewed (指針 Ⅱ-3-6-2⑤コ(エ)); the author cannot be the reviewer.
GUIDELINE_REVIEW = Article("指針", "Ⅱ-3-6-2⑤コ(エ)", "CP-05")
# Who reviews the model texts (文例); the desk menu and pages ask this too. A tuple: refusals list the
# roles in this order.
TEMPLATE_ROLES = (Role.SECRETARIAT, Role.CHAIR, Role.ADMIN)
CONSENT_ROLES = (Role.SECRETARIAT, Role.CHAIR)
BODY_PREFIX = "紛処"
PAYMENT_PREFIX = "支通"
PREVIEW_NUMBER = "（発出時に付番）"
PAYMENT_KINDS = frozenset(
    {NoticeKind.CLAIM_GUIDE, NoticeKind.PAYMENT, NoticeKind.NONPAYMENT, NoticeKind.PAYMENT_EXPLANATION}
)

# PN-04/PN-05 (令5条1項1号ロ, 令6条): the one electronic method offered, shown before consent. It
# names what recipients can actually reach: the desk is staff-only, so an insurer or co-op fetches
# the PDF through the authenticated API.
CONSENT_METHOD = (
    "機構のオンラインサービス（保険会社・共済組合にあっては、認証を要するAPI"
    "「GET /api/v1/cases/{事案ID}/documents/{文書ID}/pdf」）を通じて、書面の内容を記録した"
    "PDFファイルを受信者の閲覧に供し、受信者の使用に係る電子計算機に備えられたファイルに記録"
    "（ダウンロードして保存）していただく方法（令第5条第1項第1号ロ）"
)
CONSENT_FORMAT = "PDF（フォント埋め込み、印刷可能）"
CONSENT_ARTICLE = ordinance("第6条", "PN-05")


# ---------------------------------------------------------------------------------------------
# Shared steps


def _user(actor_id: int | None) -> Any:
    if actor_id is None:
        return None
    return get_user_model().objects.filter(pk=actor_id).first()


def next_document_number(prefix: str, year: int) -> str:
    """「紛処第2026-000123号」: a locked sequence per prefix and year, so numbers never repeat."""
    return f"{prefix}第{year}-{next_value(DocumentNumberSequence, prefix=prefix, year=year):06d}号"


def effective_template(kind: NoticeKind) -> NoticeTemplate | None:
    """CP-05: the latest approved model text of ``kind``; ``None`` means the built-in default."""
    return (
        NoticeTemplate.objects.filter(kind=kind.value, approved_at__isnull=False).order_by("-version").first()
    )


def consented(party: Party) -> bool:
    latest = DeliveryConsent.objects.filter(party=party).order_by("-at", "-id").first()
    return latest is not None and latest.consented


def delivery_channel(party: Party, requested: str | None) -> str:
    """PN-04/PN-05: paper unless the addressee's latest answer consents to electronic delivery."""
    electronic = consented(party)
    if requested == IssuedDocument.Channel.ELECTRONIC and not electronic:
        raise RuleViolation(
            f"{party.name}から電磁的方法による提供の承諾を得ていないため、電子で送付できません",
            CONSENT_ARTICLE,
            field="channel",
        )
    if requested not in (None, "", *IssuedDocument.Channel.values):
        raise RuleViolation(f"送付方法「{requested}」は選べません", CONSENT_ARTICLE, field="channel")
    if requested == IssuedDocument.Channel.POST:
        return IssuedDocument.Channel.POST
    return IssuedDocument.Channel.ELECTRONIC if electronic else IssuedDocument.Channel.POST


def _render(kind: NoticeKind, data: NoticeData) -> tuple[bytes, NoticeTemplate | None]:
    """Compose (refusing missing items) and render (refusing missing glyphs) with the effective text."""
    template = effective_template(kind)
    notice = compose(kind, data, template.text if template is not None else None)
    return render(notice, data), template


@dataclass(frozen=True, slots=True)
class _Issue:
    kind: NoticeKind
    data: NoticeData
    party: Party
    side: str
    channel: str
    dispatch: dt.date
    step_id: int | None = None


def _store(
    issue: _Issue, *, actor: Any, case: Case | None = None, claim: PaymentClaim | None = None
) -> IssuedDocument:
    pdf, template = _render(issue.kind, issue.data)
    previous = IssuedDocument.objects.filter(
        case=case, claim=claim, kind=issue.kind.value, addressee_side=issue.side
    ).aggregate(v=Max("version"))["v"]
    doc = IssuedDocument.objects.create(
        case=case,
        claim=claim,
        step_id=issue.step_id,
        kind=issue.kind.value,
        addressee_side=issue.side,
        version=(previous or 0) + 1,
        document_number=issue.data.document_number,
        title=SPECS[issue.kind].title,
        addressee=f"{issue.data.addressee_name}　{issue.data.honorific}",
        addressee_party=issue.party,
        channel=issue.channel,
        dispatch_date=issue.dispatch,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        template=template,
        template_version=template.version if template is not None else 0,
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        event_type=AuditEvent.Type.DOCUMENT_ISSUED,
        actor=actor,
        case_id=case.pk if case is not None else None,
        document=doc.pk,
        claim=claim.pk if claim is not None else None,
        kind=doc.kind,
        number=doc.document_number,
        version=doc.version,
        side=doc.addressee_side,
        channel=doc.channel,
        dispatch_date=doc.dispatch_date.isoformat(),
        sha256=doc.sha256,
        template_version=doc.template_version,
    )
    return doc


# ---------------------------------------------------------------------------------------------
# Dispute notices of the body


def _case_kind(kind: str) -> NoticeKind:
    parsed = NoticeKind(kind)
    if parsed not in facts.CASE_KINDS:
        raise ValueError(f"{parsed.value} は事案の通知ではありません")
    return parsed


def _dispatch_date(case: Case, kind: NoticeKind, dispatch_on: dt.date | None) -> dt.date:
    """The date deadlines count from: acceptance notices carry the recorded dispatch date (DP-09,
    DP-16), so the printed date and the computed deadlines cannot disagree."""
    if kind not in facts.ACCEPTANCE_KINDS:
        return dispatch_on or today()
    sent = case.acceptance_dispatched_on
    if sent is None:
        raise RuleViolation(
            "受理通知の発送日が記録されていないため発出できません",
            rules("第5条の2第2項", "DP-09"),
            "dispatch_on",
        )
    if dispatch_on is not None and dispatch_on != sent:
        raise RuleViolation(
            f"受理通知の発送日は{sent.isoformat()}として期限を計算しています（指定された発送日と異なります）",
            rules("第5条の2第2項", "DP-09"),
            "dispatch_on",
        )
    return sent


def _case_notice_data(
    case: Case, kind: NoticeKind, side: str, number: str, dispatch: dt.date
) -> tuple[NoticeData, CaseParty]:
    role = facts.case_party(case, side)
    data = NoticeData(
        document_number=number,
        issued_on=dispatch,
        sender_name=settings.CHOTEI_BODY["name"],
        sender_title=settings.CHOTEI_BODY["chair"],
        case_number=case.number,
        fields=facts.case_fields(case, kind, dispatch),
        contact=facts.body_contact(case),
        **facts.addressee(role.party),
    )
    return data, role


def case_notices_issue(
    *,
    case_id: int,
    kinds: list[str],
    actor_id: int | None = None,
    channel: str | None = None,
    side: str | None = None,
    dispatch_on: dt.date | None = None,
    step_id: int | None = None,
) -> list[IssuedDocument]:
    """Issue the notices of ``kinds`` for the case, one per addressee (refusal, result and termination
    go to both parties; the explanation to ``side``). All or nothing: a notice missing an item or a
    glyph raises and nothing — number, document, ledger line, audit event — is kept.

    ``step_id`` is the ledger line of the step that queued them: a notice that step already has is
    returned as it is, not issued again (a worker killed after issuing, before marking its task
    done, runs the task again); the unique constraint ``doc_once_per_step`` backs this."""
    actor = _user(actor_id)
    parsed = [_case_kind(k) for k in kinds]
    issued: list[IssuedDocument] = []
    with transaction.atomic():
        # The case lock serialises re-issues, so two versions never get the same number.
        case = lock_case(case_id)
        done = _step_documents(step_id)
        for kind in parsed:
            dispatch = _dispatch_date(case, kind, dispatch_on)
            for addressee_side in facts.addressee_sides(kind, side):
                if (kind.value, addressee_side) in done:
                    issued.append(done[kind.value, addressee_side])
                    continue
                number = next_document_number(BODY_PREFIX, dispatch.year)
                data, role = _case_notice_data(case, kind, addressee_side, number, dispatch)
                party = role.party
                channel_ = delivery_channel(party, channel)
                issue = _Issue(kind, data, party, addressee_side, channel_, dispatch, step_id)
                doc = _store(issue, actor=actor, case=case)
                # The party stays the addressee; the ledger names its agent so a copy goes there too.
                agent = f"（代理人 {role.agent.name}）" if role.agent is not None else ""
                ledger_write(
                    case,
                    action="notice",
                    on=dispatch,
                    actor=actor,
                    description=(
                        f"{doc.title}（{doc.document_number}、第{doc.version}版）を"
                        f"{CaseParty.Side(addressee_side).label} {doc.addressee}{agent}へ"
                        f"{doc.get_channel_display()}で発出（{SPECS[kind].article}）"
                    ),
                )
                issued.append(doc)
    return issued


def _step_documents(step_id: int | None) -> dict[tuple[str, str], IssuedDocument]:
    if step_id is None:
        return {}
    docs = IssuedDocument.objects.filter(step_id=step_id).defer("pdf")
    return {(d.kind, d.addressee_side): d for d in docs}


def case_notices_failure_record(
    *, case_id: int, kinds: list[str], error: RuleViolation, step_id: int | None = None
) -> None:
    """A queued notice that could not be issued (a missing item, a character the font lacks) goes on
    the case's record — ledger line and audit event together — for staff to correct and re-issue,
    instead of passing unnoticed (DP-21, DP-22)."""
    titles = "・".join(SPECS[NoticeKind(k)].title for k in kinds)
    with transaction.atomic():
        case = Case.objects.filter(pk=case_id).first()
        if case is None:
            return
        ledger_write(
            case,
            action="notice_failed",
            description=f"{titles}を発出できませんでした（{error}）。登録内容を確認して再発行してください",
        )
        audit_record(
            event_type=AuditEvent.Type.CASE_CHANGED,
            case_id=case.pk,
            action="notice_failed",
            step=step_id,
            kinds=kinds,
            article=str(error.article),
            field=error.field,
            error=str(error),
        )


def case_notice_preview(case_id: int, kind: str, side: str) -> bytes:
    """The notice as it would be issued now, for the desk to check; nothing is stored or numbered."""
    parsed = _case_kind(kind)
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        raise NotFound(f"事案 {case_id} は見つかりません")
    if side not in facts.addressee_sides(parsed, side if parsed is NoticeKind.EXPLANATION else None):
        raise RuleViolation(
            f"{SPECS[parsed].title}は{CaseParty.Side(side).label}宛てには発出しません",
            SPECS[parsed].article,
            field="side",
        )
    dispatch = case.acceptance_dispatched_on if parsed in facts.ACCEPTANCE_KINDS else None
    data, _ = _case_notice_data(case, parsed, side, PREVIEW_NUMBER, dispatch or today())
    return _render(parsed, data)[0]


# ---------------------------------------------------------------------------------------------
# Opening (DP-22, PN-04)


def _may_open(user: Any, doc: IssuedDocument) -> bool:
    role = role_of(user)
    if role is None:
        # A portal party: only notices addressed to the side it speaks for, and only once the
        # addressee consented to electronic delivery (PN-05, 令6条).
        if doc.case_id is None or doc.addressee_side not in selectors.account_sides(user, doc.case_id):
            return False
        party = doc.addressee_party
        if party is None or not consented(party):
            raise NotPermitted("電子交付を承諾すると、通知書をここで読むことができます（令第6条）")
        return True
    if doc.claim_id is not None:
        return claims_visible_to(user).filter(pk=doc.claim_id).exists()
    if role == Role.INSURER:
        # IM-01: only documents addressed to the side the insurer's organization is on.
        return doc.addressee_side in selectors.organization_sides(user, doc.case_id)
    return selectors.cases_visible_to(user).filter(pk=doc.case_id).exists()


def speaks_for(user: Any, party_id: int) -> bool:
    """A portal account speaks for a party it is, or one it represents as agent on some case."""
    mine = Q(party__portal_accounts__user=user) | Q(agent__portal_accounts__user=user)
    return CaseParty.objects.filter(mine, party_id=party_id).exists()


def is_addressee(user: Any, doc: IssuedDocument) -> bool:
    """PN-04: the recipient itself — an insurer's or co-op's user whose organization is the
    addressee party's, or the portal account that speaks for the addressee party. Staff, members and
    the sender of a payment notice are not the recipient."""
    if doc.addressee_party_id is None:
        return False
    role = role_of(user)
    if role is None:
        return speaks_for(user, doc.addressee_party_id)
    if role != Role.INSURER:
        return False
    org = user.profile.organization_id
    return bool(org) and Party.objects.filter(pk=doc.addressee_party_id, organization_id=org).exists()


def document_open(user: Any, document_id: int) -> IssuedDocument:
    """Open an issued document. first_opened_at records when the addressee first opened it (PN-04:
    the electronic notice reached its recipient), so only the addressee's opening stamps it, once;
    every opening, staff's included, is audited (DP-22). A document the user may not see answers
    NotFound, as if absent."""
    if not getattr(user, "is_authenticated", False):
        raise NotPermitted("ログインしてください")
    doc = IssuedDocument.objects.filter(pk=document_id).first()
    if doc is None or not _may_open(user, doc):
        raise NotFound(f"文書 {document_id} は見つかりません", case_id=doc.case_id if doc else None)
    if is_addressee(user, doc):
        # One conditional UPDATE, so two simultaneous first openings cannot both stamp the time.
        IssuedDocument.objects.filter(pk=doc.pk, first_opened_at__isnull=True).update(
            first_opened_at=timezone.now()
        )
        doc.refresh_from_db(fields=["first_opened_at"])
    audit_record(
        event_type=AuditEvent.Type.DOCUMENT_OPENED,
        actor=user,
        case_id=doc.case_id,
        document=doc.pk,
        number=doc.document_number,
        kind=doc.kind,
        version=doc.version,
    )
    return doc


# ---------------------------------------------------------------------------------------------
# Electronic delivery consent (PN-04, PN-05, 令5-6条)


def consent_offer_text() -> str:
    """What the recipient is shown before answering (令6条): the method and the file format."""
    return (
        "書面の交付に代えて、電磁的方法により書面の内容をご提供することについて、承諾するか否かをお知らせください。\n"
        f"方法：{CONSENT_METHOD}\n"
        f"ファイル形式：{CONSENT_FORMAT}\n"
        "提供した書面はいつでも印刷することができます。承諾されない場合は、これまでどおり書面を郵送します。"
        "承諾は後から撤回することができます。"
    )


def consent_record(
    *, actor: Any, party_id: int, consented: bool, method: str, file_format: str
) -> DeliveryConsent:
    """Record a consent or a refusal to electronic delivery, with the method and format shown (PN-05).

    Only the method and format this system offers may be consented to; a refusal is kept too, and
    paper stays the default until a consent is on record. The secretariat records an answer given on
    paper; a portal party answers for the parties it speaks for itself (OD-01)."""
    if role_of(actor) is None and getattr(actor, "is_authenticated", False):
        if not speaks_for(actor, party_id):
            raise NotFound(f"当事者 {party_id} は見つかりません")
    else:
        require_role(actor, *CONSENT_ROLES)
    if method != CONSENT_METHOD or file_format != CONSENT_FORMAT:
        raise RuleViolation(
            "承諾を求める際に示した方法及びファイル形式と異なります", CONSENT_ARTICLE, field="method"
        )
    with transaction.atomic():
        party = Party.objects.filter(pk=party_id).first()
        if party is None:
            raise NotFound(f"当事者 {party_id} は見つかりません")
        consent = DeliveryConsent.objects.create(
            party=party, method=method, file_format=file_format, consented=consented, recorded_by=actor
        )
        audit_record(
            event_type=AuditEvent.Type.CONSENT,
            actor=actor,
            party=party.pk,
            consented=consented,
            method=method,
            file_format=file_format,
            article=str(CONSENT_ARTICLE),
        )
    return consent


# ---------------------------------------------------------------------------------------------
# Model texts (CP-05)


def _used(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def template_required(kind: NoticeKind) -> frozenset[str]:
    """The placeholders a model text must keep: those the built-in text uses for required items,
    so a reviewed text can never drop what the regime requires the notice to state."""
    spec = SPECS[kind]
    required = {req[0] for req in spec.required} | {"case_number", "ground_article", "table"}
    return frozenset(_used(DEFAULT_TEMPLATES[kind]) & required & placeholders(kind))


def template_propose(*, actor: Any, kind: str, text: str) -> NoticeTemplate:
    """A new version of a kind's model text; it takes effect only once someone else approves it."""
    require_role(actor, *TEMPLATE_ROLES)
    parsed = NoticeKind(kind)
    text = text.replace("\r\n", "\n").strip("\n")
    if not text.strip():
        raise RuleViolation("文例の本文がありません", GUIDELINE_REVIEW, field="text")
    try:
        check_template(parsed, text)
    except ValueError as exc:
        raise RuleViolation(str(exc), GUIDELINE_REVIEW, field="text") from exc
    missing = sorted(template_required(parsed) - _used(text))
    if missing:
        raise RuleViolation(
            f"文例に必須事項の差込項目がありません: {'、'.join('{' + m + '}' for m in missing)}",
            SPECS[parsed].article,
            field="text",
        )
    with transaction.atomic():
        last = (
            NoticeTemplate.objects.select_for_update()
            .filter(kind=parsed.value)
            .aggregate(v=Max("version"))["v"]
        )
        template = NoticeTemplate.objects.create(
            kind=parsed.value, version=(last or 0) + 1, text=text, created_by=actor
        )
        audit_record(
            event_type=AuditEvent.Type.TEMPLATE,
            actor=actor,
            action="propose",
            template=template.pk,
            kind=parsed.value,
            version=template.version,
        )
    return template


def template_approve(*, actor: Any, template_id: int) -> NoticeTemplate:
    """Approve a model text; the author may not approve their own (CP-05, 指針 Ⅱ-3-6-2⑤コ(エ))."""
    require_role(actor, *TEMPLATE_ROLES)
    with transaction.atomic():
        template = NoticeTemplate.objects.select_for_update().filter(pk=template_id).first()
        if template is None:
            raise NotFound(f"文例 {template_id} は見つかりません")
        if template.approved_at is not None:
            raise RuleViolation(
                f"文例（第{template.version}版）は承認済みです", GUIDELINE_REVIEW, field="template"
            )
        if template.created_by_id == actor.pk:
            raise RuleViolation(
                "文例は作成者以外の者が確認して承認してください（作成者自身は承認できません）",
                GUIDELINE_REVIEW,
                field="approved_by",
            )
        template.approved_by = actor
        template.approved_at = timezone.now()
        template.save(update_fields=["approved_by", "approved_at"])
        audit_record(
            event_type=AuditEvent.Type.TEMPLATE,
            actor=actor,
            action="approve",
            template=template.pk,
            kind=template.kind,
            version=template.version,
            author=template.created_by_id,
        )
    return template


# ---------------------------------------------------------------------------------------------
# Payment notices of insurers and co-ops (PN-01..PN-03, PN-06, PN-07)


def _insurer_actor(actor: Any, org_id: int) -> None:
    """An insurer's or co-op's user acts for its own organization only; the admin may act for any."""
    role = require_role(actor, Role.INSURER, Role.ADMIN)
    if role == Role.INSURER and actor.profile.organization_id != org_id:
        raise NotPermitted("自らの組織の請求についてのみ操作できます")


def _own_organization(actor: Any) -> int:
    profile = getattr(actor, "profile", None)
    if role_of(actor) != Role.INSURER or profile is None or not profile.organization_id:
        raise RuleViolation(
            "請求を登録する保険会社・共済組合（insurer_id）を指定してください",
            ordinance("第3条", "PN-02"),
            field="insurer_id",
        )
    return int(profile.organization_id)


def _claimant(actor: Any, org: Organization, party_id: int | None, new: PartyInput | None) -> Party:
    """The addressee of the notices (PN-01): a new person, or one already registered. An insurer or
    co-op may name only a claimant of its own earlier claims; others' parties answer as absent."""
    if party_id is not None:
        parties = Party.objects.all()
        if role_of(actor) == Role.INSURER:
            parties = parties.filter(claims__insurer=org).distinct()
        party = parties.filter(pk=party_id).first()
        if party is None:
            raise NotFound(f"請求者 {party_id} は見つかりません")
        return party
    name, address = normalize(new.name if new else ""), normalize(new.address if new else "")
    if new is None or not name or not address:
        raise RuleViolation(
            "請求者の氏名又は名称と住所（書面の宛先）を指定してください",
            ordinance("第2条", "PN-01"),
            field="claimant.name" if not name else "claimant.address",
        )
    return Party.objects.create(
        name=name, address=address, postcode=normalize(new.postcode), kind=new.kind or Party.Kind.PERSON
    )


def claim_register(
    *,
    actor: Any,
    insurer_id: int | None,
    reference: str,
    data: dict[str, Any],
    coop: bool | None = None,
    claimant_party_id: int | None = None,
    claimant: PartyInput | None = None,
) -> PaymentClaim:
    """Register a claim decision. A payment is validated by the standards now (Claim.from_dict), so
    the notices later cannot fail on the amounts; a non-payment needs its accident date and reasons.
    ``insurer_id`` left out means the insurer user's own organization, ``coop`` left out as the
    organization is registered. The claim, a new claimant and the audit event are written together
    or not at all."""
    if insurer_id is None:
        insurer_id = _own_organization(actor)
    _insurer_actor(actor, insurer_id)
    org = Organization.objects.filter(pk=insurer_id).first()
    if org is None:
        raise NotFound(f"保険会社・共済組合 {insurer_id} は見つかりません")
    is_coop = org.kind == Organization.Kind.COOP
    coop = is_coop if coop is None else coop
    if org.kind not in (Organization.Kind.INSURER, Organization.Kind.COOP) or coop != is_coop:
        raise RuleViolation(
            f"{org.name}は{'共済組合' if is_coop else '保険会社'}として登録されています（共済の指定と一致しません）",
            ordinance("第10条", "PN-07"),
            field="coop",
        )
    reference = normalize(reference)
    if not reference:
        raise RuleViolation("請求番号がありません", ordinance("第3条", "PN-02"), field="reference")
    if facts.is_nonpayment(data):
        _accident_date(data, ordinance("第4条第1号", "PN-03"))
    else:
        calc.Claim.from_dict(facts.split_claim(data)[0])
    with transaction.atomic():
        claim = PaymentClaim.objects.create(
            insurer=org,
            claimant=_claimant(actor, org, claimant_party_id, claimant),
            reference=reference,
            data=data,
            coop=coop,
        )
        audit_record(
            event_type=AuditEvent.Type.CLAIM_REGISTERED,
            actor=actor,
            claim=claim.pk,
            reference=claim.reference,
            insurer=org.pk,
            party=claim.claimant_id,
            nonpayment=facts.is_nonpayment(data),
        )
    return claim


def _accident_date(data: dict[str, Any], article: Article) -> dt.date:
    value = data.get("accident_date")
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise RuleViolation(
            "事故の年月日（accident_date）をYYYY-MM-DD形式で指定してください", article, field="accident_date"
        ) from exc


def _claim_fields(
    claim: PaymentClaim, kind: NoticeKind, requested_on: dt.date | None, dispatch: dt.date
) -> dict[str, object]:
    """The amounts come from the standards, never from the claim's data (PN-02, PN-06)."""
    data = dict(claim.data)
    nonpayment = facts.is_nonpayment(data)
    if kind is NoticeKind.PAYMENT and nonpayment:
        raise RuleViolation(
            "支払わない理由が記録された請求には支払通知書を発出できません（不払通知書を発出してください）",
            ordinance("第4条", "PN-03"),
            field="kind",
        )
    if kind is NoticeKind.NONPAYMENT and not nonpayment:
        raise RuleViolation(
            "支払わない理由が記録されていません",
            ordinance("第4条第2号から第4号まで", "PN-03"),
            field="reasons",
        )
    if kind is NoticeKind.CLAIM_GUIDE:
        return {}
    needs_amounts = kind is NoticeKind.PAYMENT or (kind is NoticeKind.PAYMENT_EXPLANATION and not nonpayment)
    calculation = calc.calculate_dict(facts.split_claim(data)[0]) if needs_amounts else None
    fields = facts.payment_fields(kind, data, calculation)
    if kind is NoticeKind.PAYMENT_EXPLANATION:
        fields["requested_on"] = requested_on or dispatch
    return fields


def claim_notice_issue(
    *,
    actor: Any,
    claim_id: int,
    kind: str,
    channel: str | None = None,
    requested_on: dt.date | None = None,
    dispatch_on: dt.date | None = None,
) -> IssuedDocument:
    """Issue a payment notice of the claim's insurer or co-op to the claimant: the claim-time guide
    (PN-01), payment (PN-02), non-payment (PN-03) or the detailed explanation (PN-06); a co-op's
    reads 共済金等 / 組合 / 被共済者 (PN-07, 令10条)."""
    parsed = NoticeKind(kind)
    if parsed not in PAYMENT_KINDS:
        raise ValueError(f"{parsed.value} は保険金等の支払に関する書面ではありません")
    claim = PaymentClaim.objects.select_related("insurer", "claimant").filter(pk=claim_id).first()
    if claim is None:
        raise NotFound(f"請求 {claim_id} は見つかりません")
    _insurer_actor(actor, claim.insurer_id)
    dispatch = dispatch_on or today()
    with transaction.atomic():
        # Locking the claim serialises its re-issues (their version numbers).
        PaymentClaim.objects.select_for_update().filter(pk=claim.pk).first()
        data = NoticeData(
            document_number=next_document_number(PAYMENT_PREFIX, dispatch.year),
            issued_on=dispatch,
            sender_name=claim.insurer.name,
            sender_title="",
            case_number=claim.reference,
            fields=_claim_fields(claim, parsed, requested_on, dispatch),
            contact=facts.insurer_contact(claim.insurer),
            coop=claim.coop,
            **facts.addressee(claim.claimant),
        )
        issue = _Issue(
            parsed, data, claim.claimant, "claimant", delivery_channel(claim.claimant, channel), dispatch
        )
        return _store(issue, actor=actor, claim=claim)
