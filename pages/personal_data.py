"""Access and erasure in one step (#31): everything the site holds about an email address,
gathered from each place it can be, and erased from all of them at once.

The places: news subscriptions; suggested corrections; accounts (staff and member
representatives: the account, its second factors, its representative's proposals, its
sign-in records); the records' history (django-reversion's versions and the admin's log) where
an entry names the address; and the task queue's work whose arguments carry it. Erasing
deletes the subscriptions, corrections, sign-in records and queued work; an account is closed
and its name replaced, so the history keeps what its holder changed without saying who; an
address named in the history is replaced there by ERASED."""

import json
import re
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django_otp import devices_for_user
from django_tasks_db.models import DBTaskResult
from reversion.models import Revision, Version

from members.models import Correction, Proposal, Representative
from news.models import Subscriber

ERASED = "[erased]"
SIGN_IN_MODELS = (AccessAttempt, AccessFailureLog, AccessLog)


def naming(email):
    """A pattern for the address as a whole word: not bob@example.org in jimbob@example.org."""
    return re.compile(rf"(?<![\w.+-]){re.escape(email)}(?![\w-]|\.\w)", re.IGNORECASE)


class Held:
    """What the site holds about one address, found once; `as_data()` for the download,
    `erase()` to delete or replace all of it."""

    def __init__(self, email):
        self.email = email.strip()
        self.pattern = naming(self.email)
        self.json_pattern = naming(json.dumps(self.email)[1:-1])
        User = get_user_model()
        self.subscriptions = list(
            Subscriber.objects.with_address(self.email).prefetch_related("regions")
        )
        self.corrections = list(Correction.objects.filter(email__iexact=self.email))
        self.accounts = list(
            User.objects.filter(Q(email__iexact=self.email) | Q(username__iexact=self.email))
            .select_related("representative__organisation")
            .prefetch_related("groups")
        )
        usernames = Q(username__iexact=self.email)
        for account in self.accounts:
            usernames |= Q(username__iexact=account.get_username())
        self.sign_ins = [
            sign_in for model in SIGN_IN_MODELS for sign_in in model.objects.filter(usernames)
        ]
        self.proposals = list(
            Proposal.objects.filter(representative__user__in=self.accounts).select_related(
                "organisation"
            )
        )
        self.versions = [
            version
            for version in Version.objects.filter(
                Q(object_repr__icontains=self.email) | Q(serialized_data__icontains=self.email)
            ).select_related("revision", "content_type")
            if self.names(version.object_repr) or self.names(version.serialized_data)
        ]
        self.log_entries = [
            entry
            for entry in LogEntry.objects.filter(
                Q(object_repr__icontains=self.email) | Q(change_message__icontains=self.email)
            ).select_related("content_type")
            if self.names(entry.object_repr) or self.names(entry.change_message)
        ]
        self.tasks = [
            task
            for task in DBTaskResult.objects.annotate(text=Cast("args_kwargs", TextField())).filter(
                text__icontains=self.email
            )
            if self.names(task.text)
        ]

    def names(self, text):
        return bool(self.pattern.search(text) or self.json_pattern.search(text))

    def counts(self):
        """{place: how many}, in the order the admin shows them."""
        return {
            "subscriptions": len(self.subscriptions),
            "corrections": len(self.corrections),
            "accounts": len(self.accounts),
            "proposals": len(self.proposals),
            "sign_ins": len(self.sign_ins),
            "history": len(self.versions),
            "admin_log": len(self.log_entries),
            "tasks": len(self.tasks),
        }

    def __bool__(self):
        return any(self.counts().values())

    def as_data(self):
        """Everything found, as plain values for a JSON file."""
        return {
            "address": self.email,
            "gathered_at": timezone.now(),
            "subscriptions": [
                {
                    "email": subscriber.email,
                    "status": subscriber.status,
                    "language": subscriber.language,
                    "regions": [region.name_en for region in subscriber.regions.all()],
                    "asked_for_at": subscriber.consented_at,
                    "privacy_notice_shown": subscriber.notice_version,
                    "confirmed_at": subscriber.confirmed_at,
                    "confirmed_how": subscriber.get_confirmed_by_display(),
                    "unsubscribed_at": subscriber.unsubscribed_at,
                }
                for subscriber in self.subscriptions
            ],
            "corrections": [
                {
                    "organisation": correction.organisation_name,
                    "what_is_wrong": correction.what_is_wrong,
                    "proposed_text": correction.proposed_text,
                    "email": correction.email,
                    "status": correction.status,
                    "received_at": correction.created_at,
                    "last_changed_at": correction.updated_at,
                }
                for correction in self.corrections
            ],
            "accounts": [account_data(account) for account in self.accounts],
            "proposals": [
                {
                    "organisation": proposal.organisation.name,
                    "changes": proposal.changes,
                    "status": proposal.status,
                    "reason": proposal.reason,
                    "proposed_at": proposal.created_at,
                    "decided_at": proposal.decided_at,
                }
                for proposal in self.proposals
            ],
            "sign_ins": [
                {
                    "kind": sign_in._meta.verbose_name,
                    "username": sign_in.username,
                    "ip_address": sign_in.ip_address,
                    "user_agent": sign_in.user_agent,
                    "path": sign_in.path_info,
                    "form_sent": getattr(sign_in, "post_data", None),
                    "at": sign_in.attempt_time,
                }
                for sign_in in self.sign_ins
            ],
            "history": [
                {
                    "record": f"{version.content_type.app_label}.{version.content_type.model}",
                    "object": version.object_repr,
                    "saved_at": version.revision.date_created,
                    "saved": json.loads(version.serialized_data),
                }
                for version in self.versions
            ],
            "admin_log": [
                {
                    "record": entry.object_repr,
                    "action": entry.get_action_flag_display(),
                    "change": entry.get_change_message(),
                    "at": entry.action_time,
                }
                for entry in self.log_entries
            ],
            "tasks": [
                {
                    "task": task.task_path,
                    "status": task.status,
                    "arguments": task.args_kwargs,
                    "enqueued_at": task.enqueued_at,
                }
                for task in self.tasks
            ],
        }

    @transaction.atomic
    def erase(self, by):
        """Delete or replace everything found; the admin's log records it, without the
        address. Returns the counts erased."""
        counts = self.counts()
        subscriber_type = ContentType.objects.get_for_model(Subscriber)
        correction_type = ContentType.objects.get_for_model(Correction)
        LogEntry.objects.filter(
            Q(content_type=subscriber_type, object_id__in=ids(self.subscriptions))
            | Q(content_type=correction_type, object_id__in=ids(self.corrections))
        ).delete()
        Subscriber.objects.filter(pk__in=[row.pk for row in self.subscriptions]).delete()
        Correction.objects.filter(pk__in=[row.pk for row in self.corrections]).delete()
        for sign_in in self.sign_ins:
            sign_in.delete()
        running = DBTaskResult.objects.running()
        DBTaskResult.objects.filter(pk__in=[task.pk for task in self.tasks]).exclude(
            pk__in=running
        ).delete()
        for account in self.accounts:
            close(account)
        for version in self.versions:
            version.object_repr = self.replaced(version.object_repr)
            version.serialized_data = self.replaced(version.serialized_data)
            version.save(update_fields=["object_repr", "serialized_data"])
        for revision in Revision.objects.filter(comment__icontains=self.email):
            revision.comment = self.replaced(revision.comment)
            revision.save(update_fields=["comment"])
        for entry in LogEntry.objects.filter(pk__in=[entry.pk for entry in self.log_entries]):
            entry.object_repr = self.replaced(entry.object_repr)
            entry.change_message = self.replaced(entry.change_message)
            entry.save(update_fields=["object_repr", "change_message"])
        record(by, "Personal data erased on request", counts, DELETION)
        return counts

    def replaced(self, text):
        text = self.json_pattern.sub(ERASED, text)
        return self.pattern.sub(ERASED, text)


def record(by, what, counts, action=CHANGE):
    """An entry in the admin's log, for the request's answer: how many of each, no address."""
    LogEntry.objects.create(
        user=by,
        content_type=None,
        object_repr=what,
        action_flag=action,
        change_message=", ".join(f"{place}: {count}" for place, count in counts.items()),
    )


def ids(rows):
    return [str(row.pk) for row in rows]


def account_data(account):
    representative = getattr(account, "representative", None)
    return {
        "username": account.get_username(),
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "staff": account.is_staff,
        "active": account.is_active,
        "joined_at": account.date_joined,
        "last_signed_in_at": account.last_login,
        "groups": [group.name for group in account.groups.all()],
        "second_factors": [
            {"kind": device._meta.verbose_name, "name": device.name}
            for device in devices_for_user(account, confirmed=None)
        ],
        "representative_of": representative and representative.organisation.name,
        "changes_made_in_the_admin": LogEntry.objects.filter(user=account).count(),
    }


def close(account):
    """An account closed for good, its holder's name and address gone; the row stays so the
    history keeps what it changed, under "erased-<id>"."""
    for device in devices_for_user(account, confirmed=None):
        device.delete()
    Representative.objects.filter(user=account).delete()  # the queryset's: the account stays
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.all():
        if session.get_decoded().get("_auth_user_id") == str(account.pk):
            store(session_key=session.session_key).delete()  # from the cache too
    account.username = f"erased-{account.pk}"
    account.first_name = account.last_name = account.email = ""
    account.is_active = account.is_staff = account.is_superuser = False
    account.set_unusable_password()
    account.save()
    account.groups.clear()
    account.user_permissions.clear()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(account), object_id=str(account.pk)
    ).update(object_repr=account.username)
