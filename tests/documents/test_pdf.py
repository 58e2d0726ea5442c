"""The PDF engine: every notice kind as an A4 official notice (DP-05 … DP-19, PN-01 … PN-07)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from tests.rules.test_notices import EXPECTED_TEXT, make_data

from chotei.documents.pdf import font_path, render, text_width, unsupported_characters, wrap
from chotei.rules.errors import RuleViolation
from chotei.rules.notices.compose import compose
from chotei.rules.notices.kinds import SPECS, NoticeKind


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_each_kind_renders_with_its_required_items(kind: NoticeKind, artifacts: Path) -> None:
    """DP-05/07/08/09/16/17/18/19, PN-01/02/03/06: the printed notice carries every required item."""
    data = make_data(kind)
    notice = compose(kind, data)
    pdf = render(notice, data)
    pages = _pages(pdf)
    text = _flat("".join(pages))
    spec = SPECS[kind]
    for expected in [
        "東紛第2025-0123号",
        "令和7年11月22日",
        f"{data.addressee_name}　{data.honorific}",
        "〒100-0005",
        data.addressee_address,
        data.sender_name,
        data.sender_title,
        spec.title,
        f"根拠　{notice.basis}",
        "問い合わせ先",
        "03-1234-5678",
        *EXPECTED_TEXT[kind],
    ]:
        assert _flat(expected) in text, expected
    assert f"1 / {len(pages)}" in pages[0]
    _png(pdf, artifacts / "notices", kind.value)


def _png(pdf: bytes, folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.pdf").write_bytes(pdf)
    if shutil.which("pdftoppm") is None:
        return
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(folder / f"{name}.pdf"),
            str(folder / name),
        ],
        check=True,
    )
    assert (folder / f"{name}.png").stat().st_size > 5_000


def test_pn02_payment_table_amounts_printed() -> None:
    data = make_data(NoticeKind.PAYMENT)
    text = _flat("".join(_pages(render(compose(NoticeKind.PAYMENT, data), data))))
    for cell in ("損害の区分", "支払金額", "治療関係費", "312,450円", "6,100円×60日", "合計", "1,858,450円"):
        assert cell in text


def test_font_is_embedded_truetype_subset_with_metadata() -> None:
    data = make_data(NoticeKind.RESULT)
    pdf = render(compose(NoticeKind.RESULT, data), data)
    assert b"/FontFile2" in pdf
    assert b"/CIDFontType0" not in pdf
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject) == (
        "紛争処理結果通知書",
        data.sender_name,
        "紛争処理の結果について（通知）",
    )
    assert font_path().name == "ipaexg.ttf" and font_path().is_file()


def test_multi_page_notice_numbers_every_page(artifacts: Path) -> None:
    data = make_data(NoticeKind.RESULT)
    data.fields["reasons"] = (
        "提出された診断書、画像所見及び診療録を総合的に検討した結果、" * 60 + "以上の理由による。"
    )
    pdf = render(compose(NoticeKind.RESULT, data), data)
    pages = _pages(pdf)
    assert len(pages) == 2
    assert "1 / 2" in pages[0] and "2 / 2" in pages[1]
    assert "東紛第2025-0123号" in pages[1]
    assert "以上の理由による。" in _flat(pages[1])
    _png(pdf, artifacts / "notices", "result-long")


def test_table_continues_under_a_repeated_header() -> None:
    data = make_data(NoticeKind.PAYMENT_EXPLANATION)
    data.fields["items"] = [
        {"label": f"通院交通費（{n}回目）", "amount": 1_000 + n, "formula": f"自宅から病院まで{n}km"}
        for n in range(1, 61)
    ]
    pages = _pages(render(compose(NoticeKind.PAYMENT_EXPLANATION, data), data))
    assert len(pages) >= 2
    assert all("損害の区分" in page for page in pages[:2])
    assert "通院交通費（60回目）" in _flat("".join(pages))
    assert "合計" in _flat(pages[-1])


@pytest.mark.parametrize(
    ("attribute", "where"), [("addressee_name", "addressee_name"), ("contact", "contact")]
)
def test_unsupported_character_is_refused_naming_it(attribute: str, where: str) -> None:
    """Names are printed exactly as registered; a character the font lacks stops the issue."""
    data = make_data(NoticeKind.RECEIPT)
    setattr(data, attribute, "𠮷田運送株式会社")
    notice = compose(NoticeKind.RECEIPT, data)
    with pytest.raises(RuleViolation) as caught:
        render(notice, data)
    assert "「𠮷」(U+20BB7)" in str(caught.value)
    assert caught.value.article == notice.article
    assert caught.value.field == where


def test_unsupported_characters_lists_only_missing_glyphs() -> None:
    assert unsupported_characters("髙橋 山﨑 𠮷野家\n𠮷") == ["𠮷"]
    assert unsupported_characters("令和7年11月22日　1,234,567円") == []


def test_wrap_keeps_closing_punctuation_off_line_start_and_numbers_whole() -> None:
    text = "あ" * 9 + "。" + "い" * 6 + "「う」" + "金額は1,234,567円です。"
    lines = wrap(text, width=10 * 10.5, size=10.5)
    assert "".join(lines) == text
    assert not any(line[0] in "。、」" for line in lines[1:])
    assert not any(line.endswith("「") for line in lines)
    assert any("1,234,567円" in line for line in lines)


def test_issued_on_date_is_printed_in_wareki() -> None:
    data = make_data(NoticeKind.WITHDRAWAL, issued_on=date(2019, 5, 1))
    assert "令和元年5月1日" in _pages(render(compose(NoticeKind.WITHDRAWAL, data), data))[0]


@given(
    st.text(alphabet="あいう漢字。、「」1,234円ABC　", max_size=300), st.floats(min_value=30, max_value=400)
)
def test_wrap_loses_nothing_and_lines_fit(text: str, width: float) -> None:
    lines = wrap(text, width=width, size=10.5)
    assert "".join(lines) == text
    for line in lines:
        # Only closing marks may hang past the edge (ぶら下げ); a single wide character always fits a line.
        body = line.rstrip("。、」,")
        assert text_width(body, 10.5) <= width + 0.01 or len(body) <= 1


def test_dp20_notice_references_no_font_it_does_not_embed() -> None:
    """DP-20: kept 10 years, so the file must show on any viewer: no non-embedded base fonts."""
    data = make_data(NoticeKind.RECEIPT)
    pdf = render(compose(NoticeKind.RECEIPT, data), data)
    assert b"/Helvetica" not in pdf and b"/FontFile2" in pdf


def test_closing_never_stands_alone_on_a_page(artifacts: Path) -> None:
    """A body that nearly fills page 1 takes its last lines over with the 根拠 and contact block."""
    seen_two_pages = 0
    for repeats in range(36, 62):
        data = make_data(NoticeKind.RESULT)
        data.fields["reasons"] = "診断書及び画像所見を検討した。" * repeats + "以上の理由による。"
        notice = compose(NoticeKind.RESULT, data)
        pdf = render(notice, data)
        pages = _pages(pdf)
        if len(pages) == 1:
            continue
        seen_two_pages += 1
        last = _flat(pages[-1])
        assert _flat(f"根拠　{notice.basis}") in last and "03-1234-5678" in last
        body = last.split(_flat(f"根拠　{notice.basis}"))[0].replace("東紛第2025-0123号", "")
        # 以上 and at least one line of the reasons above it.
        assert body.endswith("以上") and len(body) > len("以上"), (repeats, last)
        if seen_two_pages == 1:
            _png(pdf, artifacts / "notices", "result-closing-kept")
    assert seen_two_pages > 10
