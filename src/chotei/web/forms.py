"""Form pieces shared by the desk and the portal: Japanese labels without a colon, every message
naming its field, dates typed as a clerk or an applicant writes them (和暦 or western)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import get_language, gettext, gettext_lazy

from chotei.rules.wareki import parse_date, to_wareki

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class WarekiDateField(forms.DateField):
    """A date typed 和暦 or western (rules.wareki.parse_date); the message names the field, since a
    form shows several dates."""

    widget = forms.TextInput(
        attrs={"placeholder": gettext_lazy("例：令和8年5月7日、R8.5.7、2026-05-07"), "data-wareki": ""}
    )

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except ValueError as exc:
            # The desk keeps the parser's reason; the portal's other languages (OD-03) say the
            # field and the forms accepted.
            if get_language() in (None, "ja"):
                raise forms.ValidationError(f"{self.label}: {exc}", code="invalid") from None
            message = gettext("「%(label)s」は日付として読めません（例：令和8年5月7日、R8.5.7、2026-05-07）")
            raise forms.ValidationError(message % {"label": self.label}, code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        return to_wareki(value) if isinstance(value, dt.date) else value


def date_field(label: StrOrPromise, required: bool = False) -> forms.DateField:
    return WarekiDateField(label=label, required=required)


def text_field(label: StrOrPromise, rows: int = 3, required: bool = True) -> forms.CharField:
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


@functools.lru_cache(maxsize=8)
def _named_messages(language: str | None) -> dict[str, str]:
    """The field-naming messages in ``language``, translated once per language, not once a field
    and a form (the worklist builds its filter form on every page)."""
    return {
        "required": gettext("「%(label)s」を入力してください"),
        "invalid_choice": gettext("「%(label)s」で選べない値です"),
        "invalid": gettext("「%(label)s」の形式が正しくありません"),
        "invalid_pk_value": gettext("「%(label)s」で選べない値です"),
        "max_length": gettext("「%(label)s」が長すぎます（%%(limit_value)d文字以内）"),
        "min_value": gettext("「%(label)s」は%%(limit_value)s以上にしてください"),
        "empty": gettext("「%(label)s」のファイルが空です"),
    }


def name_the_fields(fields: dict[str, forms.Field]) -> None:
    """Make every message name its field: one shown at the top of the form, or read out by a screen
    reader, must say which field it is about; Django's own 「このフィールドは必須です。」 does not.
    A message a field sets itself (e.g. a yes/no question's) is kept. The portal's pages are in the
    chosen language (OD-03), so the wording goes through gettext."""
    named = _named_messages(get_language())
    for field in fields.values():
        defaults = _django_defaults(type(field))
        label = {"label": field.label or ""}
        for key, message in named.items():
            # Identity, not equality: comparing lazy translations would translate both, per field
            # and per form.
            if key not in field.error_messages or field.error_messages[key] is defaults.get(key):
                field.error_messages[key] = message % label


class JapaneseForm(forms.Form):
    """Japanese labels take no trailing colon, and every message says which field it is about."""

    error_css_class = "has-error"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        name_the_fields(self.fields)
