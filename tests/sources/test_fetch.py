"""URL fetching and feeds against servers started on 127.0.0.1 by the tests."""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from http.server import BaseHTTPRequestHandler

import pytest
from django.utils import timezone

from sources.errors import FetchError
from sources.fetch import fetch_url
from sources.models import Article, Feed
from sources.services.feeds import poll_feed
from sources.services.ingest import ingest_inputs
from tests.sources.conftest import LocalServer, respond

pytestmark = pytest.mark.django_db

PAGE = b"""<html><head><title>Quarry closure</title><meta name="author" content="Odile Brand">
</head><body><article><h1>Quarry closure</h1>
<p>The quarry owner said on Monday that extraction would stop by the end of the year.</p>
<p>"The seam is exhausted," the owner told a meeting of the parish council.</p>
</article></body></html>"""


def _redirect(location: str):
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def _only(server: LocalServer):
    """An address policy that lets through this one test server and nothing else private."""

    def allowed(address: ipaddress.IPv4Address | ipaddress.IPv6Address, port: int) -> bool:
        return address.is_global or (str(address) == "127.0.0.1" and port == server.port)

    return allowed


def test_page_from_a_local_server_is_ingested(local_server: LocalServer, settings) -> None:
    settings.REDLINE_FETCH_ALLOW_PRIVATE = True
    local_server.routes["/quarry"] = respond(PAGE)
    report = ingest_inputs([local_server.url("/quarry")])
    assert report.summary() == "ingested: 1, duplicates: 0, failed: 0"
    article = Article.objects.get()
    assert (article.url, article.title, article.author) == (
        local_server.url("/quarry"),
        "Quarry closure",
        "Odile Brand",
    )
    assert article.source_file is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://[::1]:8080/", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://[fd00:ec2::254]/", "cloud metadata"),
        ("ftp://files.example/a.txt", "scheme"),
    ],
)
def test_non_public_addresses_are_refused(url: str, reason: str) -> None:
    report = ingest_inputs([url])
    assert report.summary() == "ingested: 0, duplicates: 0, failed: 1"
    assert reason in report.failures[0].reason


def test_metadata_address_is_refused_even_when_private_ones_are_allowed(settings) -> None:
    settings.REDLINE_FETCH_ALLOW_PRIVATE = True
    with pytest.raises(FetchError, match="cloud metadata"):
        fetch_url("http://169.254.169.254/latest/meta-data/")


def test_every_resolved_address_is_checked() -> None:
    with pytest.raises(FetchError, match="private"):
        fetch_url("http://mixed.test/", resolver=lambda host, port: ["93.184.216.34", "10.0.0.8"])


def test_connection_goes_to_the_checked_address_with_the_host_name_kept(
    local_server: LocalServer,
) -> None:
    local_server.routes["/pinned"] = respond(b"hello")
    page = fetch_url(
        f"http://news.test:{local_server.port}/pinned",
        resolver=lambda host, port: ["127.0.0.1"],
        address_allowed=_only(local_server),
    )
    assert page.body == b"hello"
    assert local_server.requests[-1]["Host"] == f"news.test:{local_server.port}"


def test_redirect_to_a_private_address_is_refused(
    local_server: LocalServer, second_server: LocalServer
) -> None:
    second_server.routes["/secret"] = respond(b"internal")
    local_server.routes["/go"] = _redirect(second_server.url("/secret"))
    local_server.routes["/meta"] = _redirect("http://169.254.169.254/latest/meta-data/")
    with pytest.raises(FetchError, match="loopback"):
        fetch_url(local_server.url("/go"), address_allowed=_only(local_server))
    with pytest.raises(FetchError, match="cloud metadata"):
        fetch_url(local_server.url("/meta"), address_allowed=_only(local_server))
    assert second_server.requests == []  # the refused hop was never requested


def test_redirects_are_followed_and_limited(local_server: LocalServer, settings) -> None:
    settings.REDLINE_FETCH_MAX_REDIRECTS = 2
    local_server.routes["/a"] = _redirect("/b")
    local_server.routes["/b"] = respond(b"arrived")
    local_server.routes["/loop"] = _redirect("/loop")
    assert fetch_url(local_server.url("/a"), address_allowed=_only(local_server)).body == b"arrived"
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(local_server.url("/loop"), address_allowed=_only(local_server))


def test_a_server_that_never_stops_sending_is_cut_off(local_server: LocalServer, settings) -> None:
    settings.REDLINE_FETCH_ALLOW_PRIVATE = True
    settings.REDLINE_MAX_INPUT_BYTES = 256 * 1024

    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        chunk = b"<p>" + b"more words " * 1000 + b"</p>"
        while True:
            handler.wfile.write(chunk)

    local_server.routes["/endless"] = endless
    report = ingest_inputs([local_server.url("/endless")])
    assert report.failed == 1
    assert "too large" in report.failures[0].reason


def test_unreachable_hosts_fail_clearly(settings) -> None:
    settings.REDLINE_FETCH_ALLOW_PRIVATE = True
    settings.REDLINE_FETCH_CONNECT_TIMEOUT = 2.0
    report = ingest_inputs(["http://no-such-host.invalid/story", "http://127.0.0.1:9/closed"])
    reasons = [outcome.reason for outcome in report.failures]
    assert report.failed == 2
    assert "cannot resolve host" in reasons[0]
    assert "cannot connect" in reasons[1]


def _feed(local_server: LocalServer) -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Parish Wire</title>
    <item><title>Bells</title><link>{local_server.url("/bells")}</link>
    <description>Short.</description>
    <content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[
    <p>The vicar said on Sunday that the bells would ring again from Easter.</p>]]>
    </content:encoded></item>
    <item><title>Quarry closure</title><link>{local_server.url("/quarry")}</link></item>
    </channel></rss>""".encode()


def test_feed_url_creates_a_feed_and_fetches_link_only_entries(
    local_server: LocalServer, settings
) -> None:
    settings.REDLINE_FETCH_ALLOW_PRIVATE = True
    local_server.routes["/quarry"] = respond(PAGE)
    local_server.routes["/feed.xml"] = respond(
        _feed(local_server), "application/rss+xml", ETag='"v1"'
    )
    report = ingest_inputs([local_server.url("/feed.xml")])
    assert report.summary() == "ingested: 2, duplicates: 0, failed: 0"
    feed = Feed.objects.get(url=local_server.url("/feed.xml"))
    assert (feed.title, feed.etag, feed.error_count) == ("Parish Wire", '"v1"', 0)
    assert set(Article.objects.values_list("title", flat=True)) == {"Bells", "Quarry closure"}
    assert Article.objects.filter(feed=feed).count() == 2


def test_poll_uses_conditional_get_and_backs_off_after_errors(
    local_server: LocalServer, settings
) -> None:
    settings.REDLINE_FETCH_ALLOW_PRIVATE = True
    local_server.routes["/quarry"] = respond(PAGE)
    body = _feed(local_server)

    def conditional(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.end_headers()
            return
        respond(body, "application/rss+xml", ETag='"v1"')(handler)

    local_server.routes["/feed.xml"] = conditional
    feed = Feed.objects.create(url=local_server.url("/feed.xml"), poll_interval_seconds=600)
    assert poll_feed(feed).ingested == 2
    assert poll_feed(feed).outcomes == []  # 304: nothing fetched again
    assert local_server.requests[-1]["If-None-Match"] == '"v1"'

    del local_server.routes["/feed.xml"]
    before = timezone.now()
    poll_feed(feed)
    poll_feed(feed)
    feed.refresh_from_db()
    assert feed.error_count == 2
    assert "HTTP 404" in feed.last_error
    assert feed.next_poll_at is not None
    assert feed.next_poll_at >= before + timedelta(seconds=600 * 4)
