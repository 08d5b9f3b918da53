import datetime
import math
import uuid
import zoneinfo
from html import unescape

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse, reverse_lazy
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from cicopa import images
from cicopa.pagecache import PublicQuerySet
from cicopa.templatetags.pictures import candidates
from cicopa.translation import TranslatedFieldWithFallback
from cicopa.validators import image_limits, single_line
from members.models import Country, Organisation, Region

from .pictures import shown, uploaded_pictures_only, with_picture_widths
from .sanitise import sanitise_html

# What staff can format in the admin's editor; news/sanitise.py allows exactly this much.
BODY_EDITOR = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "HorizontalRule": True,
        "Link": {"enableTarget": False},
        # A picture, with a caption if wanted, chosen or uploaded in the picker
        # (news.admin.PictureAdmin): only pictures uploaded there may appear (news.pictures).
        "Figure": {"pickerUrl": reverse_lazy("admin:news_picture_picker")},
        "Image": True,
        "Caption": True,
    }
}


def sanitise_body(html):
    """What the editor sends, cleaned, each picture written out in its widths."""
    return with_picture_widths(sanitise_html(html))


def body_field():
    return ProseEditorField(
        _("body"),
        config=BODY_EDITOR,
        sanitize=sanitise_body,
        validators=[uploaded_pictures_only],
        blank=True,
    )


def published_condition():
    return models.Q(status=NewsItem.Status.PUBLISHED, published_at__lte=timezone.now())


class NewsItemQuerySet(PublicQuerySet):
    def seconds_until_next_publication(self):
        """How long what is public stays as it is: until the next scheduled item goes out
        (None if none is scheduled)."""
        now = timezone.now()
        upcoming = (
            self.filter(status=NewsItem.Status.PUBLISHED, published_at__gt=now)
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        return max(1, math.ceil((upcoming - now).total_seconds())) if upcoming else None

    def published(self):
        """What the public may see: published and dated now or earlier. Every public view,
        feed and sitemap asks this, so a draft or a scheduled item cannot leak."""
        return self.filter(published_condition())

    def summaries(self):
        """Without the bodies, in every language: lists show the title and the summary, and a
        body may run to pages."""
        return self.defer(*NewsItem.body.fields)

    def public_years(self):
        """The years (in the site's time zone) that have public news, newest first."""
        return [day.year for day in self.published().dates("published_at", "year", "DESC")]

    def about_region(self, region):
        """Items about at least one organisation in the region. An EXISTS probe per item, read
        newest first, rather than a join that would have to remove duplicates."""
        links = NewsItem.organisations.through.objects.filter(
            newsitem_id=models.OuterRef("pk"), organisation__country__region=region
        )
        return self.filter(models.Exists(links))


class NewsItem(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", pgettext_lazy("a news item's status", "Published")

    # English is required; a French or Spanish page shows the English where its own is missing.
    title = TranslatedFieldWithFallback(
        models.CharField(_("title"), max_length=200, validators=[single_line])
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = TranslatedFieldWithFallback(
        models.TextField(
            _("summary"), help_text=_("One or two sentences, shown in lists and feeds.")
        )
    )
    body = TranslatedFieldWithFallback(body_field())
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_("A date in the future schedules the item: it appears then."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    lead_image = images.PictureField(
        _("lead image"),
        upload_to="news/",
        blank=True,
        validators=[image_limits],
        width_field="lead_image_width",
        height_field="lead_image_height",
        help_text=_("Shown above the item, in lists and on shared links: a JPEG, PNG or WebP."),
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_alt = TranslatedFieldWithFallback(
        models.CharField(
            _("lead image description"),
            max_length=300,
            blank=True,
            help_text=_("What the picture shows, for those who cannot see it."),
        )
    )
    lead_image_320, lead_image_640, lead_image_960, lead_image_1280 = images.widths(
        "lead_image"
    ).values()
    original_url = models.URLField(
        _("first published at"),
        max_length=500,
        blank=True,
        help_text=_("Where an item brought from an older site's archive was first published."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="news_items",
        verbose_name=_("organisations"),
        help_text=_("The member organisations this item is about."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="newsitem_published"),
            models.Index(fields=["updated_at"], name="newsitem_updated"),  # the feeds' freshness
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]), name="newsitem_status_known"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "news:newsitem-detail", kwargs={"year": self.published_on.year, "slug": self.slug}
        )

    def clean(self):
        if self.lead_image and not self.lead_image_alt_en:
            raise ValidationError(
                {"lead_image_alt_en": _("Describe the picture, for those who cannot see it.")}
            )

    @property
    def published_on(self):
        """The day it was (or will be) published, in the site's time zone: what pages show."""
        return timezone.localdate(self.published_at)

    @property
    def state(self):
        """Its status as staff read it: a published item due later is "Scheduled for <date>"."""
        if self.status == self.Status.PUBLISHED and self.published_at > timezone.now():
            when = formats.date_format(timezone.localtime(self.published_at), "DATETIME_FORMAT")
            return gettext("Scheduled for %(date)s") % {"date": when}
        return self.get_status_display()

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def body_html_in(self, language):
        """The body written in `language` (no fallback), cleaned: for the API."""
        return mark_safe(sanitise_html(getattr(self, f"body_{language}") or ""))  # noqa: S308

    @property
    def body_opens_with_summary(self):
        """Whether the body's text already begins with the summary, word for word (the seed
        article's does): the page then shows it once, in the body."""
        summary = words(self.summary)
        return bool(summary) and words(self.body).startswith(summary)

    @property
    def body_html(self):
        # Sanitised again on the way out: the body may have come from the shell or a fixture.
        return mark_safe(sanitise_html(self.body))  # noqa: S308


def words(html):
    """The text of `html`, its whitespace made single spaces: for comparing what it says."""
    return " ".join(unescape(strip_tags((html or "").replace("<", " <"))).split())


class Picture(models.Model):
    """A picture for a text's body, uploaded from the editor's picture button: checked and
    kept as a lead image is (cicopa.images), with what it shows for those who cannot see it."""

    image = images.PictureField(
        _("picture"),
        upload_to="pictures/",
        validators=[image_limits],
        width_field="image_width",
        height_field="image_height",
        help_text=_("A JPEG, PNG or WebP."),
    )
    image_width = models.PositiveIntegerField(null=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, editable=False)
    alt = models.CharField(
        _("description"),
        max_length=300,
        help_text=_(
            "What the picture shows, for those who cannot see it; the editor offers it as the "
            "picture's alternative text."
        ),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    image_320, image_640, image_960, image_1280 = images.widths("image").values()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("picture for texts")
        verbose_name_plural = _("pictures for texts")

    def __str__(self):
        return self.alt

    @property
    def body_url(self):
        """The address a body shows it at, before news.pictures writes out its widths."""
        found = candidates(self, "image")
        return shown(found)[0] if found else self.image.url


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def with_address(self, email):
        return self.filter(email__iexact=email.strip())


class Subscriber(models.Model):
    """Someone who asked for the news by email: the address, the language and regions chosen,
    and their consent on record: when they asked, which privacy notice they were shown, when
    and how they confirmed. Nothing else is kept (docs/deployment.md)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class ConfirmedBy(models.TextChoices):
        MAILED_LINK = "mailed-link", _("with the button behind the link mailed to the address")

    email = models.EmailField(_("email address"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="+",
        verbose_name=_("regions"),
        help_text=_("None: all the news."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PENDING)
    consented_at = models.DateTimeField(_("asked for"))
    # The privacy notice shown with the form, known by when it was last changed (its History in
    # the admin holds each version); empty for a request made before there was one.
    notice_version = models.DateTimeField(_("privacy notice shown"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.CharField(
        _("confirmed how"), max_length=12, choices=ConfirmedBy, blank=True
    )
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    # The last digest this subscriber has had (or had nothing in for them): the next brings
    # what came after it. Set to the latest digest on confirming.
    last_digest = models.ForeignKey(
        "Digest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last digest"),
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-consented_at", "-pk"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="subscriber_email_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "confirmed", "unsubscribed"]),
                name="subscriber_status_known",
            ),
        ]
        indexes = [models.Index(fields=["status", "last_digest"], name="subscriber_due")]

    def __str__(self):
        return self.email


class Digest(models.Model):
    """One round of the news by email: the items it brings, and how far its sending got."""

    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    items = models.ManyToManyField(NewsItem, related_name="digests", verbose_name=_("news items"))
    mails = models.PositiveIntegerField(_("mails sent"), default=0)

    class Meta:
        ordering = ["-pk"]
        get_latest_by = "pk"
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        permissions = [("send_digest", _("Can send a digest now"))]

    def __str__(self):
        return gettext("Digest of %(date)s") % {
            "date": formats.date_format(timezone.localdate(self.created_at), "DATE_FORMAT")
        }


class DigestSchedule(models.Model):
    """How often the secretariat sends the digest: one row, changed in the admin."""

    class Every(models.IntegerChoices):
        DAY = 1, _("Every day")
        WEEK = 7, _("Every week")
        TWO_WEEKS = 14, _("Every two weeks")
        MONTH = 30, _("Every month")

    every = models.PositiveSmallIntegerField(
        _("frequency"),
        choices=Every,
        default=Every.WEEK,
        help_text=_("A digest goes out when there is news, at most this often."),
    )

    class Meta:
        verbose_name = _("digest schedule")
        verbose_name_plural = _("digest schedule")

    def __str__(self):
        return self.get_every_display()

    @classmethod
    def current(cls):
        return cls.objects.get_or_create(pk=1)[0]

    @property
    def period(self):
        return datetime.timedelta(days=self.every)


def validate_time_zone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("Not a time zone: write it as Europe/Brussels or Asia/Kuala_Lumpur.")
        ) from error


class EventQuerySet(PublicQuerySet):
    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)

    def upcoming(self):
        """Not over yet (in the site's time zone), soonest first."""
        today = timezone.localdate()
        return self.filter(end_date__gte=today).order_by("start_date", "start_time", "pk")

    def past(self):
        today = timezone.localdate()
        return self.filter(end_date__lt=today).order_by("-start_date", "-start_time", "-pk")

    def in_region(self, region):
        """Organised in the region, by one of its members, or about it."""
        return self.filter(
            models.Q(region=region)
            | models.Q(organisation__country__region=region)
            | models.Q(country__region=region)
        )


class Event(models.Model):
    """A meeting CICOPA or a member announces (#32): the General Assembly, the International
    School, a webinar. Its times are the wall-clock times of its own time zone, as announced;
    calendars receive them with that zone (news/events.py)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", pgettext_lazy("an event's status", "Published")

    title = TranslatedFieldWithFallback(
        models.CharField(_("title"), max_length=200, validators=[single_line])
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = TranslatedFieldWithFallback(
        models.TextField(
            _("summary"), help_text=_("One or two sentences, shown in lists and calendars.")
        )
    )
    body = TranslatedFieldWithFallback(body_field())
    start_date = models.DateField(_("first day"))
    start_time = models.TimeField(
        _("starts at"), null=True, blank=True, help_text=_("Empty: it lasts whole days.")
    )
    end_date = models.DateField(_("last day"), blank=True, help_text=_("Empty: the first day."))
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Brussels",
        validators=[validate_time_zone],
        help_text=_("Where the times above are read: Europe/Brussels, Asia/Kuala_Lumpur…"),
    )
    city = models.CharField(_("city"), max_length=100, blank=True, validators=[single_line])
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("country"),
    )
    online_url = models.URLField(
        _("online at"), max_length=500, blank=True, help_text=_("Where to join it online.")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organised by"),
        help_text=_("A member organisation; empty: CICOPA."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("region"),
        help_text=_("The region it is for, if one (CICOPA's regional organisations')."),
    )
    registration_url = models.URLField(_("registration"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("It stays listed, marked cancelled, and subscribed calendars are told."),
    )
    # RFC 5545: an event keeps its UID for good; SEQUENCE rises with each change of its time,
    # place or cancellation, so calendars apply the change rather than add a second event.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = EventQuerySet.as_manager()

    SCHEDULE = ["start_date", "start_time", "end_date", "end_time", "time_zone"]
    PLACE = ["city", "country_id", "online_url", "cancelled"]

    class Meta:
        ordering = ["start_date", "start_time", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["status", "end_date"], name="event_upcoming")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]), name="event_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="event_ends_after"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.end_date = self.end_date or self.start_date
        if self.pk:
            before = Event.objects.filter(pk=self.pk).values(*self.SCHEDULE, *self.PLACE).first()
            now = {name: getattr(self, name) for name in self.SCHEDULE + self.PLACE}
            if before and before != now:
                self.sequence += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "news:event-detail", kwargs={"year": self.start_date.year, "slug": self.slug}
        )

    def clean(self):
        errors = {}
        end_date = self.end_date or self.start_date
        if self.start_date and end_date < self.start_date:
            errors["end_date"] = _("The last day comes before the first.")
        if self.end_time and not self.start_time:
            errors["start_time"] = _("Give the time it starts, too.")
        elif self.zone and self.start_date and self.ends_at and self.ends_at < self.starts_at:
            errors["end_time"] = _("It ends before it starts.")
        if not self.online_url and not (self.city and self.country_id):
            errors["city"] = _("Give the city and country, or where to join it online, or both.")
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def starts_at(self):
        """The start as an aware moment in the event's zone; None for a whole-days event."""
        if self.all_day:
            return None
        return datetime.datetime.combine(self.start_date, self.start_time, self.zone)

    @property
    def ends_at(self):
        if self.all_day or self.end_time is None:
            return None
        return datetime.datetime.combine(self.end_date or self.start_date, self.end_time, self.zone)

    @property
    def days(self):
        """Its day or days, as the site's language writes dates: what lists show."""
        first = formats.date_format(self.start_date, "DATE_FORMAT")
        if self.end_date in (None, self.start_date):
            return first
        return f"{first} – {formats.date_format(self.end_date, 'DATE_FORMAT')}"

    @property
    def when(self):
        """Its days and times, in its own time zone, said: what its page shows."""
        if self.all_day:
            return self.days
        start = formats.time_format(self.start_time, "H:i")
        end = formats.time_format(self.end_time, "H:i") if self.end_time else ""
        zone = self.time_zone.replace("_", " ")
        if self.end_date in (None, self.start_date):
            times = f"{start}–{end}" if end else start
            return f"{self.days}, {times} ({zone})"
        first = formats.date_format(self.start_date, "DATE_FORMAT")
        last = formats.date_format(self.end_date, "DATE_FORMAT")
        return f"{first} {start} – {last} {end} ({zone})".replace("  (", " (")

    @property
    def place(self):
        """The city and country, as a line: "Kuala Lumpur, Malaysia"; empty online only."""
        return ", ".join(str(part) for part in (self.city, self.country) if part)

    @property
    def body_html(self):
        return mark_safe(sanitise_html(self.body))  # noqa: S308
