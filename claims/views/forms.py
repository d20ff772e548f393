"""Forms for the editor actions; each maps onto one function of claims.services.editing."""

from __future__ import annotations

from django import forms

from claims.models import Claim, ClaimRelation, DatePrecision, ReviewStatus


class ReviewForm(forms.Form):
    status = forms.ChoiceField(choices=ReviewStatus.choices)


class CorrectClaimForm(forms.Form):
    speaker = forms.CharField(
        max_length=300, required=False, help_text="A name or alias; unknown names are added."
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    said_on = forms.DateField(
        required=False, label="Date said", widget=forms.DateInput(attrs={"type": "date"})
    )
    said_on_precision = forms.ChoiceField(choices=DatePrecision.choices, label="Precision")
    kind = forms.ChoiceField(choices=Claim.Kind.choices)
    red_line = forms.BooleanField(required=False, label="Red line")
    red_line_about = forms.CharField(max_length=500, required=False, label="Red line about")

    @classmethod
    def for_claim(cls, claim: Claim) -> CorrectClaimForm:
        """A form showing the claim's current values."""
        return cls(
            initial={
                "speaker": claim.speaker.name if claim.speaker else "",
                "text": claim.text,
                "said_on": claim.said_on,
                "said_on_precision": claim.said_on_precision,
                "kind": claim.kind,
                "red_line": claim.red_line,
                "red_line_about": claim.red_line_about,
            }
        )


class MergeForm(forms.Form):
    other = forms.CharField(
        max_length=300, label="Merge into this one", help_text="The other one's number or name."
    )


class AddRelationForm(forms.Form):
    other = forms.IntegerField(min_value=1, label="Other claim number")
    type = forms.ChoiceField(choices=ClaimRelation.Type.choices)
    direction = forms.ChoiceField(
        choices=[("out", "this claim → other"), ("in", "other → this claim")], initial="out"
    )
    evidence = forms.CharField(max_length=2000, required=False, widget=forms.TextInput)


class AddMentionForm(forms.Form):
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    claim = forms.IntegerField(
        min_value=1, required=False, label="Attach to claim number", help_text="Or leave empty…"
    )
    speaker = forms.CharField(max_length=300, required=False, label="…and name a new speaker")
    text = forms.CharField(
        required=False, label="Claim text", help_text="Defaults to the selected text."
    )
    kind = forms.ChoiceField(choices=Claim.Kind.choices, initial=Claim.Kind.ASSERTION)
    red_line = forms.BooleanField(required=False, label="Red line")
    red_line_about = forms.CharField(max_length=500, required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("claim") and not (data.get("speaker") or "").strip():
            raise forms.ValidationError("Give a claim number, or a speaker for a new claim.")
        return data
