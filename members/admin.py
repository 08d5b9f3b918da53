import unicodedata

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from translated_fields import TranslatedFieldAdmin

from cicopa.editing import NoLostUpdatesForm
from cicopa.history import HistoryAdmin

from . import proposals, representatives, rounds
from .forms import OrganisationConfirmImportForm, OrganisationImportForm
from .models import (
    Correction,
    Country,
    FiguresRound,
    Organisation,
    Proposal,
    Region,
    Representative,
)
from .resources import OrganisationResource


@admin.register(Region)
class RegionAdmin(TranslatedFieldAdmin, HistoryAdmin):
    list_display = [*Region.name.fields, "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ("name_en",)}
    search_fields = Region.name.fields


@admin.register(Country)
class CountryAdmin(TranslatedFieldAdmin, HistoryAdmin):
    list_display = [*Country.name.fields, "code", "region", "members"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = [*Country.name.fields, "code"]
    autocomplete_fields = ["region"]

    def get_queryset(self, request):
        current = Q(organisations__status=Organisation.Status.CURRENT)
        members = Count("organisations", filter=current)
        # A GROUP BY leaves Meta.ordering out: say it again for the autocomplete.
        queryset = super().get_queryset(request).annotate(members=members)
        return queryset.order_by(*Country._meta.ordering)

    @admin.display(description=_("current members"), ordering="members")
    def members(self, country):
        return country.members


def in_latin_letters(text):
    """Whether every letter of `text` is a Latin one (accented or not): "Coopérative Ñandú"
    is, "الاتحاد التعاوني" is not."""
    return all("LATIN" in unicodedata.name(c, "") for c in text if c.isalpha())


class OrganisationForm(NoLostUpdatesForm):
    """The admin's form for an organisation: two staff members editing at once are told
    (NoLostUpdatesForm); the slug, left empty, is made from a name in Latin letters. A name
    in another script has no transliteration that reads right in every case, so then the
    staff member writes the slug."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The organisation's address on the site. Left empty, it is made from the name; "
                "for a name in another script than Latin letters, write it yourself, as the "
                "organisation writes its name in Latin letters."
            )

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("name")
        if "slug" in self.fields and not cleaned.get("slug") and name:
            if in_latin_letters(name):
                cleaned["slug"] = slugify(name)[: Organisation._meta.get_field("slug").max_length]
            else:
                self.add_error(
                    "slug",
                    _(
                        "This name is not written in Latin letters: write the address "
                        "yourself, as the organisation writes its name in Latin letters "
                        "(for example al-ittihad-al-taawuni)."
                    ),
                )
        return cleaned


def styled_inline(response):
    """The export form sets two inline styles: that page alone allows them (they cannot run
    code). The import's preview has none since it lists changes itself."""
    response._csp_update = {"style-src": ["'unsafe-inline'"]}
    return response


class RepresentativeInline(admin.TabularInline):
    """Who represents the organisation (#30), when they last signed in; deleting one revokes
    their access (their account goes). They are added by "Invite a representative"."""

    model = Representative
    fields = ["email", "language", "last_sign_in", "invited_at"]
    readonly_fields = ["email", "language", "last_sign_in", "invited_at"]
    extra = 0
    verbose_name_plural = _("representatives (delete one to revoke their access)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("members.change_organisation")

    has_delete_permission = has_view_permission

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("email address"))
    def email(self, representative):
        return representative.user.email

    @admin.display(description=_("last sign-in"))
    def last_sign_in(self, representative):
        return representative.user.last_login or _("not yet")


@admin.register(Organisation)
class OrganisationAdmin(ImportExportMixin, TranslatedFieldAdmin, HistoryAdmin):
    resource_classes = [OrganisationResource]  # Import and Export: members/resources.py
    formats = [base_formats.CSV, base_formats.XLSX]
    import_form_class = OrganisationImportForm
    confirm_form_class = OrganisationConfirmImportForm
    import_template_name = "admin/members/organisation/import.html"  # the preview, readable
    form = OrganisationForm
    list_display = ["name", "acronym", "country", "region", "category", "status"]
    list_filter = [
        ("country__region", admin.RelatedOnlyFieldListFilter),
        ("country", admin.RelatedOnlyFieldListFilter),
        "category",
        "status",
    ]
    list_select_related = ["country__region"]
    search_fields = ["name", "acronym", "country__name_en"]
    autocomplete_fields = ["country"]
    readonly_fields = ["created_at", "updated_at", "invite_link"]
    inlines = [RepresentativeInline]
    # A website typed without a scheme is https (Django 6's default, today).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "country", "category"]}),
        (_("About"), {"fields": ["description_en", "website", "logo"]}),
        # The translations folded until wanted, as the news items' are.
        *(
            (name, {"fields": [f"description_{code}"], "classes": ["collapse"]})
            for code, name in settings.LANGUAGES[1:]
        ),
        (_("Membership"), {"fields": ["member_since", "ica_member_since", "status", "left_in"]}),
        (
            _("Key figures"),
            {
                "fields": ["cooperatives", "individual_members", "figures_year"],
                "description": _("Only where the member has declared them."),
            },
        ),
        (_("Record"), {"fields": ["created_at", "updated_at", "version"], "classes": ["collapse"]}),
        (_("Representatives"), {"fields": ["invite_link"]}),
    ]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []  # invited once the member exists

    @admin.display(description=_("invite"))
    def invite_link(self, organisation):
        if organisation.pk is None:
            return _("Save the organisation first.")
        url = reverse("admin:members_organisation_invite", args=[organisation.pk])
        return format_html('<a href="{}">{}</a>', url, _("Invite a representative"))

    def get_urls(self):
        invite = path(
            "<path:object_id>/invite/",
            self.admin_site.admin_view(self.invite_view),
            name="members_organisation_invite",
        )
        return [invite, *super().get_urls()]

    def invite_view(self, request, object_id):
        """A representative's email and language: their account, and the mail inviting them."""
        organisation = get_object_or_404(Organisation, pk=object_id)
        if not self.has_change_permission(request, organisation):
            raise PermissionDenied
        form = representatives.InvitationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            representatives.invite(organisation, **form.cleaned_data)
            self.message_user(
                request,
                _("An invitation to represent %(organisation)s is sent to %(email)s.")
                % {"email": form.cleaned_data["email"], "organisation": organisation},
                messages.SUCCESS,
            )
            return redirect("admin:members_organisation_change", organisation.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite a representative of %(organisation)s")
            % {"organisation": organisation},
            "form": form,
            "organisation": organisation,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/members/organisation/invite.html", context)

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["clear_blank_cells"] = import_form.cleaned_data["clear_blank_cells"]
        return initial

    def export_action(self, request, *args, **kwargs):
        return styled_inline(super().export_action(request, *args, **kwargs))

    @admin.display(description=_("region"), ordering="country__region__position")
    def region(self, organisation):
        return organisation.country.region


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Visitors' suggestions: read what was sent (shown as plain text), then mark it accepted
    or rejected once the entry has been dealt with."""

    list_display = ["about", "status", "created_at", "email"]
    list_filter = ["status"]
    list_select_related = ["organisation"]
    search_fields = ["organisation_name", "what_is_wrong", "proposed_text", "email"]
    date_hierarchy = "created_at"
    fields = [
        "organisation_entry",
        "what_is_wrong",
        "proposed_text",
        "email",
        "created_at",
        "status",
    ]
    readonly_fields = [
        "organisation_entry",
        "what_is_wrong",
        "proposed_text",
        "email",
        "created_at",
    ]
    list_editable = ["status"]

    def has_add_permission(self, request):
        return False  # they come from visitors

    @admin.display(description=_("organisation"), ordering="organisation_name")
    def about(self, correction):
        return correction.about()

    @admin.display(description=_("organisation"))
    def organisation_entry(self, correction):
        """A link to the entry to correct, while it exists."""
        if correction.organisation is None:
            return correction.about()
        change = reverse("admin:members_organisation_change", args=[correction.organisation_id])
        return format_html('<a href="{}">{}</a>', change, correction.organisation)


class ReviewForm(forms.ModelForm):
    """A tick a proposed field (approve_<field>, added per proposal by ProposalAdmin.get_form),
    and the reason for what is not ticked."""

    class Meta:
        model = Proposal
        fields = ["reason"]

    def approved(self):
        return [
            name.removeprefix("approve_")
            for name, value in self.cleaned_data.items()
            if name.startswith("approve_") and value
        ]

    def clean(self):
        cleaned = super().clean()
        refused = len(self.approved()) < len(self.instance.proposed())
        if refused and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why, for the representative: it is mailed to them."))
        return cleaned


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Representatives' proposed changes (members/proposals.py): each field proposed beside
    what is published, approved by its tick; the rest refused with the reason."""

    form = ReviewForm
    list_display = ["organisation", "representative", "created_at", "status"]
    list_filter = ["status"]
    list_select_related = ["organisation", "representative__user"]
    search_fields = ["organisation__name"]
    readonly_fields = ["organisation", "representative", "created_at", "comparison", "status"]

    def has_add_permission(self, request):
        return False  # they come from representatives

    def has_change_permission(self, request, obj=None):
        decided = obj is not None and obj.status != Proposal.Status.PENDING
        return not decided and super().has_change_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        ticks = [f"approve_{field}" for field in obj.proposed()] if obj else []
        if obj is not None and obj.status != Proposal.Status.PENDING:
            ticks = ["decided_at", "decided_by"]
        fields = ["organisation", "representative", "created_at", "status", "comparison"]
        return [(None, {"fields": fields}), (_("Decision"), {"fields": [*ticks, "reason"]})]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != Proposal.Status.PENDING:
            return [*self.readonly_fields, "decided_at", "decided_by", "reason"]
        return self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        ticks = {
            f"approve_{field}": forms.BooleanField(
                label=_("Approve: %(field)s") % {"field": proposals.label(field)},
                required=False,
                initial=True,
            )
            for field in (obj.proposed() if obj else [])
        }
        kwargs["form"] = type("ReviewForm", (ReviewForm,), ticks)
        return super().get_form(request, obj, change, **kwargs)

    @admin.display(description=_("published, and proposed"))
    def comparison(self, proposal):
        organisation = proposal.organisation
        rows = [
            (proposals.label(field), shown(getattr(organisation, field)), shown(value))
            for field, value in proposal.changes.items()
        ]
        table = format_html_join("", '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>', rows)
        if proposal.logo:
            table += format_html(
                '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
                proposals.label("logo"),
                thumbnail(organisation.logo) if organisation.logo else "—",
                thumbnail(proposal.logo),
            )
        return format_html(
            '<table class="proposal"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            _("field"),
            _("published"),
            _("proposed"),
            table,
        )

    def save_model(self, request, obj, form, change):
        proposals.decide(obj, form.approved(), form.cleaned_data["reason"], request.user)


def shown(value):
    """A value whole, as a review needs it (History's cicopa.history.shown shortens it)."""
    return "—" if value in (None, "") else value


def thumbnail(picture):
    return format_html('<img src="{}" alt="" width="160" class="admin-thumbnail">', picture.url)


@admin.register(FiguresRound)
class FiguresRoundAdmin(admin.ModelAdmin):
    """The yearly figures round (members/rounds.py): adding one mails every current member's
    representatives; its page shows who answered, who has not, who has no representative."""

    list_display = ["__str__", "closes_on", "opened_at", "reminders_sent_at"]
    readonly_fields = ["opened_at", "reminders_sent_at", "progress"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["year", "closes_on"]
        return ["year", "closes_on", "opened_at", "reminders_sent_at", "progress"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            transaction.on_commit(lambda: rounds.announce(obj))

    @admin.display(description=_("progress"))
    def progress(self, figures_round):
        rows = rounds.progress(figures_round)

        def listed(organisations):
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (reverse("admin:members_organisation_change", args=[o.pk]), o.name)
                    for o in organisations
                ),
            )
            return links or "—"

        return format_html(
            '<dl class="round"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>'
            "<dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>",
            _("Answered (%(count)s)") % {"count": len(rows["answered"])},
            listed(rows["answered"]),
            _("Not yet answered (%(count)s)") % {"count": len(rows["waiting"])},
            listed(rows["waiting"]),
            _("No representative to ask: follow up by hand (%(count)s)")
            % {"count": len(rows["unrepresented"])},
            listed(rows["unrepresented"]),
            _("Totals so far, as answered"),
            _("%(cooperatives)s cooperatives, %(members)s individual members")
            % {
                "cooperatives": rows["totals"]["cooperatives"],
                "members": rows["totals"]["individual_members"],
            },
        )
