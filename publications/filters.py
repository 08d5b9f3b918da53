"""The publications' filters (#32), as the directory's (members/filters.py): kind, year,
language and words; a value that cannot be read is a form error, never everything."""

import django_filters
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.filters import UNKNOWN_CHOICE, SearchInput

from .models import Publication


class PublicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words"), method="filter_text", max_length=100, widget=SearchInput
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=Publication.Kind.choices,
        empty_label=_("All kinds"),
        error_messages=UNKNOWN_CHOICE,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), empty_label=_("All years"), error_messages=UNKNOWN_CHOICE
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=settings.LANGUAGES,
        field_name="files__language",
        empty_label=_("All languages"),
        error_messages=UNKNOWN_CHOICE,
    )

    class Meta:
        model = Publication
        fields = ["q", "kind", "year", "language"]

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]

    def filter_text(self, queryset, name, value):
        for word in value.split():
            found = Q()
            for field in (*Publication.title.fields, *Publication.summary.fields, "authors"):
                found |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(found)
        return queryset
