"""{% publication_ld publication %}: a publication as schema.org data (a Report for a report,
else a CreativeWork), with each language's file as an encoding."""

from django import template

from cicopa.templatetags.pictures import largest_picture_url
from cicopa.templatetags.sharing import json_ld, organization, origin
from cicopa.translation import shown_in

register = template.Library()


@register.simple_tag(takes_context=True)
def publication_ld(context, publication):
    request = context["request"]
    base = origin(request)
    files = list(publication.files.all())
    data = {
        "@type": "Report" if publication.kind == "report" else "CreativeWork",
        "name": publication.title,
        "description": publication.summary,
        "inLanguage": [file.language for file in files] or shown_in(publication, "title"),
        "datePublished": str(publication.year),
        "url": base + publication.get_absolute_url(),
        "publisher": {
            "@type": "Organization",
            "name": "CICOPA",
            "url": organization(request)["url"],
        },
        "encoding": [
            {
                "@type": "MediaObject",
                "encodingFormat": "application/pdf",
                "contentUrl": base + file.get_absolute_url(),
                "contentSize": str(file.size),
                "inLanguage": file.language,
            }
            for file in files
        ],
    }
    if publication.authors:
        data["author"] = publication.authors
    cover = largest_picture_url(context, publication, "cover")
    if cover:
        data["image"] = cover
    return json_ld(data)
