from django.shortcuts import redirect
from django.views.generic import DetailView, ListView, TemplateView

from cicopa.pagecache import cached
from cicopa.pagination import UncountedPaginator
from members import network, worldmap

from .models import NewsItem


class HomeView(TemplateView):
    """The network in figures on its map, and the latest news."""

    template_name = "home.html"
    query_parameters = ()  # a page for cicopa.pagecache

    def get_context_data(self, **kwargs):
        by_country = network.members_by_country()
        return super().get_context_data(
            network=network.totals(by_country),
            world_map=worldmap.world_map(by_country),
            legend=worldmap.legend(),
            latest_news=NewsItem.objects.published().summaries()[:5],
            **kwargs,
        )


class NewsViewMixin:
    """What every news list shares: published items only, newest first, 10 a page, and the
    years that have news."""

    paginate_by = 10
    query_parameters = ("page",)

    def get_queryset(self):
        return NewsItem.objects.published().summaries()

    def get_context_data(self, **kwargs):
        years = cached("news:years", NewsItem.objects.public_years)
        return super().get_context_data(news_years=years, **kwargs)


class NewsListView(NewsViewMixin, ListView):
    """All the news, newest first, in newer and older pages: the years lead further back."""

    template_name = "news/newsitem_list.html"
    paginator_class = UncountedPaginator


class NewsYearArchiveView(NewsViewMixin, ListView):
    """A plain filtered list: YearArchiveView would add a month list and next/previous-year
    queries that the page does not show. A year with no news is a 404."""

    template_name = "news/newsitem_archive_year.html"
    allow_empty = False

    def get_queryset(self):
        return super().get_queryset().filter(published_at__year=self.kwargs["year"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=self.kwargs["year"], **kwargs)


class NewsItemDetailView(DetailView):
    """Anyone sees a published item; staff may also preview a draft or a scheduled one."""

    query_parameters = ()

    def get_queryset(self):
        return NewsItem.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        organisations = self.object.organisations.listed()
        return super().get_context_data(organisations=organisations, **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.published_on.year != kwargs["year"]:
            # The date was corrected after publication: old links still arrive.
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))
