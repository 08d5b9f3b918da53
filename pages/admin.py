import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from translated_fields import TranslatedFieldAdmin

from cicopa.editing import NoLostUpdatesForm
from cicopa.history import HistoryAdmin
from cicopa.translation import fieldsets_by_language
from news.admin import BodyEditorAdmin

from .models import Page
from .personal_data import Held, record

PLACES = {
    "subscriptions": _("Subscriptions to the news"),
    "corrections": _("Suggested corrections"),
    "accounts": _("Accounts (staff and representatives)"),
    "proposals": _("Representatives' proposals"),
    "sign_ins": _("Sign-in records"),
    "history": _("History entries naming it"),
    "admin_log": _("Admin log entries naming it"),
    "tasks": _("Task queue entries naming it"),
}


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    confirm_erasure = forms.BooleanField(
        label=_("Yes, erase everything listed: this cannot be undone"), required=False
    )


@admin.register(Page)
class PageAdmin(BodyEditorAdmin, TranslatedFieldAdmin, HistoryAdmin):
    """About, Contact, Become a member and the privacy notice: one each, edited, never added
    or deleted. Beside them, the answer to requests about personal data."""

    form = NoLostUpdatesForm
    list_display = ["__str__", "title_en", "updated_at"]
    fieldsets = fieldsets_by_language(("title", "summary", "body")) + [
        (None, {"fields": ["version"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.personal_data_view)
        return [path("personal-data/", view, name="personal_data"), *super().get_urls()]

    def personal_data_view(self, request):
        """Everything held about an address: shown, downloaded as one JSON file, or erased.
        The address travels only in POSTs, never in an address a log would keep."""
        if not request.user.has_perm("pages.answer_personal_data_requests"):
            raise PermissionDenied
        form = PersonalDataForm(request.POST or None)
        held = None
        if request.method == "POST" and form.is_valid():
            held = Held(form.cleaned_data["email"])
            action = request.POST.get("action")
            if action == "download":
                return self.download(request, held)
            if action == "erase":
                if form.cleaned_data["confirm_erasure"]:
                    return self.erase(request, held)
                form.add_error("confirm_erasure", _("Tick this box to erase."))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Personal data held about an address"),
            "form": form,
            "held": held,
            "places": [
                (label, (held.counts() if held else {}).get(key, 0))
                for key, label in PLACES.items()
            ],
            "opts": self.model._meta,
        }
        status = 400 if form.errors else 200
        return TemplateResponse(request, "admin/pages/personal_data.html", context, status=status)

    def download(self, request, held):
        record(request.user, "Personal data sent on request", held.counts())
        body = json.dumps(held.as_data(), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        name = f"personal-data-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def erase(self, request, held):
        counts = held.erase(by=request.user)
        erased = ", ".join(f"{PLACES[key]}: {count}" for key, count in counts.items() if count)
        self.message_user(
            request,
            _("Erased (%(what)s). The admin's log records it without the address.")
            % {"what": erased or _("nothing was held")},
            messages.SUCCESS,
        )
        return redirect("admin:personal_data")
