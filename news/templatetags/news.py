"""{% news_about organisation_or_region as items %}: the latest published news about an
organisation, or about any member in a region, for the members' pages (members/ does not
import news/)."""

from django import template

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
