"""The privacy notice as shipped, brought up to what the site now does (#31): consent on record,
periods enforced (the table under the notice, from settings), access and erasure in one step.
A notice the secretariat has edited is left as it is."""

from importlib import import_module

from django.db import migrations
from django.utils import timezone

FIRST = import_module("pages.migrations.0004_privacy_notice").BODY

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
    "asked, which version of this notice you were shown, when and how you confirmed, and the "
    "last digest you received, to send you the digest. The page linked from every mail shows "
    "all of it. A request not confirmed in time is deleted. When you unsubscribe, your choices "
    "are deleted at once and your address after the period below. Mail leaves through the "
    "mail service the secretariat uses.</p>"
    "<h2>Suggesting a correction</h2>"
    "<p>When you suggest a correction to a member's entry we keep what you wrote and the "
    "address you gave, for the secretariat to check the entry and answer you. It is never "
    "shown on the site, and it is deleted after the period below once the secretariat has "
    "decided.</p>"
    "<h2>Member organisations' representatives and the secretariat's staff</h2>"
    "<p>For the people who sign in, we keep their address, their password (only as a one-way "
    "hash), their language, when they last signed in, and what they proposed or changed, "
    "with their name, in the records' history. Staff also have a second factor. Sign-ins and "
    "failed sign-ins are recorded with the network address they came from, to stop password "
    "guessing, and deleted after the period below. Access ends when the secretariat closes "
    "the account.</p>"
    "<h2>Your rights</h2>"
    "<p>You may ask what we keep about you, have it corrected, or have it deleted, by writing "
    "to the secretariat at the address above: it gathers everything the site holds about your "
    "address in one step, and deletes it the same way (the records' history keeps what a "
    "former member of staff changed, without their name). You may also complain to the "
    "Belgian Data Protection Authority.</p>"
)


def update(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    # A new version of the notice: subscriptions from now on record this date.
    Page.objects.filter(kind="privacy", body_en=FIRST).update(
        body_en=BODY, updated_at=timezone.now()
    )


def first(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    Page.objects.filter(kind="privacy", body_en=BODY).update(body_en=FIRST)


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_privacy_notice")]

    operations = [migrations.RunPython(update, first)]
