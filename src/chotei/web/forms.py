"""Form pieces shared by the desk and the portal: Japanese labels without a colon, date and text fields."""

from __future__ import annotations

from typing import Any

from django import forms


def date_field(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))


def text_field(label: str, rows: int = 3, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


class JapaneseForm(forms.Form):
    """Japanese labels take no trailing colon."""

    error_css_class = "has-error"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
