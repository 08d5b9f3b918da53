"""Organisations to and from spreadsheets (django-import-export): the admin's "Import" and
"Export" on the organisations' list, in the columns of the directory's own download
(docs/open-data.md), so that export, edit, import changes nothing else.

A row is matched to a member by its slug, else by its name and country. A country is given by
its ISO code or its name in English, French or Spanish; a region, when given, by its name or
slug, and must be the country's. The last three columns (the member's page, the country's and
region's names in a language) are written on export and read by nobody on import. Any row
refused refuses the whole import (the admin then shows each row's errors, column by column)."""

import reversion
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

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
            instance.slug = slugify(instance.name)[:200]
