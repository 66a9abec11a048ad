from dvk.accounts.models import User


def has_administrator() -> bool:
    return User.objects.filter(is_superuser=True, is_active=True).exists()
