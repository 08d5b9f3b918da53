from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from translated_fields import TranslatedFieldAdmin

from cicopa.editing import NoLostUpdatesForm
from cicopa.history import HistoryAdmin
from cicopa.translation import fieldsets_by_language

from .models import Publication, PublicationFile


class PublicationFileInline(admin.TabularInline):
    """One PDF a language; what each file says of itself is shown before publishing."""

    model = PublicationFile
    extra = 1
    max_num = 3
    fields = ["language", "file", "size", "pages", "what_it_says"]
    readonly_fields = ["size", "pages", "what_it_says"]

    @admin.display(description=_("what the file says of itself"))
    def what_it_says(self, file):
        if not file.metadata:
            return "—"
        return format_html_join(", ", "{}: {}", file.metadata.items())


@admin.register(Publication)
class PublicationAdmin(TranslatedFieldAdmin, HistoryAdmin):
    form = NoLostUpdatesForm
    inlines = [PublicationFileInline]
    list_display = ["title_en", "kind", "year", "status", "languages"]
    list_filter = ["status", "kind", "year"]
    search_fields = [*Publication.title.fields, "authors"]
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ["organisations"]
    filter_horizontal = ["regions"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = fieldsets_by_language(("title", "summary"), slug=True) + [
        (
            _("Publication"),
            {"fields": ["kind", "year", "authors", "cover", "organisations", "regions", "status"]},
        ),
        (_("Record"), {"fields": ["created_at", "updated_at", "version"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("files")

    @admin.display(description=_("languages"))
    def languages(self, publication):
        return " ".join(file.language.upper() for file in publication.files.all()) or "—"
