from django.conf import settings
from django.core.mail import mail_admins, send_mail
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView

from cicopa import pagecache
from cicopa.clients import over_the_limit
from cicopa.pagination import KeysFirstPaginator
from cicopa.validators import one_line

from . import charts, exports, network, worldmap
from .filters import OrganisationFilter
from .forms import CorrectionForm
from .models import Organisation, Region


class OrganisationListView(ListView):
    """The public directory: current members, narrowed by the filter form. Filters that cannot
    be read are shown as the form's errors, with a 400."""

    paginate_by = 25
    paginator_class = KeysFirstPaginator
    template_name = "members/organisation_list.html"
    # For the page cache (cicopa.pagecache): what this page reads of the query string.
    query_parameters = ("region", "country", "category", "page")
    search_parameters = ("q",)

    def get_queryset(self):
        self.filterset = OrganisationFilter(self.request.GET, request=self.request)
        if not self.filterset.is_valid():
            # A value we cannot read narrows to nothing rather than silently to everything.
            return Organisation.objects.none()
        return self.filterset.qs.listed()

    def get_context_data(self, **kwargs):
        valid = self.filterset.is_valid()
        query = self.request.GET.copy()
        query.pop("page", None)
        query = f"?{query.urlencode()}" if query else ""
        # The filter form, the costliest part of the page, is the same on every page of a
        # selection: kept by its selection (never by free text, which any visitor can vary).
        keep_filters = valid and not self.filterset.form.cleaned_data.get("q")
        return super().get_context_data(
            filter=self.filterset,
            filters_key=f"{pagecache.generation()}{query}" if keep_filters else None,
            counts=self.filterset.counts() if valid else {"organisations": 0, "countries": 0},
            regions=self.filterset.regions,
            downloads={
                "csv": reverse("members:export-csv") + query,
                "json": reverse("members:export-json") + query,
            },
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        status = 200 if self.filterset.is_valid() else 400
        return super().render_to_response(context, status=status, **kwargs)


# Downloads a client may have made afresh in an hour: each reads every member selected. A
# download the front already keeps, or a 304 for one the client has, counts for nothing.
EXPORTS_PER_HOUR = 60


def directory_export(request, fmt):
    """The directory's current selection, every page of it, as CSV or JSON."""
    retry = over_the_limit("exports", request, EXPORTS_PER_HOUR, 60 * 60)
    if retry:
        response = HttpResponse(
            _("Too many downloads from your address; try again later."),
            content_type="text/plain; charset=utf-8",
            status=429,
        )
        response["Retry-After"] = str(retry)
        return response
    filterset = OrganisationFilter(request.GET, request=request)
    if not filterset.is_valid():
        return HttpResponseBadRequest(
            _("Some filters could not be read: %(errors)s") % {"errors": filterset.errors_text()},
            content_type="text/plain; charset=utf-8",
        )
    delimiter = request.GET.get("delimiter") or exports.delimiter_for(translation.get_language())
    if delimiter not in exports.DELIMITERS:
        return HttpResponseBadRequest(
            _("The delimiter may be %(choices)s.") % {"choices": " or ".join(exports.DELIMITERS)},
            content_type="text/plain; charset=utf-8",
        )
    respond = exports.csv_response if fmt == "csv" else exports.json_response
    with translation.override(settings.LANGUAGE_CODE):  # the same addresses from any language
        pages = request.build_absolute_uri(reverse("members:organisation-list"))
    return respond(filterset.qs, pages, delimiter)


# For the page cache (cicopa.pagecache): the same selection gives the same bytes until the
# members change, so the front keeps each download; any other parameter is redirected away.
directory_export.query_parameters = ("region", "country", "category", "delimiter")
directory_export.search_parameters = ("q",)


class OrganisationDetailView(DetailView):
    """Every organisation keeps its page, a former member's marked as such."""

    queryset = Organisation.objects.with_place()
    query_parameters = ()


class RegionView(ListView):
    """A region's page: its current members, its countries with their counts, and the latest
    news about its members."""

    paginate_by = 25
    paginator_class = KeysFirstPaginator
    template_name = "members/region.html"
    query_parameters = ("page",)

    def get_queryset(self):
        self.region = get_object_or_404(Region, slug=self.kwargs["slug"])
        return Organisation.objects.current().filter(country__region=self.region).listed()

    def get_context_data(self, **kwargs):
        countries = [c for c in network.members_by_country() if c.region_id == self.region.id]
        return super().get_context_data(
            region=self.region,
            countries=countries,
            totals=network.totals(countries),
            # The aside, its countries and its news, is the same on every page of the region.
            aside_key=f"{pagecache.generation()}:{self.region.slug}",
            **kwargs,
        )


class RegionListView(TemplateView):
    """The regions, each with its members and countries: /members/regions/."""

    template_name = "members/region_list.html"
    query_parameters = ()

    def get_context_data(self, **kwargs):
        return super().get_context_data(by_region=network.by_region(), **kwargs)


class MapView(TemplateView):
    """The world map, large, with the same figures as a table by region."""

    template_name = "members/map.html"
    query_parameters = ()

    def get_context_data(self, **kwargs):
        by_country = network.members_by_country()
        return super().get_context_data(
            world_map=worldmap.world_map(by_country),
            legend=worldmap.legend(),
            regions=[
                (region, [country for country in by_country if country.region_id == region.id])
                for region in network.regions()
            ],
            totals=network.totals(by_country),
            **kwargs,
        )


class FiguresView(TemplateView):
    """The network in figures, live from the records."""

    template_name = "members/figures.html"
    query_parameters = ()

    def get_context_data(self, **kwargs):
        figures = network.figures()
        return super().get_context_data(
            figures=figures,
            joined_chart=charts.joined_per_year(
                figures["joined"], _("Members by the year they joined CICOPA")
            ),
            **kwargs,
        )


# Suggestions a visitor's address may send in an hour; enough for a federation's staff.
CORRECTIONS_PER_HOUR = 5


def notify_secretariat(correction):
    # A name recorded before names were kept to one line must not break the header.
    subject = one_line(f"Suggested correction: {correction.organisation}")
    body = (
        f"A visitor suggests a correction to {correction.organisation}.\n\n"
        f"What is wrong:\n{correction.what_is_wrong}\n\n"
        f"Proposed text:\n{correction.proposed_text}\n\n"
        f"Contact: {correction.email}\n"
    )
    if settings.SECRETARIAT_EMAIL:
        send_mail(subject, body, None, [settings.SECRETARIAT_EMAIL])
    else:
        mail_admins(subject, body)


@method_decorator(never_cache, name="dispatch")
class CorrectionView(FormView):
    """ "Suggest a correction": no account needed. Stored for the secretariat, who are told by
    email; nothing of it reaches a public page."""

    form_class = CorrectionForm
    template_name = "members/correction_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(Organisation, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        # Only suggestions that would be kept count; a refused one keeps what was typed.
        retry = over_the_limit("corrections", self.request, CORRECTIONS_PER_HOUR, 60 * 60)
        if retry:
            response = self.render_to_response(
                self.get_context_data(form=form, limited=True), status=429
            )
            response["Retry-After"] = str(retry)
            return response
        if not form.is_from_a_bot():
            correction = form.save(commit=False)
            correction.organisation = self.organisation
            correction.save()
            transaction.on_commit(lambda: notify_secretariat(correction))
        # A bot is thanked too: nothing tells it that it was found out.
        return redirect("members:correction-thanks", slug=self.organisation.slug)

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)


@never_cache
def correction_thanks(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(request, "members/correction_thanks.html", {"organisation": organisation})
