"""Forms of the case desk: the list filter and one form per action on a case.

Forms only parse input; every rule is checked by the service the view calls, so a refusal reads the
same on the desk, in the API and on the command line.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from chotei.accounts.models import StaffProfile
from chotei.committee.models import CommitteeMember
from chotei.disputes.models import Case, CaseNote, CaseParty, Submission
from chotei.disputes.services.assignment import clerks, person_name
from chotei.disputes.services.core import fiscal_year_of
from chotei.rules import corrections, grades, offices, screening, termination
from chotei.rules.states import STATE_LABELS
from chotei.web.forms import JapaneseForm, date_field, text_field

BLANK = [("", "すべて")]
SIDES = CaseParty.Side.choices


SORT_CHOICES = [
    ("received", "受付日の新しい順"),
    ("received_asc", "受付日の古い順"),
    ("due", "処理目標日の近い順"),
    ("waiting", "待機日数の長い順"),
    ("state", "状態（手続の順）"),
]


class CaseFilterForm(JapaneseForm):
    """The worklist's filters (DP-10). desk/case_list.html writes the widgets out itself, with the
    choices of ``filter_choices``. A clerk, member or year outside them finds no case, so they are
    plain numbers here: the form is built on every page and choice fields would copy their lists."""

    q = forms.CharField(label="検索", required=False)
    state = forms.MultipleChoiceField(
        label="状態", required=False, choices=[(s.value, label) for s, label in STATE_LABELS.items()]
    )
    open_only = forms.BooleanField(label="係属中のみ", required=False)
    mine = forms.BooleanField(label="自分の担当のみ", required=False)
    clerk = forms.IntegerField(label="担当職員", required=False)
    office = forms.ChoiceField(label="事務所", required=False, choices=BLANK + offices.OFFICE_CHOICES)
    member = forms.IntegerField(label="担当委員", required=False)
    fiscal_year = forms.IntegerField(label="年度", required=False)
    overdue = forms.BooleanField(label="期限超過のみ", required=False)
    unread = forms.BooleanField(label="未読メッセージあり", required=False)
    sort = forms.ChoiceField(label="並び順", required=False, choices=SORT_CHOICES)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


# The clerk and member lists change a few times a year; read on every page they cost two queries.
# A change here drops them at once; another server process may show the old list this long.
CHOICES_KEY = "desk:filter-choices"
CHOICES_SECONDS = 30


def filter_choices() -> dict[str, list[tuple[Any, str]]]:
    """The choices of the worklist's clerk, member and fiscal-year filters."""
    people = cache.get(CHOICES_KEY)
    if people is None:
        people = {
            "clerk": BLANK
            + [(u.pk, person_name(u)) for u in clerks().only("last_name", "first_name", "username")],
            "member": BLANK + list(CommitteeMember.objects.values_list("pk", "name")),
        }
        cache.set(CHOICES_KEY, people, CHOICES_SECONDS)
    current = fiscal_year_of(timezone.localdate())
    # GV-01: fiscal years; a fixed span avoids a DISTINCT over a million cases.
    return {**people, "fiscal_year": BLANK + [(y, f"{y}年度") for y in range(current, current - 16, -1)]}


@receiver(post_save, sender=CommitteeMember)
@receiver(post_delete, sender=CommitteeMember)
@receiver(post_save, sender=settings.AUTH_USER_MODEL)
@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
@receiver(post_save, sender=StaffProfile)
@receiver(post_delete, sender=StaffProfile)
def _people_changed(sender: Any, **kwargs: Any) -> None:
    cache.delete(CHOICES_KEY)


class CaseForm(JapaneseForm):
    """A form about one case; the case gives the choices (e.g. the panel's members)."""

    def __init__(self, *args: Any, case: Case | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case


class VersionForm(CaseForm):
    """Carries the case's version as loaded: a save over someone else's is refused, not merged."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.case is not None and not self.is_bound:
            self.fields["version"].initial = self.case.version


class AcceptForm(VersionForm):
    dispatch_on = date_field("受理通知の発送日（空欄は本日）")


class RefuseForm(VersionForm):
    ground_code = forms.ChoiceField(
        label="不受理の事由（規程第5条第1項・令第15条）", choices=screening.GROUND_CHOICES
    )


class AmendForm(VersionForm):
    matters_sought = text_field("変更後の紛争処理を求める事項", 3)
    requested_on = date_field("申出日（空欄は本日）")
    refuse_reason = text_field("変更を認めない場合の理由（手続を著しく遅延させる場合）", 2, required=False)


class PanelForm(VersionForm):
    members = forms.TypedMultipleChoiceField(
        label="担当委員（3名以上、うち弁護士1名以上）", coerce=int, widget=forms.CheckboxSelectMultiple
    )
    chief = forms.TypedChoiceField(label="主任委員", coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (m.pk, f"{m.name}（{m.get_qualification_display()}・{m.get_office_display()}）")
            for m in CommitteeMember.objects.serving(timezone.localdate())
        ]
        self.fields["members"].choices = choices
        self.fields["chief"].choices = [("", "選択してください"), *choices]


class ChiefForm(CaseForm):
    """A decision of the panel's chief member (DP-13..DP-15): the desk records it in the chief's
    name, so the chief is chosen each time (no default) and the service checks the seat."""

    chief_id = forms.TypedChoiceField(label="判断した主任委員", coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        panel = getattr(self.case, "panel", None) if self.case is not None else None
        chiefs = panel.seats.select_related("member").filter(is_chief=True) if panel is not None else []
        self.fields["chief_id"].choices = [
            ("", "選択してください"),
            *((s.member_id, f"{s.member.name}（主任委員）") for s in chiefs),
        ]
        self.order_fields([*(f for f in self.fields if f != "chief_id"), "chief_id"])


class SubmissionForm(ChiefForm):
    side = forms.ChoiceField(label="提出者", choices=SIDES)
    kind = forms.ChoiceField(
        label="種別", choices=[c for c in Submission.Kind.choices if c[0] != "application"]
    )
    title = forms.CharField(label="表題", max_length=200)
    channel = forms.ChoiceField(label="提出方法", choices=Submission.Channel.choices)
    received_on = date_field("受領日（空欄は本日）")
    postal_receipt = forms.CharField(label="郵便物受領記録（書留番号等）", required=False, max_length=100)
    file = forms.FileField(label="ファイル（アップロードの場合）", required=False)
    form = forms.ChoiceField(label="形式", choices=Submission.Form.choices, initial=Submission.Form.WRITTEN)


class FurtherRequestForm(CaseForm):
    side = forms.ChoiceField(label="求める相手", choices=BLANK + SIDES)
    matters = text_field("求める意見陳述又は証拠資料", 3)
    due_on = date_field("提出期限（空欄は10営業日後）")


class InsurerRequestForm(CaseForm):
    request = text_field("要求事項（説明・資料）", 3)
    due_on = date_field("回答期限（空欄は10営業日後）")


class InsurerAnswerForm(CaseForm):
    request_id = forms.IntegerField(widget=forms.HiddenInput)
    answer = text_field("回答", 2, required=False)
    refusal_reason = text_field("提出を拒む正当な理由", 2, required=False)


class MeetingForm(CaseForm):
    scheduled_for = forms.DateTimeField(
        label="日時", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    place = forms.CharField(label="場所", max_length=200, initial="本部 第1会議室")


class MeetingRecordForm(CaseForm):
    meeting_id = forms.IntegerField(widget=forms.HiddenInput)
    present = forms.TypedMultipleChoiceField(
        label="出席委員", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    minutes = text_field("期日調書", 4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        panel = getattr(self.case, "panel", None) if self.case is not None else None
        seats = panel.seats.select_related("member") if panel is not None else []
        self.fields["present"].choices = [
            (s.member_id, s.member.name + ("（主任）" if s.is_chief else "")) for s in seats
        ]


class ObserverForm(ChiefForm):
    name = forms.CharField(label="傍聴人", max_length=100)
    reason = forms.CharField(label="理由", max_length=300)


class SpecialRequestForm(CaseForm):
    kind = forms.CharField(label="手続（鑑定等）", max_length=100, initial="医学的鑑定")
    requested_by = forms.ChoiceField(label="申出た当事者", choices=SIDES)
    reason = text_field("申出の理由", 2)


class SpecialDecideForm(ChiefForm):
    procedure_id = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.TypedChoiceField(
        label="主任委員の判断",
        choices=[("1", "実施する"), ("0", "実施しない")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    cost_yen = forms.IntegerField(label="費用（円）", required=False, min_value=0)
    charged_to = forms.ChoiceField(label="費用負担者", required=False, choices=[("", "—"), *SIDES])


class ResultForm(VersionForm):
    result = forms.ChoiceField(label="審理結果", choices=Case.Result.choices, widget=forms.RadioSelect)
    reasons = text_field("理由", 4)
    # A 変更 of the after-effect grade names both findings; left blank when the grade is not at issue.
    grade_before = forms.ChoiceField(
        label="変更前の等級（等級の変更のとき）",
        choices=[("", "（なし）"), *grades.FINDING_CHOICES],
        required=False,
    )
    grade_after = forms.ChoiceField(
        label="変更後の等級（等級の変更のとき）",
        choices=[("", "（なし）"), *grades.FINDING_CHOICES],
        required=False,
    )


class ExplainForm(VersionForm):
    side = forms.ChoiceField(label="説明を求めた当事者", choices=SIDES)


class AssignForm(VersionForm):
    """担当職員の指定・変更 (the worklist's 「自分の担当」)."""

    clerk = forms.TypedChoiceField(label="担当職員", coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clerk"].choices = [("", "（担当なし）"), *((u.pk, person_name(u)) for u in clerks())]
        if self.case is not None and not self.is_bound:
            self.fields["clerk"].initial = self.case.assigned_clerk_id


class TerminateForm(VersionForm, ChiefForm):
    """打切り is the chief member's decision (DP-18, 規程17条), recorded in the chief's name, on one of
    the article's grounds."""

    ground = forms.ChoiceField(
        label="打切りの事由（規程第17条第1項）", choices=termination.TERMINATION_GROUND_CHOICES
    )
    reason = text_field("打切りの理由", 2)


class WithdrawForm(VersionForm):
    channel = forms.ChoiceField(label="取下げの方法", choices=Case.Channel.choices)
    requested_on = date_field("取下書の受領日（空欄は本日）")


class MeetingMoveForm(CaseForm):
    meeting_id = forms.IntegerField(widget=forms.HiddenInput)
    scheduled_for = forms.DateTimeField(
        label="変更後の日時",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label="変更後の場所（空欄は変更なし）", max_length=200, required=False)
    reason = forms.CharField(label="変更の理由", max_length=300)


class MeetingCancelForm(CaseForm):
    meeting_id = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label="取消の理由", max_length=300)


class PanelChangeForm(PanelForm):
    """The chair's change of the panel: the current composition preselected, a reason required."""

    reason = text_field("変更の理由", 2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        panel = getattr(self.case, "panel", None) if self.case is not None else None
        if panel is not None and not self.is_bound:
            seats = list(panel.seats.all())
            self.fields["members"].initial = [s.member_id for s in seats]
            self.fields["chief"].initial = next((s.member_id for s in seats if s.is_chief), "")


class CorrectionForm(CaseForm):
    item = forms.ChoiceField(label="訂正する項目", choices=[("", "選択してください"), *corrections.CHOICES])
    party_id = forms.TypedChoiceField(
        label="当事者（当事者の項目を訂正する場合）", coerce=int, required=False, empty_value=None
    )
    after = text_field("訂正後の内容（日付は 2026-05-07 の形）", 2, required=False)
    reason = forms.CharField(label="訂正の理由", max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[Any, str]] = [("", "—")]
        if self.case is not None:
            for cp in self.case.parties.select_related("party", "agent"):
                choices.append((cp.party_id, f"{cp.get_side_display()} {cp.party.name}"))
                if cp.agent is not None:
                    choices.append((cp.agent_id, f"{cp.get_side_display()}の代理人 {cp.agent.name}"))
        self.fields["party_id"].choices = choices


class NoteForm(CaseForm):
    kind = forms.ChoiceField(label="種別", choices=CaseNote.Kind.choices, widget=forms.RadioSelect)
    direction = forms.ChoiceField(
        label="発着信（電話の場合）", choices=[("", "—"), *CaseNote.Direction.choices], required=False
    )
    counterpart = forms.CharField(label="相手方（電話の場合）", max_length=200, required=False)
    text = text_field("内容", 3)
