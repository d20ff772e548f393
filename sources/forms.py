"""The browser ingest form: URLs pasted one a line, and/or files uploaded."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

MAX_URLS = 50
MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field accepting several files at once."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self, data: object, initial: object = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class IngestForm(forms.Form):
    urls = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "https://…  (one a line)"}),
        label="Web addresses",
    )
    uploads = MultipleFileField(
        required=False,
        label="Files (.txt .html .json .jsonl .xml)",
    )

    def clean_urls(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["urls"].splitlines() if line.strip()]
        bad = [line for line in lines if not line.lower().startswith(("http://", "https://"))]
        if bad:
            raise ValidationError(f"Not an http(s) address: {bad[0]}")
        if len(lines) > MAX_URLS:
            raise ValidationError(f"At most {MAX_URLS} addresses at a time.")
        return lines

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        files = data.get("uploads") or []
        if not data.get("urls") and not files:
            raise ValidationError("Paste an address or choose a file.")
        if isinstance(files, list) and len(files) > MAX_FILES:
            raise ValidationError(f"At most {MAX_FILES} files at a time.")
        return data
