"""The yearly figures round (#30). Opening one (the admin's Figures rounds → Add) mails each
current member's representatives, in their language, to confirm or update the year's figures
on their organisation's page; their answer is a proposal (members/proposals.py) that the
secretariat approves as any other. `manage.py send_figures_reminders`, run daily from cron,
reminds those who have not answered a week and a day before the closing date, once. The
admin's page of a round shows who answered, who has not, who has no representative to ask,
and the totals so far."""

from django import forms
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import mails
from .models import FiguresRound, Organisation, Proposal, Representative


def open_round():
    """The round representatives may answer today: open and not yet closed."""
    return FiguresRound.objects.filter(closes_on__gte=timezone.localdate()).first()


def answered(figures_round):
    """Ids of the organisations that answered: a proposal for the round, or figures already
    recorded for that year."""
    proposed = Proposal.objects.filter(figures_round=figures_round).values("organisation_id")
    return set(
        Organisation.objects.filter(
            Q(pk__in=proposed) | Q(figures_year__gte=figures_round.year)
        ).values_list("pk", flat=True)
    )


def progress(figures_round):
    members = Organisation.objects.current().prefetch_related("representatives__user")
    done = answered(figures_round)
    rows = {"answered": [], "waiting": [], "unrepresented": []}
    for organisation in members:
        if organisation.pk in done:
            rows["answered"].append(organisation)
        elif organisation.representatives.all():
            rows["waiting"].append(organisation)
        else:
            rows["unrepresented"].append(organisation)
    answers = {
        proposal.organisation_id: proposal.changes
        for proposal in Proposal.objects.filter(figures_round=figures_round)
    }

    def figure(organisation, field):
        return answers.get(organisation.pk, {}).get(field, getattr(organisation, field)) or 0

    rows["totals"] = {
        field: sum(figure(o, field) for o in rows["answered"])
        for field in ("cooperatives", "individual_members")
    }
    return rows


def representatives_of(organisations):
    return Representative.objects.filter(organisation__in=organisations).select_related(
        "user", "organisation"
    )


def send(figures_round, representatives, template):
    """One mail each, in their language, through one connection."""
    messages = []
    for representative in representatives:
        with translation.override(representative.language):
            context = {
                "round": figures_round,
                "organisation": representative.organisation,
                "page": settings.SITE_URL.rstrip("/") + reverse("members:my-organisation"),
            }
            subject = _("CICOPA's figures %(year)s: %(organisation)s") % {
                "year": figures_round.year,
                "organisation": representative.organisation.name,
            }
            body = render_to_string(f"members/mail/{template}.txt", context)
            messages.append(mails.message(subject, body, representative.user.email))
    with mail.get_connection() as connection:
        return connection.send_messages(messages) or 0


def announce(figures_round):
    """A round just opened: ask every current member's representatives."""
    members = Organisation.objects.current()
    return send(figures_round, representatives_of(members), "figures_round")


@transaction.atomic
def send_reminders():
    """Remind the representatives who have not answered, once a round, from a week and a day
    before its closing date. Returns the mails sent."""
    sent = 0
    today = timezone.localdate()
    due = FiguresRound.objects.select_for_update().filter(
        reminders_sent_at__isnull=True, closes_on__gte=today
    )
    for figures_round in due:
        if today < figures_round.reminders_due_on():
            continue
        waiting = Organisation.objects.current().exclude(pk__in=answered(figures_round))
        sent += send(figures_round, representatives_of(waiting), "figures_reminder")
        figures_round.reminders_sent_at = timezone.now()
        figures_round.save(update_fields=["reminders_sent_at"])
    return sent


class AnswerForm(forms.ModelForm):
    """A representative's figures for the round's year, as they stand or updated: the
    organisation's own fields and checks, on a copy of it that is never saved."""

    class Meta:
        model = Organisation
        fields = ["cooperatives", "individual_members"]


@transaction.atomic
def answer(representative, figures_round, figures):
    """The organisation's pending proposal, with these figures for the round's year."""
    organisation = representative.organisation
    proposal = (
        Proposal.objects.select_for_update()
        .filter(organisation=organisation, status=Proposal.Status.PENDING)
        .first()
    ) or Proposal(organisation=organisation)
    proposal.representative = representative
    proposal.figures_round = figures_round
    changes = dict(proposal.changes)
    for field, value in figures.items():
        if value != getattr(organisation, field):
            changes[field] = value
        else:
            changes.pop(field, None)
    changes["figures_year"] = figures_round.year
    proposal.changes = changes
    proposal.save()
    return proposal
