"""The official look of the body's notices (issue #9 item 10): Mincho body and Gothic headings, both
embedded; the letterhead; 「（公印省略）」 or the body's seal; the named clerk under 担当."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from pypdf import PdfReader
from tests.rules.test_notices import make_data

from chotei.documents import facts
from chotei.documents.look import notice_look
from chotei.documents.pdf import BODY_FONT, FONT, body_font_path, render
from chotei.rules.notices.compose import compose
from chotei.rules.notices.kinds import NoticeKind


def _fonts(pdf: bytes) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def _png(path: Path) -> Path:
    """A 2×2 red PNG: enough for the seal's place on the page."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    data = chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + data + chunk(b"IEND", b""))
    return path


def _body_notice() -> Any:
    from django.conf import settings

    return make_data(NoticeKind.RESULT, sender_name=settings.CHOTEI_BODY["name"])


def test_body_set_in_mincho_headings_in_gothic_both_embedded() -> None:
    data = _body_notice()
    pdf = render(compose(NoticeKind.RESULT, data), data)
    assert _fonts(pdf) == {FONT, BODY_FONT}
    assert pdf.count(b"/FontFile2") == 2 and b"/Helvetica" not in pdf
    assert (
        body_font_path().is_file()
        and (body_font_path().parent / "IPA_Font_License_Agreement_v1.0.txt").is_file()
    )


def test_letterhead_and_seal_omitted_without_a_seal_image() -> None:
    data = _body_notice()
    text = PdfReader(io.BytesIO(render(compose(NoticeKind.RESULT, data), data))).pages[0].extract_text()
    head = text.split("\n")[:3]
    assert head[0] == "一般財団法人 自賠責保険・共済紛争処理機構" and "指定紛争処理機関" in head[1]
    assert "（公印省略）" in text


def test_seal_image_replaces_seal_omitted(tmp_path: Path) -> None:
    from django.conf import settings

    seal = _png(tmp_path / "seal.png")
    with override_settings(CHOTEI_BODY={**settings.CHOTEI_BODY, "seal_image": str(seal)}):
        data = _body_notice()
        assert notice_look(data).seal_image == seal
        pdf = render(compose(NoticeKind.RESULT, data), data)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert "（公印省略）" not in page.extract_text()
    assert any(x.get_object()["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values())


def test_insurer_notice_keeps_its_plain_head() -> None:
    data = make_data(NoticeKind.PAYMENT)
    assert notice_look(data).letterhead == () and notice_look(data).seal_image is None


@pytest.mark.django_db
def test_contact_names_the_handling_section_and_clerk(world: Any, make_case: Any) -> None:
    # Named as the desk names people (get_full_name), never by login id.
    world.staff.first_name = "田中 花子"
    world.staff.save()
    case = make_case()
    contact = facts.body_contact(case)
    assert contact.split("\n")[1] == "担当　本部事務局　田中 花子"
