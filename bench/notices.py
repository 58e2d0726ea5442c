"""Notice throughput: compose + render 10,000 varied notices against plain ReportLab drawing.

The baseline draws the same characters (same count, same glyph set) in the same two embedded fonts
as the notice — the headings in IPAex Gothic, the rest in IPAex Mincho — on one A4 page with
``canvas.drawString`` and nothing else, so the last line ``ratio: r`` is the cost of our layout
over ReportLab's own floor (target ≤ 3; peak memory < 300 MB).
"""

from __future__ import annotations

import io
import re
import resource
import time
from datetime import date, timedelta

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from chotei.documents.pdf import BODY_FONT, FONT, register_font, render
from chotei.rules.notices.claim_guide import dispute_body_summary
from chotei.rules.notices.compose import compose
from chotei.rules.notices.data import ComposedNotice, NoticeData
from chotei.rules.notices.kinds import SPECS, NoticeKind
from chotei.rules.termination import LAWSUIT_PENDING

COUNT = 10_000
CONTACT = "事務局 審査課\n電話 03-1234-5678（平日9時～17時）"
BASELINE_EVERY = 10
_PAGE = re.compile(rb"/Type /Page[^s]")

SURNAMES = ("山田", "佐藤", "髙橋", "渡邉", "齋藤", "小林", "伊藤", "中村", "吉田", "山﨑")
GIVEN = ("太郎", "花子", "一郎", "美咲", "健太", "陽菜", "翔", "結衣")
PLACES = (
    "東京都世田谷区桜丘三丁目12番5号",
    "大阪府大阪市北区梅田一丁目1番3号　大阪駅前第3ビル201号室",
    "北海道札幌市中央区北一条西二丁目",
    "福岡県福岡市博多区博多駅前四丁目8番15号",
)
INSURERS = ("あおば損害保険株式会社", "みなと火災海上保険株式会社", "全国自動車共済協同組合")


def _fields(kind: NoticeKind, i: int, day: date) -> dict[str, object]:
    person = f"{SURNAMES[i % 10]} {GIVEN[i % 8]}"
    # About one notice in fifty runs to a second page.
    repeat = 60 if i % 50 == 7 else 1 + i % 7
    long_reason = "提出された診断書及び画像所見を検討した結果、" * repeat + "等級の認定は妥当と判断した。"
    items = [
        {
            "label": "治療関係費",
            "amount": 100_000 + i * 37,
            "formula": f"診療報酬明細書による実費 {100_000 + i * 37:,}円",
        },
        {"label": "休業損害", "amount": 6_100 * (10 + i % 50), "formula": f"6,100円×{10 + i % 50}日"},
        {"label": "慰謝料", "amount": 4_300 * (20 + i % 80), "formula": f"4,300円×{20 + i % 80}日"},
    ][: 1 + i % 3]
    grade = {
        "table": "別表第2",
        "grade": 14 - i % 5,
        "label": "局部に神経症状を残すもの",
        "reason": long_reason,
    }
    by_kind: dict[NoticeKind, dict[str, object]] = {
        NoticeKind.RECEIPT: {"received_on": day, "applicant_name": person},
        NoticeKind.ACCEPTANCE_APPLICANT: {
            "received_on": day,
            "accepted_on": day + timedelta(days=10),
            "amendment_deadline": day + timedelta(days=24),
        },
        NoticeKind.ACCEPTANCE_RESPONDENT: {
            "accepted_on": day,
            "applicant_name": person,
            "matters_sought": f"後遺障害等級を第{14 - i % 5}級に変更することを求める",
        },
        NoticeKind.REFUSAL: {"received_on": day, "ground": f"R5-1-{1 + i % 9}", "ground_text": long_reason},
        NoticeKind.AMENDMENT: {
            "applicant_name": person,
            "amendment_received_on": day,
            "amended_matters": "後遺障害等級を第12級13号に変更することを求める",
        },
        NoticeKind.STATEMENT_REQUEST: {"applicant_name": person, "deadline": day + timedelta(days=28)},
        NoticeKind.FURTHER_REQUEST: {
            "requested_matters": f"事故後の通院状況が分かる診療録（{person}）の写し",
            "deadline": day + timedelta(days=14),
        },
        NoticeKind.RESULT: {"result_text": "保険会社の判断は妥当である（非変更）", "reasons": long_reason},
        NoticeKind.EXPLANATION: {"requested_on": day, "result_text": "変更", "explanation": long_reason},
        NoticeKind.TERMINATION: {
            "terminated_on": day,
            "ground": LAWSUIT_PENDING,
            "reason": "申請者が同一の紛争について訴訟を提起したため",
        },
        NoticeKind.WITHDRAWAL: {"applicant_name": person, "withdrawn_on": day},
        NoticeKind.CLAIM_GUIDE: {"dispute_body_summary": dispute_body_summary(INSURERS[0], [CONTACT])},
        NoticeKind.PAYMENT: {"accident_date": day, "items": items, "grade": grade},
        NoticeKind.NONPAYMENT: {
            "accident_date": day,
            "accident_summary": "駐車場内で歩行者と接触したとされる事故",
            "no_liability_reason": long_reason,
        },
        NoticeKind.PAYMENT_EXPLANATION: {
            "requested_on": day,
            "accident_details": "交差点で信号待ち停車中に後続車に追突された",
            "items": items,
            "reduction": {"ratio": 0.2, "reason": "被害者に7割以上8割未満の過失があるため"},
        },
    }
    return by_kind[kind]


def sample(i: int) -> tuple[NoticeKind, NoticeData]:
    kinds = list(NoticeKind)
    kind = kinds[i % len(kinds)]
    payment = SPECS[kind].is_payment
    day = date(2019, 1, 1) + timedelta(days=i % 2500)
    person = f"{SURNAMES[(i // 3) % 10]} {GIVEN[(i // 7) % 8]}"
    data = NoticeData(
        document_number=f"東紛第{day.year}-{i:05d}号",
        issued_on=day + timedelta(days=3),
        addressee_name=person if payment or i % 2 else INSURERS[i % 3],
        honorific="様" if payment or i % 2 else "御中",
        addressee_address=PLACES[i % 4],
        addressee_postcode=f"{100 + i % 800:03d}-{i % 10000:04d}",
        sender_name=INSURERS[i % 3] if payment else "一般財団法人 自賠責保険・共済紛争処理機構",
        sender_title="代表取締役社長　佐藤 次郎" if payment else "理事長　鈴木 一郎",
        case_number=f"東{day.year}-{i:05d}",
        fields=_fields(kind, i, day),
        contact=CONTACT,
        coop=payment and i % 3 == 2,
    )
    return kind, data


def _all_text(notice: ComposedNotice, data: NoticeData) -> tuple[str, str]:
    """(the text set in Gothic — letterhead, title, 件名 — and the text set in Mincho)."""
    heads = [data.sender_name, notice.title, notice.subject]
    parts = [data.document_number, data.addressee_address, data.addressee_name]
    parts += [data.sender_title, data.contact, notice.basis, *notice.paragraphs]
    parts += [cell for row in notice.table for cell in row]
    return "".join(heads).replace("\n", ""), "".join(parts).replace("\n", "")


def baseline(text: tuple[str, str]) -> bytes:
    """ReportLab's floor: the same characters as lines of 40 on one page, drawString only."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    y = A4[1] - 60
    for font, part in zip((FONT, BODY_FONT), text, strict=True):
        canvas.setFont(font, 10.5)
        for start in range(0, len(part), 40):
            canvas.drawString(70, y, part[start : start + 40])
            y -= 16
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main() -> None:
    register_font()
    register_font(BODY_FONT)
    for i in range(20):  # warm caches so neither side pays first-use costs in the timing
        kind, data = sample(i)
        notice = compose(kind, data)
        render(notice, data)
        baseline(_all_text(notice, data))
    pages = 0
    ours: list[float] = []
    floor: list[float] = []
    paired: list[float] = []
    started = time.perf_counter()
    for i in range(COUNT):
        kind, data = sample(i)
        t0 = time.perf_counter()
        notice = compose(kind, data)
        pdf = render(notice, data)
        elapsed = time.perf_counter() - t0
        ours.append(elapsed)
        pages += len(_PAGE.findall(pdf))
        if i % BASELINE_EVERY == 0:
            text = _all_text(notice, data)
            t1 = time.perf_counter()
            baseline(text)
            floor.append(time.perf_counter() - t1)
            paired.append(elapsed)
    wall = time.perf_counter() - started
    total = sum(ours)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"notices: {COUNT}  pages: {pages}  wall: {wall:.1f} s (incl. baseline)")
    print(f"compose+render: {total:.2f} s  {total / COUNT * 1000:.2f} ms/notice  {pages / total:.0f} pages/s")
    print(f"baseline drawString page: {sum(floor) / len(floor) * 1000:.2f} ms ({len(floor)} samples)")
    print(f"peak memory (ru_maxrss): {peak_mb:.0f} MB")
    print(f"ratio: {sum(paired) / sum(floor):.2f}")


if __name__ == "__main__":
    main()
