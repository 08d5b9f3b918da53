from django.contrib import admin
from translated_fields import TranslatedFieldAdmin

from cicopa.editing import NoLostUpdatesForm
from cicopa.history import HistoryAdmin
from news.admin import BodyEditorAdmin, fieldsets_by_language

from .models import Page


@admin.register(Page)
class PageAdmin(BodyEditorAdmin, TranslatedFieldAdmin, HistoryAdmin):
    """About, Contact and Become a member: one each, edited, never added or deleted."""

    form = NoLostUpdatesForm
    list_display = ["__str__", "title_en", "updated_at"]
    fieldsets = fieldsets_by_language(("title", "summary", "body")) + [
        (None, {"fields": ["version"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
