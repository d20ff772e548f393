"""Fetching URLs safely: public addresses only, pinned to the checked IP, bounded in time and size.

DNS is resolved here and every address is checked before connecting; the connection goes to the
checked IP (Host header and TLS SNI keep the name), so a DNS rebind cannot swap the address.
Redirects are followed by hand and every hop is checked again.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from django.conf import settings

from sources.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]
AddressPolicy = Callable[[IPAddress, int], bool]

# Cloud metadata endpoints are refused even when private addresses are allowed (tests).
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(slots=True)
class FetchedPage:
    """A fetched body (``not_modified`` for a 304 answer to a conditional GET)."""

    url: str
    status: int
    body: bytes
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False


def fetch_url(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    resolver: Resolver | None = None,
    address_allowed: AddressPolicy | None = None,
    max_bytes: int | None = None,
) -> FetchedPage:
    """GET a URL under the fetch settings; FetchError with a clear reason otherwise."""
    resolve = resolver or resolve_host
    allowed = address_allowed or default_address_policy
    limit = max_bytes if max_bytes is not None else settings.REDLINE_MAX_INPUT_BYTES
    deadline = time.monotonic() + settings.REDLINE_FETCH_TOTAL_TIMEOUT
    timeout = httpx.Timeout(
        settings.REDLINE_FETCH_READ_TIMEOUT, connect=settings.REDLINE_FETCH_CONNECT_TIMEOUT
    )
    request_headers = {"User-Agent": settings.REDLINE_USER_AGENT, **(headers or {})}
    current = url
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _hop in range(settings.REDLINE_FETCH_MAX_REDIRECTS + 1):
            page, location = _fetch_once(
                client, current, request_headers, resolve, allowed, limit, deadline
            )
            if location is None:
                assert page is not None
                return page
            current = urljoin(current, location)
    raise FetchError(f"too many redirects (more than {settings.REDLINE_FETCH_MAX_REDIRECTS})")


def resolve_host(host: str, port: int) -> list[str]:
    """Every address a host name resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def default_address_policy(address: IPAddress, port: int) -> bool:
    """Public unicast addresses only, unless settings allow private ones (tests)."""
    return address.is_global or bool(settings.REDLINE_FETCH_ALLOW_PRIVATE)


def check_address(address: IPAddress, port: int, allowed: AddressPolicy) -> None:
    """Refuse metadata, multicast, unspecified, and whatever the policy does not allow."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address in METADATA_ADDRESSES:
        raise FetchError(f"refused: {address} is a cloud metadata address")
    if address.is_multicast or address.is_unspecified:
        raise FetchError(f"refused: {address} is a {_kind(address)} address")
    if not allowed(address, port):
        raise FetchError(f"refused: {address} is a {_kind(address)} address, not a public one")


def _fetch_once(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    resolve: Resolver,
    allowed: AddressPolicy,
    limit: int,
    deadline: float,
) -> tuple[FetchedPage | None, str | None]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    host = parts.hostname
    if not host:
        raise FetchError(f"URL without a host: {url}")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"invalid port in {url}") from exc
    addresses = _addresses(host, port, resolve)
    for address in addresses:
        check_address(address, port, allowed)
    pinned = addresses[0]
    netloc_ip = f"[{pinned}]" if pinned.version == 6 else str(pinned)
    pinned_url = urlunsplit(
        (parts.scheme, f"{netloc_ip}:{port}", parts.path or "/", parts.query, "")
    )
    host_header = host if parts.port is None else f"{host}:{parts.port}"
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    try:
        with client.stream(
            "GET", pinned_url, headers={**headers, "Host": host_header}, extensions=extensions
        ) as response:
            if response.status_code in _REDIRECTS and response.headers.get("location"):
                return None, response.headers["location"]
            if response.status_code == 304:
                return FetchedPage(url=url, status=304, body=b"", not_modified=True), None
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} from {url}")
            body = _read_limited(response, limit, deadline, url)
            return FetchedPage(
                url=url,
                status=response.status_code,
                body=body,
                content_type=response.headers.get("content-type", ""),
                etag=response.headers.get("etag", ""),
                last_modified=response.headers.get("last-modified", ""),
            ), None
    except httpx.ConnectTimeout as exc:
        raise FetchError(f"connection to {host} timed out") from exc
    except httpx.ReadTimeout as exc:
        raise FetchError(f"{host} stopped answering (read timeout)") from exc
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect to {host}: {exc}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"fetching {url} failed: {exc}") from exc


def _addresses(host: str, port: int, resolve: Resolver) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    found = []
    for value in resolve(host, port):
        try:
            found.append(ipaddress.ip_address(value.split("%")[0]))
        except ValueError as exc:
            raise FetchError(f"resolver gave an invalid address {value!r}") from exc
    if not found:
        raise FetchError(f"cannot resolve host {host!r}: no addresses")
    return found


def _read_limited(response: httpx.Response, limit: int, deadline: float, url: str) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(f"response too large: {declared} bytes, the limit is {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(f"response too large: cut off after {limit} bytes from {url}")
        if time.monotonic() > deadline:
            raise FetchError(
                f"fetching {url} took longer than {settings.REDLINE_FETCH_TOTAL_TIMEOUT} seconds"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _kind(address: IPAddress) -> str:
    for attribute, name in (
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_unspecified", "unspecified"),
        ("is_reserved", "reserved"),
        ("is_private", "private"),
    ):
        if getattr(address, attribute):
            return name
    return "non-public"
