from django.db import models
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cicopa.translation import TranslatedFieldWithFallback
from cicopa.validators import single_line
from news.models import body_field
from news.sanitise import sanitise_html


class Page(models.Model):
    """A page the secretariat writes about CICOPA itself: one of each kind, in the admin's
    editor and through the news' sanitiser; French and Spanish fall back to English."""

    class Kind(models.TextChoices):
        ABOUT = "about", _("About CICOPA")
        CONTACT = "contact", _("Contact")
        JOIN = "join", _("Become a member")
        PRIVACY = "privacy", _("Privacy notice")

    kind = models.CharField(_("page"), max_length=10, choices=Kind, unique=True)
    title = TranslatedFieldWithFallback(
        models.CharField(_("title"), max_length=200, validators=[single_line])
    )
    summary = TranslatedFieldWithFallback(
        models.CharField(
            _("summary"),
            max_length=300,
            help_text=_("One sentence: what search engines and shared links show."),
        )
    )
    body = TranslatedFieldWithFallback(body_field())
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        # Answering "what do you hold about me?" and "delete it" (pages/personal_data.py).
        permissions = [("answer_personal_data_requests", _("Can find and erase personal data"))]

    def __str__(self):
        return self.get_kind_display()

    def get_absolute_url(self):
        return reverse(f"pages:{self.kind}")

    @classmethod
    def notice_version(cls):
        """The privacy notice as it stands, known by when it was last changed: what a
        subscription records it was shown (#31). None while there is no notice."""
        return (
            cls.objects.filter(kind=cls.Kind.PRIVACY).values_list("updated_at", flat=True).first()
        )

    @property
    def body_html(self):
        # Sanitised again on the way out, as news bodies are.
        return mark_safe(sanitise_html(self.body))  # noqa: S308
