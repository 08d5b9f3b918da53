"""{% news_about organisation_or_region as items %}: the latest published news about an
organisation, or about any member in a region, for the members' pages (members/ does not
import news/)."""

from django import template
from django.templatetags.static import static

from cicopa.templatetags.pictures import largest_picture_url
from cicopa.templatetags.sharing import json_ld, organization, origin
from cicopa.translation import shown_in
from members.models import Organisation, Region

from ..models import NewsItem

register = template.Library()


@register.simple_tag
def news_about(subject, count=5):
    items = NewsItem.objects.published().summaries()
    if isinstance(subject, Region):
        items = items.about_region(subject)
    elif isinstance(subject, Organisation):
        items = items.filter(organisations=subject)
    else:
        raise TypeError(f"No news about a {type(subject).__name__}.")
    return items[:count]


@register.simple_tag(takes_context=True)
def news_article_ld(context, item):
    """The item as a schema.org NewsArticle, published by CICOPA."""
    request = context["request"]
    url = origin(request) + item.get_absolute_url()
    card = origin(request) + static("icons/card.png")
    publisher = organization(request)
    return json_ld(
        {
            "@type": "NewsArticle",
            "headline": item.title[:110],
            "description": item.summary,
            "inLanguage": shown_in(item, "title"),
            "datePublished": item.published_at.isoformat(),
            "dateModified": item.updated_at.isoformat(),
            "url": url,
            "mainEntityOfPage": url,
            "image": [largest_picture_url(context, item, "lead_image") or card],
            "author": {"@type": "Organization", "name": "CICOPA", "url": publisher["url"]},
            "publisher": {
                "@type": "Organization",
                "name": "CICOPA",
                "logo": {"@type": "ImageObject", "url": publisher["logo"]},
            },
        }
    )
