from django.conf import settings
from django.views.generic import DetailView

from . import retention
from .models import Page


class PageView(DetailView):
    model = Page
    slug_field = "kind"
    query_parameters = ()  # a page for cicopa.pagecache

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.kind == Page.Kind.PRIVACY:
            # The periods the site enforces, from settings: the notice cannot drift from them.
            context["retention"] = [(kind.label, kind.days) for kind in retention.KINDS]
            context["session_days"] = settings.SESSION_COOKIE_AGE // (24 * 60 * 60)
        return context
