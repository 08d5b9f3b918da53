import django_filters
from django import forms
from django.db.models import Count, Q

from .models import Country, Organisation, Region


def countries_in_use(request):
    # Only the countries that have a member: a list of 249 would bury the useful few.
    return Country.objects.filter(organisations__status="current").distinct()


class SearchInput(forms.TextInput):
    input_type = "search"

    def format_value(self, value):
        # The form refuses a NUL byte with an error; the page must not echo it back.
        value = super().format_value(value)
        return value.replace("\x00", "") if value else value


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Name or acronym", method="filter_text", max_length=100, widget=SearchInput
    )
    region = django_filters.ModelChoiceFilter(
        label="Region",
        field_name="country__region",
        to_field_name="slug",
        queryset=Region.objects.all(),
        empty_label="All regions",
    )
    country = django_filters.ModelChoiceFilter(
        to_field_name="code", queryset=countries_in_use, empty_label="All countries"
    )
    category = django_filters.ChoiceFilter(
        choices=Organisation.Category.choices, empty_label="All categories"
    )

    class Meta:
        model = Organisation
        fields = ["q", "region", "country", "category"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))

    def counts(self):
        """How many organisations and how many countries the filtered list holds: one query."""
        return self.qs.order_by().aggregate(
            organisations=Count("pk"), countries=Count("country", distinct=True)
        )
