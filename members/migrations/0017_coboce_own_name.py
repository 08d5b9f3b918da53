"""COBOCE goes by its own name, "Cooperativa Boliviana de Cemento, Industrias y Servicios", as
the directory keeps names (docs/open-data.md); the seed first recorded the English rendering
the 2017 article uses. A name staff have since changed is left as it is."""

from django.db import migrations

SLUG = "bolivian-cooperative-of-cement-industry-and-services"  # its address stays
ENGLISH = "Bolivian Cooperative of Cement, Industry and Services"
OWN = "Cooperativa Boliviana de Cemento, Industrias y Servicios"


def own_name(apps, schema_editor):
    Organisation = apps.get_model("members", "Organisation")
    Organisation.objects.filter(slug=SLUG, name=ENGLISH).update(name=OWN)


def english_name(apps, schema_editor):
    Organisation = apps.get_model("members", "Organisation")
    Organisation.objects.filter(slug=SLUG, name=OWN).update(name=ENGLISH)


class Migration(migrations.Migration):
    dependencies = [("members", "0016_country_names_in_common_use")]

    operations = [migrations.RunPython(own_name, english_name)]
