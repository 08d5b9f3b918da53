"""History and restore in the admin (django-reversion): every save made in the admin is kept
as a version, with who and when. "History" lists them with what each changed, field by field;
any version can be restored, and a deleted record recovered from "Recover deleted …" on the
list. A restore saves the record as a save does, so the public pages, counts and caches
follow it."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import strip_tags
from django.utils.text import Truncator
from reversion.admin import VersionAdmin
from reversion.models import Version


class HistoryAdmin(VersionAdmin):
    object_history_template = "admin/history_with_changes.html"
    history_latest_first = True

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        actions = response.context_data["action_list"]
        versions = list(
            self._reversion_order_version_queryset(
                request, Version.objects.get_for_object_reference(self.model, unquote(object_id))
            )
        )
        # Each version beside the one saved before it.
        by_age = sorted(versions, key=lambda version: version.pk)
        before = dict(zip(by_age[1:], by_age[:-1], strict=True))
        for action, version in zip(actions, versions, strict=True):
            action["changes"] = self.changes(version, before.get(version))
        return response

    def changes(self, version, before):
        """[(label, was, now)] for each field that `version` changed; [] for the first."""
        if before is None:
            return []
        now, was = version.field_dict, before.field_dict
        return [
            (self.label(name), shown(was.get(name)), shown(value))
            for name, value in now.items()
            if name not in ("updated_at", "created_at") and was.get(name) != value
        ]

    def label(self, name):
        try:
            return self.model._meta.get_field(name).verbose_name
        except FieldDoesNotExist:
            return name


def shown(value):
    """A field's value as the history shows it: text without markup, shortened."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list | tuple | set):
        value = ", ".join(str(item) for item in value)
    return Truncator(strip_tags(str(value))).chars(120)
