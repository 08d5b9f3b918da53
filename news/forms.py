from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.models import Region

from . import subscriptions


class SubscriptionChoicesForm(forms.Form):
    """What a subscriber chooses: the language of their mails, and their regions."""

    language = forms.ChoiceField(label=_("Language of the mails"), choices=settings.LANGUAGES)
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none for all the news."),
    )


class SubscribeForm(SubscriptionChoicesForm):
    """ "Subscribe by email": an address, the choices, and a honeypot."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Hidden from people (and from screen readers), filled in by form-filling bots.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        template_name="forms/honeypot.html",
    )

    field_order = ["email", "language", "regions", "homepage"]

    def clean_email(self):
        """The address in its one spelling (news.subscriptions.canonical)."""
        try:
            return subscriptions.canonical(self.cleaned_data["email"])
        except ValueError:
            raise ValidationError(
                _(
                    "Write the address without quotation marks, as your mail service gives it: "
                    "an address that needs them cannot receive the news."
                ),
                code="quoted",
            ) from None

    def is_from_a_bot(self):
        return bool(self.cleaned_data.get("homepage"))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False, strip=True)
