"""The mailing batch (issue #9 item 7): the day's paper notices, A4 address labels, the 発送簿 with
registered-mail numbers; the dispatch date is the day recorded as mailed (DP-09, DP-21, DP-22)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from typing import Any

import pytest
from pypdf import PdfReader

from chotei import clock
from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case, LedgerLine
from chotei.documents import mailing
from chotei.documents.models import IssuedDocument, Mailing
from chotei.rules.errors import RuleViolation
from chotei.rules.states import CaseState

pytestmark = pytest.mark.django_db


def paper(case: Case, issue_document: Any, side: str = "applicant", kind: str = "receipt") -> IssuedDocument:
    doc = issue_document(case, side, number=f"{case.number}-{kind}-{side}")
    if kind != "receipt":
        IssuedDocument.objects.filter(pk=doc.pk).update(kind=kind)
    party = case.parties.get(side=side).party
    IssuedDocument.objects.filter(pk=doc.pk).update(addressee_party=party, addressee=party.name)
    return IssuedDocument.objects.get(pk=doc.pk)


def test_dispatch_date_is_the_day_recorded_as_mailed(world: Any, make_case: Any, issue_document: Any) -> None:
    case = make_case(CaseState.ACCEPTED)
    doc = paper(case, issue_document, kind="acceptance_applicant")
    assert mailing.dispatched_on(doc) is None and doc in mailing.pending(clock.today())
    later = Case.objects.get(pk=case.pk).acceptance_dispatched_on
    mailing.record_mailing(
        actor=world.staff,
        document_ids=[doc.pk],
        mailed_on=clock.today(),
        numbers={doc.pk: "１２３４５６７８９０１"},
    )
    doc = IssuedDocument.objects.select_related("mailing").get(pk=doc.pk)
    assert mailing.dispatched_on(doc) == clock.today() and doc.mailing.registered_number == "12345678901"
    assert doc not in mailing.pending(clock.today())
    line = LedgerLine.objects.filter(case=case).order_by("-id").first()
    assert (
        line.action == "mailing"
        and "書留 12345678901" in line.description
        and doc.document_number in line.description
    )
    event = AuditEvent.objects.filter(event_type=AuditEvent.Type.DOCUMENT_MAILED, case_id=case.pk).get()
    assert event.payload["documents"] == [doc.pk] and event.actor == world.staff
    # Mailed on the day recorded at acceptance: the amendment period stays as it was (DP-09).
    assert Case.objects.get(pk=case.pk).acceptance_dispatched_on == later == clock.today()
    assert "受理通知の発送日を" not in line.description


def test_acceptance_mailed_later_moves_the_amendment_period(
    world: Any, make_case: Any, issue_document: Any
) -> None:
    case = make_case(CaseState.ACCEPTED)
    Case.objects.filter(pk=case.pk).update(acceptance_dispatched_on=clock.today() - dt.timedelta(days=3))
    doc = paper(case, issue_document, kind="acceptance_applicant")
    mailing.record_mailing(actor=world.staff, document_ids=[doc.pk], mailed_on=clock.today())
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.acceptance_dispatched_on == clock.today()
    assert "受理通知の発送日を" in LedgerLine.objects.filter(case=case).order_by("-id").first().description


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"numbers": "12-34"}, "11〜13桁"),
        ({"mailed_on": "future"}, "将来の日付"),
        ({"twice": True}, "発送済み"),
    ],
)
def test_a_refused_batch_writes_nothing(
    world: Any, make_case: Any, issue_document: Any, change: dict[str, Any], message: str
) -> None:
    first, second = make_case(), make_case()
    docs = [paper(first, issue_document), paper(second, issue_document)]
    if change.get("twice"):
        Mailing.objects.create(document=docs[1], mailed_on=clock.today())
    lines = LedgerLine.objects.count()
    with pytest.raises(RuleViolation, match=message):
        mailing.record_mailing(
            actor=world.staff,
            document_ids=[d.pk for d in docs],
            mailed_on=clock.today() + dt.timedelta(days=1) if change.get("mailed_on") else clock.today(),
            numbers={docs[1].pk: change["numbers"]} if "numbers" in change else {},
        )
    assert LedgerLine.objects.count() == lines
    assert Mailing.objects.filter(document=docs[0]).count() == 0


def test_batch_page_records_and_prints_labels_and_book(
    world: Any, as_role: Any, make_case: Any, issue_document: Any
) -> None:
    case = make_case()
    docs = [paper(case, issue_document, "applicant"), paper(case, issue_document, "respondent")]
    client = as_role("secretariat")
    page = client.get("/desk/mailing/").content.decode()
    assert docs[0].document_number in page and "未発送の郵送文書" in page
    labels = client.get("/desk/mailing/labels.pdf")
    text = PdfReader(io.BytesIO(labels.content)).pages[0].extract_text()
    assert "〒156-0054" in text and "山田 太郎　様" in text and "あおば損害保険株式会社　御中" in text
    on = clock.today().isoformat()
    response = client.post(
        f"/desk/mailing/?on={on}",
        {"on": on, "documents": [d.pk for d in docs], f"number-{docs[0].pk}": "123-4567-8901"},
    )
    assert response.status_code == 302
    book = client.get("/desk/mailing/book.pdf", {"on": on})
    # Cells wrap long values; what matters is that each is there.
    book_text = PdfReader(io.BytesIO(book.content)).pages[0].extract_text().replace("\n", "")
    assert "発送簿" in book_text and "123-4567-8901" in book_text and "普通郵便" in book_text
    assert docs[1].document_number in book_text
    case_page = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert "書留 123-4567-8901" in case_page
    assert as_role("member").get("/desk/mailing/").status_code == 403


def test_labels_fill_a_sheet_of_twelve_before_the_next() -> None:
    from chotei.documents.mailing_pdf import Address, labels

    one = Address("100-0013", "東京都千代田区霞が関三丁目3番2号", "山田 太郎", "様", "2026東第00001号")
    pdf = PdfReader(
        io.BytesIO(labels([dataclasses.replace(one, name=f"宛先{n}") for n in range(13)], sender="機構"))
    )
    assert len(pdf.pages) == 2 and "宛先12" in pdf.pages[1].extract_text()
