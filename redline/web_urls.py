"""URLs of the browser UI (dashboard, claim, actor, article and outlet pages; editor actions)."""

from django.urls import URLPattern, URLResolver, include, path

from claims.views import actions, pages
from sources import views as source_views

claim_patterns = [
    path("", pages.dashboard, name="dashboard"),
    path("timeline/", pages.timeline, name="timeline"),
    path("claims/<int:claim_id>/", pages.claim_page, name="claim"),
    path("claims/<int:claim_id>/correct/", actions.correct_claim, name="correct-claim"),
    path("claims/<int:claim_id>/merge/", actions.merge_claim, name="merge-claim"),
    path("claims/<int:claim_id>/relations/", actions.add_relation, name="add-relation"),
    path("mentions/<int:mention_id>/review/", actions.review_mention, name="review-mention"),
    path("relations/<int:relation_id>/review/", actions.review_relation, name="review-relation"),
    path("actors/", pages.actor_list, name="actors"),
    path("actors/<int:actor_id>/", pages.actor_page, name="actor"),
    path("actors/<int:actor_id>/merge/", actions.merge_actor, name="merge-actor"),
    path("articles/", pages.article_list, name="articles"),
    path("articles/<int:article_id>/", pages.article_page, name="article"),
    path("articles/<int:article_id>/mentions/", actions.add_mention, name="add-mention"),
    path("outlets/", pages.outlet_list, name="outlets"),
    path("outlets/<int:outlet_id>/", pages.outlet_page, name="outlet"),
    path("edits/", pages.edit_list, name="edits"),
    path("edits/<int:edit_id>/undo/", actions.undo, name="undo"),
]

source_patterns = [
    path("ingest/", source_views.ingest, name="ingest"),
    path("articles/<int:article_id>/retry/", source_views.retry, name="retry"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include((claim_patterns, "claims"))),
    path("", include((source_patterns, "sources"))),
]
