import base64
import hashlib

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_POST
from django_prose_editor.widgets import importmap
from import_export import fields, resources
from import_export.admin import ExportMixin, ImportExportMixin
from import_export.widgets import ForeignKeyWidget
from reversion import create_revision, set_comment, set_user
from translated_fields import TranslatedFieldAdmin, to_attribute

from cicopa.editing import NoLostUpdatesForm
from cicopa.history import HistoryAdmin
from cicopa.templatetags.pictures import picture
from cicopa.translation import fieldsets_by_language
from members.exports import cell
from members.models import Country
from members.resources import Changes

from .archive import import_feed
from .models import Digest, DigestSchedule, Event, NewsItem, Picture, Subscriber
from .tasks import send_digest_now


def inline_script_hash(script_tag):
    """The CSP source that allows exactly this inline <script>…</script>."""
    content = str(script_tag).split(">", 1)[1].rsplit("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
    return f"'sha256-{digest}'"


class FeedFileForm(forms.Form):
    feed = forms.FileField(
        label=_("Feed file"),
        help_text=_("The RSS or Atom file of the older site's news, as saved from its address."),
    )


class BodyEditorAdmin:
    """For a change form with the body editor (django-prose-editor)."""

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


@admin.register(NewsItem)
class NewsItemAdmin(BodyEditorAdmin, TranslatedFieldAdmin, HistoryAdmin):
    form = NoLostUpdatesForm  # two staff members editing at once: the second is told
    list_display = ["title_en", "state", "published_at", "is_public", "translated"]
    list_filter = ["status"]
    date_hierarchy = "published_at"
    search_fields = [*NewsItem.title.fields, *NewsItem.body.fields]
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ["organisations"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = fieldsets_by_language(("title", "summary", "lead_image_alt", "body"), slug=True) + [
        (_("Lead image"), {"fields": ["lead_image"]}),
        (
            _("Publication"),
            {"fields": ["organisations", "status", "published_at", "original_url"]},
        ),
        (_("Record"), {"fields": ["created_at", "updated_at", "version"], "classes": ["collapse"]}),
    ]
    actions = ["publish", "unpublish"]
    change_list_template = "admin/news/newsitem/change_list.html"  # with "Import a feed"
    # An address typed without a scheme is https (Django 6's default, today).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_urls(self):
        feed = path(
            "import-feed/",
            self.admin_site.admin_view(self.import_feed_view),
            name="news_newsitem_import_feed",
        )
        return [feed, *super().get_urls()]

    def import_feed_view(self, request):
        """An older site's archive, from its RSS or Atom feed file (news/archive.py)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = FeedFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                created, skipped = import_feed(form.cleaned_data["feed"].read())
            except ValueError as error:
                form.add_error("feed", str(error))
            else:
                for item in created:
                    self.log_addition(request, item, [{"added": {}}])
                self.message_user(
                    request,
                    _("%(created)s items brought in, %(skipped)s already here.")
                    % {"created": len(created), "skipped": skipped},
                    messages.SUCCESS,
                )
                return redirect("admin:news_newsitem_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Import a feed"),
        }
        return TemplateResponse(request, "admin/news/newsitem/import_feed.html", context)

    @admin.display(description=_("translations"))
    def translated(self, item):
        return " ".join(
            code.upper()
            for code, _name in settings.LANGUAGES[1:]
            if getattr(item, to_attribute("title", code))
        )

    @admin.display(description=_("status"), ordering="status")
    def state(self, item):
        return item.state

    @admin.display(boolean=True, description=_("on the site"))
    def is_public(self, item):
        return item.is_public

    def _set_status(self, request, queryset, status, message):
        # Saved one by one, not with update(): each change is logged in the admin's history
        # and empties the page cache.
        items = [item for item in queryset if item.status != status]
        for item in items:
            item.status = status
            item.save(update_fields=["status", "updated_at"])
            self.log_change(request, item, message)
        self.message_user(
            request,
            ngettext("%(message)s: %(count)d item.", "%(message)s: %(count)d items.", len(items))
            % {"message": message, "count": len(items)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish(self, request, queryset):
        published = pgettext("what was done to news items", "Published")
        self._set_status(request, queryset, NewsItem.Status.PUBLISHED, published)

    @admin.action(description=_("Unpublish the selected items"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, NewsItem.Status.DRAFT, _("Returned to draft"))


class PictureForm(forms.ModelForm):
    class Meta:
        model = Picture
        fields = ["image", "alt"]


@admin.register(Picture)
class PictureAdmin(HistoryAdmin):
    """Pictures for the bodies of news items and pages. The editor's picture button opens the
    picker: choose one uploaded before, or upload one (checked as a lead image is) and it goes
    straight into the text."""

    form = PictureForm
    list_display = ["thumbnail", "alt", "uploaded_at"]
    list_display_links = ["thumbnail", "alt"]
    search_fields = ["alt"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["thumbnail", "uploaded_at"]
    fields = ["thumbnail", "image", "alt", "uploaded_at"]
    picker_length = 30

    @admin.display(description=_("picture"))
    def thumbnail(self, obj):
        return picture(obj, "image", obj.alt, "8rem", css_class="admin-thumbnail") if obj.pk else ""

    def get_urls(self):
        picker = path(
            "picker/", self.admin_site.admin_view(self.picker_view), name="news_picture_picker"
        )
        return [picker, *super().get_urls()]

    def picker_view(self, request):
        """The window the editor's picture button opens (static/js/picture-picker.js)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_add = self.has_add_permission(request)
        form = PictureForm(request.POST or None, request.FILES or None) if can_add else None
        uploaded = None
        if request.method == "POST":
            if not can_add:
                raise PermissionDenied
            if form.is_valid():
                with create_revision():
                    uploaded = form.save()
                    set_user(request.user)
                    set_comment(_("Uploaded from the editor."))
                self.log_addition(request, uploaded, [{"added": {}}])
                form = PictureForm()
        query = request.GET.get("q", "").strip()[:100]
        pictures = self.get_queryset(request)
        if query:
            pictures = pictures.filter(alt__icontains=query)
        pictures = [p for p in pictures[: self.picker_length] if p != uploaded]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Insert a picture"),
            "is_popup": True,
            "form": form,
            "uploaded": uploaded,
            "pictures": pictures,
            "query": query,
            "editor_call": request.GET.get("CKEditorFuncNum", ""),
        }
        return TemplateResponse(request, "admin/news/picture/picker.html", context)


class SubscriberResource(resources.ModelResource):
    regions = fields.Field(column_name="regions")

    class Meta:
        model = Subscriber
        fields = ["email", "language", "regions", "status", "consented_at", "confirmed_at"]
        export_order = fields

    def dehydrate_regions(self, subscriber):
        return ", ".join(region.name_en for region in subscriber.regions.all())

    def export_field(self, field, instance, **kwargs):
        # An address may begin with "=": never a formula in a spreadsheet (members/exports.py).
        value = super().export_field(field, instance, **kwargs)
        return cell(value) if isinstance(value, str) else value


@admin.register(Subscriber)
class SubscriberAdmin(ExportMixin, admin.ModelAdmin):
    """Who receives the news by email. Subscriptions are made and changed by subscribers
    only (their consent); the secretariat sees them, counts them, exports them, deletes one
    on request, and sends a digest now."""

    resource_classes = [SubscriberResource]
    list_display = ["email", "status", "language", "region_names", "consented_at", "confirmed_at"]
    list_filter = ["status", "language", "regions"]
    show_facets = admin.ShowFacets.ALWAYS  # the counts by status, language and region
    search_fields = ["email"]
    date_hierarchy = "consented_at"
    import_export_change_list_template = "admin/news/subscriber/change_list.html"  # "Send now"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("regions")

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).prefetch_related("regions")

    @admin.display(description=_("regions"))
    def region_names(self, subscriber):
        return ", ".join(region.name for region in subscriber.regions.all()) or _("All")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        send = path(
            "send-digest/",
            self.admin_site.admin_view(require_POST(self.send_digest_view)),
            name="news_subscriber_send_digest",
        )
        return [send, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_send_digest": request.user.has_perm("news.send_digest"),
            "schedule": DigestSchedule.current(),
            "schedule_url": reverse("admin:news_digestschedule_change", args=[1]),
        }
        return super().changelist_view(request, extra_context)

    def send_digest_view(self, request):
        if not request.user.has_perm("news.send_digest"):
            raise PermissionDenied
        send_digest_now.enqueue()
        self.message_user(
            request,
            _(
                "The digest is on its way to every confirmed subscriber with something new "
                "for them; the digests' list shows how far it got."
            ),
            messages.SUCCESS,
        )
        return redirect("admin:news_subscriber_changelist")

    # Deleted on request: the record goes, and so does every trace of the address in the
    # admin's history, the deletion's own entry included.
    def log_deletions(self, request, queryset):
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Subscriber),
            object_id__in=[str(subscriber.pk) for subscriber in queryset],
        ).delete()


class EventResource(resources.ModelResource):
    """Events from and to a spreadsheet (an archive of past meetings, a year's programme): a
    row an event, matched by its slug; the country by its ISO code. Each row is checked as the
    form checks an event, and the preview lists what each row changes (members.resources)."""

    country = fields.Field(
        attribute="country", column_name="country", widget=ForeignKeyWidget(Country, "code")
    )

    class Meta:
        model = Event
        fields = [
            "slug",
            *Event.title.fields,
            *Event.summary.fields,
            "start_date",
            "start_time",
            "end_date",
            "end_time",
            "time_zone",
            "city",
            "country",
            "online_url",
            "registration_url",
            "status",
            "cancelled",
        ]
        export_order = fields
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def get_diff_class(self):
        return Changes

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return cell(value) if isinstance(value, str) else value


@admin.register(Event)
class EventAdmin(ImportExportMixin, BodyEditorAdmin, TranslatedFieldAdmin, HistoryAdmin):
    """Events (#32): written as news items are; "View on site" previews a draft; Import and
    Export with a spreadsheet (EventResource)."""

    resource_classes = [EventResource]
    import_template_name = "admin/news/event/import.html"
    form = NoLostUpdatesForm
    list_display = ["title_en", "start_date", "place", "organisation", "status", "cancelled"]
    list_filter = ["status", "cancelled", "region"]
    date_hierarchy = "start_date"
    search_fields = [*Event.title.fields, "city"]
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ["organisation", "country"]
    readonly_fields = ["created_at", "updated_at", "sequence"]
    fieldsets = fieldsets_by_language(("title", "summary", "body"), slug=True) + [
        (
            _("When"),
            {"fields": ["start_date", "start_time", "end_date", "end_time", "time_zone"]},
        ),
        (_("Where"), {"fields": ["city", "country", "online_url"]}),
        (
            _("Publication"),
            {"fields": ["organisation", "region", "registration_url", "status", "cancelled"]},
        ),
        (
            _("Record"),
            {
                "fields": ["created_at", "updated_at", "sequence", "version"],
                "classes": ["collapse"],
            },
        ),
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at", "finished_at", "item_count", "mails"]
    readonly_fields = ["created_at", "finished_at", "items", "mails"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_count=models.Count("items"))

    @admin.display(description=_("news items"), ordering="item_count")
    def item_count(self, digest):
        return digest.item_count

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # subscribers' last digest: what the next one brings them


@admin.register(DigestSchedule)
class DigestScheduleAdmin(admin.ModelAdmin):
    """One row: how often the digest goes out."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        schedule = DigestSchedule.current()
        return redirect(reverse("admin:news_digestschedule_change", args=[schedule.pk]))
