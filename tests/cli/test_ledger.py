"""``chotei ledger`` — the 帳簿 of a fiscal year as CSV and PDF (DP-21, 令24条; GV-01)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from chotei.audit.models import AuditEvent
from chotei.disputes.ledger_export import HEADER, LedgerRow, Person, ledger_rows, write_pdf
from chotei.disputes.models import Case, CaseParty
from chotei.disputes.services import proceedings
from chotei.disputes.services.core import ledger_write
from chotei.disputes.services.intake import PartyInput
from chotei.rules.states import CaseState
from chotei.rules.wareki import to_wareki_short

pytestmark = pytest.mark.django_db

AGENT = PartyInput(name="弁護士 中島 陽介", address="東京都千代田区丸の内二丁目2番3号")


@pytest.fixture
def cases(world: Any, make_case: Any) -> dict[str, Case]:
    closed = make_case(CaseState.CLOSED, received_on=dt.date(2025, 4, 1), applicant_agent=AGENT)
    review = make_case(CaseState.UNDER_REVIEW, received_on=dt.date(2026, 3, 31))
    proc = proceedings.special_procedure_request(
        actor=world.staff,
        case_id=review.pk,
        kind="医学的鑑定",
        requested_by=CaseParty.Side.APPLICANT,
        reason="画像の評価",
    )
    proceedings.special_procedure_decide(
        actor=world.staff,
        procedure_id=proc.pk,
        approve=True,
        chief_id=world.members["高橋"].pk,
        cost_yen=55000,
        charged_to=CaseParty.Side.APPLICANT,
    )
    refused = make_case(CaseState.REFUSED, received_on=dt.date(2025, 12, 1))
    next_year = make_case(CaseState.RECEIVED, received_on=dt.date(2026, 4, 1))
    return {"closed": closed, "review": review, "refused": refused, "next_year": next_year}


def _csv(tmp_path: Path, year: int) -> list[dict[str, str]]:
    path = tmp_path / f"ledger-{year}.csv"
    call_command(
        "ledger", "--fiscal-year", str(year), "--format", "csv", "--output", str(path), stdout=io.StringIO()
    )
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_dp21_csv_starts_with_one_bom_in_a_file_and_on_stdout(
    cases: dict[str, Case], tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """Excel on Japanese Windows reads a BOM-less CSV as Shift_JIS and garbles it."""
    path = tmp_path / "ledger.csv"
    call_command("ledger", "--fiscal-year", "2025", "--output", str(path), stdout=io.StringIO())
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + "事案番号".encode()) and data.count(codecs.BOM_UTF8) == 1
    capsysbinary.readouterr()
    call_command("ledger", "--fiscal-year", "2025")
    captured = capsysbinary.readouterr()
    assert captured.out == data
    assert "3 件" in captured.err.decode()


def test_dp21_csv_has_every_item_of_article_24(cases: dict[str, Case], tmp_path: Path) -> None:
    rows = {r["事案番号"]: r for r in _csv(tmp_path, 2025)}
    assert list(next(iter(rows.values()))) == HEADER
    closed = rows[cases["closed"].number]
    assert closed["受付年月日"] == "2025-04-01"
    assert closed["申請人（住所）"] == "山田 太郎（東京都世田谷区桜丘三丁目12番5号）"
    assert closed["申請人代理人（住所）"] == "弁護士 中島 陽介（東京都千代田区丸の内二丁目2番3号）"
    assert closed["被申請人（住所）"].startswith("あおば損害保険株式会社（東京都千代田区")
    for label in (
        "申請受付",
        "受理審査開始",
        "受理",
        "紛争処理委員会の指名",
        "期日調書の作成",
        "審理結果の通知",
        "終了",
    ):
        assert label in closed["処理年月日及び処理内容"]
    assert closed["処理年月日及び処理内容"].startswith("2025-04-01 申請受付")
    assert "高橋 花子（主任）" in closed["処理に当たった紛争処理委員"]
    assert closed["結果"] == "非変更（終了）"
    review = rows[cases["review"].number]
    assert review["当事者から徴収した費用（円）"] == "55000"
    assert review["結果"] == "処理中（審理）"
    assert rows[cases["refused"].number]["結果"].startswith("不受理（第9号")
    assert AuditEvent.objects.filter(
        event_type=AuditEvent.Type.LEDGER_EXPORTED, payload__fiscal_year=2025
    ).exists()


def test_gv01_fiscal_year_runs_april_to_march(cases: dict[str, Case], tmp_path: Path) -> None:
    fy2025 = [r["事案番号"] for r in _csv(tmp_path, 2025)]
    assert fy2025 == [cases[k].number for k in ("closed", "refused", "review")]  # in order of receipt
    assert [r["事案番号"] for r in _csv(tmp_path, 2026)] == [cases["next_year"].number]


def test_dp21_ledger_rows_stream_in_chunks(cases: dict[str, Case]) -> None:
    assert [r.number for r in ledger_rows(2025, chunk_size=1)] == [r.number for r in ledger_rows(2025)]


def _pdf(tmp_path: Path, year: int = 2025) -> bytes:
    path = tmp_path / "ledger.pdf"
    call_command(
        "ledger", "--fiscal-year", str(year), "--format", "pdf", "--output", str(path), stdout=io.StringIO()
    )
    return path.read_bytes()


def _pdf_lines(pdf: bytes) -> list[str]:
    return [line for page in PdfReader(io.BytesIO(pdf)).pages for line in page.extract_text().splitlines()]


def test_dp21_pdf_is_landscape_with_embedded_font_and_page_numbers(
    cases: dict[str, Case], tmp_path: Path
) -> None:
    pdf = _pdf(tmp_path)
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = "".join(p.extract_text() for p in reader.pages)
    assert "紛争処理業務に関する帳簿" in text and "令和7年度" in text
    assert "高橋 花子" in text.replace("\n", "")
    assert f"1 / {len(reader.pages)}" in text
    # The IPAex subset is embedded as TrueType (/FontFile2), so the PDF reads the same everywhere.
    fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    ipaex = [f for f in fonts if "IPAex" in str(f.get("/BaseFont", ""))]
    assert ipaex and all("/FontFile2" in f["/FontDescriptor"] for f in ipaex)
    assert AuditEvent.objects.filter(
        event_type=AuditEvent.Type.LEDGER_EXPORTED, payload__format="pdf"
    ).exists()


def test_dp21_pdf_references_no_unembedded_helvetica(cases: dict[str, Case], tmp_path: Path) -> None:
    """ReportLab starts every canvas and table cell in Helvetica unless told otherwise."""
    pdf = _pdf(tmp_path)
    assert b"/Helvetica" not in pdf
    fonts = {
        str(f.get_object()["/BaseFont"])
        for page in PdfReader(io.BytesIO(pdf)).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert fonts and all(name.endswith("+IPAexGothic") for name in fonts)


def test_dp21_pdf_keeps_numbers_and_dates_whole_and_merges_agents(
    cases: dict[str, Case], tmp_path: Path
) -> None:
    for side in ("申請人 山田 太郎", "被申請人 あおば損害保険株式会社"):
        ledger_write(
            cases["refused"],
            action="notice",
            on=dt.date(2025, 12, 10),
            description=f"紛争処理申請不受理通知書（機構2025-00001、第1版）を{side}へ郵送で発出（規程第5条第1項）",
        )
    lines = _pdf_lines(_pdf(tmp_path))
    text = "\n".join(lines)
    for key in ("closed", "review", "refused"):
        number = cases[key].number
        assert any(number in line for line in lines), number  # never broken across lines
    assert "R7.4.1" in text and "R8.3.31" in text  # received dates, short 和暦 on one line
    assert "55,000" in text  # the cost on one line with a thousands separator
    # No empty agent columns: the agent sits in the cell of the party it acts for.
    assert "代理人 弁護士 中島 陽介" in text
    assert "申請人代理人（住所）" not in text
    # The same notice sent to both sides on one day is listed once.
    assert "R7.12.10\n紛争処理申請不受理通知書の発出（申請人・被申請人）" in text


def test_dp21_pdf_fits_several_cases_on_a_page(cases: dict[str, Case], tmp_path: Path) -> None:
    assert len(PdfReader(io.BytesIO(_pdf(tmp_path))).pages) == 1  # three cases, title and all


def test_dp21_pdf_continues_a_history_longer_than_a_page() -> None:
    received = dt.date(2025, 5, 1)
    row = LedgerRow(
        number="2025東第00099号",
        received_on=received,
        office="本部（東京）",
        applicant=Person("山田 太郎", "東京都世田谷区桜丘三丁目12番5号"),
        processing=[(received + dt.timedelta(days=i), "書類の受領") for i in range(150)],
    )
    out = io.BytesIO()
    assert write_pdf([row], out, fiscal_year=2025, body_name="機構") == 1
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) >= 2
    text = "".join(p.extract_text() for p in reader.pages)
    assert "（続き）" in text and to_wareki_short(received + dt.timedelta(days=149)) in text


def test_dp21_notice_lines_name_the_document_and_addressee(cases: dict[str, Case]) -> None:
    ledger_write(
        cases["refused"],
        action="notice",
        on=dt.date(2025, 12, 10),
        description="紛争処理申請不受理通知書（機構2025-00001、第1版）を被申請人 あおば損害保険株式会社へ郵送で発出（規程第5条第1項）",
    )
    row = next(r for r in ledger_rows(2025) if r.number == cases["refused"].number)
    assert (dt.date(2025, 12, 10), "紛争処理申請不受理通知書の発出（被申請人）") in row.processing


def test_ledger_to_a_closed_pipe_exits_quietly(
    cases: dict[str, Case], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``chotei ledger ... | head``: the reader has gone; no traceback, the status of SIGPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    pipe = io.TextIOWrapper(open(write_end, "wb"), encoding="utf-8")  # noqa: SIM115 - closed below
    monkeypatch.setattr(sys, "stdout", pipe)
    try:
        with pytest.raises(SystemExit) as exit_:
            call_command("ledger", "--fiscal-year", "2025", "--format", "csv")
        assert exit_.value.code == 128 + signal.SIGPIPE
        # What stdout still holds now drains into /dev/null instead of failing again at exit.
        pipe.write("残り")
        pipe.flush()
    finally:
        pipe.close()
    assert "Traceback" not in capsys.readouterr().err
