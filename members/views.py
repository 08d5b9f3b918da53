from django.views.generic import DetailView, ListView

from .filters import OrganisationFilter
from .models import Organisation


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
        return context


class OrganisationDetailView(DetailView):
    """Every organisation keeps its page, a former member's marked as such."""

    queryset = Organisation.objects.with_place()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            news_items=self.object.news_items.published()[:10], **kwargs
        )
