"""Who must confirm their sign-in with a second factor, and who merely may."""

from django_otp import user_has_device

from erbm_cms.records.groups import EDITORS, REVIEWERS

DELEGATION_GROUPS = (EDITORS, REVIEWERS)


def second_factor_required(user):
    """Superusers and the delegation's roles publish in the State's name: a password alone is not enough."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=DELEGATION_GROUPS).exists()


def has_second_factor(user):
    return user.is_authenticated and user_has_device(user, confirmed=True)


def second_factor_pending(user):
    """Signed in with the password only, while a second factor is set up or required."""
    if not user.is_authenticated or user.is_verified():
        return False
    return has_second_factor(user) or second_factor_required(user)
