import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cicopa import images
from cicopa.pagecache import PublicQuerySet
from cicopa.translation import TranslatedFieldWithFallback
from cicopa.validators import image_limits, single_line

# CICOPA was founded in 1947, the ICA in 1895; figures older than the ICA are a typing slip.
CICOPA_FOUNDED = 1947
ICA_FOUNDED = 1895
LAST_SANE_YEAR = 2100


# Addresses under /members/ that are not organisations: no organisation may take them.
RESERVED_SLUGS = {"map", "figures", "regions", "feed", "my"}


def validate_not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is the address of another page; choose another."),
            params={"slug": slug},
        )


def validate_not_future_year(year):
    if year is not None and year > timezone.now().year:
        raise ValidationError(_("%(year)s is in the future."), params={"year": year})


# French and Spanish names may be missing (shown in English) and so are not unique.
OPTIONAL_AND_SHARED = {"unique": False}
TRANSLATIONS_OPTIONAL = {"fr": OPTIONAL_AND_SHARED, "es": OPTIONAL_AND_SHARED}


class Region(models.Model):
    name = TranslatedFieldWithFallback(
        models.CharField(_("name"), max_length=100, unique=True, validators=[single_line]),
        TRANSLATIONS_OPTIONAL,
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Regions are listed by this number, then by name.")
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name_en"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:region", kwargs={"slug": self.slug})

    def get_directory_url(self):
        return f"{reverse('members:organisation-list')}?region={self.slug}"


class Country(models.Model):
    name = TranslatedFieldWithFallback(
        models.CharField(_("name"), max_length=100, unique=True, validators=[single_line]),
        TRANSLATIONS_OPTIONAL,
    )
    code = models.CharField(
        _("ISO 3166-1 alpha-2 code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}\Z", _("Two capital letters, e.g. BO."))],
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="countries", verbose_name=_("region")
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z][A-Z]$"), name="country_code_is_iso_alpha2"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('members:organisation-list')}?country={self.code}"


class OrganisationQuerySet(PublicQuerySet):
    def current(self):
        """The members the public directory lists."""
        return self.filter(status=Organisation.Status.CURRENT)

    def with_place(self):
        return self.select_related("country__region")

    def listed(self):
        """What lists of organisations show: each with its country and region, without the
        descriptions, by name."""
        return self.with_place().defer(*Organisation.description.fields).order_by("name", "pk")


class Organisation(models.Model):
    class Category(models.TextChoices):
        FULL = "full", _("Full member")
        ASSOCIATE = "associate", _("Associate member")

    class Status(models.TextChoices):
        CURRENT = "current", _("Current member")
        FORMER = "former", _("Former member")

    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    acronym = models.CharField(_("acronym"), max_length=30, blank=True, validators=[single_line])
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_("The last part of the page's address."),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("country")
    )
    category = models.CharField(
        _("membership category"),
        max_length=20,
        choices=Category,
        blank=True,
        help_text=_("Leave empty when it is not on record."),
    )
    description = TranslatedFieldWithFallback(models.TextField(_("description"), blank=True))
    website = models.URLField(_("website"), blank=True)
    member_since = models.PositiveSmallIntegerField(
        _("year it joined CICOPA"),
        null=True,
        blank=True,
        validators=[MinValueValidator(CICOPA_FOUNDED), validate_not_future_year],
    )
    ica_member_since = models.PositiveSmallIntegerField(
        _("year it joined the ICA"),
        null=True,
        blank=True,
        validators=[MinValueValidator(ICA_FOUNDED), validate_not_future_year],
    )
    # Positive*Field columns carry their own "not negative" CHECK in the database.
    cooperatives = models.PositiveIntegerField(_("number of cooperatives"), null=True, blank=True)
    individual_members = models.PositiveBigIntegerField(
        _("number of individual members"), null=True, blank=True
    )
    figures_year = models.PositiveSmallIntegerField(
        _("year the figures are for"),
        null=True,
        blank=True,
        validators=[MinValueValidator(ICA_FOUNDED), validate_not_future_year],
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.CURRENT)
    left_in = models.PositiveSmallIntegerField(
        _("year it left"),
        null=True,
        blank=True,
        validators=[MinValueValidator(CICOPA_FOUNDED), validate_not_future_year],
        help_text=_("Only for a former member."),
    )
    logo = images.PictureField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=[image_limits],
        width_field="logo_width",
        height_field="logo_height",
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_320, logo_640, logo_960, logo_1280 = images.widths("logo").values()
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["status", "name"], name="organisation_status_name"),
            models.Index(fields=["category"], name="organisation_category"),
            # members by country, read from the index alone
            models.Index(fields=["status", "country"], name="organisation_status_country"),
            # the new-members feed, and its freshness check
            models.Index(fields=["status", "-created_at"], name="organisation_status_created"),
            models.Index(fields=["updated_at"], name="organisation_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(member_since__isnull=True)
                | Q(member_since__gte=CICOPA_FOUNDED, member_since__lte=LAST_SANE_YEAR),
                name="organisation_member_since_sane",
            ),
            models.CheckConstraint(
                condition=Q(ica_member_since__isnull=True)
                | Q(ica_member_since__gte=ICA_FOUNDED, ica_member_since__lte=LAST_SANE_YEAR),
                name="organisation_ica_member_since_sane",
            ),
            models.CheckConstraint(
                condition=Q(figures_year__isnull=True)
                | Q(figures_year__gte=ICA_FOUNDED, figures_year__lte=LAST_SANE_YEAR),
                name="organisation_figures_year_sane",
            ),
            models.CheckConstraint(
                condition=Q(status="current", left_in__isnull=True)
                | Q(
                    status="former",
                    left_in__isnull=False,  # else NULL >= 1947 is unknown and would pass
                    left_in__gte=CICOPA_FOUNDED,
                    left_in__lte=LAST_SANE_YEAR,
                ),
                name="organisation_left_in_only_for_former",
            ),
            models.CheckConstraint(
                condition=Q(left_in__isnull=True)
                | Q(member_since__isnull=True)
                | Q(left_in__gte=F("member_since")),
                name="organisation_left_after_joining",
            ),
            models.CheckConstraint(
                condition=Q(category__in=["", "full", "associate"]),
                name="organisation_category_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["current", "former"]), name="organisation_status_known"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("members:organisation-detail", kwargs={"slug": self.slug})

    def clean(self):
        # Say on the right field what the constraints would only report for the whole form.
        if self.status == self.Status.FORMER and self.left_in is None:
            raise ValidationError({"left_in": _("Give the year a former member left.")})
        if self.status == self.Status.CURRENT and self.left_in is not None:
            raise ValidationError({"left_in": _("Only a former member has a year it left.")})
        if self.left_in and self.member_since and self.left_in < self.member_since:
            raise ValidationError({"left_in": _("It cannot have left before it joined.")})

    @property
    def is_current(self):
        return self.status == self.Status.CURRENT

    @property
    def has_figures(self):
        return self.cooperatives is not None or self.individual_members is not None


class Correction(models.Model):
    """A visitor's suggestion to correct an organisation's entry. Kept for the secretariat to
    review in the admin; never shown on the public site. Stored as the plain text typed."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    # Kept when the organisation is deleted, with the name it had, as the news about it is.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        related_name="corrections",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("organisation's name"), max_length=200, editable=False)
    what_is_wrong = models.TextField(_("what is wrong"), max_length=2000)
    proposed_text = models.TextField(_("proposed text"), max_length=4000)
    email = models.EmailField(_("contact email"), max_length=254)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.NEW)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("suggested correction")
        verbose_name_plural = _("suggested corrections")
        indexes = [models.Index(fields=["status", "-created_at"], name="correction_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["new", "accepted", "rejected"]),
                name="correction_status_known",
            ),
        ]

    def __str__(self):
        return _("Correction to %(organisation)s") % {"organisation": self.about()}

    def save(self, *args, **kwargs):
        if self.organisation_id:
            self.organisation_name = self.organisation.name
        super().save(*args, **kwargs)

    def about(self):
        """The organisation, or the name it had if it has been deleted since."""
        if self.organisation is None:
            return _("%(name)s (deleted)") % {"name": self.organisation_name}
        return self.organisation


class Representative(models.Model):
    """A person a member organisation names to keep its entry (#30): an account of the site
    that is not staff, signed in at /members/my/ for this organisation alone (the secretariat
    invites them from the organisation's page in the admin, members/representatives.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="representative",
        verbose_name=_("account"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="representatives",
        verbose_name=_("organisation"),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "invited_at"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")

    def __str__(self):
        return self.user.email

    def delete(self, *args, **kwargs):
        # Revoking a representative closes their account, which has no other use.
        return self.user.delete(*args, **kwargs)


class FiguresRound(models.Model):
    """The yearly figures round (#30): the secretariat opens one for a year; each current
    member's representatives are asked to confirm or update their figures by the closing date,
    and reminded a week and a day before it (members/rounds.py). Their answers are proposals,
    approved as any other."""

    year = models.PositiveSmallIntegerField(
        _("year the figures are for"),
        unique=True,
        validators=[MinValueValidator(ICA_FOUNDED), validate_not_future_year],
    )
    closes_on = models.DateField(_("closing date"))
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    reminders_sent_at = models.DateTimeField(_("reminders sent"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("figures round")
        verbose_name_plural = _("figures rounds")

    def __str__(self):
        return _("Figures %(year)s") % {"year": self.year}

    def reminders_due_on(self):
        return self.closes_on - datetime.timedelta(days=8)


class Proposal(models.Model):
    """Changes a representative proposes to their organisation's entry (#30). None of it is
    public until a Secretariat member approves it in the admin, field by field; what is
    refused is refused with a reason, mailed to the representative (members/proposals.py)."""

    # What a representative may propose; name, country, category and membership dates stay
    # the secretariat's.
    FIELDS = [
        "acronym",
        "description_en",
        "description_fr",
        "description_es",
        "website",
        "cooperatives",
        "individual_members",
        "figures_year",
    ]

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the secretariat")
        APPROVED = "approved", _("Approved")
        PARTLY_APPROVED = "partly", _("Partly approved")
        REFUSED = "refused", _("Refused")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("organisation"),
    )
    representative = models.ForeignKey(
        Representative,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposals",
        verbose_name=_("representative"),
    )
    # The round this proposal answers, when it confirms or updates the year's figures.
    figures_round = models.ForeignKey(
        FiguresRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("figures round"),
    )
    # {field: the value proposed}, only the fields the proposal changes.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    logo = images.PictureField(
        _("new logo"),
        upload_to="proposals/",
        blank=True,
        validators=[image_limits],
        width_field="logo_width",
        height_field="logo_height",
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    # {field: True if approved}, as the secretariat decided.
    decisions = models.JSONField(_("decisions"), default=dict, blank=True)
    reason = models.TextField(_("reason for what is refused"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        constraints = [
            # One proposal waits per organisation: a new save changes it.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="pending"),
                name="proposal_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "partly", "refused"]),
                name="proposal_status_known",
            ),
        ]

    def __str__(self):
        return _("Proposal for %(organisation)s") % {"organisation": self.organisation}

    def proposed(self):
        """[field names] this proposal changes, the logo last."""
        return [*self.changes, *(["logo"] if self.logo else [])]
