"""The users' list, for administrators: the enrolment link (cicopa.enrolment), and a second
factor reset when a phone or key is lost."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

from . import enrolment

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffAdmin(UserAdmin):
    actions = ["send_enrolment_links", "reset_second_factors"]

    @admin.action(description=_("Send an enrolment link for the second factor"))
    def send_enrolment_links(self, request, queryset):
        self.send(request, queryset)

    @admin.action(description=_("Reset the second factor and send an enrolment link"))
    def reset_second_factors(self, request, queryset):
        for user in queryset:
            for device in devices_for_user(user, confirmed=None):
                device.delete()
        self.send(request, queryset)

    def send(self, request, queryset):
        staff = [user for user in queryset if user.is_staff and user.is_active and user.email]
        for user in staff:
            enrolment.send_link(user)
        if staff:
            names = ", ".join(user.get_username() for user in staff)
            self.message_user(request, _("Enrolment links sent to: %s.") % names)
        left = queryset.count() - len(staff)
        if left:
            self.message_user(
                request,
                _("%d account(s) left out: only active staff with an email address get a link.")
                % left,
                messages.WARNING,
            )
