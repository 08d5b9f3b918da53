from django.views.generic import DetailView

from .models import Page


class PageView(DetailView):
    model = Page
    slug_field = "kind"
    query_parameters = ()  # a page for cicopa.pagecache
