from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Correction


class CorrectionForm(forms.ModelForm):
    """What a visitor may tell the secretariat about an entry. Plain text, within limits."""

    # A honeypot: hidden from people (and from screen readers), filled in by form-filling bots.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Correction
        fields = ["what_is_wrong", "proposed_text", "email"]
        widgets = {
            "what_is_wrong": forms.Textarea(attrs={"rows": 4}),
            "proposed_text": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "what_is_wrong": _("Which part of the entry, and what is wrong with it."),
            "proposed_text": _("What it should say instead."),
            "email": _("Only the secretariat sees it, to ask you if needed."),
        }

    def is_from_a_bot(self):
        return bool(self.cleaned_data.get("homepage"))
