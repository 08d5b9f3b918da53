"""Publications (#32): documents and their files, one a language."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import cicopa.images
import cicopa.validators
import publications.files


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("members", "0021_figures_rounds"),
    ]

    operations = [
        migrations.CreateModel(
            name="Publication",
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
                        max_length=300,
                        validators=[cicopa.validators.single_line],
                        verbose_name="title",
                    ),
                ),
                (
                    "title_fr",
                    models.CharField(
                        blank=True,
                        max_length=300,
                        validators=[cicopa.validators.single_line],
                        verbose_name="title",
                    ),
                ),
                (
                    "title_es",
                    models.CharField(
                        blank=True,
                        max_length=300,
                        validators=[cicopa.validators.single_line],
                        verbose_name="title",
                    ),
                ),
                ("slug", models.SlugField(max_length=200, unique=True, verbose_name="slug")),
                (
                    "summary_en",
                    models.TextField(
                        help_text="A few sentences: what it is about.", verbose_name="summary"
                    ),
                ),
                (
                    "summary_fr",
                    models.TextField(
                        blank=True,
                        help_text="A few sentences: what it is about.",
                        verbose_name="summary",
                    ),
                ),
                (
                    "summary_es",
                    models.TextField(
                        blank=True,
                        help_text="A few sentences: what it is about.",
                        verbose_name="summary",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("report", "Report"),
                            ("declaration", "Declaration"),
                            ("magazine", "Magazine"),
                            ("position", "Position paper"),
                            ("other", "Other document"),
                        ],
                        default="report",
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                (
                    "year",
                    models.PositiveSmallIntegerField(
                        db_index=True,
                        validators=[django.core.validators.MinValueValidator(1947)],
                        verbose_name="year",
                    ),
                ),
                ("authors", models.CharField(blank=True, max_length=500, verbose_name="authors")),
                (
                    "cover",
                    cicopa.images.PictureField(
                        blank=True,
                        height_field="cover_height",
                        upload_to="publications/covers/",
                        validators=[cicopa.validators.image_limits],
                        verbose_name="cover",
                        width_field="cover_width",
                    ),
                ),
                ("cover_width", models.PositiveIntegerField(blank=True, editable=False, null=True)),
                (
                    "cover_height",
                    models.PositiveIntegerField(blank=True, editable=False, null=True),
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
                    "text",
                    models.TextField(blank=True, editable=False, verbose_name="text of its files"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
                (
                    "organisations",
                    models.ManyToManyField(
                        blank=True,
                        related_name="publications",
                        to="members.organisation",
                        verbose_name="member organisations",
                    ),
                ),
                (
                    "regions",
                    models.ManyToManyField(
                        blank=True,
                        related_name="publications",
                        to="members.region",
                        verbose_name="regions",
                    ),
                ),
            ],
            options={
                "verbose_name": "publication",
                "verbose_name_plural": "publications",
                "ordering": ["-year", "-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="PublicationFile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[("en", "English"), ("fr", "Français"), ("es", "Español")],
                        max_length=5,
                        verbose_name="language",
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        upload_to="publications/files/",
                        validators=[
                            django.core.validators.FileExtensionValidator(["pdf"]),
                            publications.files.validate_pdf,
                        ],
                        verbose_name="PDF file",
                    ),
                ),
                (
                    "size",
                    models.PositiveBigIntegerField(default=0, editable=False, verbose_name="size"),
                ),
                (
                    "pages",
                    models.PositiveIntegerField(default=0, editable=False, verbose_name="pages"),
                ),
                (
                    "metadata",
                    models.JSONField(
                        default=dict, editable=False, verbose_name="what the file says of itself"
                    ),
                ),
                ("text", models.TextField(blank=True, editable=False, verbose_name="text")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="files",
                        to="publications.publication",
                        verbose_name="publication",
                    ),
                ),
            ],
            options={
                "verbose_name": "file",
                "verbose_name_plural": "files",
                "ordering": ["publication", "language"],
            },
        ),
        migrations.AddIndex(
            model_name="publication",
            index=models.Index(fields=["status", "-year"], name="publication_listed"),
        ),
        migrations.AddConstraint(
            model_name="publication",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "published"])),
                name="publication_status_known",
            ),
        ),
        migrations.AddConstraint(
            model_name="publicationfile",
            constraint=models.UniqueConstraint(
                fields=("publication", "language"), name="publication_file_one_a_language"
            ),
        ),
    ]
