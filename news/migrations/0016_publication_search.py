"""Publications in the search (#32): a GIN index per language on exactly the expressions
news/search.py asks, as 0009 and 0015 made for the news, the members and the events.
PostgreSQL only."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from news import search

LANGUAGES = ("en", "fr", "es")


def indexes(apps):
    Publication = apps.get_model("publications", "Publication")
    for language in LANGUAGES:
        vector = search.publication_vector(language)
        yield Publication, GinIndex(vector, name=f"publication_search_{language}")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in indexes(apps):
            schema_editor.add_index(model, index)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("news", "0015_event_search"), ("publications", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
