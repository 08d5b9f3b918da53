"""Events (#32): the meetings CICOPA and its members announce; the Secretariat group keeps them."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

import cicopa.validators
import news.models
import news.pictures
from members.secretariat import grant_secretariat


def grant(apps, schema_editor):
    grant_secretariat(apps, "news", ["event"])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0021_figures_rounds"),
        ("news", "0013_consent_on_record"),
    ]

    operations = [
        migrations.CreateModel(
            name="Event",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "title_en",
                    models.CharField(
                        max_length=200,
                        validators=[cicopa.validators.single_line],
                        verbose_name="title",
                    ),
                ),
                (
                    "title_fr",
                    models.CharField(
                        blank=True,
                        max_length=200,
                        validators=[cicopa.validators.single_line],
                        verbose_name="title",
                    ),
                ),
                (
                    "title_es",
                    models.CharField(
                        blank=True,
                        max_length=200,
                        validators=[cicopa.validators.single_line],
                        verbose_name="title",
                    ),
                ),
                ("slug", models.SlugField(max_length=200, unique=True, verbose_name="slug")),
                (
                    "summary_en",
                    models.TextField(
                        help_text="One or two sentences, shown in lists and calendars.",
                        verbose_name="summary",
                    ),
                ),
                (
                    "summary_fr",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences, shown in lists and calendars.",
                        verbose_name="summary",
                    ),
                ),
                (
                    "summary_es",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences, shown in lists and calendars.",
                        verbose_name="summary",
                    ),
                ),
                (
                    "body_en",
                    models.TextField(
                        blank=True,
                        validators=[news.pictures.uploaded_pictures_only],
                        verbose_name="body",
                    ),
                ),
                (
                    "body_fr",
                    models.TextField(
                        blank=True,
                        validators=[news.pictures.uploaded_pictures_only],
                        verbose_name="body",
                    ),
                ),
                (
                    "body_es",
                    models.TextField(
                        blank=True,
                        validators=[news.pictures.uploaded_pictures_only],
                        verbose_name="body",
                    ),
                ),
                ("start_date", models.DateField(verbose_name="first day")),
                (
                    "start_time",
                    models.TimeField(
                        blank=True,
                        help_text="Empty: it lasts whole days.",
                        null=True,
                        verbose_name="starts at",
                    ),
                ),
                (
                    "end_date",
                    models.DateField(
                        blank=True, help_text="Empty: the first day.", verbose_name="last day"
                    ),
                ),
                ("end_time", models.TimeField(blank=True, null=True, verbose_name="ends at")),
                (
                    "time_zone",
                    models.CharField(
                        default="Europe/Brussels",
                        help_text="Where the times above are read: Europe/Brussels, Asia/Kuala_Lumpur…",
                        max_length=64,
                        validators=[news.models.validate_time_zone],
                        verbose_name="time zone",
                    ),
                ),
                (
                    "city",
                    models.CharField(
                        blank=True,
                        max_length=100,
                        validators=[cicopa.validators.single_line],
                        verbose_name="city",
                    ),
                ),
                (
                    "online_url",
                    models.URLField(
                        blank=True,
                        help_text="Where to join it online.",
                        max_length=500,
                        verbose_name="online at",
                    ),
                ),
                (
                    "registration_url",
                    models.URLField(blank=True, max_length=500, verbose_name="registration"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        default="draft",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "cancelled",
                    models.BooleanField(
                        default=False,
                        help_text="It stays listed, marked cancelled, and subscribed calendars are told.",
                        verbose_name="cancelled",
                    ),
                ),
                ("uid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("sequence", models.PositiveIntegerField(default=0, editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
                (
                    "country",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="members.country",
                        verbose_name="country",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        help_text="A member organisation; empty: CICOPA.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="events",
                        to="members.organisation",
                        verbose_name="organised by",
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        blank=True,
                        help_text="The region it is for, if one (CICOPA's regional organisations').",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="events",
                        to="members.region",
                        verbose_name="region",
                    ),
                ),
            ],
            options={
                "verbose_name": "event",
                "verbose_name_plural": "events",
                "ordering": ["start_date", "start_time", "pk"],
                "indexes": [models.Index(fields=["status", "end_date"], name="event_upcoming")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])),
                        name="event_status_known",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("end_date__gte", models.F("start_date"))),
                        name="event_ends_after",
                    ),
                ],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
