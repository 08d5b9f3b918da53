"""How long personal data is kept, enforced (#31). Each kind has its period in
settings.RETENTION_DAYS; `purge` deletes what has lapsed, kind by kind, and says how much. It
deletes only what is past its period, so running it twice, or at any hour beside the site and
the task worker, deletes nothing more. `manage.py purge_personal_data` runs it from cron; the
privacy notice shows the periods (templates/pages/page_detail.html)."""

import datetime
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from members.models import Correction
from news.models import Subscriber


@dataclass(frozen=True)
class Kind:
    key: str  # in settings.RETENTION_DAYS
    label: str
    delete: object  # (cutoff) -> how many rows went

    @property
    def days(self):
        return settings.RETENTION_DAYS[self.key]


def unconfirmed_subscriptions(cutoff):
    return (
        Subscriber.objects.filter(status=Subscriber.Status.PENDING, consented_at__lt=cutoff)
        .delete()[1]
        .get(Subscriber._meta.label, 0)
    )


def unsubscribed_addresses(cutoff):
    return (
        Subscriber.objects.filter(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at__lt=cutoff)
        .delete()[1]
        .get(Subscriber._meta.label, 0)
    )


def decided_corrections(cutoff):
    decided = Correction.objects.exclude(status=Correction.Status.NEW)
    return decided.filter(updated_at__lt=cutoff).delete()[1].get(Correction._meta.label, 0)


def sign_in_records(cutoff):
    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[1].get(model._meta.label, 0)
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )


def finished_tasks(cutoff):
    lapsed = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff)
    return lapsed.delete()[1].get(DBTaskResult._meta.label, 0)


KINDS = [
    Kind(
        "unconfirmed_subscriptions",
        _("Requests to subscribe never confirmed"),
        unconfirmed_subscriptions,
    ),
    Kind("unsubscribed_addresses", _("Unsubscribed addresses"), unsubscribed_addresses),
    Kind("decided_corrections", _("Suggested corrections, once decided"), decided_corrections),
    Kind("sign_in_records", _("Sign-in, failed sign-in and lockout records"), sign_in_records),
    Kind("finished_tasks", _("Finished work of the task queue"), finished_tasks),
]


def purge():
    """Delete every kind of personal data past its period: [(label, rows deleted)]."""
    now = timezone.now()
    deleted = []
    for kind in KINDS:
        with transaction.atomic():
            deleted.append((kind.label, kind.delete(now - datetime.timedelta(days=kind.days))))
    # Sessions end SESSION_COOKIE_AGE after their last use; what clearsessions deletes.
    expired = Session.objects.filter(expire_date__lt=now).delete()[1].get(Session._meta.label, 0)
    deleted.append((_("Expired sessions"), expired))
    return deleted
