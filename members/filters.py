import re
from collections import Counter

import django_filters
from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from . import network
from .models import Country, Organisation


class SearchInput(forms.TextInput):
    input_type = "search"

    def format_value(self, value):
        # The form refuses a NUL byte with an error; the page must not echo it back.
        value = super().format_value(value)
        return value.replace("\x00", "") if value else value


def region_choices(by_country, regions):
    """Every region, with how many current members it has: "Americas (2)"."""
    members = Counter()
    for country in by_country:
        members[country.region_id] += country.members
    return [(region.slug, f"{region.name} ({members[region.id]})") for region in regions]


def country_choices(by_country):
    """Only the countries that have a current member: a list of 249 would bury the useful few."""
    return [(country.code, f"{country.name} ({country.members})") for country in by_country]


# Django's message repeats the value it refused; a hostile value must not reach the page.
UNKNOWN_CHOICE = {"invalid_choice": _("Choose one of the listed values.")}


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name or acronym"), method="filter_text", max_length=100, widget=SearchInput
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        field_name="country__region__slug",
        empty_label=_("All regions"),
        error_messages=UNKNOWN_CHOICE,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="country__code",
        empty_label=_("All countries"),
        error_messages=UNKNOWN_CHOICE,
    )
    category = django_filters.ChoiceFilter(
        label=_("Membership category"),
        choices=Organisation.Category.choices,
        empty_label=_("All categories"),
        error_messages=UNKNOWN_CHOICE,
    )

    class Meta:
        model = Organisation
        fields = ["q", "region", "country", "category"]

    def __init__(self, data=None, queryset=None, **kwargs):
        # The directory, its exports and the API list current members only.
        if queryset is None:
            queryset = Organisation.objects.current()
        super().__init__(data, queryset=queryset, **kwargs)
        # Choices from the cached network figures: a ModelChoiceFilter would query to validate.
        self.by_country = network.members_by_country()
        self.regions = network.regions()
        self.filters["region"].extra["choices"] = region_choices(self.by_country, self.regions)
        self.filters["country"].extra["choices"] = country_choices(self.by_country)
        self.offer_a_country_without_members()

    def offer_a_country_without_members(self):
        """A country asked for that has no current member (a former member's country, from
        its page) is a valid choice with 0 organisations, not an error."""
        code = self.data.get("country", "") if self.data else ""
        choices = self.filters["country"].extra["choices"]
        if re.fullmatch("[A-Z]{2}", code) and code not in dict(choices):
            country = Country.objects.filter(code=code).first()
            if country is not None:
                choices.append((country.code, f"{country.name} (0)"))

    def errors_text(self):
        """The form's errors on one line, for a 400 that says what could not be read."""
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in self.errors.items())

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))

    def counts(self):
        """How many organisations and how many countries the filtered list holds. Narrowed
        by place alone, the cached counts by country know; otherwise one query."""
        data = self.form.cleaned_data
        if data.get("q") or data.get("category"):
            return self.qs.order_by().aggregate(
                organisations=Count("pk"), countries=Count("country", distinct=True)
            )
        return network.totals(
            [
                country
                for country in self.by_country
                if data.get("region") in ("", None, country.region.slug)
                and data.get("country") in ("", None, country.code)
            ]
        )
