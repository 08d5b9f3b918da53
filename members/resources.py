"""Organisations to and from spreadsheets (django-import-export): the admin's "Import" and
"Export" on the organisations' list, in the columns of the directory's own download
(docs/open-data.md), so that export, edit, import changes nothing else.

A row is matched to a member by its slug, else by its name and country (a file may leave out
the slug column). A country is given by its ISO code or its name in English, French or Spanish;
a region, when given, by its name or slug, and must be the country's. An empty cell keeps what
is stored, unless the secretariat asks for empty cells to clear it. The last three columns (the
member's page, the country's and region's names in a language) are written on export and read
by nobody on import. Any row refused refuses the whole import (the admin then shows each row's
errors, column by column)."""

import reversion
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.resources import Diff

from .exports import COLUMNS, FORMULA_STARTS, cell
from .models import Country, Organisation, Region

EXPORT_ONLY = ("url", "country_name", "region_name")


class CountryWidget(widgets.ForeignKeyWidget):
    """A country by its ISO code; before_import_row has turned any name into its code."""

    def __init__(self):
        super().__init__(Country, field="code")

    def clean(self, value, row=None, **kwargs):
        if not value:
            raise ValueError(_("Give the country, by its ISO code or its name."))
        try:
            return Country.objects.select_related("region").get(code=value)
        except Country.DoesNotExist:
            raise ValueError(
                _("“%(value)s” is not a country we know.") % {"value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.name_en if value else ""


def by_name(queryset, *keys):
    """{code, slug or any language's name, lowercased: the object}, in one query."""
    found = {}
    for obj in queryset:
        for key in keys:
            found[str(getattr(obj, key)).lower()] = obj
        for field in ("name_en", "name_fr", "name_es"):
            found[getattr(obj, field).lower()] = obj
    return found


def blank(value):
    return value is None or not str(value).strip()


class Changes(Diff):
    """A row's changes as the preview lists them: [(column, was, will be)] for each column the
    row changes (for a new member, each it fills), whole values. Columns only written on
    export, and those that follow from another (the country's code, the region), are left out."""

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.columns = [
            None if field.readonly else field.column_name for field in resource.get_import_fields()
        ]

    def as_html(self):
        return [
            (column, "" if self.new else was, now)
            for column, was, now in zip(self.columns, self.left, self.right, strict=True)
            if column and (not blank(now) if self.new else str(was) != str(now))
        ]


def free_slug(name, country):
    """An address for a new member: its name, then its country's code where another member
    has the name, then a number."""
    base = slugify(name)[:190]
    if not base:
        return ""  # not in Latin letters: the row asks for its slug (the model says so)
    taken = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    stem = f"{base}-{country.code.lower()}" if country else base
    candidates = [base, stem, *(f"{stem}-{n}" for n in range(2, 1000))]
    return next(slug for slug in candidates if slug not in taken)


class OrganisationResource(resources.ModelResource):
    country_code = fields.Field(
        attribute="country__code", column_name="country_code", readonly=True
    )
    country = fields.Field(attribute="country", column_name="country", widget=CountryWidget())
    region = fields.Field(column_name="region", readonly=True)
    url = fields.Field(column_name="url", readonly=True)
    country_name = fields.Field(column_name="country_name", readonly=True)
    region_name = fields.Field(column_name="region_name", readonly=True)

    class Meta:
        model = Organisation
        fields = list(COLUMNS)
        export_order = COLUMNS
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def __init__(self, form=None, **kwargs):
        super().__init__(**kwargs)
        # The admin's choice on the import form, carried to the confirmation (members/admin.py).
        self.clear_blank_cells = bool(getattr(form, "cleaned_data", {}).get("clear_blank_cells"))

    def get_diff_class(self):
        return Changes

    def export_field(self, field, instance, **kwargs):
        # As the public CSV does: a text a spreadsheet would run as a formula starts with an
        # apostrophe (in CSV and in XLSX, where it would otherwise be stored as a formula);
        # the import takes it off again.
        value = super().export_field(field, instance, **kwargs)
        return cell(value) if isinstance(value, str) else value

    def save_instance(self, instance, is_create, row, **kwargs):
        # Each row a version in the member's History, as an admin save is.
        with reversion.create_revision():
            super().save_instance(instance, is_create, row, **kwargs)
            reversion.set_comment(_("Imported from a spreadsheet."))
            if kwargs.get("user") is not None:
                reversion.set_user(kwargs["user"])

    def dehydrate_region(self, organisation):
        return organisation.country.region.slug

    def dehydrate_url(self, organisation):
        return organisation.get_absolute_url()

    def dehydrate_country_name(self, organisation):
        return organisation.country.name

    def dehydrate_region_name(self, organisation):
        return organisation.country.region.name

    def before_import(self, dataset, **kwargs):
        # Without a slug column every row is matched by name and country (get_instance).
        if "slug" not in (dataset.headers or []):
            dataset.append_col([""] * len(dataset), header="slug")
        # Countries and regions by every name a row may give them, read once for the file.
        self.countries = by_name(Country.objects.all(), "code")
        self.regions = by_name(Region.objects.all(), "slug")

    def before_import_row(self, row, **kwargs):
        # The country as its ISO code, from country_code or the country's code or name.
        given = (row.get("country_code") or row.get("country") or "").strip()
        country = self.countries.get(given.lower())
        row["country"] = country.code if country else given
        for column, value in list(row.items()):
            # A cell the site's own CSV guarded against spreadsheet formulas: as it was.
            if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_STARTS:
                row[column] = value[1:]
            # Empty cells are empty text, as the forms save them, not None.
            if value is None and column not in EXPORT_ONLY:
                row[column] = ""

    def get_instance(self, instance_loader, row):
        slug = (row.get("slug") or "").strip()
        if slug:
            return Organisation.objects.filter(slug=slug).first()
        return Organisation.objects.filter(
            name__iexact=(row.get("name") or "").strip(), country__code=row["country"]
        ).first()

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # An empty cell keeps what a member has, unless the secretariat chose to clear it.
        if instance.pk and blank(row.get(field.column_name)) and not self.clear_blank_cells:
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        region = (row.get("region") or "").strip()
        if region and instance.country_id:
            given = self.regions.get(region.lower())
            if given is None or given.pk != instance.country.region_id:
                raise ValidationError(
                    {
                        "country": _("The region “%(region)s” is not the region of %(country)s.")
                        % {"region": region, "country": instance.country.name_en}
                    }
                )
        if not instance.slug:
            instance.slug = free_slug(
                instance.name, instance.country if instance.country_id else None
            )
