"""``chotei roster-check`` — is the committee roster lawful? (CM-01, 令17条・規程8条1項)"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from chotei.committee.services import roster_counts
from chotei.rules import offices
from chotei.rules.roster import check_roster


class Command(BaseCommand):
    help = "紛争処理委員の人数を事務所別に表示し、令第17条・規程第8条第1項の要件を確認します（違反時は終了コード1）"

    def handle(self, *args: Any, **options: Any) -> None:
        counts = roster_counts()
        self.stdout.write(f"紛争処理委員（在任） 計 {counts.total} 名")
        self.stdout.write(f"  {offices.OFFICE_LABELS[offices.MAIN]}: {counts.main} 名")
        self.stdout.write(f"  {offices.OFFICE_LABELS[offices.BRANCH]}: {counts.branch} 名")
        problems = check_roster(counts)
        if not problems:
            self.stdout.write("委員名簿は要件を満たしています")
            return
        for problem in problems:
            self.stdout.write(f"要件違反: {problem}")
        raise CommandError("委員名簿が要件（令第17条・規程第8条第1項）を満たしていません", returncode=1)
