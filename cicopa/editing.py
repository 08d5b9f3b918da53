"""No lost updates in the admin: a change form remembers when its record was last changed, and
refuses to save over a change someone else saved since (optimistic locking on `updated_at`).
The refused form keeps what was typed and says who changed what, with the values saved now;
saving it again, having seen them, replaces them."""

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _


class NoLostUpdatesForm(forms.ModelForm):
    """For a ModelAdmin's `form`, on a model with `updated_at`; name `version` in a fieldset so
    that it is sent with the form."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # Locked until this save commits: a second save at the same moment waits, then sees it.
        saved = (
            type(self.instance)._default_manager.select_for_update().filter(pk=self.instance.pk)
        ).first()
        if saved is None or cleaned.get("version") == saved.updated_at.isoformat():
            return cleaned
        # Saving again, having seen their changes, replaces them.
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = saved.updated_at.isoformat()
        raise ValidationError(
            [
                _(
                    "Someone else saved this record after you opened it, so nothing was saved. "
                    "What you typed is below; compare it with what is saved now, then save "
                    "again to replace that with your version."
                ),
                *self.changes_since(saved, cleaned.get("version")),
                *self.differences(saved, cleaned),
            ]
        )

    def changes_since(self, saved, opened):
        """Who saved the record since `opened` (the version the form was opened at), and
        what they said they changed."""
        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(saved), object_id=str(saved.pk)
        ).select_related("user")
        try:
            entries = entries.filter(action_time__gt=forms.DateTimeField().to_python(opened))
        except ValidationError:
            pass  # no version sent: every entry since the record was saved last
        return [
            _("%(when)s, %(who)s: %(what)s")
            % {
                "when": formats.date_format(
                    timezone.localtime(entry.action_time), "DATETIME_FORMAT"
                ),
                "who": entry.user.get_username(),
                "what": entry.get_change_message() or _("Changed."),
            }
            for entry in entries.order_by("action_time")
        ]

    def differences(self, saved, cleaned):
        """Each field where what is saved now differs from this form, with the saved value."""
        lines = []
        for name, field in self.fields.items():
            try:
                model_field = saved._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # the version itself
            if isinstance(model_field, models.FileField):
                continue
            now, typed = model_field.value_from_object(saved), cleaned.get(name)
            if isinstance(model_field, models.ManyToManyField):
                differs = {o.pk for o in now} != {o.pk for o in typed or ()}
                now = ", ".join(str(o) for o in now)
            elif isinstance(model_field, models.ForeignKey):
                differs = now != getattr(typed, "pk", None)
                now = getattr(saved, name)
            else:
                differs = blank(now) != blank(typed)
            if differs:
                value = Truncator(strip_tags(str(blank(now)))).chars(200) or "—"
                lines.append(
                    _("%(field)s, saved now: %(value)s") % {"field": field.label, "value": value}
                )
        return lines


def blank(value):
    return "" if value is None else value
