from django.contrib import admin, messages
from django.utils import timezone

from .models import NewsItem


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

    @admin.action(description="Publish the selected items", permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.update(status=NewsItem.Status.PUBLISHED, updated_at=timezone.now())
        self.message_user(request, f"{count} item(s) published.", messages.SUCCESS)

    @admin.action(description="Unpublish the selected items", permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.update(status=NewsItem.Status.DRAFT, updated_at=timezone.now())
        self.message_user(request, f"{count} item(s) returned to draft.", messages.SUCCESS)
