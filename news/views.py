from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import DetailView, ListView

from cicopa.pagecache import fragment, until_next_publication
from cicopa.pagination import UncountedPaginator
from cicopa.reversing import reverse
from members.models import listing

from .models import NewsItem


class NewsViewMixin:
    """What every news list shares: published items only, newest first, 10 a page."""

    paginate_by = 10

    def get_queryset(self):
        return NewsItem.objects.published().summaries()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["news_years"] = fragment("news-years", self.news_years, until_next_publication)
        return context

    @staticmethod
    def news_years():
        """[(year, its archive's address)], newest first."""
        return [
            (year, reverse("news:newsitem-archive-year", year=year))
            for year in NewsItem.objects.public_years()
        ]


class NewsListView(NewsViewMixin, ListView):
    """All the news, newest first, in newer and older pages: the years lead further back."""

    template_name = "news/newsitem_list.html"
    paginator_class = UncountedPaginator


class NewsYearArchiveView(NewsViewMixin, ListView):
    """A plain filtered list: YearArchiveView would add a month list and next/previous-year
    queries that the page does not show."""

    template_name = "news/newsitem_archive_year.html"

    def paginate_queryset(self, queryset, page_size):
        # A year with no news is a 404. (allow_empty = False would cost an extra EXISTS query;
        # the paginator has counted the year's items already.)
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        if not paginator.count:
            raise Http404("No news that year.")
        return paginator, page, object_list, is_paginated

    def get_queryset(self):
        return super().get_queryset().filter(published_at__year=self.kwargs["year"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=self.kwargs["year"], **kwargs)


class NewsItemDetailView(DetailView):
    """Anyone sees a published item; staff may also preview a draft or a scheduled one."""

    def get_queryset(self):
        return NewsItem.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        # One query, as prefetch_related's would be, without its bookkeeping (a millisecond of
        # the page) and without running for a redirect; rows, as the directory lists them.
        organisations = listing(self.object.organisations.listed())
        return super().get_context_data(organisations=organisations, **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.published_on.year != kwargs["year"]:
            # The date was corrected after publication: old links still arrive.
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))
