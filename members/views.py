from django.conf import settings
from django.http import Http404, HttpResponseBadRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from news.models import NewsItem

from . import charts, exports, network, worldmap
from .filters import OrganisationFilter
from .models import Organisation

LATEST_NEWS = 5


class OrganisationListView(ListView):
    """The public directory: current members, narrowed by the filter form."""

    paginate_by = 25
    template_name = "members/organisation_list.html"

    def get_queryset(self):
        self.filterset = OrganisationFilter(
            self.request.GET, queryset=Organisation.objects.current(), request=self.request
        )
        if not self.filterset.is_valid():
            # A value we cannot read narrows to nothing rather than silently to everything.
            return Organisation.objects.none()
        return self.filterset.qs.with_place()

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        # The counts line already counted the rows; the paginator need not count them again.
        self.counts = (
            self.filterset.counts()
            if self.filterset.is_valid()
            else {"organisations": 0, "countries": 0}
        )
        paginator.count = self.counts["organisations"]
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["counts"] = self.counts
        context["regions"] = self.filterset.regions
        return context


def directory_export(request, fmt):
    """The directory's current selection, every page of it, as CSV or JSON."""
    filterset = OrganisationFilter(
        request.GET, queryset=Organisation.objects.current(), request=request
    )
    if not filterset.is_valid():
        errors = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()
        )
        return HttpResponseBadRequest(
            _("Some filters could not be read: %(errors)s") % {"errors": errors},
            content_type="text/plain; charset=utf-8",
        )
    respond = exports.csv_response if fmt == "csv" else exports.json_response
    with translation.override(settings.LANGUAGE_CODE):  # the same addresses from any language
        pages = request.build_absolute_uri(reverse("members:organisation-list"))
    return respond(filterset.qs, pages)


class OrganisationDetailView(DetailView):
    """Every organisation keeps its page, a former member's marked as such."""

    queryset = Organisation.objects.with_place()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            news_items=self.object.news_items.published()[:10], **kwargs
        )


class RegionView(ListView):
    """A region's page: its current members, its countries with their counts, and the latest
    news about its members. The region and the counts come from the cached network figures."""

    paginate_by = 25
    template_name = "members/region.html"

    def get_queryset(self):
        self.region = network.region(self.kwargs["slug"])
        if self.region is None:
            raise Http404("No such region.")
        self.countries = [row for row in network.members_by_country() if row[3] == self.region.id]
        self.totals = network.totals(self.countries)
        return (
            Organisation.objects.current()
            .filter(country__region_id=self.region.id)
            .with_place()
            .order_by("name", "pk")
        )

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        paginator.count = self.totals["organisations"]  # counted already, country by country
        return paginator

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            region=self.region,
            countries=self.countries,
            totals=self.totals,
            latest_news=NewsItem.objects.published().about_region(self.region.id)[:LATEST_NEWS],
            **kwargs,
        )


class MapView(TemplateView):
    """The world map, large, with the same figures as a table by region."""

    template_name = "members/map.html"

    def get_context_data(self, **kwargs):
        by_country = network.members_by_country()
        return super().get_context_data(
            world_map=worldmap.world_map(),
            legend=worldmap.legend(),
            regions=[
                (region, [row for row in by_country if row[3] == region.id])
                for region in network.regions()
            ],
            totals=network.totals(by_country),
            **kwargs,
        )


class FiguresView(TemplateView):
    """The network in figures, live from the records."""

    template_name = "members/figures.html"

    def get_context_data(self, **kwargs):
        figures = network.figures()
        return super().get_context_data(
            figures=figures,
            joined_chart=charts.joined_per_year(
                figures["joined"], _("Members by the year they joined CICOPA")
            ),
            **kwargs,
        )
