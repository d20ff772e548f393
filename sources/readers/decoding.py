"""Bytes to text: size and binary checks first, then UTF-8 / BOMs, then charset detection."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from sources.errors import IngestError

# Signatures of formats that are never article text, whatever the file is called.
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def check_size(size: int, limit: int) -> None:
    """Refuse an empty input or one over ``limit`` bytes (before anything is parsed)."""
    if size == 0:
        raise IngestError("empty input (0 bytes)")
    if size > limit:
        raise IngestError(f"input too large: {size} bytes, the limit is {limit} bytes")


def decode_bytes(data: bytes) -> str:
    """Decode an input to text; refuse binary data. NUL characters are removed from the result."""
    if not data.strip():
        raise IngestError("empty input (no text)")
    for magic, kind in _MAGIC_NUMBERS:
        if data.startswith(magic):
            raise IngestError(f"binary input: this is {kind}, not text")
    text = _decode(data)
    if not text.strip("\x00 \t\r\n\ufeff"):
        raise IngestError("empty input (no text)")
    return text.replace("\x00", "").lstrip("\ufeff")


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(f"invalid {encoding} text after its byte-order mark") from exc
    if b"\x00" in data[:4096]:
        raise IngestError("binary input: NUL bytes and no UTF-16/32 byte-order mark")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise IngestError("binary input: not text in any known encoding")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise IngestError("binary input: mostly control characters")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / len(sample)
