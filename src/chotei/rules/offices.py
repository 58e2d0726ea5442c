"""The two offices (DP-24, 規程7条・定款2条): 本部 Tokyo and 支部 Osaka, each serving all Japan."""

from __future__ import annotations

from dataclasses import dataclass

MAIN = "tokyo"
BRANCH = "osaka"
OFFICE_LABELS: dict[str, str] = {MAIN: "本部（東京都千代田区）", BRANCH: "大阪支部"}
OFFICE_SHORT: dict[str, str] = {MAIN: "東", BRANCH: "阪"}
OFFICE_CHOICES: list[tuple[str, str]] = [(MAIN, "本部（東京）"), (BRANCH, "大阪支部")]


@dataclass(frozen=True, slots=True)
class OfficeContact:
    """Where and when the public reaches an office; shown on the public pages (OD-01, GV-07)."""

    key: str
    name: str
    postcode: str
    address: str
    phone: str
    hours: str


# The model body's published contact points (定款2条: 本部 東京, 支部 大阪). Hours are the body's
# telephone and counter hours; calls are free of charge (フリーダイヤル).
OFFICE_CONTACTS: tuple[OfficeContact, ...] = (
    OfficeContact(
        MAIN,
        "本部",
        "100-0013",
        "東京都千代田区霞が関三丁目3番2号 新霞が関ビル17階",
        "0120-159-700",
        "平日 9:00〜12:00、13:00〜17:00（土日祝日・年末年始を除く）",
    ),
    OfficeContact(
        BRANCH,
        "大阪支部",
        "541-0041",
        "大阪府大阪市中央区北浜二丁目5番23号 小寺プラザ12階",
        "0120-159-800",
        "平日 9:00〜12:00、13:00〜17:00（土日祝日・年末年始を除く）",
    ),
)
