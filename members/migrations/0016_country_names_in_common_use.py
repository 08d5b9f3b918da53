"""Country names as French and Spanish readers use them, where the ISO 3166-1 names that
django-countries gives read as a list entry ("Palestine, État de"). A name staff have
already corrected is left as it is."""

from django.db import migrations

# (code, language): (the ISO name given before, the name in common use)
NAMES = {
    ("PS", "fr"): ("Palestine, État de", "Palestine"),
    ("SZ", "fr"): ("Eswatini (République d')", "Eswatini"),
    ("MK", "fr"): ("République de Macédoine du Nord", "Macédoine du Nord"),
    ("FM", "fr"): ("Micronésie (États Fédérés de)", "Micronésie"),
    ("SZ", "es"): ("Suazilandia", "Esuatini"),
    ("TD", "es"): ("República del Chad", "Chad"),
}


def rename(apps, schema_editor, forward=True):
    Country = apps.get_model("members", "Country")
    for (code, language), (iso, common) in NAMES.items():
        old, new = (iso, common) if forward else (common, iso)
        Country.objects.filter(code=code, **{f"name_{language}": old}).update(
            **{f"name_{language}": new}
        )


def restore(apps, schema_editor):
    rename(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("members", "0015_logo_limits")]

    operations = [migrations.RunPython(rename, restore)]
