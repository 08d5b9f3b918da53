"""Representatives' proposed changes (#30). A representative's save on /members/my/ is checked
as the admin checks an organisation (the model's validation, the logo's picture checks) and
kept as the organisation's one pending Proposal; the public entry does not change. A
Secretariat member then approves it field by field in the admin: what is approved is saved
to the organisation as an admin save is (a version in its History, the caches emptied by the
save's signals), and the representative is mailed the decision, with the reason for what
was refused."""

import os

import reversion
from django import forms
from django.conf import settings
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import mails
from .models import Organisation, Proposal


class ProposalForm(forms.ModelForm):
    """What a representative may change, on a copy of the entry that is never saved."""

    # Typed without a scheme, an address is https, as in the admin.
    website = forms.URLField(
        label=gettext_lazy("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
    )

    class Meta:
        model = Organisation
        fields = [*Proposal.FIELDS, "logo"]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "description_fr": forms.Textarea(attrs={"rows": 6}),
            "description_es": forms.Textarea(attrs={"rows": 6}),
            "logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }
        labels = {
            "description_en": gettext_lazy("Description in English"),
            "description_fr": gettext_lazy("Description in French"),
            "description_es": gettext_lazy("Description in Spanish"),
            "logo": gettext_lazy("A new logo"),
        }


def form_for(organisation, data=None, files=None):
    """The form, showing the pending proposal where there is one, else the entry."""
    pending = organisation.proposals.filter(status=Proposal.Status.PENDING).first()
    entry = Organisation.objects.get(pk=organisation.pk)  # changed in memory by validation
    return ProposalForm(data, files, instance=entry, initial=pending.changes if pending else {})


@transaction.atomic
def propose(representative, form):
    """The organisation's pending proposal, made or replaced by what `form` holds that differs
    from the entry; None when nothing does."""
    organisation = representative.organisation
    published = Organisation.objects.get(pk=organisation.pk)
    changes = {
        field: form.cleaned_data[field]
        for field in Proposal.FIELDS
        if form.cleaned_data[field] != getattr(published, field)
    }
    logo = form.cleaned_data.get("logo")
    new_logo = logo if isinstance(logo, UploadedFile) else None
    pending = (
        Proposal.objects.select_for_update()
        .filter(organisation=organisation, status=Proposal.Status.PENDING)
        .first()
    )
    if not changes and not new_logo and not (pending and pending.logo):
        return None
    proposal = pending or Proposal(organisation=organisation)
    proposal.representative = representative
    proposal.changes = changes
    if new_logo:
        proposal.logo = new_logo
    proposal.save()
    return proposal


def label(field):
    """A proposed field's name, as the representative's form gives it."""
    return str(ProposalForm.base_fields[field].label)


@transaction.atomic
def decide(proposal, approved, reason, user):
    """Save the `approved` fields (names, "logo" among them) to the organisation as an admin
    save does, record the decision, and mail it to the representative."""
    organisation = Organisation.objects.select_for_update().get(pk=proposal.organisation_id)
    for field in approved:
        if field == "logo":
            with proposal.logo.open("rb") as picture:
                name = os.path.basename(proposal.logo.name)
                organisation.logo.save(name, File(picture), save=False)
            organisation.logo_width = proposal.logo_width
            organisation.logo_height = proposal.logo_height
        else:
            setattr(organisation, field, proposal.changes[field])
    if approved:
        with reversion.create_revision():
            organisation.full_clean()
            organisation.save()
            reversion.set_user(user)
            reversion.set_comment(_("Approved from a representative's proposal."))
    proposed = proposal.proposed()
    proposal.decisions = {field: field in approved for field in proposed}
    if len(approved) == len(proposed):
        proposal.status = Proposal.Status.APPROVED
    else:
        proposal.status = Proposal.Status.PARTLY_APPROVED if approved else Proposal.Status.REFUSED
    proposal.reason = reason
    proposal.decided_at = timezone.now()
    proposal.decided_by = user
    proposal.save()
    transaction.on_commit(lambda: send_decision(proposal))


def send_decision(proposal):
    representative = proposal.representative
    if representative is None:  # revoked since
        return
    with translation.override(representative.language):
        context = {
            "proposal": proposal,
            "approved": [label(f) for f, yes in proposal.decisions.items() if yes],
            "refused": [label(f) for f, yes in proposal.decisions.items() if not yes],
            "page": settings.SITE_URL.rstrip("/") + reverse("members:my-organisation"),
        }
        subject = _("Your proposal for %(organisation)s") % {
            "organisation": proposal.organisation.name
        }
        body = render_to_string("members/mail/proposal_decision.txt", context)
        mail = mails.message(subject, body, representative.user.email)
    mail.send()
