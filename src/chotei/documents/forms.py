"""Forms of the documents pages: the consent answer (PN-05) and a proposed model text (CP-05)."""

from __future__ import annotations

from django import forms

from chotei.rules.notices.kinds import NoticeKind, kind_label

KIND_LABELS = [(k.value, kind_label(k)) for k in NoticeKind]


class ConsentForm(forms.Form):
    answer = forms.TypedChoiceField(
        label="電磁的方法による提供について",
        choices=[("yes", "承諾する"), ("no", "承諾しない（書面の郵送を希望する）")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )


class TemplateProposeForm(forms.Form):
    kind = forms.ChoiceField(label="文書の種類", choices=KIND_LABELS)
    text = forms.CharField(
        label="文例（{差込項目} を使用）", widget=forms.Textarea(attrs={"rows": 16, "cols": 100})
    )
