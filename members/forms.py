from django import forms
from django.utils.translation import gettext_lazy as _
from import_export.forms import ConfirmImportForm, ImportForm

from .models import Correction


class CorrectionForm(forms.ModelForm):
    """What a visitor may tell the secretariat about an entry. Plain text, within limits."""

    # A honeypot: hidden from people (and from screen readers), filled in by form-filling bots.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        template_name="forms/honeypot.html",
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


CLEAR_BLANK_CELLS = forms.BooleanField(
    label=_("Empty cells clear what is stored"),
    help_text=_(
        "Unticked, an empty cell leaves the member's value as it is. Tick it only when the "
        "file's empty cells mean that the value is no longer known."
    ),
    required=False,
)


class OrganisationImportForm(ImportForm):
    clear_blank_cells = CLEAR_BLANK_CELLS


class OrganisationConfirmImportForm(ConfirmImportForm):
    """The choice made with the file, as the preview showed it, carried to the confirmation."""

    clear_blank_cells = forms.BooleanField(required=False, widget=forms.HiddenInput)
