"""Create the demo accounts: an editor and an analyst, with known passwords (idempotent)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand

from claims.services.editing import ANALYSTS_GROUP, EDITORS_GROUP

DEMO_ACCOUNTS = (
    ("editor", "redline-editor-demo", EDITORS_GROUP),
    ("analyst", "redline-analyst-demo", ANALYSTS_GROUP),
)


class Command(BaseCommand):
    help = "Create the 'editors' and 'analysts' groups and one demo account in each."

    def handle(self, *args: Any, **options: Any) -> None:
        for group in (EDITORS_GROUP, ANALYSTS_GROUP):
            Group.objects.get_or_create(name=group)
        self.stdout.write("Demo accounts (for local use only; change or delete them elsewhere):")
        for username, password, group in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.is_active = True
            user.save()
            user.groups.add(Group.objects.get(name=group))
            state = "created" if created else "reset"
            self.stdout.write(
                f"  {group[:-1]:8} user {username!r}  password {password!r}  ({state})"
            )
        self.stdout.write("Log in at /accounts/login/")
