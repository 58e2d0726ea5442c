"""``chotei render-samples``: one PDF of every notice kind, from the demo cases when the database
holds some, else from built-in data; nothing is written to the database either way."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from pypdf import PdfReader
from tests.documents.helpers import flat, pdf_text
from tests.factories import stored

from chotei.audit.models import AuditEvent
from chotei.documents import facts, samples
from chotei.documents.management.commands import render_samples
from chotei.documents.models import DocumentNumberSequence, IssuedDocument
from chotei.rules.notices.kinds import SPECS, NoticeKind
from chotei.rules.payment.standards import STANDARDS
from chotei.rules.states import CaseState
from chotei.rules.termination import LAWSUIT_PENDING
from chotei.rules.wareki import to_wareki

pytestmark = pytest.mark.django_db


def _render(outdir: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("render_samples", str(outdir), *args, stdout=out)
    return out.getvalue()


def _pages(path: Path) -> int:
    return len(PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_dp05_pn01_render_samples_writes_every_kind(tmp_path: Path) -> None:
    out = _render(tmp_path / "samples")
    assert "データベースに事案がないため、すべて組み込みの見本データから作成" in out
    for kind in NoticeKind:
        path = tmp_path / "samples" / f"{kind.value}.pdf"
        assert str(path) in out
        pdf = path.read_bytes()
        assert pdf.startswith(b"%PDF")
        assert _pages(path) >= 1
        assert flat(SPECS[kind].title) in pdf_text(pdf)


def test_dp18_builtin_samples_are_issued_on_or_after_the_day_they_report() -> None:
    """A termination notice cannot predate the termination: every date a sample reports (deadlines
    apart, which lie ahead) is on or before its issue date."""
    for kind, sample in samples.samples().items():
        for name, value in sample.fields.items():
            if isinstance(value, dt.date) and "deadline" not in name:
                assert value <= sample.issued_on, (kind, name)
    # The decision, then the explanation the claimant asked for, then that explanation.
    issued = {kind: sample.issued_on for kind, sample in samples.samples().items()}
    assert issued[NoticeKind.PAYMENT] <= samples.EXPLANATION_ASKED <= issued[NoticeKind.PAYMENT_EXPLANATION]


def _wareki_dates(text: str) -> list[dt.date]:
    return [
        dt.date(2018 + int(y), int(m), int(d)) for y, m, d in re.findall(r"令和(\d+)年(\d+)月(\d+)日", text)
    ]


def test_issue7_builtin_samples_tell_one_story_per_person(tmp_path: Path) -> None:
    """Issue 7 item 6: every built-in sample that names a person gives that person's case or claim,
    accident date, vehicle, grade, insurer and office, no one else's; each person's dates run accident
    → insurer's decision → application → receipt → result, and no sample reports a date before the
    accident. A termination for a lawsuit cites the lawsuit ground, not 「解決の見込みがない」."""
    _render(tmp_path, "--builtin")
    built = samples.samples()
    for person in samples.PEOPLE:
        steps = [person.accident_date, person.decided_on, person.received_on]
        known = [d for d in steps if d is not None]
        assert known == sorted(known) and len(set(known)) == len(known), person.name
    for kind, sample in built.items():
        person = sample.person
        text = pdf_text((tmp_path / f"{kind.value}.pdf").read_bytes())
        assert flat(person.name) in text, kind
        others = [p for p in samples.PEOPLE if p is not person]
        assert not [p.name for p in others if flat(p.name) in text], kind
        reference = person.case_number if kind in facts.CASE_KINDS else person.claim_reference
        # The claim-time guide precedes the claim's number; every other sample quotes it.
        assert kind is NoticeKind.CLAIM_GUIDE or (reference and flat(reference) in text), kind
        for other in others:
            for ref in (other.case_number, other.claim_reference):
                assert ref is None or flat(ref) not in text, (kind, ref)
        # The standards' own effective dates apart (「令和2年4月1日以降の事故」).
        reported = set(_wareki_dates(text)) - {standard.effective_from for standard in STANDARDS}
        assert all(d >= person.accident_date for d in reported), kind
        if kind in facts.CASE_KINDS:
            assert person.received_on is not None and sample.issued_on >= person.received_on, kind
            assert flat(facts.office_contact(samples.OFFICE)) in text, kind  # the 東 office's own block
        else:
            assert flat(person.insurer) in text, kind
            # The insurer's papers all precede the application to the body.
            assert person.decided_on is not None and sample.issued_on <= (person.received_on or dt.date.max)
            if kind in (NoticeKind.PAYMENT, NoticeKind.NONPAYMENT):
                assert sample.issued_on == person.decided_on, kind
        if sample.to_insurer:
            assert flat(f"{person.insurer}御中") in text, kind
        if "事故の年月日" in text:
            assert f"事故の年月日{flat(to_wareki(person.accident_date))}" in text, kind
        if kind in (NoticeKind.PAYMENT, NoticeKind.NONPAYMENT, NoticeKind.PAYMENT_EXPLANATION):
            assert f"被保険自動車{flat(person.vehicle)}" in text, kind
        if person.grade is not None and "後遺障害等級" in text:
            assert flat(person.grade) in text, kind
    # The decision the dispute is about is the one the payment notice states.
    yamada = samples.YAMADA
    assert yamada.grade and yamada.grade in samples.MATTERS and yamada.grade in samples.REASONS
    payment = pdf_text((tmp_path / "payment.pdf").read_bytes())
    assert yamada.decided_on is not None and yamada.grade in payment
    termination = pdf_text((tmp_path / "termination.pdf").read_bytes())
    assert "訴訟" in termination and "同一の紛争について訴訟が係属している" in termination
    assert built[NoticeKind.TERMINATION].fields["ground"] == LAWSUIT_PENDING
    assert "解決の見込みがない" not in termination


def test_pn02_pn06_payment_samples_never_leave_the_closing_alone(tmp_path: Path) -> None:
    """The basis line and the contact box must not spill alone onto a page: the last page also
    carries part of the 記 section."""
    _render(tmp_path, "--builtin")
    for kind in (NoticeKind.PAYMENT, NoticeKind.PAYMENT_EXPLANATION):
        path = tmp_path / f"{kind.value}.pdf"
        last = flat(PdfReader(io.BytesIO(path.read_bytes())).pages[-1].extract_text())
        assert "根拠" in last and last.split("以上")[0], kind
        text = pdf_text(path.read_bytes())
        assert "後遺障害等級" in text and "減額の割合" in text  # still shows a grade and a reduction


def test_dp18_samples_come_from_the_demo_cases_when_there_are_some(tmp_path: Path, make_case: Any) -> None:
    terminated = make_case(CaseState.TERMINATED)
    accepted = make_case(CaseState.ACCEPTED)
    before = (
        IssuedDocument.objects.count(),
        list(DocumentNumberSequence.objects.values_list("last", flat=True)),
    )
    viewed = AuditEvent.objects.filter(event_type=AuditEvent.Type.CASE_VIEWED)
    views_before = viewed.count()
    out = _render(tmp_path)
    # Issue 7 item 6: a notice the case already has is written as stored, not re-rendered today.
    issued = IssuedDocument.objects.filter(case=terminated, kind="termination").order_by("id").first()
    assert issued is not None
    assert f"termination.pdf　紛争処理打切り通知書（発出済みの文書 {issued.document_number}）" in out
    assert "refusal.pdf　紛争処理申請不受理通知書（組み込みの見本データ）" in out  # no refused case
    assert "payment.pdf　保険金等支払通知書（組み込みの見本データ）" in out
    assert (tmp_path / "termination.pdf").read_bytes() == stored(issued)
    # A kind no case has been sent yet is previewed from the first fitting case, unnumbered.
    made = render_samples.demo_pdf(NoticeKind.TERMINATION)
    assert made is not None and made[1] == terminated.number
    text = pdf_text(made[0])
    assert flat(terminated.number) in text and flat(to_wareki(terminated.ended_on)) in text
    assert "（発出時に付番）" in text  # a preview: no document number is taken
    assert accepted.number
    assert (
        IssuedDocument.objects.count(),
        list(DocumentNumberSequence.objects.values_list("last", flat=True)),
    ) == before
    # Nothing is issued, but each case read for a sample is logged like any opening (DP-22).
    assert viewed.count() > views_before
    assert viewed.filter(case_id=terminated.pk, payload__purpose="render-samples").exists()
    builtin = _render(tmp_path / "builtin", "--builtin")
    assert "事案 " not in builtin and "指定により、すべて組み込みの見本データから作成" in builtin


def test_issue7_render_samples_writes_the_stored_pdf_of_an_issued_notice(
    tmp_path: Path, make_case: Any
) -> None:
    """A notice already issued is written as stored — its number and date — not re-rendered today."""
    make_case(CaseState.ACCEPTED)
    out = _render(tmp_path)
    first = IssuedDocument.objects.filter(kind="receipt").order_by("id").first()
    assert first is not None
    assert (tmp_path / "receipt.pdf").read_bytes() == stored(first)
    assert f"発出済みの文書 {first.document_number}" in out
    assert AuditEvent.objects.filter(
        event_type=AuditEvent.Type.DOCUMENT_OPENED, payload__purpose="render-samples"
    ).exists()
