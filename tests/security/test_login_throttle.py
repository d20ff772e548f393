"""Login throttling (django-axes): five bad passwords lock the username+address pair out."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.claims.curation_data import make_analyst

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"


def _login(client: Client, username: str, password: str) -> bool:
    """Post the login form; whether the client ends up signed in."""
    client.post(reverse("login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def test_five_bad_passwords_lock_the_pair_out() -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    make_analyst("target")
    make_analyst("bystander")
    attacker = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(5):
        assert not _login(attacker, "target", "wrong-password")

    # The sixth attempt, even with the right password, is refused.
    locked = attacker.post(reverse("login"), {"username": "target", "password": "pw-target"})
    assert locked.status_code in (403, 429), locked.status_code
    assert "_auth_user_id" not in attacker.session

    # Other users are unaffected, from the same address or elsewhere; so is the target elsewhere.
    assert _login(Client(REMOTE_ADDR=ADDRESS), "bystander", "pw-bystander")
    assert _login(Client(REMOTE_ADDR="198.51.100.9"), "target", "pw-target")


def test_four_bad_passwords_do_not_lock() -> None:
    make_analyst("forgetful")
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(4):
        assert not _login(client, "forgetful", "nope")
    assert _login(client, "forgetful", "pw-forgetful")
