"""{% what_waits user as waits %}: what the secretariat has to see to, for the admin's index
(templates/admin/cicopa_index.html): new suggested corrections, representatives' proposals,
drafts, items scheduled with their dates, events and publications still drafts, members recently
changed. Each only for a user who may view it."""

from django import template
from django.utils import timezone

from members.models import Correction, Organisation, Proposal
from publications.models import Publication

from ..models import Event, NewsItem

register = template.Library()

SHOWN = 5
LISTED = ("title_en", "status", "published_at", "updated_at")  # what the lists show


@register.simple_tag
def what_waits(user):
    waits = {}
    if user.has_perm("members.view_correction"):
        new = Correction.objects.filter(status=Correction.Status.NEW)
        waits["corrections"] = {
            "count": new.count(),
            "items": new.select_related("organisation")[:SHOWN],
        }
    if user.has_perm("members.change_proposal"):
        pending = Proposal.objects.filter(status=Proposal.Status.PENDING)
        waits["proposals"] = {
            "count": pending.count(),
            "items": pending.select_related("organisation")[:SHOWN],
        }
    if user.has_perm("news.view_newsitem"):
        drafts = NewsItem.objects.filter(status=NewsItem.Status.DRAFT).order_by("-updated_at")
        waits["drafts"] = {"count": drafts.count(), "items": drafts.only(*LISTED)[:SHOWN]}
        scheduled = NewsItem.objects.filter(
            status=NewsItem.Status.PUBLISHED, published_at__gt=timezone.now()
        ).order_by("published_at")
        waits["scheduled"] = {"count": scheduled.count(), "items": scheduled.only(*LISTED)[:SHOWN]}
    if user.has_perm("news.view_event"):
        drafts = Event.objects.filter(status=Event.Status.DRAFT).order_by("start_date")
        waits["event_drafts"] = {
            "count": drafts.count(),
            "items": drafts.only("title_en", "start_date")[:SHOWN],
        }
    if user.has_perm("publications.view_publication"):
        drafts = Publication.objects.filter(status=Publication.Status.DRAFT)
        waits["publication_drafts"] = {
            "count": drafts.count(),
            "items": drafts.order_by("-updated_at").only("title_en", "year")[:SHOWN],
        }
    if user.has_perm("members.view_organisation"):
        changed = Organisation.objects.order_by("-updated_at").only("name", "updated_at")
        waits["members"] = {"items": changed[:SHOWN]}
    return waits
