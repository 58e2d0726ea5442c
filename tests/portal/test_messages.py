"""Messages to and from the secretariat on my case, with attachments (OD-01, issue #8 item 5): the
party writes, the desk sees it unread and answers, the party reads the answer; attachments pass the
evidence checks (DP-03); the staff's reading is audited (DP-22); sides and cases stay apart (IM-01);
a double submit makes one message."""

from __future__ import annotations

import html
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from chotei.accounts.permissions import NotPermitted
from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case
from chotei.portal import messaging
from chotei.portal.models import Message, MessageAttachment
from chotei.rules.errors import RuleViolation
from tests.portal.conftest import Mailbox, sign_up
from tests.portal.stray_japanese import official_names, say, stray_japanese
from tests.portal.test_my_case import PDF, accepted  # noqa: F401

pytestmark = pytest.mark.django_db


def _write(client: Client, case: Case, body: str, token: str | None = None, file: Any = None) -> Any:
    data: dict[str, Any] = {"body": body, "token": token or str(uuid.uuid4())}
    if file is not None:
        data["file"] = file
    return client.post(f"/portal/cases/{case.pk}/messages/", data)


def test_od01_party_writes_desk_answers_party_reads(
    accepted: Case,  # noqa: F811
    party_client: Client,
    as_staff: Client,
) -> None:
    page = party_client.get(f"/portal/cases/{accepted.pk}/").content.decode()
    assert "事務局とのメッセージ" in page and f"/portal/cases/{accepted.pk}/messages/" in page
    sent = _write(
        party_client, accepted, "診断書を追加で送ります。", file=SimpleUploadedFile("診断書.pdf", PDF)
    )
    assert sent.status_code == 302, sent.content.decode()[-2000:]
    message = Message.objects.get()
    assert (message.side, message.from_secretariat, message.read_at) == ("applicant", False, None)
    assert message.sender_party is not None and message.sender_party.name == "山田 太郎"
    attachment = message.attachments.get()
    assert (attachment.content_type, attachment.file_name) == ("application/pdf", "診断書.pdf")

    # The worklist shows the case as having unread messages, and can list only those: the case
    # carries the flag from the message's own transaction.
    accepted.refresh_from_db()
    assert accepted.unread_from_parties
    listed = as_staff.get("/desk/", {"unread": "on"}).content.decode()
    assert accepted.number in listed and "未読あり" in listed
    detail = as_staff.get(f"/desk/cases/{accepted.pk}/").content.decode()
    assert "未読 1件" in detail

    # DP-22: the secretariat's reading of the messages (personal data) is in the audit log.
    before = AuditEvent.objects.filter(event_type=AuditEvent.Type.MESSAGE_READ).count()
    thread = as_staff.get(f"/desk/cases/{accepted.pk}/messages/").content.decode()
    assert "診断書を追加で送ります。" in thread and "未読" in thread
    read = AuditEvent.objects.filter(event_type=AuditEvent.Type.MESSAGE_READ).order_by("id").last()
    assert read is not None and read.payload["messages"] == [message.pk]
    assert AuditEvent.objects.filter(event_type=AuditEvent.Type.MESSAGE_READ).count() == before + 1
    message.refresh_from_db()
    assert message.read_at is not None
    assert accepted.number not in as_staff.get("/desk/", {"unread": "on"}).content.decode()
    accepted.refresh_from_db()
    assert not accepted.unread_from_parties
    # Opening the attachment is audited as well.
    opened = as_staff.get(f"/desk/cases/{accepted.pk}/messages/files/{attachment.pk}/")
    assert opened.status_code == 200 and opened.content == PDF
    latest = AuditEvent.objects.filter(event_type=AuditEvent.Type.MESSAGE_READ).order_by("id").last()
    assert latest is not None and latest.payload["attachment"] == attachment.pk

    answered = as_staff.post(
        f"/desk/cases/{accepted.pk}/messages/",
        {"side": "applicant", "applicant-body": "受け取りました。", "applicant-token": str(uuid.uuid4())},
    )
    assert answered.status_code == 302, answered.content.decode()[-2000:]
    reply = Message.objects.get(from_secretariat=True)
    assert (reply.side, reply.read_at) == ("applicant", None)
    # The secretariat's own answer leaves nothing unread for the desk.
    accepted.refresh_from_db()
    assert not accepted.unread_from_parties
    assert (
        "事務局からの未読のメッセージがあります"
        in party_client.get(f"/portal/cases/{accepted.pk}/").content.decode()
    )
    mine = party_client.get(f"/portal/cases/{accepted.pk}/messages/").content.decode()
    assert "受け取りました。" in mine and "診断書を追加で送ります。" in mine
    reply.refresh_from_db()
    assert reply.read_at is not None
    assert party_client.get(f"/portal/cases/{accepted.pk}/messages/files/{attachment.pk}/").content == PDF


def test_od01_double_submit_makes_one_message(accepted: Case, party_client: Client) -> None:  # noqa: F811
    token = str(uuid.uuid4())
    first = _write(party_client, accepted, "二度押し", token, SimpleUploadedFile("a.pdf", PDF))
    second = _write(party_client, accepted, "二度押し", token, SimpleUploadedFile("a.pdf", PDF))
    assert first.status_code == second.status_code == 302
    assert Message.objects.count() == 1 and MessageAttachment.objects.count() == 1


def test_dp03_attachment_checked_like_evidence(
    accepted: Case,  # noqa: F811
    party_client: Client,
    tmp_path: Any,
    settings: Any,
) -> None:
    fake = _write(party_client, accepted, "添付", file=SimpleUploadedFile("x.pdf", b"plain text"))
    assert fake.status_code == 422 and "PDF、JPEG、PNG、HEIC" in fake.content.decode()
    big = _write(
        party_client, accepted, "添付", file=SimpleUploadedFile("x.pdf", PDF + b"0" * (20 * 1024 * 1024))
    )
    assert big.status_code == 422 and "1ファイル20MBまで" in big.content.decode()
    script = tmp_path / "scan"
    script.write_text("#!/bin/sh\nif grep -q EICAR; then exit 1; fi\nexit 0\n")
    script.chmod(0o755)
    settings.CHOTEI_VIRUS_SCANNER = str(script)
    infected = _write(party_client, accepted, "添付", file=SimpleUploadedFile("x.pdf", PDF + b"EICAR"))
    assert infected.status_code == 422 and "ウイルスが検出されたため" in infected.content.decode()
    empty = _write(party_client, accepted, "")
    assert empty.status_code == 422 and "メッセージ: 入力してください。" in empty.content.decode()
    assert not Message.objects.exists()


def test_im01_no_other_party_or_side_reads_the_thread(
    accepted: Case,  # noqa: F811
    party_client: Client,
    mailbox: Mailbox,
    world: Any,
) -> None:
    _write(party_client, accepted, "申請人から", file=SimpleUploadedFile("a.pdf", PDF))
    attachment = MessageAttachment.objects.get()
    other = Client()
    sign_up(other, mailbox, "jiro@example.jp")
    for url in ("messages/", f"messages/files/{attachment.pk}/"):
        assert other.get(f"/portal/cases/{accepted.pk}/{url}").status_code == 404
    assert _write(other, accepted, "なりすまし").status_code == 404
    # The respondent insurer writes on its own thread and sees nothing of the applicant's.
    insurer = Client()
    insurer.force_login(world.users["insurer"])
    theirs = insurer.get(f"/portal/cases/{accepted.pk}/messages/").content.decode()
    assert "申請人から" not in theirs
    assert insurer.get(f"/portal/cases/{accepted.pk}/messages/files/{attachment.pk}/").status_code == 404
    assert _write(insurer, accepted, "答弁書は来週送ります。").status_code == 302
    sent = Message.objects.get(side="respondent")
    assert sent.sender_organization == world.insurer and sent.sender_party is None
    assert (
        "答弁書は来週送ります"
        not in party_client.get(f"/portal/cases/{accepted.pk}/messages/").content.decode()
    )
    with pytest.raises(NotPermitted):
        messaging.message_reply(
            actor=world.users["insurer"], case_id=accepted.pk, side="applicant", body="x", attachments=[]
        )


def test_od01_service_refuses_empty_and_overlong(accepted: Case, world: Any) -> None:  # noqa: F811
    with pytest.raises(RuleViolation, match="本文がありません"):
        messaging.message_reply(
            actor=world.staff, case_id=accepted.pk, side="applicant", body="　", attachments=[]
        )
    with pytest.raises(RuleViolation, match="4000字まで"):
        messaging.message_reply(
            actor=world.staff, case_id=accepted.pk, side="applicant", body="あ" * 4001, attachments=[]
        )
    assert not Message.objects.exists()


# What the messages page says, as msgids; each marked True differs in every other language, so a
# missing translation fails.
THREAD_WORDS: dict[str, bool] = {
    "事務局とのメッセージ": True,
    "手続についての質問や連絡を事務局に送れます。相手方には見えません。": True,
    "あなた": False,
    "事務局": False,
    "添付": True,
    "送信する": True,
    "添付ファイル": True,
}


@pytest.mark.parametrize("lang", ["easy", "en"])
def test_od03_thread_in_the_chosen_language(
    accepted: Case,  # noqa: F811
    party_client: Client,
    world: Any,
    lang: str,
) -> None:
    # OD-01 in English and やさしい日本語: the party's words follow the language chosen on every page;
    # what the secretariat writes stays Japanese (marked lang="ja").
    party_client.cookies["chotei_lang"] = lang
    sent = _write(party_client, accepted, "Here is the certificate.", file=SimpleUploadedFile("c.pdf", PDF))
    sent_page = html.unescape(party_client.get(sent["Location"]).content.decode())
    assert say(lang, "メッセージを送信しました。") in sent_page
    messaging.message_reply(
        actor=world.staff, case_id=accepted.pk, side="applicant", body="受け取りました。", attachments=[]
    )
    case_page = party_client.get(sent["Location"].replace("messages/", "")).content.decode()
    unread = say(lang, "事務局からの未読のメッセージがあります（%(unread)s）") % {"unread": 1}
    assert unread in case_page and say(lang, "メッセージを読む・送る") in case_page
    page = party_client.get(sent["Location"])
    text = html.unescape(page.content.decode())
    assert "受け取りました。" in text
    for msgid, differs in THREAD_WORDS.items():
        said = say(lang, msgid)
        assert said in text, (lang, said)
        assert said != msgid or not differs, f"no {lang} translation of {msgid!r}"
    assert (
        say(lang, "%(types)s（1ファイル%(size)sまで・任意）")
        % {
            "types": say(lang, "PDF、JPEG、PNG、HEIC"),
            "size": "20MB",
        }
        in text
    )
    empty = html.unescape(_write(party_client, accepted, "").content.decode())
    assert say(lang, "%(label)s: 入力してください。") % {"label": say(lang, "メッセージ")} in empty
    if lang == "en":
        assert "up to 20MB" in text and "Message: Please fill this in." in empty
        for shown in (case_page, page.content.decode(), empty):
            assert stray_japanese(shown, official_names()) == []


def test_dp22_an_attachment_is_a_stored_file_that_verify_checks(
    accepted: Case,  # noqa: F811
    party_client: Client,
) -> None:
    """Issue #10 item 6: an attachment lives in the documents storage like any received file, with
    its SHA-256 on the row; ``chotei verify`` names it when the stored file is altered."""
    from chotei.audit.verify import records_verify
    from chotei.documents import files

    _write(party_client, accepted, "資料です。", file=SimpleUploadedFile("資料.pdf", PDF))
    attachment = MessageAttachment.objects.get()
    assert attachment.file.name.startswith("attachments/") and files.file_read(attachment.file.name) == PDF
    assert records_verify().ok
    files.storage().delete(attachment.file.name)
    files.storage().save(attachment.file.name, files.ContentFile(b"%PDF-1.4 altered"))
    report = records_verify()
    assert not report.ok and any("資料.pdf" in p for p in report.problems), report.problems
