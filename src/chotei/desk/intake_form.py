"""The new-application form (紛争処理申請書, DP-02): every item of 令13条・規程4条1項.

All fields are optional here on purpose: the service's check names each missing item with its
article, and the desk attaches that message to the field concerned.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from chotei.disputes.models import Case
from chotei.disputes.services.intake import ApplicationInput, PartyInput
from chotei.parties.models import Organization, Party
from chotei.rules import application, offices
from chotei.web.forms import JapaneseForm, date_field, text_field

LABELS = {field: label for field, label, _ in application.APPLICATION_ITEMS}
# 被害者 first: nearly every application is a victim's (domain notes); nothing is preselected.
ROLE_CHOICES = [
    ("", "選択してください"),
    *sorted(application.PARTY_ROLE_CHOICES, key=lambda c: c[0] != application.PartyRole.VICTIM),
]


def _char(label: str, required: bool = False, **attrs: str) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.TextInput(attrs=attrs))


class ApplicationForm(JapaneseForm):
    applicant_role = forms.ChoiceField(label="申請人の立場", choices=ROLE_CHOICES, required=False)
    applicant_kind = forms.ChoiceField(
        label="申請人の種別", choices=Party.Kind.choices, initial=Party.Kind.PERSON
    )
    applicant_name = _char(LABELS["applicant_name"])
    applicant_kana = _char("申請人のふりがな", placeholder="例：やまだ たろう")
    applicant_postcode = _char("申請人の郵便番号", placeholder="例：156-0054", inputmode="numeric")
    applicant_address = _char(LABELS["applicant_address"])
    applicant_agent_name = _char("申請人の代理人の氏名又は名称（いる場合）")
    applicant_agent_address = _char("申請人の代理人の住所")

    respondent_role = forms.ChoiceField(label="相手方の立場", choices=ROLE_CHOICES, required=False)
    respondent_name = _char(LABELS["respondent_name"])
    respondent_address = _char(LABELS["respondent_address"])
    respondent_agent_name = _char("相手方の代理人の氏名又は名称（いる場合）")
    respondent_agent_address = _char("相手方の代理人の住所")

    category = forms.ChoiceField(label="類型", choices=Case.Category.choices)
    channel = forms.ChoiceField(label="申請方法", choices=Case.Channel.choices)
    office = forms.ChoiceField(label="担当事務所", choices=offices.OFFICE_CHOICES)
    applied_on = date_field(LABELS["applied_on"])
    received_on = date_field("受付日（空欄は本日）")
    decision_notified_on = date_field("保険会社等の支払判断通知日")
    negotiator_case = forms.BooleanField(label="示談代行者による判断結果の通知である", required=False)
    negotiator_consent = forms.BooleanField(label="その通知に保険会社等の承諾がある", required=False)

    matters_sought = text_field(LABELS["matters_sought"], 3, required=False)
    issues = text_field(LABELS["issues"], 3, required=False)
    negotiation_history = text_field(LABELS["negotiation_history"], 3, required=False)
    claim = text_field(LABELS["claim"], 3, required=False)
    accident_summary = text_field(LABELS["accident_summary"], 3, required=False)
    accident_date = date_field("事故発生日")
    other_facts = text_field("その他参考事項", 2, required=False)
    other_bodies = _char(LABELS["other_bodies"], placeholder="例：なし、日弁連交通事故相談センター")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # DP-02: an insurer or co-op party is chosen from the register, or its typed name is matched
        # to it and confirmed, or — after a confirmation — registered with the application.
        insurers = Organization.objects.filter(
            kind__in=[Organization.Kind.INSURER, Organization.Kind.COOP]
        ).order_by("name")
        for side, who in application.AGENT_SIDES.items():
            self.fields[f"{side}_organization"] = forms.ModelChoiceField(
                label=f"{who}（登録済みの保険会社・共済組合）",
                queryset=insurers,
                required=False,
                empty_label="— 下欄に入力する —",
            )
            self.fields[f"{side}_register_organization"] = forms.BooleanField(
                label=f"未登録の保険会社・共済組合として、入力した{who}の名称・住所で登録して受け付ける",
                required=False,
            )
        if not self.is_bound:
            self.fields["applied_on"].initial = timezone.localdate()

    def propose(self, field: str, organization: Organization) -> None:
        """Show the organisation the typed name matched as the choice the clerk confirms by resubmitting."""
        self.data = self.data.copy()
        self.data[field] = str(organization.pk)

    def _agent(self, side: str) -> PartyInput | None:
        name, address = self.cleaned_data[f"{side}_agent_name"], self.cleaned_data[f"{side}_agent_address"]
        return PartyInput(name=name, address=address) if name or address else None

    def _party(self, side: str, kind: str = "", postcode: str = "") -> PartyInput:
        d = self.cleaned_data
        chosen: Organization | None = d[f"{side}_organization"]
        return PartyInput(
            name=d[f"{side}_name"],
            address=d[f"{side}_address"],
            # The register says what a chosen organisation is; the kind field is for typed-in parties.
            kind="" if chosen else kind,
            postcode=postcode,
            organization_id=chosen.pk if chosen else None,
            accept_name_match=False,
            register_organization=d[f"{side}_register_organization"],
        )

    def to_input(self) -> ApplicationInput:
        d = self.cleaned_data
        return ApplicationInput(
            applicant=self._party("applicant", d["applicant_kind"], d["applicant_postcode"]),
            respondent=self._party("respondent"),
            applicant_agent=self._agent("applicant"),
            respondent_agent=self._agent("respondent"),
            **{
                k: d[k]
                for k in (
                    "applicant_role",
                    "respondent_role",
                    "category",
                    "channel",
                    "office",
                    "applied_on",
                    "received_on",
                    "decision_notified_on",
                    "negotiator_case",
                    "negotiator_consent",
                    "matters_sought",
                    "issues",
                    "negotiation_history",
                    "claim",
                    "accident_summary",
                    "accident_date",
                    "other_facts",
                    "other_bodies",
                    "applicant_kana",
                )
            },
        )
