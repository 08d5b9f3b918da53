"""Region and country names in French and Spanish. Countries take the ISO 3166-1 names as
django-countries translates them (the same source as their English names); the regions are
CICOPA's own. Staff can correct any of them in the admin."""

from django.db import migrations
from django.utils import translation

REGIONS = {
    "africa": {"fr": "Afrique", "es": "África"},
    "americas": {"fr": "Amériques", "es": "Américas"},
    "asia-pacific": {"fr": "Asie-Pacifique", "es": "Asia-Pacífico"},
    "europe": {"fr": "Europe", "es": "Europa"},
}
LANGUAGES = ["fr", "es"]


def translate_names(apps, schema_editor):
    from django_countries import countries

    Region = apps.get_model("members", "Region")
    Country = apps.get_model("members", "Country")
    for region in Region.objects.filter(slug__in=REGIONS):
        for language in LANGUAGES:
            setattr(region, f"name_{language}", REGIONS[region.slug][language])
        region.save(update_fields=[f"name_{language}" for language in LANGUAGES])

    known = Country.objects.filter(code__in=dict(countries))
    for language in LANGUAGES:
        with translation.override(language):
            for country in known:
                setattr(country, f"name_{language}", str(countries.name(country.code)))
    Country.objects.bulk_update(known, [f"name_{language}" for language in LANGUAGES])


class Migration(migrations.Migration):
    dependencies = [("members", "0006_translations")]

    operations = [migrations.RunPython(translate_names, migrations.RunPython.noop)]
