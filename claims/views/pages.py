"""Read-only pages: dashboard, timeline, claim, actor, article, outlet and edit log."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from claims import selectors
from claims.models import Mention
from claims.services.editing import list_edits
from claims.views.access import is_htmx, reader_required, user_can_edit
from claims.views.forms import AddMentionForm, AddRelationForm, CorrectClaimForm, MergeForm
from claims.views.highlight import Span, highlighted_text, marked, sentence_in_paragraph
from claims.views.paging import page_of
from claims.views.timeline import timeline_svg
from sources.models import Article, Outlet


@reader_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Red-line claims (or all), newest or best-matching first, with filters and search."""
    filters = selectors.ClaimFilters.from_query(request.GET)
    results = selectors.claim_results(filters)
    page = page_of(request, results.claims, settings.REDLINE_LIST_COUNT_AHEAD, results.count)
    for claim in page.object_list:
        claim.headline_html = marked(getattr(claim, "headline", None))  # type: ignore[attr-defined]
        claim.sentence_html = marked(getattr(claim, "matched_sentence", None))  # type: ignore[attr-defined]
    context = {
        "filters": filters,
        "page": page,
        "pool": f"{results.pool:,}" if results.pool_full else "",
        "per": request.GET.get("per", ""),
        "query_base": filters.as_query(per=request.GET.get("per", "")),
    }
    if is_htmx(request):  # the results only: no filter form to fill
        return render(request, "claims/_claim_results.html", context)
    return render(request, "claims/dashboard.html", {**context, **selectors.filter_choices()})


@reader_required
def timeline(request: HttpRequest) -> HttpResponse:
    """An actor's or a filter's statements over time as an SVG chart; each dot opens its claim."""
    filters = selectors.ClaimFilters.from_query(request.GET)
    claims = selectors.timeline_claims(filters)
    return render(
        request,
        "claims/timeline.html",
        {
            "filters": filters,
            "claims": claims,
            "chart": timeline_svg(claims),
            **selectors.filter_choices(),
        },
    )


def mention_rows(mentions: list[Mention], first_id: int | None) -> list[dict[str, Any]]:
    """Each mention with its sentence marked inside its paragraph, and whether it came first."""
    return [
        {
            "mention": m,
            "context": sentence_in_paragraph(m.article.text, m.start, m.end),
            "first": m.pk == first_id,
        }
        for m in mentions
    ]


@reader_required
def claim_page(request: HttpRequest, claim_id: int) -> HttpResponse:
    """A claim with its sources, contradicting and supporting claims, and history."""
    claim = selectors.claim_detail(claim_id)
    if claim is None:
        raise Http404("No such claim.")
    if claim.merged_into_id and "stay" not in request.GET:
        target = reverse("claims:claim", args=[claim.merged_into_id])
        return redirect(f"{target}?merged_from={claim.pk}")
    mentions = selectors.claim_mentions(claim)
    context: dict[str, Any] = {
        "claim": claim,
        "mentions": mention_rows(mentions, claim.first_mention_id),
        "relations": selectors.claim_relations(claim),
        "history": selectors.claim_history(claim),
        "edits": list_edits(claim_id=claim.pk, limit=20),
        "merged_from": request.GET.get("merged_from", ""),
    }
    if user_can_edit(request):
        context.update(
            correct_form=CorrectClaimForm.for_claim(claim),
            merge_form=MergeForm(),
            relation_form=AddRelationForm(),
        )
    return render(request, "claims/claim_detail.html", context)


@reader_required
def actor_list(request: HttpRequest) -> HttpResponse:
    """Actors, most quoted first; ``q`` searches names and aliases."""
    q = request.GET.get("q", "").strip()[:100]
    page = page_of(request, selectors.actor_list(q))
    return render(
        request,
        "claims/actor_list.html",
        {"page": page, "q": q, "query_base": urlencode({"q": q}) if q else ""},
    )


@reader_required
def actor_page(request: HttpRequest, actor_id: int) -> HttpResponse:
    """An actor: aliases, role, statements over time, and who contradicts them."""
    actor = selectors.actor_detail(actor_id)
    if actor is None:
        raise Http404("No such actor.")
    claims = selectors.actor_claims(actor)
    page = page_of(request, claims, settings.REDLINE_LIST_COUNT_AHEAD)
    dated = list(claims.filter(said_on__isnull=False)[:400])
    context: dict[str, Any] = {
        "actor": actor,
        "page": page,
        "chart": timeline_svg(dated),
        "opponents": selectors.actor_opponents(actor),
        "edits": list_edits(actor_id=actor.pk, limit=20),
    }
    if user_can_edit(request):
        context["merge_form"] = MergeForm()
    return render(request, "claims/actor_detail.html", context)


@reader_required
def article_list(request: HttpRequest) -> HttpResponse:
    """Articles, newest first, with their processing status."""
    status = request.GET.get("status", "")
    page = page_of(request, selectors.article_list(status), settings.REDLINE_LIST_COUNT_AHEAD)
    return render(
        request,
        "claims/article_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Article.Status.values,
            "query_base": urlencode({"status": status}) if status else "",
        },
    )


@reader_required
def article_page(request: HttpRequest, article_id: int) -> HttpResponse:
    """The cleaned text with every extracted statement highlighted; status and error."""
    article = selectors.article_detail(article_id)
    if article is None:
        raise Http404("No such article.")
    mentions = selectors.article_mentions(article)
    spans = [
        Span(
            m.start,
            m.end,
            f"statement {m.status}" + (" red" if m.claim.red_line else ""),
            f"m{m.pk}",
            f"{m.claim.speaker.name if m.claim.speaker else 'unknown'}: claim {m.claim_id}",
        )
        for m in mentions
    ]
    context: dict[str, Any] = {
        "article": article,
        "body": highlighted_text(article.text, spans),
        "mentions": mentions,
    }
    if user_can_edit(request):
        context["mention_form"] = AddMentionForm()
    return render(request, "claims/article_detail.html", context)


@reader_required
def outlet_list(request: HttpRequest) -> HttpResponse:
    """Outlets with their number of articles."""
    page = page_of(request, selectors.outlet_list())
    return render(request, "claims/outlet_list.html", {"page": page})


@reader_required
def outlet_page(request: HttpRequest, outlet_id: int) -> HttpResponse:
    """An outlet: its articles and the red-line claims it reported."""
    outlet = Outlet.objects.filter(pk=outlet_id).first()
    if outlet is None:
        raise Http404("No such outlet.")
    page = page_of(
        request, selectors.article_list(outlet=outlet.pk), settings.REDLINE_LIST_COUNT_AHEAD
    )
    return render(
        request,
        "claims/outlet_detail.html",
        {"outlet": outlet, "page": page, "claims": selectors.outlet_claims(outlet)},
    )


@reader_required
def edit_list(request: HttpRequest) -> HttpResponse:
    """The latest editor actions, each with an undo button for editors."""
    return render(request, "claims/edit_list.html", {"edits": list_edits(limit=100)})
