from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from cicopa.pagination import UncountedPaginator

from .filters import PublicationFilter
from .models import Publication, PublicationFile


class PublicationListView(ListView):
    """/publications/: newest first, narrowed by kind, year, language and words; filters that
    cannot be read are the form's errors, with a 400."""

    template_name = "publications/publication_list.html"
    paginate_by = 20
    paginator_class = UncountedPaginator
    query_parameters = ("kind", "year", "language", "page")  # for cicopa.pagecache
    search_parameters = ("q",)

    def get_queryset(self):
        published = Publication.objects.published()
        years = published.order_by("-year").values_list("year", flat=True).distinct()
        self.filterset = PublicationFilter(self.request.GET, queryset=published, years=years)
        if not self.filterset.is_valid():
            return Publication.objects.none()
        return self.filterset.qs.distinct().prefetch_related("files")

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)

    def render_to_response(self, context, **kwargs):
        status = 200 if self.filterset.is_valid() else 400
        return super().render_to_response(context, status=status, **kwargs)


class PublicationDetailView(DetailView):
    template_name = "publications/publication_detail.html"
    context_object_name = "publication"
    query_parameters = ()

    def get_queryset(self):
        return Publication.objects.visible_to(self.request).prefetch_related(
            "files", "organisations", "regions"
        )


def publication_file(request, slug, language):
    """/publications/<slug>/<language>.pdf: the current file, whatever its stored name, as a
    PDF a browser shows, named after the publication."""
    publications = Publication.objects.visible_to(request)
    found = get_object_or_404(
        PublicationFile.objects.select_related("publication"),
        publication__in=publications,
        publication__slug=slug,
        language=language,
    )
    try:
        stream = found.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing from storage.") from error
    response = FileResponse(
        stream, content_type="application/pdf", filename=f"{slug}-{language}.pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{slug}-{language}.pdf"'
    if found.publication.status == Publication.Status.PUBLISHED:
        response["Cache-Control"] = "public, max-age=3600"
    else:  # a draft's file, for staff previewing it: never kept by the front or a proxy
        response["Cache-Control"] = "private, no-store"
    return response
