"""Member organisations' representatives (#30): the secretariat invites one from the
organisation's page in the admin; the mail leads to a page where they choose a password
(Django's own password-reset token: it works once, for PASSWORD_RESET_TIMEOUT, three days);
then they sign in at /members/my/login/ to their organisation's page. A password rather than a
link mailed at each sign-in: Django's auth does it as it is, and a representative who has
lost their mailbox can still be reached by the secretariat. A representative is never staff
and never reaches the admin; the admin's second factor is for staff."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import LoginView, PasswordResetConfirmView, PasswordResetView
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import mails, proposals, rounds
from .models import Organisation, Representative

LOGIN_URL = reverse_lazy("members:representative-login")


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the mails"), choices=settings.LANGUAGES)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise ValidationError(
                _("This address already has an account: a person represents one organisation."),
                code="taken",
            )
        return email


@transaction.atomic
def invite(organisation, email, language):
    """A representative's account (with no password yet) and the mail inviting them."""
    user = get_user_model().objects.create_user(username=email.lower(), email=email)
    representative = Representative.objects.create(
        user=user, organisation=organisation, language=language
    )
    transaction.on_commit(lambda: send_invitation(representative))
    return representative


def send_invitation(representative):
    user = representative.user
    with translation.override(representative.language):
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        path = reverse("members:representative-welcome", args=[uid, token])
        context = {
            "organisation": representative.organisation,
            "link": settings.SITE_URL.rstrip("/") + path,
            "sign_in": settings.SITE_URL.rstrip("/") + str(LOGIN_URL),
            "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
        }
        subject = _("Keep %(organisation)s's entry on CICOPA's site") % {
            "organisation": representative.organisation.name
        }
        body = render_to_string("members/mail/representative_invitation.txt", context)
        mail = mails.message(subject, body, user.email)
    mail.send()


class RepresentativeLoginForm(AuthenticationForm):
    """Only representatives sign in here; to anyone else it answers as to a wrong password."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.is_staff or not Representative.objects.filter(user=user).exists():
            raise self.get_invalid_login_error()


class RepresentativeLoginView(LoginView):
    form_class = RepresentativeLoginForm
    template_name = "members/representative_login.html"
    next_page = reverse_lazy("members:my-organisation")


class PasswordForm(PasswordResetForm):
    """A forgotten password: a link to choose a new one, for representatives' accounts alone
    (staff have their own way back, through an administrator)."""

    def get_users(self, email):
        return (
            user
            for user in super().get_users(email)
            if not user.is_staff and Representative.objects.filter(user=user).exists()
        )


class ForgottenPasswordView(PasswordResetView):
    form_class = PasswordForm
    template_name = "members/representative_password.html"
    subject_template_name = "members/mail/representative_password_subject.txt"
    email_template_name = "members/mail/representative_password.txt"
    html_email_template_name = "members/mail/representative_password.html"
    success_url = reverse_lazy("members:representative-password-sent")


class WelcomeView(PasswordResetConfirmView):
    """The invitation's link: a password chosen, then signed in to the organisation's page."""

    template_name = "members/representative_welcome.html"
    success_url = reverse_lazy("members:my-organisation")
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"


def signed_in_representative(request):
    representative = Representative.objects.filter(user=request.user).first()
    if representative is None:
        raise Http404("not a representative")
    return representative


def figures_form(organisation, data=None):
    """The open round's form, while the organisation has not answered it; else None."""
    figures_round = rounds.open_round()
    if figures_round is None or organisation.pk in rounds.answered(figures_round):
        return None
    entry = Organisation.objects.get(pk=organisation.pk)  # changed in memory by validation
    form = rounds.AnswerForm(data, instance=entry, prefix="figures")
    form.round = figures_round
    return form


def page(request, representative, form, answer_form, status=200):
    organisation = representative.organisation
    context = {
        "organisation": organisation,
        "representative": representative,
        "form": form,
        "answer_form": answer_form,
        "proposals": organisation.proposals.all()[:10],
    }
    return render(request, "members/my_organisation.html", context, status=status)


@never_cache
@login_required(login_url=LOGIN_URL)
def my_organisation(request):
    """The signed-in representative's organisation, and no other: its entry to change, as a
    proposal the secretariat approves (members/proposals.py), the open figures round, and the
    proposals made."""
    representative = signed_in_representative(request)
    organisation = representative.organisation
    form = proposals.form_for(organisation, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if proposals.propose(representative, form) is None:
            messages.info(request, _("Nothing was changed: there is nothing to propose."))
        else:
            messages.success(request, _("Your proposal is sent: the secretariat will review it."))
        return redirect("members:my-organisation")
    status = 400 if form.errors else 200
    return page(request, representative, form, figures_form(organisation), status)


@never_cache
@login_required(login_url=LOGIN_URL)
@require_POST
def answer_figures(request):
    """The open round's figures, confirmed or updated: a proposal, as any change is."""
    representative = signed_in_representative(request)
    answer_form = figures_form(representative.organisation, request.POST)
    if answer_form is None:
        return redirect("members:my-organisation")  # closed, or answered already
    if not answer_form.is_valid():
        form = proposals.form_for(representative.organisation)
        return page(request, representative, form, answer_form, status=400)
    rounds.answer(representative, answer_form.round, answer_form.cleaned_data)
    messages.success(request, _("Your figures are sent: the secretariat will review them."))
    return redirect("members:my-organisation")
