"""URL ingestion refuses loopback, private, link-local and metadata addresses, also when DNS
answers a public address first and a private one next (rebinding)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from sources.errors import FetchError
from sources.fetch import fetch_url

HOSTILE_URLS = [
    "http://127.0.0.1/",
    "http://127.1.2.3:8000/admin",
    "http://[::1]/",
    "http://10.0.0.5/",
    "http://172.16.3.4/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/",
    "http://100.100.100.200/",
    "http://[::ffff:127.0.0.1]/",
    "http://0.0.0.0/",
    "http://[fe80::1]/",
    "http://224.0.0.1/",
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_FLUSHALL",
    "ftp://example.org/",
]
PRIVATE_ANSWERS = ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "192.168.0.9"]


@override_settings(REDLINE_FETCH_ALLOW_PRIVATE=False)
@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_url_is_refused(url: str) -> None:
    with pytest.raises(FetchError):
        fetch_url(url)


@override_settings(REDLINE_FETCH_ALLOW_PRIVATE=False)
@pytest.mark.parametrize("private", PRIVATE_ANSWERS)
def test_name_resolving_to_a_private_address_is_refused(private: str) -> None:
    with pytest.raises(FetchError, match="refused"):
        fetch_url("http://news.example.org/a", resolver=lambda host, port: [private])


@override_settings(REDLINE_FETCH_ALLOW_PRIVATE=False)
@pytest.mark.parametrize("private", PRIVATE_ANSWERS)
def test_rebinding_answer_public_then_private_is_refused(private: str) -> None:
    calls: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        calls.append(host)
        # First answer public and private together, as a rebinding server would.
        return ["93.184.216.34", private] if len(calls) == 1 else [private]

    with pytest.raises(FetchError, match="refused"):
        fetch_url("http://rebind.example.org/", resolver=rebinding)
    assert calls == ["rebind.example.org"]
