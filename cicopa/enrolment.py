"""A staff account's first second factor, bound to something only its owner has: a link sent
to the account's mail. An administrator sends it from the users' list (also after resetting
someone's second factor); `manage.py send_enrolment_link USERNAME` does the same for the first
administrator of a new installation.

The link is signed (django.core.signing), names the account and what signing in changes (its
password and last sign-in), and lapses after TWO_FACTOR_ENROLMENT_HOURS: it works once, since
using it signs the owner in. It asks for the account's password (the failures count towards
the lockout) and then opens enrolment for that session alone. A password without the link
opens nothing: a signed-in account with no second factor is told to ask for a link."""

import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, login
from django.core import signing
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import user_has_device
from two_factor.views import SetupView

SALT = "cicopa.enrolment"
SESSION_KEY = "cicopa_enrolment_for"


def lifetime():
    return datetime.timedelta(hours=settings.TWO_FACTOR_ENROLMENT_HOURS)


def state(user):
    """What the link depends on: a new password or a sign-in (using the link is one) ends it."""
    return salted_hmac(SALT, f"{user.pk}:{user.password}:{user.last_login}").hexdigest()[:20]


def link(user):
    token = signing.dumps([user.pk, state(user)], salt=SALT)
    return settings.SITE_URL.rstrip("/") + reverse("enrol", args=[token])


def user_from(token):
    """The account a link is for. Raises signing.SignatureExpired once it has lapsed, and
    signing.BadSignature for one altered, used, replaced, or for an account that has a second
    factor already or is no longer staff."""
    pk, expected = signing.loads(token, salt=SALT, max_age=lifetime())
    user = get_user_model().objects.filter(pk=pk, is_active=True, is_staff=True).first()
    if user is None or state(user) != expected or user_has_device(user):
        raise signing.BadSignature("used, replaced, or not for an account waiting to enrol")
    return user


def send_link(user):
    """Mail `user` a new link (any earlier one still works until it lapses or one is used)."""
    hours = settings.TWO_FACTOR_ENROLMENT_HOURS
    body = _(
        "Hello %(username)s,\n\n"
        "To sign in to the CICOPA secretariat's site, set up your second factor (an "
        "authenticator app on your phone, or a passkey) from this link, with your password:\n\n"
        "%(link)s\n\n"
        "The link works once, for %(hours)s hours. If it has lapsed, ask an administrator for "
        "a new one. If you did not expect this mail, tell the secretariat.\n"
    ) % {"username": user.get_username(), "link": link(user), "hours": hours}
    send_mail(_("Set up your sign-in to the CICOPA secretariat"), body, None, [user.email])


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


@never_cache
@sensitive_post_parameters("password")
def enrol(request, token):
    """The link's page: the password, then on to enrolment for this session."""
    try:
        user = user_from(token)
    except signing.SignatureExpired:
        return render(request, "registration/enrol_refused.html", {"lapsed": True}, status=410)
    except signing.BadSignature:
        return render(request, "registration/enrol_refused.html", {"lapsed": False}, status=404)
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        signed_in = authenticate(
            request, username=user.get_username(), password=form.cleaned_data["password"]
        )
        if signed_in is not None and signed_in.pk == user.pk:
            login(request, signed_in)  # sets last_login: this link is used
            request.session[SESSION_KEY] = user.pk
            setup = reverse("two_factor:setup")
            return redirect(f"{setup}?{urlencode({'next': reverse('admin:index')})}")
        form.add_error("password", _("This is not the account's password."))
    context = {"form": form, "username": user.get_username()}
    return render(request, "registration/enrol.html", context, status=400 if form.errors else 200)


def may_enrol(request):
    """Enrolment is open to a session that came through a link, and to an account that has a
    second factor already (adding or replacing one is as the profile allows)."""
    user = request.user
    return request.session.get(SESSION_KEY) == user.pk or user_has_device(user)


@method_decorator(never_cache, name="dispatch")
class LinkedSetupView(SetupView):
    """django-two-factor-auth's enrolment, only for a session a link opened."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_enrol(request):
            return render(request, "registration/enrol_needs_link.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request, *args, **kwargs):
        return "setup_view"  # django-two-factor-auth's own (formtools names it by the class)

    def done(self, form_list, **kwargs):
        response = super().done(form_list, **kwargs)
        self.request.session.pop(SESSION_KEY, None)
        return response
