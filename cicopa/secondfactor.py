"""Two-factor sign-in for the admin (django-two-factor-auth on django-otp): a password, then a
code from an authenticator app (TOTP, enrolled by a QR code), a passkey or security key
(WebAuthn), or one of the single-use recovery codes. Required for every staff account when
TWO_FACTOR_REQUIRED (production's default; local development may skip it). Failed passwords
count towards the login lockout (django-axes) as before; wrong codes are slowed down by
django-otp's throttling."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME, get_permission_codename
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import user_has_device


class SecretariatAdminSite(AdminSite):
    """The admin, open to staff who have also given their second factor."""

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not settings.TWO_FACTOR_REQUIRED or request.user.is_verified()

    def login(self, request, extra_context=None):
        if not settings.TWO_FACTOR_REQUIRED:
            return super().login(request, extra_context)
        after = request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME))
        if not after or not url_has_allowed_host_and_scheme(after, {request.get_host()}):
            after = reverse("admin:index")
        user = request.user
        if user.is_authenticated and user.is_staff and not user_has_device(user):
            # Signed in with a password, no second factor yet: enrol one, which only a session
            # opened by the enrolment link may do (cicopa.enrolment).
            return redirect(f"{reverse('two_factor:setup')}?{urlencode({'next': after})}")
        return redirect(f"{reverse('two_factor:login')}?{urlencode({'next': after})}")


class SecretariatAdminConfig(AdminConfig):
    default_site = "cicopa.secondfactor.SecretariatAdminSite"


def may_preview(request, model):
    """Whether `request` may see `model`'s unpublished rows (drafts, items scheduled for later)
    at their public addresses: only whom the admin admits (staff who have given their second
    factor where it is required) and who may view that model there. The one rule for every
    model with drafts."""
    opts = model._meta
    permission = f"{opts.app_label}.{get_permission_codename('view', opts)}"
    return admin.site.has_permission(request) and request.user.has_perm(permission)
