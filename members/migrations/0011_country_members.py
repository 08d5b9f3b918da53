from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def recount(apps, schema_editor):
    """As CountryQuerySet.recount(), with the models as they are at this migration."""
    Country = apps.get_model("members", "Country")
    Organisation = apps.get_model("members", "Organisation")
    current = (
        Organisation.objects.filter(status="current", country=OuterRef("pk"))
        .order_by()
        .values("country")
        .annotate(members=Count("*"))
        .values("members")
    )
    Country.objects.update(members=Coalesce(Subquery(current), 0))


class Migration(migrations.Migration):
    dependencies = [("members", "0010_secretariat_corrections")]

    operations = [
        migrations.AddField(
            model_name="country",
            name="members",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="current members"
            ),
        ),
        migrations.RunPython(recount, migrations.RunPython.noop),
    ]
