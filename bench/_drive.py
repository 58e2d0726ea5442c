"""One staff client taking cases through the procedure over the JSON API, as the secretariat would:
application (DP-02) → screening → acceptance (three notices, DP-08, DP-16) → statements and evidence
(DP-03) → termination or withdrawal (a notice each, DP-18, DP-19). Shared by the crash harness, the
several-machines test and the load bench."""

from __future__ import annotations

import base64
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from bench._cluster import Http

API = "/api/v1"
APPLICATION: dict[str, Any] = {
    "applicant": {"name": "試験 太郎", "address": "東京都千代田区霞が関一丁目1番1号", "postcode": "100-0013"},
    "respondent": {"name": "あおば損害保険株式会社"},
    "applicant_role": "victim",
    "respondent_role": "insurer",
    "category": "after_effect",
    "channel": "online",
    "office": "tokyo",
    "matters_sought": "後遺障害等級を非該当から第14級9号に変更することを求める",
    "issues": "頚部痛の残存が後遺障害に該当するか",
    "negotiation_history": "非該当の通知を受けた",
    "claim": "事故後一貫して頚部痛を訴えている",
    "accident_summary": "信号待ちの停車中に追突された",
    "other_bodies": "なし",
}


def application() -> dict[str, Any]:
    """An application dated today in Japan, three weeks after the decision it disputes."""
    today = dt.datetime.now(ZoneInfo("Asia/Tokyo")).date()
    return {
        **APPLICATION,
        "applied_on": today.isoformat(),
        "decision_notified_on": (today - dt.timedelta(days=21)).isoformat(),
    }


EVIDENCE = base64.b64encode(b"%PDF-1.4\n% chotei harness evidence\n").decode()
# The steps after the application, in order; the last is chosen at random.
STEPS = ("start_screening", "accept", "submission", "end")


@dataclass
class Outcome:
    kind: str
    status: int
    body: Any


@dataclass
class CaseRunner:
    """Moves its own cases one step per call; a case whose step failed is re-read before the next."""

    http: Http
    rng: random.Random
    open_cases: dict[int, int] = field(default_factory=dict)  # case id → index of its next step
    done: list[int] = field(default_factory=list)

    def step(self) -> Outcome:
        if not self.open_cases or self.rng.random() < 0.3:
            status, body = self.http.post(f"{API}/cases", application())
            if status == 201:
                self.open_cases[body["id"]] = 0
            return Outcome("create", status, body)
        case_id = self.rng.choice(list(self.open_cases))
        name = STEPS[self.open_cases[case_id]]
        status, case = self.http.get(f"{API}/cases/{case_id}")
        if status != 200:
            return Outcome("read", status, case)
        if name == "submission":
            status, body = self.http.post(
                f"{API}/cases/{case_id}/submissions",
                {
                    "side": "applicant",
                    "kind": "evidence",
                    "channel": "upload",
                    "title": "診断書",
                    "file_name": "診断書.pdf",
                    "content_base64": EVIDENCE,
                },
            )
        else:
            action = name if name != "end" else self.rng.choice(["terminate", "withdraw"])
            extra = (
                {"termination_ground": "R17-1", "reason": "紛争処理の見込みがない"}
                if action == "terminate"
                else {}
            )
            status, body = self.http.post(
                f"{API}/cases/{case_id}/actions/{action}", {"version": case["version"], **extra}
            )
            name = action
        if status in (200, 201):
            self.open_cases[case_id] += 1
            if self.open_cases[case_id] == len(STEPS):
                del self.open_cases[case_id]
                self.done.append(case_id)
        elif status == 409 and name != "submission":
            self._resync(case_id)
        return Outcome(name, status, body)

    def _resync(self, case_id: int) -> None:
        """After a lost answer (the server killed mid-request) the step may have happened: go on
        from the state the case is in."""
        status, case = self.http.get(f"{API}/cases/{case_id}")
        if status != 200:
            return
        position = {"received": 0, "screening": 1, "accepted": 2}.get(case["state"])
        if position is None:
            del self.open_cases[case_id]
            self.done.append(case_id)
        elif position > self.open_cases[case_id]:
            self.open_cases[case_id] = position
