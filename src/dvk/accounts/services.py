from django.db import transaction

from dvk.accounts.models import User
from dvk.core.audit import log_event
from dvk.core.errors import ValidationFailed


@transaction.atomic
def create_administrator(*, username: str, password: str, email: str = "", full_name: str = "",
                         actor=None) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationFailed(f"Tên đăng nhập “{username}” đã có người dùng.")
    user = User.objects.create_superuser(username=username, email=email, password=password,
                                         full_name=full_name)
    log_event(actor=actor, action="user.create_administrator", target=user)
    return user
