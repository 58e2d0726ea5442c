"""The guided application (OD-01): one topic per step, every DP-02 item, the DP-06 questions.

Each step is a form; its cleaned answers are kept in the draft as JSON, so the draft survives an
expired session, and the whole is turned into the intake service's ApplicationInput on submit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chotei.disputes.models import Case
from chotei.disputes.services.intake import ApplicationInput
from chotei.disputes.services.party_links import PartyInput
from chotei.parties.models import Organization, Party
from chotei.portal.i18n import choices, cite, term
from chotei.rules import application, offices, screening
from chotei.web.forms import JapaneseForm, date_field, text_field

# OD-03: the rules' words are the msgids; each is shown in the chosen language.
LABELS = {field: term(label) for field, label, _article in application.APPLICATION_ITEMS}
ARTICLES = {field: article for field, _label, article in application.APPLICATION_ITEMS}
NONE_WORDS = frozenset({"none", "no", "n/a"})
YES_NO = [("yes", _("はい")), ("no", _("いいえ"))]
_QUESTIONS = {q.key: q for q in screening.SCREENING_QUESTIONS}
# DP-04: who may apply from the public side; insurers and co-ops file through their own systems.
APPLICANT_ROLES = [
    (r.value, term(r.label))
    for r in (application.PartyRole.VICTIM, application.PartyRole.INSURED, application.PartyRole.COOP_INSURED)
]
AGENT_KINDS = [
    ("none", _("代理人はいない（本人が申請する）")),
    ("lawyer", _("弁護士")),
    ("family", _("家族・親族")),
    ("other", _("その他の人")),
]


def _char(label: Any, *, required: bool = True, help_text: Any = "", **attrs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.TextInput(attrs=attrs)
    )


def _question(key: str) -> forms.ChoiceField:
    q = _QUESTIONS[key]
    return forms.ChoiceField(
        label=term(q.question),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": format_lazy(_("「{}」に「はい」か「いいえ」で答えてください"), term(q.question))
        },
    )


class StepForm(JapaneseForm):
    """Every error names the field (issue #8 "Bad input"), through JapaneseForm."""

    def answers(self) -> dict[str, Any]:
        """The cleaned answers as JSON values (dates as ISO text, models as their keys)."""
        out: dict[str, Any] = {}
        for key, value in self.cleaned_data.items():
            if isinstance(value, dt.date):
                out[key] = value.isoformat()
            elif isinstance(value, Organization):
                out[key] = value.pk
            else:
                out[key] = value
        return out


class ApplicantStep(StepForm):
    applicant_role = forms.ChoiceField(
        label=_("あなた（申請人）の立場"), choices=APPLICANT_ROLES, widget=forms.RadioSelect
    )
    applicant_name = _char(LABELS["applicant_name"], autocomplete="name")
    applicant_postcode = _char(
        _("郵便番号"), required=False, autocomplete="postal-code", placeholder=_("例 156-0054")
    )
    applicant_address = _char(LABELS["applicant_address"], autocomplete="street-address")
    applicant_phone = _char(_("電話番号（日中に連絡がつく番号）"), required=False, autocomplete="tel")
    office = forms.ChoiceField(
        label=_("担当してほしい事務所"),
        choices=choices(offices.OFFICE_CHOICES),
        help_text=_("どちらでも全国の申請を受け付けます。"),
        widget=forms.RadioSelect,
    )


class AgentStep(StepForm):
    filed_by = forms.ChoiceField(
        label=_("この申請を入力しているのは"),
        choices=[("self", _("申請人本人")), ("agent", _("代理人（下に記入する人）"))],
        widget=forms.RadioSelect,
    )
    agent_kind = forms.ChoiceField(
        label=_("代理人（あなたの代わりに手続をする人）"), choices=AGENT_KINDS, widget=forms.RadioSelect
    )
    agent_name = _char(_("代理人の氏名（いる場合）"), required=False)
    agent_address = _char(_("代理人の住所（いる場合）"), required=False)
    paid_non_lawyer_agent = _question("paid_non_lawyer_agent")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("filed_by") == "agent" and data.get("agent_kind") == "none":
            message = gettext("代理人が入力している場合は、「%(label)s」で代理人の種類を選んでください")
            self.add_error("agent_kind", message % {"label": self.fields["agent_kind"].label})
        if data.get("agent_kind") not in (None, "none"):
            for field in ("agent_name", "agent_address"):
                if not data.get(field):
                    message = gettext("代理人がいる場合は「%(label)s」を入力してください（%(article)s）")
                    self.add_error(
                        field,
                        message
                        % {"label": self.fields[field].label, "article": cite(ARTICLES["applicant_name"])},
                    )
        return data


class RespondentStep(StepForm):
    respondent_organization = forms.ModelChoiceField(
        label=_("相手方の保険会社・共済組合"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("— 一覧にない（下に入力する） —"),
    )
    respondent_name = _char(_("一覧にない場合の名称"), required=False)
    respondent_address = _char(_("一覧にない場合の所在地"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["respondent_organization"].queryset = Organization.objects.filter(  # type: ignore[attr-defined]
            kind__in=[Organization.Kind.INSURER, Organization.Kind.COOP]
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("respondent_organization"):
            for field in ("respondent_name", "respondent_address"):
                if not data.get(field):
                    message = gettext("一覧から選ばない場合は「%(label)s」を入力してください（%(article)s）")
                    label = self.fields[field].label
                    self.add_error(field, message % {"label": label, "article": cite(ARTICLES[field])})
        return data


class ClaimStep(StepForm):
    claimed_to_insurer = _question("claimed_to_insurer")
    decision_notified_on = date_field(_("保険会社・共済組合から支払の判断が通知された日"), required=False)
    negotiator_case = forms.BooleanField(
        label=_("判断を通知したのは、加害者側から交渉を任された人（示談代行者）である"), required=False
    )
    negotiator_consent = forms.BooleanField(
        label=_("その通知について、保険会社・共済組合の承諾がある"), required=False
    )
    category = forms.ChoiceField(
        label=_("納得できない点の種類"), choices=choices(Case.Category.choices), widget=forms.RadioSelect
    )


def _labelled(item: str, hint: Any) -> Any:
    return format_lazy("{}{}", LABELS[item], hint)


class DisputeStep(StepForm):
    matters_sought = text_field(_labelled("matters_sought", _("（例：後遺障害等級を14級と認めること）")), 3)
    issues = text_field(_labelled("issues", _("（どこに納得できないか）")), 3)
    claim = text_field(LABELS["claim"], 3)
    negotiation_history = text_field(
        _labelled("negotiation_history", _("（いつ、誰と、どんな話をしたか）")), 3
    )


class AccidentStep(StepForm):
    accident_date = date_field(_("事故の日"))
    accident_summary = text_field(LABELS["accident_summary"], 3)
    other_facts = text_field(_("その他参考になること（任意）"), 2, required=False)


class OthersStep(StepForm):
    other_bodies = _char(
        LABELS["other_bodies"],
        help_text=_("相談・あっせん等を受けた機関の名称。ない場合は「なし」と入力してください。"),
    )
    other_mediation_pending = _question("other_mediation_pending")
    already_settled = _question("already_settled")
    decided_before = _question("decided_before")

    def clean_other_bodies(self) -> str:
        # OD-03: "none" typed on the English pages is the 「なし」 the rule reads (DP-02).
        value: str = self.cleaned_data["other_bodies"]
        return application.OTHER_BODIES_NONE if value.strip().lower() in NONE_WORDS else value


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    title: Any
    form: type[StepForm]


STEPS: tuple[Step, ...] = (
    Step("applicant", _("あなた（申請人）について"), ApplicantStep),
    Step("agent", _("代理人"), AgentStep),
    Step("respondent", _("相手方"), RespondentStep),
    Step("claim", _("保険会社等への請求と判断"), ClaimStep),
    Step("dispute", _("求めること・納得できない点"), DisputeStep),
    Step("accident", _("事故のこと"), AccidentStep),
    Step("others", _("ほかの機関・示談"), OthersStep),
)
STEP_KEYS = [s.key for s in STEPS]
_BY_KEY = {s.key: s for s in STEPS}
# DP-02: the step where each item is asked, so the review links a missing item to its page.
FIELD_STEP: dict[str, str] = {name: s.key for s in STEPS for name in s.form.base_fields}
FIELD_STEP.update(applied_on="others", applicant_agent_name="agent", applicant_agent_address="agent")


def field_label(field: str) -> str:
    """The label a refusal names the field by, in the chosen language."""
    asked = _BY_KEY.get(FIELD_STEP.get(field, ""))
    if asked is not None and field in asked.form.base_fields:
        return str(asked.form.base_fields[field].label)
    return str(LABELS.get(field, ""))


def step(key: str) -> Step | None:
    return _BY_KEY.get(key)


def next_step(key: str) -> str | None:
    i = STEP_KEYS.index(key)
    return STEP_KEYS[i + 1] if i + 1 < len(STEP_KEYS) else None


def screening_answers(data: dict[str, Any]) -> dict[str, bool]:
    """DP-06: the yes/no answers recorded with the case (unanswered questions are left out)."""
    return {
        key: data[key] == "yes" for key in screening.SCREENING_QUESTION_KEYS if data.get(key) in ("yes", "no")
    }


def warnings(data: dict[str, Any]) -> list[screening.ScreeningQuestion]:
    return screening.screening_warnings(screening_answers(data))


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def to_input(data: dict[str, Any], applied_on: dt.date) -> ApplicationInput:
    """The draft as the intake service's input; the service names whatever is missing (DP-02)."""
    organization_id = data.get("respondent_organization")
    organization = Organization.objects.filter(pk=organization_id).first() if organization_id else None
    has_agent = data.get("agent_kind") not in (None, "", "none")
    return ApplicationInput(
        applicant=PartyInput(
            name=_text(data, "applicant_name"),
            address=_text(data, "applicant_address"),
            kind=Party.Kind.PERSON,
            postcode=_text(data, "applicant_postcode"),
        ),
        respondent=PartyInput(
            name=organization.name if organization else _text(data, "respondent_name"),
            address=organization.address if organization else _text(data, "respondent_address"),
            organization_id=organization.pk if organization else None,
        ),
        applicant_agent=PartyInput(name=_text(data, "agent_name"), address=_text(data, "agent_address"))
        if has_agent
        else None,
        applicant_role=_text(data, "applicant_role"),
        respondent_role=organization.kind if organization else application.PartyRole.INSURER.value,
        category=_text(data, "category"),
        channel=Case.Channel.ONLINE,
        office=_text(data, "office") or offices.MAIN,
        applied_on=applied_on,
        matters_sought=_text(data, "matters_sought"),
        issues=_text(data, "issues"),
        negotiation_history=_text(data, "negotiation_history"),
        claim=_text(data, "claim"),
        accident_summary=_text(data, "accident_summary"),
        accident_date=_date(data.get("accident_date")),
        other_facts=_text(data, "other_facts"),
        other_bodies=_text(data, "other_bodies"),
        decision_notified_on=_date(data.get("decision_notified_on")),
        negotiator_case=data.get("negotiator_case") is True,
        negotiator_consent=data.get("negotiator_consent") is True,
        screening_answers=screening_answers(data),
    )
