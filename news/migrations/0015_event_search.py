"""Events in the search (#32): a GIN index per language on exactly the expressions
news/search.py asks, as news 0009 made for the news and the members. PostgreSQL only."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from news import search

LANGUAGES = ("en", "fr", "es")


def indexes(apps):
    Event = apps.get_model("news", "Event")
    for language in LANGUAGES:
        yield Event, GinIndex(search.event_vector(language), name=f"event_search_{language}")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in indexes(apps):
            schema_editor.add_index(model, index)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("news", "0014_events"), ("news", "0009_search")]

    operations = [migrations.RunPython(create, remove)]
