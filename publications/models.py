from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cicopa import images
from cicopa.pagecache import PublicQuerySet
from cicopa.translation import TranslatedFieldWithFallback
from cicopa.validators import image_limits, single_line
from members.models import Organisation, Region

from .files import described, validate_pdf

FIRST_YEAR = 1947  # CICOPA's founding year: nothing of its own is older


class PublicationQuerySet(PublicQuerySet):
    def published(self):
        return self.filter(status=Publication.Status.PUBLISHED)


class Publication(models.Model):
    """A document CICOPA publishes (#32): a global report, a declaration, the magazine, a
    position paper; a file in each language it exists in (PublicationFile)."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        DECLARATION = "declaration", _("Declaration")
        MAGAZINE = "magazine", _("Magazine")
        POSITION = "position", _("Position paper")
        OTHER = "other", _("Other document")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", pgettext_lazy("a publication's status", "Published")

    title = TranslatedFieldWithFallback(
        models.CharField(_("title"), max_length=300, validators=[single_line])
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = TranslatedFieldWithFallback(
        models.TextField(_("summary"), help_text=_("A few sentences: what it is about."))
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.REPORT)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR)], db_index=True
    )
    authors = models.CharField(_("authors"), max_length=500, blank=True)
    cover = images.PictureField(
        _("cover"),
        upload_to="publications/covers/",
        blank=True,
        validators=[image_limits],
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_320, cover_640, cover_960, cover_1280 = images.widths("cover").values()
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="publications",
        verbose_name=_("member organisations"),
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="publications", verbose_name=_("regions")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    # Its files' text, gathered for the search (news/search.py) as files come and go.
    text = models.TextField(_("text of its files"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-created_at", "-pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        indexes = [models.Index(fields=["status", "-year"], name="publication_listed")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]),
                name="publication_status_known",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publications:publication-detail", kwargs={"slug": self.slug})

    def gather_text(self):
        texts = self.files.order_by("language").values_list("text", flat=True)
        Publication.objects.filter(pk=self.pk).update(text=" ".join(texts))

    def cover_alt(self):
        return _("Cover of %(title)s") % {"title": self.title}


class PublicationFile(models.Model):
    """A publication in one language: a PDF, checked as it arrives, with what it says of
    itself (pages, metadata) and its text for the search. Its address names the publication
    and the language, never the file: it stays when a new file replaces this one."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="files", verbose_name=_("publication")
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    file = models.FileField(
        _("PDF file"),
        upload_to="publications/files/",
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    pages = models.PositiveIntegerField(_("pages"), default=0, editable=False)
    metadata = models.JSONField(_("what the file says of itself"), default=dict, editable=False)
    text = models.TextField(_("text"), blank=True, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["publication", "language"]
        verbose_name = _("file")
        verbose_name_plural = _("files")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "language"], name="publication_file_one_a_language"
            )
        ]

    def __str__(self):
        return f"{self.publication} ({self.get_language_display()})"

    def save(self, *args, **kwargs):
        if self.file and not getattr(self.file, "_committed", True):
            self.size = self.file.size
            self.pages, self.metadata, self.text = described(self.file)
        super().save(*args, **kwargs)
        self.publication.gather_text()

    def get_absolute_url(self):
        return reverse(
            "publications:publication-file",
            kwargs={"slug": self.publication.slug, "language": self.language},
        )

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        self.publication.gather_text()
        return deleted
