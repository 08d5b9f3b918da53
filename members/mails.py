"""Mails to member organisations' representatives (#30): the plain text, and the same words in
the site's look (templates/mail/base.html, the news mails' frame), links made clickable."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from cicopa.validators import one_line


def message(subject, text, to, connection=None):
    """Render in the language the mail is for (the caller's translation.override)."""
    html = render_to_string("members/mail/message.html", {"subject": subject, "text": text})
    mail = EmailMultiAlternatives(one_line(subject), text, None, [to], connection=connection)
    mail.attach_alternative(html, "text/html")
    return mail
