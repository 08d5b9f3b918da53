"""English, French and Spanish: complete translations kept in step, the same page in each
language at its own address, content falling back to English and saying so."""

import ast
import datetime
import re
import shutil
from html import unescape
from pathlib import Path

import feedparser
import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext, pgettext

from members.models import Country
from news.models import NewsItem
from tests.factories import NewsItemFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = ["fr", "es"]
CATALOGUES = {code: ROOT / "locale" / code / "LC_MESSAGES" / "django.po" for code in TRANSLATED}


def entries(catalogue):
    """{(context, id, plural id): translations} of a .po or .mo file."""
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural): (
            entry.msgstr or tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
        )
        for entry in catalogue
        if entry.msgid and not entry.obsolete
    }


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_compiled_catalogue_matches_its_source(language):
    source = polib.pofile(CATALOGUES[language])
    compiled = polib.mofile(CATALOGUES[language].with_suffix(".mo"))
    translated = {key: value for key, value in entries(source).items() if value}
    assert entries(compiled) == translated, "run `make messages` to recompile"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_interface_string_is_translated(language, tmp_path, monkeypatch):
    """Extract the strings afresh from a copy of the templates and the code (makemessages
    writes beside what it reads): every one must have a translation, none fuzzy, none left
    behind in the catalogue."""
    assert shutil.which("xgettext"), "gettext is missing: `make test-tools` installs it"
    for source in ["cicopa", "members", "news", "pages", "publications", "templates", "locale"]:
        shutil.copytree(ROOT / source, tmp_path / source)
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=[language], no_obsolete=True, verbosity=0)
    fresh = polib.pofile(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po")
    untranslated = [entry.msgid for entry in fresh if not entry.translated()]
    assert untranslated == [], f"translate these in locale/{language}/LC_MESSAGES/django.po"
    assert set(entries(fresh)) == set(entries(polib.pofile(CATALOGUES[language])))


PAGES = [
    "/",
    "/members/",
    "/members/?region=americas&q=liga",
    "/members/vietnam-cooperative-alliance/",
    "/news/",
    "/news/2017/",
    "/news/2017/the-cicopa-network-is-growing/",
]


@pytest.fixture
def initial_content():
    call_command("load_initial_content", verbosity=0)


def prefixed(path, language):
    return path if language == "en" else f"/{language}{path}"


def alternates(html):
    links = re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html)
    return {code: unescape(url) for code, url in links}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_in_every_language_with_its_alternates(client, initial_content, path, language):
    response = client.get(prefixed(path, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    expected = {code: f"http://testserver{prefixed(path, code)}" for code in ("en", "fr", "es")}
    assert alternates(html) == {**expected, "x-default": expected["en"]}
    # The switcher links the same page, filters kept, in the two other languages.
    switcher = html.split('class="languages"')[1].split("</nav>")[0]
    for code, url in expected.items():
        if code == language:
            assert f'<span class="current" lang="{code}" aria-current="true">' in switcher
        else:
            assert f'href="{url.replace("&", "&amp;")}" hreflang="{code}"' in switcher


def test_english_stays_at_the_unprefixed_addresses(client, initial_content):
    assert client.get("/en/").status_code == 404
    assert client.get("/en/members/").status_code == 404
    # A French browser asking for an English address gets English: the address decides.
    response = client.get("/members/", headers={"accept-language": "fr"})
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ["Annuaire des membres", "Filtrer l’annuaire", "3 organisations dans 3 pays"]),
        ("es", ["Directorio de miembros", "Filtrar el directorio", "3 organizaciones en 3 países"]),
    ],
)
def test_the_interface_speaks_the_visitor_s_language(client, initial_content, language, words):
    html = client.get(f"/{language}/members/").content.decode()
    for text in words:
        assert text in html


def test_country_and_region_names_in_the_visitor_s_language_sorted_in_it(client, country):
    for code in ["ZW", "ES", "EC", "EG", "AE"]:
        OrganisationFactory(country=country(code))
    html = client.get("/fr/members/").content.decode()
    countries = re.findall(r'<option value="[A-Z]{2}">([^<]+) \(1\)</option>', html)
    # Accents aside, as a French reader looks them up; code points would put É after Z.
    assert countries == ["Égypte", "Émirats arabes unis", "Équateur", "Espagne", "Zimbabwe"]
    assert "Afrique (2)" in html and "Europe (1)" in html
    spanish = client.get("/es/members/?country=EG").content.decode()
    assert "Egipto · África" in spanish


def test_lists_show_a_country_s_english_name_where_it_has_none_in_the_visitor_s(client, country):
    egypt = country("EG")
    egypt.name_fr = ""
    egypt.save()
    OrganisationFactory(name="Coopérative du Nil", acronym="CDN", country=egypt)
    directory = client.get("/fr/members/").content.decode()
    assert '<span class="place">Egypt · Afrique</span>' in directory
    region = client.get("/fr/members/regions/africa/").content.decode()
    assert '<span class="place">Egypt</span>' in region
    assert '<abbr title="Coopérative du Nil">CDN</abbr>' in region


def test_shipped_country_and_region_names_are_translated():
    bolivia = Country.objects.select_related("region").get(code="BO")
    assert (bolivia.name_en, bolivia.name_fr, bolivia.name_es) == ("Bolivia", "Bolivie", "Bolivia")
    assert (bolivia.region.name_fr, bolivia.region.name_es) == ("Amériques", "Américas")
    assert not Country.objects.filter(name_fr="").exists()
    assert not Country.objects.filter(name_es="").exists()


@pytest.fixture
def bilingual_item():
    return NewsItemFactory(
        title="Worker cooperatives meet in Brussels",
        title_fr="Les coopératives de travail se réunissent à Bruxelles",
        summary="The general assembly met.",
        summary_fr="L’assemblée générale s’est réunie.",
        body="<p>English body.</p>",
        body_fr="<p>Texte français.</p>",
        published_at=datetime.datetime(2024, 5, 2, 10, tzinfo=datetime.UTC),
    )


def test_a_translated_item_shows_in_french_without_a_notice(client, bilingual_item):
    html = client.get(prefixed(bilingual_item.get_absolute_url(), "fr")).content.decode()
    assert '<h1 lang="fr">Les coopératives de travail se réunissent à Bruxelles</h1>' in html
    assert "Texte français." in html and "English body." not in html
    assert "pas encore été traduit" not in html
    assert "2 mai 2024" in html


def test_a_missing_translation_falls_back_to_english_and_says_so(client, bilingual_item):
    html = client.get(prefixed(bilingual_item.get_absolute_url(), "es")).content.decode()
    assert "Esta noticia aún no se ha traducido al español" in html
    assert '<h1 lang="en">Worker cooperatives meet in Brussels</h1>' in html
    assert '<div class="body" lang="en"><p>English body.</p></div>' in html
    assert "2 de mayo de 2024" in html
    listing = client.get("/es/news/").content.decode()
    assert "en inglés" in listing
    # English pages never carry the notice.
    english = client.get(bilingual_item.get_absolute_url()).content.decode()
    assert "not been translated" not in english and "in English" not in english


def test_news_lists_say_which_language_each_summary_is_in(client, bilingual_item):
    url = prefixed(bilingual_item.get_absolute_url(), "fr")
    french = client.get("/fr/news/").content.decode()
    assert (
        f'<h2 lang="fr"><a href="{url}">Les coopératives de travail se réunissent à Bruxelles'
        "</a></h2>"
    ) in french
    assert '<time datetime="2024-05-02">2 mai 2024</time></p>' in french
    assert '<p lang="fr">L’assemblée générale s’est réunie.</p>' in french
    spanish = client.get("/es/news/").content.decode()
    assert '<h2 lang="en"><a href="/es/news/2024/' in spanish
    assert '2 de mayo de 2024</time> · <span class="lang-note">en inglés</span>' in spanish
    assert '<p lang="en">The general assembly met.</p>' in spanish


def test_a_description_falls_back_to_english_and_says_so(client):
    organisation = OrganisationFactory(description="Federation of worker cooperatives.")
    french_page = prefixed(organisation.get_absolute_url(), "fr")
    html = client.get(french_page).content.decode()
    assert "Cette description n’a pas encore été traduite en français" in html
    assert '<div class="description" lang="en">' in html
    organisation.description_fr = "Fédération de coopératives de travail."
    organisation.save()
    html = client.get(french_page).content.decode()
    assert "pas encore été traduite" not in html
    assert '<div class="description" lang="fr"><p>Fédération de coopératives de travail.' in html


def test_every_language_s_body_is_sanitised(client, bilingual_item):
    hostile = '<p onclick="x()">Hola</p><script>alert(1)</script>'
    bilingual_item.body_es = hostile
    bilingual_item.full_clean()  # as the admin's form does
    assert bilingual_item.body_es == "<p>Hola</p>"
    # And on display, whatever reached the database by another road.
    hostile += '<img src=x onerror="x()">'  # (a picture not uploaded here: see test_body_pictures)
    NewsItem.objects.filter(pk=bilingual_item.pk).update(body_es=hostile)
    html = client.get(prefixed(bilingual_item.get_absolute_url(), "es")).content.decode()
    assert "<p>Hola</p>" in html and "alert(1)" not in html and "onerror" not in html


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("feed", ["news/feed/", "news/feed/atom/", "members/feed/"])
def test_feeds_in_each_language_valid_and_discoverable(client, bilingual_item, language, feed):
    OrganisationFactory(country=Country.objects.get(code="BO"))
    response = client.get(f"/{language}/{feed}")
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.get("language", "").startswith(language) or parsed.feed.get(
        "title_detail", {}
    ).get("language", "").startswith(language)
    assert all(f"/{language}/" in entry.link for entry in parsed.entries)
    etag = response["ETag"]
    again = client.get(f"/{language}/{feed}", headers={"if-none-match": etag})
    assert again.status_code == 304
    page = client.get(f"/{language}/").content.decode()
    for own_feed in ("news/feed/", "news/feed/atom/"):
        assert f'href="/{language}/{own_feed}"' in page


def test_the_french_news_feed_speaks_french(client, bilingual_item):
    parsed = feedparser.parse(client.get("/fr/news/feed/").content)
    assert parsed.feed.title == "Actualités de CICOPA"
    assert parsed.entries[0].title == "Les coopératives de travail se réunissent à Bruxelles"


def test_the_sitemap_lists_each_page_in_each_language_with_its_alternates(client, bilingual_item):
    xml = client.get("/sitemap-news.xml").content.decode()
    path = bilingual_item.get_absolute_url()
    for code in ("en", "fr", "es"):
        assert f"<loc>http://testserver{prefixed(path, code)}</loc>" in xml
        assert (
            f'<xhtml:link rel="alternate" hreflang="{code}" '
            f'href="http://testserver{prefixed(path, code)}"/>'
        ) in xml
    assert f'hreflang="x-default" href="http://testserver{path}"/>' in xml
    assert xml.count("<url>") == 3


def test_languages_are_those_of_cicopa():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "fr", "es"]


def test_the_switcher_keeps_an_encoded_query_as_it_came(client, initial_content):
    html = client.get("/fr/members/?q=caf%C3%A9+100%25&region=americas").content.decode()
    switcher = html.split('class="languages"')[1].split("</nav>")[0]
    query = "?q=caf%C3%A9+100%25&amp;region=americas"
    assert f'href="http://testserver/members/{query}" hreflang="en"' in switcher
    assert f'href="http://testserver/es/members/{query}" hreflang="es"' in switcher


@pytest.mark.parametrize("path", ["//evil.example/x", "/fr//evil.example/x", "///evil.example"])
def test_alternates_of_a_path_that_looks_like_another_host_stay_on_the_site(client, path):
    # As the server receives it: client.get() would read "//evil.example" as a host.
    response = client.request(PATH_INFO=path, REQUEST_METHOD="GET")
    assert response.status_code == 404
    html = response.content.decode()
    alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', html)
    assert alternates, html
    for url in alternates:
        assert url.startswith("http://testserver/"), url


GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}


def hidden_translations(tree):
    """Calls of the gettext functions that makemessages cannot see: inside an f-string's
    expressions, or given an f-string."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for value in node.values:
                found += [
                    call.lineno
                    for call in ast.walk(value)
                    if isinstance(call, ast.Call) and getattr(call.func, "id", None) in GETTEXT
                ]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in GETTEXT:
            if any(isinstance(argument, ast.JoinedStr) for argument in node.args):
                found.append(node.lineno)
    return found


def test_no_translatable_string_hides_where_makemessages_cannot_find_it():
    hidden = {
        f"{path.relative_to(ROOT)}:{line}"
        for package in ("cicopa", "members", "news", "pages")
        for path in (ROOT / package).rglob("*.py")
        for line in hidden_translations(ast.parse(path.read_text()))
    }
    assert not hidden, "move these out of the f-string, into a variable: " + ", ".join(
        sorted(hidden)
    )


def test_the_check_for_hidden_strings_finds_them():
    source = 'a = f"<t>{_(\'Title\')}</t>"\nb = gettext(f"Hello {name}")\nc = _("Plain")\n'
    assert hidden_translations(ast.parse(source)) == [1, 2]


@pytest.mark.parametrize(
    "prefix, name",
    [
        ("", "International Organisation of Industrial and Service Cooperatives"),
        ("/fr", "Organisation internationale des coopératives industrielles et de services"),
        ("/es", "Organización Internacional de Cooperativas Industriales y de Servicios"),
    ],
)
def test_one_name_for_the_organisation_in_header_and_footer(client, prefix, name):
    html = client.get(f"{prefix}/").content.decode()
    header = html.split("</header>")[0]
    footer = html.split('<footer class="site-footer">')[1]
    assert name in header and name in footer
    assert "Artisan" not in html and "Producers" not in html


def test_french_typography_spaces_its_punctuation():
    """A narrow no-break space before ; ! ?, a no-break space before : and inside « »: never
    an ordinary space that a line may break at, nor none at all."""
    wrong = [
        entry.msgstr
        for entry in polib.pofile(CATALOGUES["fr"])
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if re.search(r"(?<![\u202f])[;!?](\s|$)|(?<!\u00a0):(\s|$)|« |«(?!\u00a0)| »", text)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "language, context, msgid, expected",
    [
        # Agreement: the organisation, feminine in both.
        ("fr", None, "recorded", "enregistrée le"),
        ("es", None, "recorded", "registrada el"),
        ("fr", None, "%(year)s is in the future.", "%(year)s est une année future."),
        ("es", None, "%(year)s is in the future.", "%(year)s es un año futuro."),
        # The movement's terms: people in cooperatives are "socios".
        ("es", None, "Individual members", "Socios individuales"),
        # One word for a thing, and status and action told apart.
        ("fr", None, "Record", "Suivi"),
        (
            "fr",
            None,
            "Unpublish the selected items",
            "Remettre en brouillon les articles sélectionnés",
        ),
        (
            "es",
            None,
            "Unpublish the selected items",
            "Devolver a borrador las noticias seleccionadas",
        ),
        ("es", None, "Follow the news:", "Seguir las noticias:"),
        ("es", "a news item's status", "Published", "Publicada"),
        ("es", "what was done to news items", "Published", "Publicadas"),
        ("es", None, "Leave empty when it is not on record.", "Déjelo vacío si no consta."),
    ],
)
def test_the_catalogues_speak_as_the_movement_does(language, context, msgid, expected):
    with translation.override(language):
        assert (pgettext(context, msgid) if context else gettext(msgid)) == expected


def test_worker_cooperatives_go_by_their_name_in_each_language(client):
    french = client.get("/fr/").content.decode()
    spanish = client.get("/es/").content.decode()
    assert "coopératives de travail associé" in french
    assert "cooperativas de trabajo asociado" in spanish


@pytest.mark.parametrize(
    "prefix, title",
    [
        ("", "Countries with CICOPA members"),
        ("/fr", "Pays où CICOPA a des membres"),
        ("/es", "Países con miembros de CICOPA"),
    ],
)
def test_the_map_is_named_for_screen_readers_in_the_page_s_language(client, prefix, title):
    OrganisationFactory(country=Country.objects.get(code="BO"))
    html = client.get(f"{prefix}/members/map/").content.decode()
    assert f'<title id="world-map-title">{title}</title>' in html


def test_region_pages_never_say_in_americas(client):
    OrganisationFactory(country=Country.objects.get(code="BO"))
    html = client.get("/members/regions/americas/").content.decode()
    assert "in Americas" not in html
    assert "Search and filter this region's members" in html
    assert "correct them above" not in client.get("/members/?region=x").content.decode()
