"""Forms of the desk's roster pages (CM-01..CM-05). They only parse input: every rule is checked by
committee.services, so a refusal reads the same wherever the roster is changed."""

from __future__ import annotations

from typing import Any

from django import forms

from chotei.committee.models import BoardMeeting, InterestDeclaration
from chotei.parties.models import Organization
from chotei.rules import offices, panel
from chotei.rules.wareki import to_wareki
from chotei.web.forms import JapaneseForm, date_field, text_field

PICK = [("", "選択してください")]


def meeting_choices() -> list[tuple[Any, str]]:
    return PICK + [(m.pk, f"{to_wareki(m.held_on)} {m.name}") for m in BoardMeeting.objects.all()]


class RosterForm(JapaneseForm):
    """The confirmation of a change that would break the roster minimums (CM-01) rides along."""

    confirm_roster = forms.BooleanField(required=False, widget=forms.HiddenInput)


class PersonForm(RosterForm):
    """The person to appoint and the items 令第18条 asks for (CM-03)."""

    name = forms.CharField(label="氏名", max_length=100, required=False)
    name_kana = forms.CharField(label="ふりがな", max_length=100, required=False)
    office = forms.ChoiceField(label="配置する事務所", choices=PICK + offices.OFFICE_CHOICES, required=False)
    qualification = forms.ChoiceField(
        label="資格", choices=PICK + sorted(panel.QUALIFICATION_LABELS.items()), required=False
    )
    career = text_field("略歴", 2, required=False)
    effective_on = date_field("選任しようとする年月日")
    reason = text_field("選任の理由", 2, required=False)


class MeetingField(forms.TypedChoiceField):
    """A recorded board meeting to pick; ``MeetingChoices`` fills the choices when the form is made.
    Optional here: the service names the article when one is needed."""

    def __init__(self, label: str) -> None:
        super().__init__(label=label, coerce=int, empty_value=None, required=False)


class MeetingChoices(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = meeting_choices()
        for field in self.fields.values():
            if isinstance(field, MeetingField):
                field.choices = choices


class AppointmentRequestForm(MeetingChoices, PersonForm):
    board_meeting = MeetingField("選任を決議した理事会")


class EmergencyAppointmentForm(PersonForm):
    pass


class DismissalRequestForm(MeetingChoices, RosterForm):
    member_id = forms.IntegerField(widget=forms.HiddenInput)
    effective_on = date_field("解任しようとする年月日")
    reason = text_field("解任の理由", 2, required=False)
    career = text_field("略歴（変更がある場合）", 2, required=False)
    board_meeting = MeetingField("解任を決議した理事会")


class ApproveForm(RosterForm):
    appointment_id = forms.IntegerField(widget=forms.HiddenInput)
    approved_on = date_field("認可の日")
    commissioned_on = date_field("委嘱日（空欄は申請の年月日。認可の日より前にはできません）")


class RejectForm(RosterForm):
    appointment_id = forms.IntegerField(widget=forms.HiddenInput)
    rejected_on = date_field("不認可の日")


class RatifyForm(MeetingChoices, JapaneseForm):
    appointment_id = forms.IntegerField(widget=forms.HiddenInput)
    meeting = MeetingField("追認した理事会")


class BoardMeetingForm(JapaneseForm):
    held_on = date_field("開催日")
    name = forms.CharField(label="名称（例: 令和8年度第2回定例理事会）", max_length=100, required=False)
    kind = forms.ChoiceField(label="種別", choices=BoardMeeting.Kind.choices)


class DeclareForm(JapaneseForm):
    member_id = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="種別", choices=InterestDeclaration.Kind.choices)
    organization = forms.TypedChoiceField(
        label="利害関係のある保険会社・共済組合等", coerce=int, empty_value=None, required=False
    )
    party = forms.IntegerField(label="又は利害関係のある当事者（当事者ID）", required=False, min_value=1)
    description = forms.CharField(label="内容", max_length=300, required=False)
    declared_on = date_field("申告日（空欄は本日）")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = PICK + list(
            Organization.objects.order_by("kind", "name").values_list("pk", "name")
        )


class WithdrawForm(JapaneseForm):
    declaration_id = forms.IntegerField(widget=forms.HiddenInput)
    withdrawn_on = date_field("取下げの日")
    reason = text_field("取下げの理由", 2, required=False)
