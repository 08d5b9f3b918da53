from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

# CICOPA was founded in 1947, the ICA in 1895; figures older than the ICA are a typing slip.
CICOPA_FOUNDED = 1947
ICA_FOUNDED = 1895
LAST_SANE_YEAR = 2100


def validate_not_future_year(year):
    if year is not None and year > timezone.now().year:
        raise ValidationError("%(year)s is in the future.", params={"year": year})


class Region(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Regions are listed by this number, then by name."
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('members:organisation-list')}?region={self.slug}"


class Country(models.Model):
    name = models.CharField(max_length=100, unique=True)
    code = models.CharField(
        "ISO 3166-1 alpha-2 code",
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}\Z", "Two capital letters, e.g. BO.")],
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="countries")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z][A-Z]$"), name="country_code_is_iso_alpha2"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('members:organisation-list')}?country={self.code}"


class OrganisationQuerySet(models.QuerySet):
    def current(self):
        """The members the public directory lists."""
        return self.filter(status=Organisation.Status.CURRENT)

    def with_place(self):
        return self.select_related("country__region")

    def count_by_country(self):
        """{country id: members} for the countries these organisations are in. Grouped on the
        (status, country) index alone: joining the countries in costs ten times as much."""
        return dict(self.order_by().values_list("country_id").annotate(members=models.Count("*")))


class Organisation(models.Model):
    class Category(models.TextChoices):
        FULL = "full", "Full member"
        ASSOCIATE = "associate", "Associate member"

    class Status(models.TextChoices):
        CURRENT = "current", "Current member"
        FORMER = "former", "Former member"

    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=30, blank=True)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The last part of the page's address."
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="organisations")
    category = models.CharField(
        "membership category",
        max_length=20,
        choices=Category,
        blank=True,
        help_text="Leave empty when it is not on record.",
    )
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    member_since = models.PositiveSmallIntegerField(
        "year it joined CICOPA",
        null=True,
        blank=True,
        validators=[MinValueValidator(CICOPA_FOUNDED), validate_not_future_year],
    )
    ica_member_since = models.PositiveSmallIntegerField(
        "year it joined the ICA",
        null=True,
        blank=True,
        validators=[MinValueValidator(ICA_FOUNDED), validate_not_future_year],
    )
    # Positive*Field columns carry their own "not negative" CHECK in the database.
    cooperatives = models.PositiveIntegerField("number of cooperatives", null=True, blank=True)
    individual_members = models.PositiveBigIntegerField(
        "number of individual members", null=True, blank=True
    )
    figures_year = models.PositiveSmallIntegerField(
        "year the figures are for",
        null=True,
        blank=True,
        validators=[MinValueValidator(ICA_FOUNDED), validate_not_future_year],
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.CURRENT)
    left_in = models.PositiveSmallIntegerField(
        "year it left",
        null=True,
        blank=True,
        validators=[MinValueValidator(CICOPA_FOUNDED), validate_not_future_year],
        help_text="Only for a former member.",
    )
    logo = models.ImageField(upload_to="logos/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
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
            raise ValidationError({"left_in": "Give the year a former member left."})
        if self.status == self.Status.CURRENT and self.left_in is not None:
            raise ValidationError({"left_in": "Only a former member has a year it left."})
        if self.left_in and self.member_since and self.left_in < self.member_since:
            raise ValidationError({"left_in": "It cannot have left before it joined."})

    @property
    def is_current(self):
        return self.status == self.Status.CURRENT

    @property
    def has_figures(self):
        return self.cooperatives is not None or self.individual_members is not None
