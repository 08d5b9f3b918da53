"""Full-text search on PostgreSQL (news/search.py): the unaccent extension, a text search
configuration per language (the language's stemming, accents aside), and a GIN index per
language on exactly the expressions the search asks. Nothing on other databases.

The extension needs a role allowed to create it (the database's owner, on PostgreSQL 13 and
later, since unaccent is a trusted extension)."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from news import search

DICTIONARIES = {"en": "english", "fr": "french", "es": "spanish"}


def index_name(model, language):
    return f"{model}_search_{language}"


def indexes(apps):
    NewsItem = apps.get_model("news", "NewsItem")
    Organisation = apps.get_model("members", "Organisation")
    for language in DICTIONARIES:
        yield NewsItem, GinIndex(search.news_vector(language), name=index_name("news", language))
        yield (
            Organisation,
            GinIndex(search.organisation_vector(language), name=index_name("org", language)),
        )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for language, dictionary in DICTIONARIES.items():
        config = search.CONFIGS[language]
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {config} (COPY = {dictionary})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {config} ALTER MAPPING FOR "
            f"hword, hword_part, word WITH unaccent, {dictionary}_stem"
        )
    for model, index in indexes(apps):
        schema_editor.add_index(model, index)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in indexes(apps):
        schema_editor.remove_index(model, index)
    for language in DICTIONARIES:
        schema_editor.execute(
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {search.CONFIGS[language]}"
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0008_secretariat_subscribers"), ("members", "0017_coboce_own_name")]

    operations = [migrations.RunPython(create, remove)]
