"""The privacy notice (#31), a fourth page the secretariat edits: shipped in English saying
only what the site does with personal data today; the secretariat edits and translates it."""

from django.db import migrations, models

BODY = (
    "<p>CICOPA, the International Organisation of Industrial and Service Cooperatives, runs "
    "this site from its secretariat in Brussels (c/o European Cooperative House, avenue "
    "Milcamps 105, 1030 Brussels, Belgium). This page says what the site keeps about people, "
    "why, and for how long.</p>"
    "<h2>Reading the site</h2>"
    "<p>Reading the site sets no cookie. A form sets one cookie (csrftoken) that "
    "protects what you send from forgery; signing in sets a session cookie until you sign "
    "out. Servers log each request's address and time to keep the site running.</p>"
    "<h2>The news by email</h2>"
    "<p>When you subscribe we keep your address, the language and regions you chose, when you "
    "asked and when you confirmed, and the last digest you received, to send you the "
    "digest. A request not confirmed within seven days is deleted. When you unsubscribe, your "
    "address is kept only as unsubscribed, so that nothing is sent to it, until you ask us to "
    "delete it. Mail leaves through the mail service the secretariat uses.</p>"
    "<h2>Suggesting a correction</h2>"
    "<p>When you suggest a correction to a member's entry we keep what you wrote and the "
    "address you gave, for the secretariat to check the entry and answer you. It is never "
    "shown on the site.</p>"
    "<h2>Member organisations' representatives and the secretariat's staff</h2>"
    "<p>For the people who sign in, we keep their address, their password (only as a one-way "
    "hash), their language, when they last signed in, and what they proposed or changed, "
    "with their name, in the records' history. Staff also have a second factor. Access ends "
    "when the secretariat closes the account.</p>"
    "<h2>Your rights</h2>"
    "<p>You may ask what we keep about you, have it corrected, or have it deleted, by writing "
    "to the secretariat at the address above. You may also complain to the Belgian Data "
    "Protection Authority.</p>"
)


def ship(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    Page.objects.get_or_create(
        kind="privacy",
        defaults={
            "title_en": "Privacy notice",
            "summary_en": "What CICOPA's site keeps about people, why, and for how long.",
            "body_en": BODY,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("pages", "0003_body_pictures")]

    operations = [
        migrations.AlterField(
            model_name="page",
            name="kind",
            field=models.CharField(
                choices=[
                    ("about", "About CICOPA"),
                    ("contact", "Contact"),
                    ("join", "Become a member"),
                    ("privacy", "Privacy notice"),
                ],
                max_length=10,
                unique=True,
                verbose_name="page",
            ),
        ),
        migrations.RunPython(ship, migrations.RunPython.noop),
    ]
