"""My case (issue #8 item 5): state in plain words, next deadline in business days, notices after
the PN-05 consent with the first opening recorded (PN-04), uploads checked (item 4, DP-03), and
withdrawal with a confirmation step (DP-19)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from chotei import clock
from chotei.disputes.models import Case, Submission
from chotei.disputes.services.lifecycle import case_accept, case_start_screening
from chotei.documents.models import DeliveryConsent, IssuedDocument
from chotei.rules.calendar import business_days_between
from chotei.rules.errors import RuleViolation
from chotei.rules.screening import amendment_deadline, check_statement_deadline
from chotei.rules.states import CaseState
from tests.portal.conftest import Mailbox, sign_up
from tests.portal.helpers import apply

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def accepted(world: Any, party_client: Client, django_capture_on_commit_callbacks: Any) -> Case:
    """The party's own application, screened and accepted by the secretariat, notices issued."""
    draft = apply(party_client, world.insurer.pk)
    with django_capture_on_commit_callbacks(execute=True):
        party_client.post(f"/portal/apply/{draft}/submit/")
        case = Case.objects.get()
        case = case_start_screening(actor=world.staff, case_id=case.pk, version=case.version)
        case = case_accept(actor=world.staff, case_id=case.pk, version=case.version)
    return case


def test_plain_state_and_next_deadline_in_business_days(accepted: Case, party_client: Client) -> None:
    # OD-03: the state in plain words; OD-01: the next deadline answered online.
    html = party_client.get(f"/portal/cases/{accepted.pk}/").content.decode()
    assert "申請が受理されました" in html
    due = amendment_deadline(accepted.acceptance_dispatched_on)
    left = business_days_between(clock.today(), due)
    assert f"{due.year}年{due.month}月{due.day}日（あと<strong>{left}営業日</strong>）" in html


def test_pn05_pn04_notice_read_after_consent_and_first_opening_recorded(
    accepted: Case, party_client: Client
) -> None:
    # OD-01: notices are read online once the party consented.
    notice = IssuedDocument.objects.filter(
        case=accepted, addressee_side="applicant", kind="acceptance_applicant"
    ).get()
    url = f"/portal/cases/{accepted.pk}/notices/{notice.pk}/"
    page = party_client.get(f"/portal/cases/{accepted.pk}/").content.decode()
    assert notice.title in page and "電子交付を承諾する" in page and "PDF" in page
    refused = party_client.get(url)
    assert refused.status_code == 403 and "令第6条" in refused.content.decode()
    notice.refresh_from_db()
    assert notice.first_opened_at is None
    party_client.post(f"/portal/cases/{accepted.pk}/consent/", {"consented": "yes"})
    assert DeliveryConsent.objects.get().consented
    opened = party_client.get(url)
    assert opened.status_code == 200 and opened["Content-Type"] == "application/pdf"
    assert opened.content.startswith(b"%PDF")
    notice.refresh_from_db()
    first = notice.first_opened_at
    assert first is not None
    party_client.get(url)
    notice.refresh_from_db()
    assert notice.first_opened_at == first
    # The respondent's notice is not this party's to open.
    theirs = IssuedDocument.objects.filter(case=accepted, addressee_side="respondent").first()
    assert party_client.get(f"/portal/cases/{accepted.pk}/notices/{theirs.pk}/").status_code == 404


def _upload(
    client: Client, case: Case, content: bytes, name: str = "診断書.pdf", title: str = "診断書"
) -> Any:
    return client.post(
        f"/portal/cases/{case.pk}/submit/",
        {"kind": "evidence", "title": title, "file": SimpleUploadedFile(name, content)},
    )


def test_evidence_upload_type_by_content_size_and_duplicates(accepted: Case, party_client: Client) -> None:
    # DP-03, OD-01: evidence uploaded online is kept with its type, never returned.
    first = _upload(party_client, accepted, PDF)
    assert first.status_code == 302, first.content.decode()[-1500:]
    sub = Submission.objects.get()
    assert (sub.content_type, sub.side, sub.channel) == ("application/pdf", "applicant", "upload")
    # A text file named .pdf is refused by its content, with the accepted types stated.
    fake = _upload(party_client, accepted, b"not really a pdf", title="偽物")
    assert fake.status_code == 422 and "PDF、JPEG、PNG、HEIC" in fake.content.decode()
    dup = _upload(party_client, accepted, PDF, name="copy.pdf", title="同じもの")
    assert (
        dup.status_code == 422 and "同じファイルがすでに提出されています（「診断書」" in dup.content.decode()
    )
    png = _upload(party_client, accepted, PNG, name="photo.jpg", title="写真")
    assert png.status_code == 302
    assert Submission.objects.get(title="写真").content_type == "image/png"
    heic = b"\x00\x00\x00\x18ftypheic" + b"\x00" * 32
    assert _upload(party_client, accepted, heic, name="IMG.HEIC", title="スマホ写真").status_code == 302
    assert Submission.objects.count() == 3


def test_too_large_is_refused_with_the_limit(accepted: Case, party_client: Client) -> None:
    big = PDF + b"0" * (20 * 1024 * 1024)
    response = _upload(party_client, accepted, big)
    assert response.status_code == 422
    assert "1ファイル20MBまで" in response.content.decode()
    assert not Submission.objects.exists()


def test_virus_scanner_report_refuses_the_upload(
    accepted: Case, party_client: Client, tmp_path: Path, settings: Any
) -> None:
    # A stand-in scanner with ClamAV's exit codes: 1 when the EICAR marker is in the file.
    script = tmp_path / "scan"
    script.write_text("#!/bin/sh\nif grep -q EICAR; then exit 1; fi\nexit 0\n")
    script.chmod(0o755)
    settings.CHOTEI_VIRUS_SCANNER = str(script)
    infected = _upload(party_client, accepted, PDF + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE")
    assert infected.status_code == 422 and "ウイルスが検出されたため" in infected.content.decode()
    assert not Submission.objects.exists()
    assert _upload(party_client, accepted, PDF).status_code == 302


def test_dp16_statement_deadline_rule() -> None:
    check_statement_deadline(dt.date(2026, 5, 1), dt.date(2026, 5, 1))
    check_statement_deadline(None, dt.date(2026, 5, 1))
    with pytest.raises(RuleViolation, match="提出期限（2026年5月1日）を過ぎています") as exc:
        check_statement_deadline(dt.date(2026, 5, 1), dt.date(2026, 5, 2))
    assert exc.value.article.obligation == "DP-16"


def test_dp19_withdrawal_needs_the_confirmation(
    accepted: Case, party_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # OD-01: withdrawn online.
    url = f"/portal/cases/{accepted.pk}/withdraw/"
    page = party_client.get(url).content.decode()
    assert "相手方にもその旨をお知らせします" in page
    party_client.post(url, {"version": accepted.version})  # not confirmed: nothing happens
    accepted.refresh_from_db()
    assert accepted.state == CaseState.ACCEPTED
    with django_capture_on_commit_callbacks(execute=True):
        response = party_client.post(url, {"version": accepted.version, "confirm": "yes"})
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.state == CaseState.WITHDRAWN
    assert "電子" in accepted.end_reason
    assert IssuedDocument.objects.filter(
        case=accepted, addressee_side="respondent", kind="withdrawal"
    ).exists()
    assert "申請は取り下げられ" in party_client.get(f"/portal/cases/{accepted.pk}/").content.decode()


def test_im01_another_party_reaches_none_of_the_case_routes(accepted: Case, mailbox: Mailbox) -> None:
    other = Client()
    sign_up(other, mailbox, "jiro@example.jp")
    notice = IssuedDocument.objects.filter(case=accepted).first()
    for url in ("", "submit/", "withdraw/", f"notices/{notice.pk}/"):
        assert other.get(f"/portal/cases/{accepted.pk}/{url}").status_code == 404, url
    assert other.post(f"/portal/cases/{accepted.pk}/consent/", {"consented": "yes"}).status_code == 404
    assert (
        other.post(f"/portal/cases/{accepted.pk}/withdraw/", {"confirm": "yes", "version": 1}).status_code
        == 404
    )
    assert not DeliveryConsent.objects.exists()


def test_clamscan_counts_only_with_its_signature_database(tmp_path: Path) -> None:
    from chotei.disputes.services.uploads import _has_signatures

    assert not _has_signatures(tmp_path)
    (tmp_path / "main.cvd").write_bytes(b"x")
    assert _has_signatures(tmp_path)


@pytest.mark.skipif(
    not __import__("chotei.disputes.services.uploads", fromlist=["scanner"]).scanner(),
    reason="no usable ClamAV (clamdscan, or clamscan with signatures) on this machine",
)
def test_real_clamav_refuses_the_eicar_test_file(accepted: Case, party_client: Client) -> None:
    eicar = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    response = _upload(party_client, accepted, PDF + b"\n" + eicar)
    assert response.status_code == 422 and "ウイルス" in response.content.decode()
