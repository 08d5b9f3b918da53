"""The news by email: subscribing with a double opt-in, and the links every mail carries.

A subscription starts as pending and is confirmed from a signed link, valid for a week
(settings.RETENTION_DAYS), in the one mail an unconfirmed address is ever sent. Every later mail
carries a link to the subscriber's own page (change language and regions, unsubscribe) and the
one-click unsubscribe address of RFC 8058. Links are signed (django.core.signing) rather than
stored: they name the subscriber, a digest of their address (never the address itself, so none
of it lands in a server's log) and the moment they consented, so a link stops working once its
subscriber is deleted or has subscribed afresh."""

import datetime
import hashlib
import re

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import punycode
from django.utils.translation import gettext as _

from cicopa.validators import one_line
from pages.models import Page

from .models import Digest, Subscriber

CONFIRM_SALT = "news.subscription.confirm"
MANAGE_SALT = "news.subscription.manage"


def confirm_within():
    """How long a confirmation link lives, and an unconfirmed request is kept (settings)."""
    return datetime.timedelta(days=settings.RETENTION_DAYS["unconfirmed_subscriptions"])


DOT_ATOM = re.compile(r"[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+)*")
QUOTED_PAIR = re.compile(r"\\(.)", re.DOTALL)


def canonical(email):
    """The one spelling of a mailbox, for the allowance of mails, uniqueness and finding a
    subscriber: a quoted local part without its quotes and escapes where it needs neither
    (RFC 5321 4.1.2: "victim"@ and "v\\ictim"@ are victim@), and the domain in its ASCII (IDNA)
    form, in lower case. Raises ValueError for a local part that needs its quotes (a space, say),
    which has no other spelling."""
    local, _, domain = email.strip().rpartition("@")
    if len(local) > 1 and local.startswith('"') and local.endswith('"'):
        local = QUOTED_PAIR.sub(r"\1", local[1:-1])
        if not DOT_ATOM.fullmatch(local):
            raise ValueError("a local part that needs its quotes")
    if not domain.startswith("["):  # an address literal, [192.0.2.1], has no other form
        try:
            domain = punycode(domain)
        except UnicodeError as error:
            raise ValueError("a domain with no ASCII form") from error
    return f"{local}@{domain.lower()}"


def address_digest(email):
    """For links and the allowance: a digest of the address as `canonical` spells it."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]


def signed_fields(subscriber):
    return [subscriber.pk, address_digest(subscriber.email), subscriber.consented_at.isoformat()]


def token(subscriber, salt):
    return signing.dumps(signed_fields(subscriber), salt=salt)


def subscriber_from(value, salt, max_age=None):
    """The subscriber a link names. Raises signing.SignatureExpired for a confirmation link
    older than a week, signing.BadSignature for one that was altered, or whose subscriber is
    gone or has subscribed again since."""
    fields = signing.loads(value, salt=salt, max_age=max_age)
    subscriber = Subscriber.objects.filter(pk=fields[0]).first()
    if subscriber is None or signed_fields(subscriber) != fields:
        raise signing.BadSignature("no such subscriber")
    return subscriber


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def links(subscriber):
    """The addresses every mail to a confirmed subscriber carries, in their language."""
    value = token(subscriber, MANAGE_SALT)
    with translation.override(subscriber.language):
        return {
            "manage": absolute(reverse("news:subscription", args=[value])),
            "unsubscribe": absolute(reverse("news:unsubscribe", args=[value])),
        }


def mail(subscriber, subject, template, context, connection=None):
    """A mail to `subscriber` in their language, in plain text and HTML, with the
    unsubscribe headers when they are confirmed."""
    with translation.override(subscriber.language):
        context = {"subscriber": subscriber, "site_url": settings.SITE_URL.rstrip("/"), **context}
        text = render_to_string(f"news/mail/{template}.txt", context)
        html = render_to_string(f"news/mail/{template}.html", context)
    headers = {}
    if "links" in context:
        headers = {
            "List-Unsubscribe": f"<{context['links']['unsubscribe']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = EmailMultiAlternatives(
        one_line(subject),
        text,
        None,  # DEFAULT_FROM_EMAIL
        [subscriber.email],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def subscribe(email, language, regions):
    """Record a request to subscribe and send the mail it calls for, after the commit. A new,
    pending or former subscriber is (again) pending with these choices, the privacy notice they
    were shown on record, and gets a confirmation link; a confirmed one keeps theirs and is sent
    the link to their page instead. The visitor is told the same either way."""
    now = timezone.now()
    notice_version = Page.notice_version()
    subscriber = Subscriber.objects.select_for_update().with_address(email).first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(
                    email=email.strip(),
                    language=language,
                    consented_at=now,
                    notice_version=notice_version,
                )
        except IntegrityError:  # the same address, sent twice at once: the other one won
            subscriber = Subscriber.objects.select_for_update().with_address(email).get()
    if subscriber.status == Subscriber.Status.CONFIRMED:
        transaction.on_commit(lambda: send_already_subscribed(subscriber))
        return subscriber
    subscriber.language = language
    subscriber.status = Subscriber.Status.PENDING
    subscriber.consented_at = now
    subscriber.notice_version = notice_version
    subscriber.confirmed_at = subscriber.unsubscribed_at = None
    subscriber.confirmed_by = ""
    subscriber.save()
    subscriber.regions.set(regions)
    transaction.on_commit(lambda: send_confirmation(subscriber))
    return subscriber


def send_confirmation(subscriber):
    with translation.override(subscriber.language):
        url = absolute(reverse("news:subscription-confirm", args=[token(subscriber, CONFIRM_SALT)]))
        subject = _("Confirm your subscription to CICOPA's news")
    context = {"confirm_url": url, "days": confirm_within().days}
    mail(subscriber, subject, "confirm", context).send()


def send_already_subscribed(subscriber):
    with translation.override(subscriber.language):
        subject = _("You already receive CICOPA's news")
    mail(subscriber, subject, "already_subscribed", {"links": links(subscriber)}).send()


def confirm(subscriber):
    """Confirm a pending subscription (again: nothing changes). The first digest brings what
    is published after the latest one sent."""
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return False
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.confirmed_by = Subscriber.ConfirmedBy.MAILED_LINK
    subscriber.last_digest = Digest.objects.order_by("-pk").first()
    subscriber.save(update_fields=["status", "confirmed_at", "confirmed_by", "last_digest"])
    return True


def unsubscribe(subscriber):
    """No more mail, at once; its choices go. The address stays only as unsubscribed, for the
    days settings.RETENTION_DAYS gives, then goes too (pages/retention.py)."""
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
        subscriber.regions.clear()
