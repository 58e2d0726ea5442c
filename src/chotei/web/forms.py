"""Form pieces shared by the desk and the portal: Japanese labels without a colon, every message
naming its field, dates typed as a clerk or an applicant writes them (和暦 or western)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from chotei.rules.wareki import parse_date, to_wareki


class WarekiDateField(forms.DateField):
    """A date typed 和暦 or western (rules.wareki.parse_date); the message names the field, since a
    form shows several dates."""

    widget = forms.TextInput(
        attrs={"placeholder": "例：令和8年5月7日、R8.5.7、2026-05-07", "data-wareki": ""}
    )

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except ValueError as exc:
            raise forms.ValidationError(f"{self.label}: {exc}", code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        return to_wareki(value) if isinstance(value, dt.date) else value


def date_field(label: str, required: bool = False) -> forms.DateField:
    return WarekiDateField(label=label, required=required)


def text_field(label: str, rows: int = 3, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


_DEFAULTS: dict[type[forms.Field], dict[str, Any]] = {}


def _django_defaults(field_class: type[forms.Field]) -> dict[str, Any]:
    """Django's own messages of a field class, the very (lazy) objects a field's messages start as."""
    if field_class not in _DEFAULTS:
        messages: dict[str, Any] = {}
        for klass in reversed(field_class.__mro__):
            messages.update(getattr(klass, "default_error_messages", {}))
        _DEFAULTS[field_class] = messages
    return _DEFAULTS[field_class]


class JapaneseForm(forms.Form):
    """Japanese labels take no trailing colon, and every message says which field it is about."""

    error_css_class = "has-error"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # A message shown at the top of the form, or read out by a screen reader, must name its
        # field; Django's own 「このフィールドは必須です。」 does not.
        # A message a field sets itself (e.g. a yes/no question's) is kept.
        for field in self.fields.values():
            label = field.label or ""
            named = {
                "required": f"「{label}」を入力してください",
                "invalid_choice": f"「{label}」で選べない値です",
                "invalid": f"「{label}」の形式が正しくありません",
                "invalid_pk_value": f"「{label}」で選べない値です",
                "max_length": f"「{label}」が長すぎます（%(limit_value)d文字以内）",
                "min_value": f"「{label}」は%(limit_value)s以上にしてください",
            }
            defaults = _django_defaults(type(field))
            for key, message in named.items():
                # Identity, not equality: comparing lazy translations would translate both, per field
                # and per form (the worklist builds its filter form on every page).
                if key not in field.error_messages or field.error_messages[key] is defaults.get(key):
                    field.error_messages[key] = message
