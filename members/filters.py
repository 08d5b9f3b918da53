import django_filters
from django import forms
from django.db.models import Count, Q

from .models import Country, Organisation, Region


class SearchInput(forms.TextInput):
    input_type = "search"

    def format_value(self, value):
        # The form refuses a NUL byte with an error; the page must not echo it back.
        value = super().format_value(value)
        return value.replace("\x00", "") if value else value


def region_choices():
    """Every region, with how many current members it has: "Americas (2)"."""
    regions = Region.objects.annotate(
        members=Count(
            "countries__organisations", filter=Q(countries__organisations__status="current")
        )
    )
    return [(region.slug, f"{region.name} ({region.members})") for region in regions]


def country_choices():
    """Only the countries that have a current member: a list of 249 would bury the useful few."""
    countries = (
        Country.objects.filter(organisations__status="current")
        .annotate(members=Count("organisations"))
        .order_by("name")
    )
    return [(country.code, f"{country.name} ({country.members})") for country in countries]


# Django's message repeats the value it refused; a hostile value must not reach the page.
UNKNOWN_CHOICE = {"invalid_choice": "Choose one of the listed values."}


class OrganisationFilter(django_filters.FilterSet):
    # Plain choices computed once per request: a ModelChoiceFilter would query again to validate.
    q = django_filters.CharFilter(
        label="Name or acronym", method="filter_text", max_length=100, widget=SearchInput
    )
    region = django_filters.ChoiceFilter(
        label="Region",
        field_name="country__region__slug",
        empty_label="All regions",
        error_messages=UNKNOWN_CHOICE,
    )
    country = django_filters.ChoiceFilter(
        label="Country",
        field_name="country__code",
        empty_label="All countries",
        error_messages=UNKNOWN_CHOICE,
    )
    category = django_filters.ChoiceFilter(
        label="Membership category",
        choices=Organisation.Category.choices,
        empty_label="All categories",
        error_messages=UNKNOWN_CHOICE,
    )

    class Meta:
        model = Organisation
        fields = ["q", "region", "country", "category"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["region"].extra["choices"] = region_choices()
        self.filters["country"].extra["choices"] = country_choices()

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))

    def counts(self):
        """How many organisations and how many countries the filtered list holds: one query."""
        return self.qs.order_by().aggregate(
            organisations=Count("pk"), countries=Count("country", distinct=True)
        )
