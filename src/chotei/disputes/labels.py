"""Japanese names of ledger actions (帳簿の処理, DP-21), shared by the desk, the ledger export and the
audit log so the same act reads the same everywhere."""

from __future__ import annotations

from chotei.rules.states import ACTION_LABELS

LEDGER_ACTIONS: dict[str, str] = {
    **{a.value: label for a, label in ACTION_LABELS.items()},
    "receive": "申請受付",
    "amend": "求める事項の変更",
    "submission": "提出書類の受領",
    "meeting_schedule": "期日の指定",
    "meeting_record": "期日調書の作成",
    "meeting_move": "期日の変更",
    "meeting_cancel": "期日の取消",
    "panel_change": "紛争処理委員会の構成の変更",
    "correction": "訂正",
    "note": "内部メモ・電話記録",
    "mailing": "通知書の発送",
    "further_request": "追加の意見陳述等の求め",
    "insurer_request": "保険会社等への説明・資料の要求",
    "insurer_answer": "保険会社等の回答",
    "special_request": "特別の手続の申出",
    "special_decide": "特別の手続の判断",
    "observer": "傍聴の許可",
    "assign_clerk": "担当職員の指定",
    "explain": "審理結果の説明",
    "notice": "通知書の発出",
    "notice_failed": "通知書の発出不能",
}
