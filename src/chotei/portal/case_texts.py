"""The words of my case's messages and amendment pages in each portal language (OD-03), chosen
from the language cookie as the public pages are (``languages.current``). Japanese is the text of
record; what the secretariat writes and the rules' refusals stay in Japanese."""

from __future__ import annotations

from django.http import HttpRequest

from chotei.disputes.services import uploads
from chotei.portal import languages
from chotei.portal.messaging import MAX_CHARS

_FILE_LIMITS = {
    "ja": f"{uploads.TYPES_LABEL}（1ファイル{uploads.MAX_LABEL}まで・任意）",
    "easy": f"{uploads.TYPES_LABEL}（1つ {uploads.MAX_LABEL}まで・なくても よい）",
    "en": f"PDF, JPEG, PNG or HEIC (up to {uploads.MAX_LABEL}, optional)",
}

TEXTS: dict[str, dict[str, str]] = {
    "ja": {
        "messages": "事務局とのメッセージ",
        "messages_intro": "手続についての質問や連絡を事務局に送れます。相手方には見えません。",
        "open_messages": "メッセージを読む・送る",
        "unread": "事務局からの未読のメッセージがあります",
        "none": "まだメッセージはありません。",
        "you": "あなた",
        "secretariat": "事務局",
        "body": "メッセージ",
        "body_help": f"{MAX_CHARS}字まで。",
        "file": "添付ファイル",
        "file_help": _FILE_LIMITS["ja"],
        "send": "送信する",
        "sent": "メッセージを送信しました。",
        "back": "事案に戻る",
        "attachment": "添付",
        "amend": "紛争処理を求める事項の変更",
        "amend_intro": "受理通知の発送日から決められた期限までは、求める事項を変更できます（紛争処理業務規程第5条の2）。",
        "amend_open": "求める事項を変更する",
        "current": "いまの求める事項",
        "new": "変更後の求める事項",
        "review": "変更の内容を確認する",
        "confirm_title": "この内容で変更しますか",
        "confirm": "変更する",
        "fix": "書き直す",
        "amended": "求める事項を変更しました。相手方にもお知らせします。",
        "deadline": "変更できる期限",
        "required": "入力してください。",
    },
    "easy": {
        "messages": "事務局との メッセージ",
        "messages_intro": "手続の ことを 事務局に きけます。相手には 見えません。",
        "open_messages": "メッセージを 見る・送る",
        "unread": "事務局から まだ 読んでいない メッセージが あります",
        "none": "まだ メッセージは ありません。",
        "you": "あなた",
        "secretariat": "事務局",
        "body": "メッセージ",
        "body_help": f"{MAX_CHARS}字まで。",
        "file": "ファイル",
        "file_help": _FILE_LIMITS["easy"],
        "send": "送る",
        "sent": "メッセージを 送りました。",
        "back": "もどる",
        "attachment": "ファイル",
        "amend": "求める ことを かえる",
        "amend_intro": "受理の 通知を 送った 日から きまった 日までは、求める ことを かえられます（規程 第5条の2）。",
        "amend_open": "求める ことを かえる",
        "current": "いまの 求める こと",
        "new": "あたらしい 求める こと",
        "review": "たしかめる",
        "confirm_title": "この 内容で かえますか",
        "confirm": "かえる",
        "fix": "書きなおす",
        "amended": "求める ことを かえました。相手にも 知らせます。",
        "deadline": "かえられる 日",
        "required": "書いて ください。",
    },
    "en": {
        "messages": "Messages with the secretariat",
        "messages_intro": "Ask the secretariat about your case or send it information. The other party cannot see these messages.",
        "open_messages": "Read and send messages",
        "unread": "You have an unread message from the secretariat",
        "none": "No messages yet.",
        "you": "You",
        "secretariat": "Secretariat",
        "body": "Message",
        "body_help": f"Up to {MAX_CHARS} characters.",
        "file": "Attachment",
        "file_help": _FILE_LIMITS["en"],
        "send": "Send",
        "sent": "Your message has been sent.",
        "back": "Back to the case",
        "attachment": "Attachment",
        "amend": "Amend the matters sought",
        "amend_intro": "Until the deadline counted from the dispatch of the acceptance notice you may amend what you ask for (Dispute Processing Rules, Art. 5-2).",
        "amend_open": "Amend the matters sought",
        "current": "Matters sought now",
        "new": "Matters sought after the amendment",
        "review": "Review the amendment",
        "confirm_title": "Amend the matters sought as follows?",
        "confirm": "Amend",
        "fix": "Change the text",
        "amended": "The matters sought have been amended. The other party will be told.",
        "deadline": "Deadline for amending",
        "required": "Please fill this in.",
    },
}


def texts(request: HttpRequest) -> dict[str, str]:
    return TEXTS[languages.current(request)]
