"""Consent on record (#31): which privacy notice a subscription was shown, and how it was
confirmed. Every subscription confirmed so far was confirmed the one way there has been, the
button behind the mailed link. Which notice each was shown was not recorded."""

from django.db import migrations, models


def confirmed_by_link(apps, schema_editor):
    Subscriber = apps.get_model("news", "Subscriber")
    Subscriber.objects.filter(confirmed_at__isnull=False).update(confirmed_by="mailed-link")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0012_canonical_addresses"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscriber",
            name="confirmed_by",
            field=models.CharField(
                blank=True,
                choices=[("mailed-link", "with the button behind the link mailed to the address")],
                max_length=12,
                verbose_name="confirmed how",
            ),
        ),
        migrations.AddField(
            model_name="subscriber",
            name="notice_version",
            field=models.DateTimeField(blank=True, null=True, verbose_name="privacy notice shown"),
        ),
        migrations.AlterField(
            model_name="subscriber",
            name="consented_at",
            field=models.DateTimeField(verbose_name="asked for"),
        ),
        migrations.RunPython(confirmed_by_link, migrations.RunPython.noop),
    ]
