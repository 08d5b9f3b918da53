"""Subscribers' addresses in their one spelling (news.subscriptions.canonical). Rows that were
one mailbox under several spellings become one: the confirmed one is kept (else the latest to
consent), the others deleted. An address with no other spelling is left as it is."""

from django.db import migrations

from news.subscriptions import canonical

PREFERRED = {"confirmed": 0, "pending": 1, "unsubscribed": 2}


def merge(apps, schema_editor):
    Subscriber = apps.get_model("news", "Subscriber")
    mailboxes = {}
    for subscriber in Subscriber.objects.all():
        try:
            spelling = canonical(subscriber.email)
        except ValueError:
            continue
        mailboxes.setdefault(spelling.lower(), []).append((spelling, subscriber))
    for rows in mailboxes.values():
        rows.sort(key=lambda row: (PREFERRED[row[1].status], -row[1].consented_at.timestamp()))
        (spelling, kept), others = rows[0], rows[1:]
        Subscriber.objects.filter(pk__in=[subscriber.pk for _, subscriber in others]).delete()
        if kept.email != spelling:
            kept.email = spelling
            kept.save(update_fields=["email"])


class Migration(migrations.Migration):
    dependencies = [("news", "0011_body_pictures")]
    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
