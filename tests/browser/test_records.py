"""Issue #9 items 3 and 7 in the browser, at desktop size and on a 360 px phone: a moved meeting and
a correction read in the case's timeline and the ledger; the mailing batch's labels and 発送簿 as
PDFs. Screenshots go to test-artifacts/screenshots/ for a human to look at."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

from tests.browser.test_walkthrough import login, page, pytestmark, submit  # noqa: F401

PHONE = {"width": 360, "height": 780}


def test_moved_meeting_and_correction_in_timeline_and_ledger(
    page: Any,  # noqa: F811
    live_server: Any,
    world: Any,
    shots: Path,
) -> None:
    from chotei import clock
    from chotei.rules.states import CaseState

    base = live_server.url
    case = world.make_case(CaseState.UNDER_REVIEW)
    login(page, base, "secretariat")
    page.goto(f"{base}/desk/cases/{case.pk}/")

    day = clock.today() + dt.timedelta(days=7)
    page.click("#act-meeting_schedule summary")
    page.fill("#act-meeting_schedule input[name=scheduled_for]", f"{day}T10:00")
    page.fill("#act-meeting_schedule input[name=place]", "本部 第1会議室")
    submit(page, "#act-meeting_schedule button[type=submit]")

    meeting = page.locator(".meeting").last
    meeting.locator("summary:has-text('期日の変更・取消')").click()
    move = meeting.locator("[id^=act-meeting_move-]")
    move.locator("input[name=scheduled_for]").fill(f"{day + dt.timedelta(days=2)}T14:00")
    move.locator("input[name=place]").fill("本部 第2会議室")
    move.locator("input[name=reason]").fill("主任委員の差支えのため")
    submit(page, move.locator("button[type=submit]"))
    assert "期日を変更しました" in page.locator(".messages").inner_text()

    page.click("#corrections summary")
    page.select_option("#act-correction select[name=item]", "party.address")
    page.select_option("#act-correction select[name=party_id]", label="申請人 山田 太郎")
    page.fill("#act-correction textarea[name=after]", "東京都世田谷区桜丘三丁目12番6号")
    page.fill("#act-correction input[name=reason]", "申請書からの転記誤り")
    submit(page, "#act-correction button[type=submit]")
    assert "訂正を記録しました" in page.locator(".messages").inner_text()

    timeline = page.locator("#timeline").inner_text()
    assert "期日を変更" in timeline and "主任委員の差支えのため" in timeline
    assert "訂正: 申請人（山田 太郎）の住所又は所在地" in timeline and "申請書からの転記誤り" in timeline
    assert "12番6号" in page.locator("#parties").inner_text()
    assert "申請書からの転記誤り" in page.locator("#corrections").inner_text()
    page.screenshot(path=shots / "20-moved-meeting-correction.png", full_page=True)

    page.goto(f"{base}/desk/ledger/")
    ledger = page.locator("table").inner_text()
    assert (
        "期日の変更" in ledger
        and "訂正" in ledger
        and "12番5号」→「東京都世田谷区桜丘三丁目12番6号" in ledger
    )
    page.screenshot(path=shots / "21-ledger-correction.png")

    page.set_viewport_size(PHONE)
    page.goto(f"{base}/desk/cases/{case.pk}/")
    page.locator("#timeline").scroll_into_view_if_needed()
    page.screenshot(path=shots / "22-timeline-phone.png", full_page=True)
    page.goto(f"{base}/desk/meetings/")
    assert case.number in page.locator("#upcoming").inner_text()
    page.screenshot(path=shots / "23-meetings-phone.png", full_page=True)
    assert page.evaluate("document.querySelector('#upcoming').scrollWidth <= window.innerWidth")


def _pdf_shot(pdf: bytes, path: Path) -> None:
    """Keep the PDF, and its first page as a PNG where poppler is installed."""
    path.with_suffix(".pdf").write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "70",
                "-png",
                "-singlefile",
                "-f",
                "1",
                "-l",
                "1",
                str(path.with_suffix(".pdf")),
                str(path),
            ],
            check=True,
        )


def test_mailing_batch_labels_and_book(
    page: Any,  # noqa: F811
    live_server: Any,
    world: Any,
    shots: Path,
    issue_document: Any,
) -> None:
    import io

    from pypdf import PdfReader

    from chotei.documents.models import IssuedDocument

    base = live_server.url
    case = world.make_case()
    for side in ("applicant", "respondent"):
        doc = issue_document(case, side, number=f"東紛第2026-0{len(side)}号")
        party = case.parties.get(side=side).party
        IssuedDocument.objects.filter(pk=doc.pk).update(addressee_party=party, addressee=party.name)

    login(page, base, "secretariat")
    submit(page, "nav >> text=発送")
    assert "未発送の郵送文書" in page.locator("#pending").inner_text()
    labels = page.request.get(base + page.locator("#labels-pdf").get_attribute("href"))
    assert labels.ok and labels.headers["content-type"] == "application/pdf"
    label_text = PdfReader(io.BytesIO(labels.body())).pages[0].extract_text()
    assert "山田 太郎　様" in label_text and "〒156-0054" in label_text
    _pdf_shot(labels.body(), shots / "24-mailing-labels")

    page.locator("#pending input[name^=number-]").first.fill("123-4567-8901-2")
    page.screenshot(path=shots / "25-mailing-batch.png", full_page=True)
    submit(page, "#record-mailing")
    # The receipt notice the intake issued goes in the same batch.
    assert "3通の発送を" in page.locator(".messages").inner_text()
    assert "123-4567-8901-2" in page.locator("#mailed").inner_text()
    book = page.request.get(base + page.locator("#book-pdf").get_attribute("href"))
    book_text = PdfReader(io.BytesIO(book.body())).pages[0].extract_text().replace("\n", "")
    assert "発送簿" in book_text and "123-4567-8901-2" in book_text and "普通郵便" in book_text
    _pdf_shot(book.body(), shots / "26-mailing-book")

    page.set_viewport_size(PHONE)
    page.goto(f"{base}/desk/cases/{case.pk}/")
    page.locator("#documents").scroll_into_view_if_needed()
    assert "書留 123-4567-8901-2" in page.locator("#documents").inner_text()
    page.screenshot(path=shots / "27-dispatch-date-phone.png", full_page=True)
