import base64
import hashlib

from django.contrib import admin, messages
from django_prose_editor.widgets import importmap

from .models import NewsItem


def inline_script_hash(script_tag):
    """The CSP source that allows exactly this inline <script>…</script>."""
    content = str(script_tag).split(">", 1)[1].rsplit("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
    return f"'sha256-{digest}'"


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at", "is_public"]
    list_filter = ["status"]
    date_hierarchy = "published_at"
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["organisations"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "title",
        "slug",
        "summary",
        "body",
        "organisations",
        "status",
        "published_at",
        "created_at",
        "updated_at",
    ]
    actions = ["publish", "unpublish"]

    @admin.display(boolean=True, description="on the site")
    def is_public(self, item):
        return item.is_public

    def changeform_view(self, request, *args, **kwargs):
        response = super().changeform_view(request, *args, **kwargs)
        # The body editor needs its import map, an inline script: allow that one by its hash.
        # Its ProseMirror core also injects a <style> element; inline styles cannot run code,
        # so this one form allows them rather than pin a hash that changes with each release.
        response._csp_update = {
            "script-src": [inline_script_hash(importmap.render())],
            "style-src": ["'unsafe-inline'"],
        }
        return response

    def _set_status(self, request, queryset, status, message):
        # Saved one by one, not with update(): each change is logged in the admin's history
        # and empties the page cache.
        items = [item for item in queryset if item.status != status]
        for item in items:
            item.status = status
            item.save(update_fields=["status", "updated_at"])
            self.log_change(request, item, message)
        self.message_user(request, f"{message}: {len(items)} item(s).", messages.SUCCESS)

    @admin.action(description="Publish the selected items", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, NewsItem.Status.PUBLISHED, "Published")

    @admin.action(description="Unpublish the selected items", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, NewsItem.Status.DRAFT, "Returned to draft")
