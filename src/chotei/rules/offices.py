"""The two offices (DP-24, 規程7条・定款2条): 本部 Tokyo and 支部 Osaka, each serving all Japan."""

from __future__ import annotations

MAIN = "tokyo"
BRANCH = "osaka"
OFFICE_LABELS: dict[str, str] = {MAIN: "本部（東京都千代田区）", BRANCH: "大阪支部"}
OFFICE_SHORT: dict[str, str] = {MAIN: "東", BRANCH: "阪"}
OFFICE_CHOICES: list[tuple[str, str]] = [(MAIN, "本部（東京）"), (BRANCH, "大阪支部")]
