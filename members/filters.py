from collections import Counter
from html import escape

import django_filters
from django import forms
from django.db.models import Count, Q
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cicopa.pagecache import fragment

from . import network
from .models import Organisation


class SearchInput(forms.TextInput):
    input_type = "search"

    def format_value(self, value):
        # The form refuses a NUL byte with an error; the page must not echo it back.
        value = super().format_value(value)
        return value.replace("\x00", "") if value else value


class ListSelect(forms.Select):
    """A <select> whose options are written once per change of the members, not per request:
    Django renders each option through a template, and even escaping the 249 possible
    countries' options each time cost most of the directory's time."""

    def options(self, name):
        return fragment(
            f"options:{name}",
            # The standard library's escape: Django's lazy-aware one is several times slower.
            lambda: [
                (str(key), f'<option value="{escape(str(key))}">{escape(str(label))}</option>')
                for key, label in self.choices
            ],
        )

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        options = "".join(
            html.replace("<option ", "<option selected ", 1) if key == chosen else html
            for key, html in self.options(name)
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # each option escaped by format_html above
        )


class Choices(BaseChoiceIterator):
    """Choices made for one request, as (value, label) pairs, and never changed afterwards.

    A form deep-copies its fields, choices and all (up to 249 countries: a third of the
    directory's filtering time); these are shared instead. And Django normalizes a list of
    choices pair by pair on every pass over it (validating, rendering), where it takes a
    choice iterator as it is."""

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)

    def __deepcopy__(self, memo):
        return self


def region_choices(by_country, regions):
    """Every region, with how many current members it has: "Americas (2)"."""
    members = Counter()
    for *_place, region_id, count in by_country:
        members[region_id] += count
    return Choices((region.slug, f"{region.name} ({members[region.id]})") for region in regions)


def country_choices(by_country):
    """Only the countries that have a current member: a list of 249 would bury the useful few."""
    return Choices((code, f"{name} ({count})") for _, code, name, _, count in by_country)


# Django's message repeats the value it refused; a hostile value must not reach the page.
UNKNOWN_CHOICE = {"invalid_choice": _("Choose one of the listed values.")}


class OrganisationFilter(django_filters.FilterSet):
    # Plain choices computed once per request: a ModelChoiceFilter would query again to validate.
    q = django_filters.CharFilter(
        label=_("Name or acronym"), method="filter_text", max_length=100, widget=SearchInput
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        field_name="country__region__slug",
        empty_label=_("All regions"),
        widget=ListSelect,
        error_messages=UNKNOWN_CHOICE,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="country__code",
        empty_label=_("All countries"),
        widget=ListSelect,
        error_messages=UNKNOWN_CHOICE,
    )
    category = django_filters.ChoiceFilter(
        label=_("Membership category"),
        choices=Organisation.Category.choices,
        empty_label=_("All categories"),
        widget=ListSelect,
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
        self.by_country = network.members_by_country()
        self.regions = network.regions()
        self.filters["region"].extra["choices"] = region_choices(self.by_country, self.regions)
        self.filters["country"].extra["choices"] = country_choices(self.by_country)

    def errors_text(self):
        """The form's errors on one line, for a 400 that says what could not be read."""
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in self.errors.items())

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))

    def counts(self):
        """How many organisations and how many countries the filtered list holds. Narrowed
        by place alone, the per-country counts already know; otherwise one query."""
        data = self.form.cleaned_data
        if data.get("q") or data.get("category"):
            return self.qs.order_by().aggregate(
                organisations=Count("pk"), countries=Count("country", distinct=True)
            )
        region_id = next((r.id for r in self.regions if r.slug == data.get("region")), None)
        return network.totals(
            [
                row
                for row in self.by_country
                if (not data.get("region") or row[3] == region_id)
                and (not data.get("country") or row[1] == data["country"])
            ]
        )
