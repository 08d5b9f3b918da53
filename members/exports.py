"""The directory as open data: CSV and JSON of exactly what the directory's filters select,
every page of it, streamed a few thousand rows at a time. The columns are documented in
docs/open-data.md and stay stable: add new ones at the end, never rename or drop one."""

import csv
import json
from datetime import date

from django.http import StreamingHttpResponse
from django.utils.translation import get_language

# (column, the field it is read from). English names, ISO codes and slugs: the same whatever
# the language of the page the download was started from. Each row ends with the page's URL.
SOURCES = [
    ("slug", "slug"),
    ("name", "name"),
    ("acronym", "acronym"),
    ("country_code", "country__code"),
    ("country", "country__name_en"),
    ("region", "country__region__slug"),
    ("category", "category"),
    ("status", "status"),
    ("member_since", "member_since"),
    ("ica_member_since", "ica_member_since"),
    ("left_in", "left_in"),
    ("cooperatives", "cooperatives"),
    ("individual_members", "individual_members"),
    ("figures_year", "figures_year"),
    ("website", "website"),
]
# Then the member's page, and the country's and the region's names in the language of the
# page the download was started from (English where no translation is written).
COLUMNS = [column for column, _field in SOURCES] + ["url", "country_name", "region_name"]
FIELDS = [field for _column, field in SOURCES]
CHUNK = 2000


def rows(queryset, pages):
    """Tuples in COLUMNS' order, read CHUNK at a time (a server-side cursor on PostgreSQL).
    `pages`: the absolute address of /members/, to which a slug adds the member's page."""
    language = get_language()
    names = {
        "country": [f"country__name_{language}", "country__name_en"],
        "region": [f"country__region__name_{language}", "country__region__name_en"],
    }
    read = dict.fromkeys([*FIELDS, *names["country"], *names["region"]])  # each once, in order
    selected = queryset.order_by("name", "pk").values(*read)
    for row in selected.iterator(chunk_size=CHUNK):
        local = [row[field] or row[english] for field, english in names.values()]
        yield (*(row[field] for field in FIELDS), f"{pages}{row['slug']}/", *local)


def filename(extension):
    return f"cicopa-members-{date.today().isoformat()}.{extension}"


class Echo:
    """csv.writer writes to this and gets the line back, to stream it."""

    def write(self, value):
        return value


# A cell a spreadsheet would read as a formula (OWASP, CSV injection): "=HYPERLINK(…)",
# "+cmd|' /C calc'!A0". Such a text cell starts with an apostrophe, which spreadsheets show
# as text and do not display; the JSON keeps every value exact.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


# The separator a spreadsheet expects where the comma marks decimals (French, Spanish).
DELIMITERS = {"comma": ",", "semicolon": ";"}
DEFAULT_DELIMITER = {"fr": "semicolon", "es": "semicolon"}


def delimiter_for(language):
    return DEFAULT_DELIMITER.get(language, "comma")


def csv_response(queryset, pages, delimiter="comma"):
    writer = csv.writer(Echo(), delimiter=DELIMITERS[delimiter])

    def lines():
        yield "\ufeff"  # a byte-order mark, so spreadsheet programs read UTF-8
        yield writer.writerow(COLUMNS)
        for row in rows(queryset, pages):
            yield writer.writerow([cell(value) for value in row])

    return download(lines(), "text/csv; charset=utf-8", filename("csv"))


def json_response(queryset, pages, delimiter=None):
    def pieces():
        yield '{"columns": ' + json.dumps(COLUMNS) + ', "organisations": ['
        for index, row in enumerate(rows(queryset, pages)):
            prefix = "\n" if index == 0 else ",\n"
            yield prefix + json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False)
        yield "\n]}\n"

    return download(pieces(), "application/json", filename("json"))


def download(pieces, content_type, name):
    response = StreamingHttpResponse(pieces, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
