"""The login lockout (django-axes), chosen against two attacks:

- guessing a password from one address while signing in to one's own account now and then,
  so that each success clears the failures (AXES_RESET_ON_SUCCESS);
- failing on purpose for someone else's username from a few addresses, to lock them out
  everywhere (a lockout by username alone).

So failures are counted for a username *from one address* (AXES_FAILURE_LIMIT: the owner of
the username, elsewhere, can still sign in), and for an address across every username
(ADDRESS_FAILURE_LIMIT, higher: a shared office address has room for typing mistakes). A
success clears only the failures of its own username from its own address, never the
address's count for other usernames. Both last AXES_COOLOFF_TIME."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class LockoutHandler(AxesDatabaseHandler):
    """AXES_LOCKOUT_PARAMETERS is [["username", "ip_address"], "ip_address"]: axes counts each
    and compares the larger with AXES_FAILURE_LIMIT; the address's count is given room up to
    ADDRESS_FAILURE_LIMIT first."""

    def get_failures(self, request, credentials=None):
        by_username, by_address = (
            attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        room = settings.ADDRESS_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT
        return max(by_username, by_address - room)

    def reset_user_attempts(self, request, credentials=None):
        """On success: the failures of this username from this address, and no others."""
        by_username, _by_address = self.filter_user_attempts(request, credentials)
        count, _ = by_username.delete()
        return count
