"""Coverage-guided fuzzing (atheris) of the ingestion readers: only IngestError may escape.

Run ``make fuzz`` (20 000 inputs, capped at 5 minutes) or directly, with libFuzzer flags:
``.venv/bin/python tests/robustness/fuzz_readers.py -runs=20000 -max_total_time=300 CORPUS``.
The first byte of each input picks the file name (so the reader: txt, html, json, jsonl, rss,
or sniffing), the second the content type; the rest is the body. Any other exception, or an
input running longer than ``-timeout`` seconds, is a crash that libFuzzer reports and saves.
libFuzzer's last line, ``Done N runs in S second(s)``, is the number of inputs tried.
"""

from __future__ import annotations

import contextlib
import os
import sys

import atheris

NAMES = ("page.txt", "page.html", "doc.json", "lines.jsonl", "feed.rss", "feed.atom", "", "x.md")
CONTENT_TYPES = ("", "text/html", "application/json", "application/rss+xml", "text/plain")


def _setup() -> None:
    # The readers need settings only; a database is never opened.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redline.settings")
    os.environ.setdefault("DATABASE_URL", "postgres://fuzz@127.0.0.1:1/never_opened")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    import django

    django.setup()


_setup()
with atheris.instrument_imports(include=["sources"]):
    from sources.errors import IngestError
    from sources.readers import read_input


def test_one_input(data: bytes) -> None:
    """One fuzz input through read_input; IngestError is the only accepted failure."""
    if len(data) < 2:
        return
    name = NAMES[data[0] % len(NAMES)]
    content_type = CONTENT_TYPES[data[1] % len(CONTENT_TYPES)]
    with contextlib.suppress(IngestError):
        read_input(data[2:], name=name, content_type=content_type)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
