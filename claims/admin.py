from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Actor, ActorAlias, Claim, ClaimRelation, Mention


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 0


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "role", "affiliation", "merged_into"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias", "role"]
    raw_id_fields = ["affiliation", "merged_into"]
    inlines = [ActorAliasInline]


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    raw_id_fields = ["article", "reviewed_by"]
    fields = ["article", "sentence", "start", "end", "cue", "status", "origin"]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = [
        "text",
        "speaker",
        "said_on",
        "red_line",
        "kind",
        "mention_count",
        "review_status",
    ]
    list_filter = ["red_line", "kind", "review_status", "said_on_precision"]
    search_fields = ["text", "speaker__name", "red_line_about"]
    list_select_related = ["speaker"]
    raw_id_fields = ["speaker", "first_mention", "merged_into"]
    inlines = [MentionInline]


@admin.register(Mention)
class MentionAdmin(SimpleHistoryAdmin):
    list_display = ["sentence", "claim", "article", "cue", "status", "origin", "confidence"]
    list_filter = ["status", "origin", "direct", "anonymous"]
    search_fields = ["sentence", "claim__text", "article__title"]
    raw_id_fields = ["claim", "article", "reviewed_by"]
    list_select_related = ["claim", "article"]


@admin.register(ClaimRelation)
class ClaimRelationAdmin(SimpleHistoryAdmin):
    list_display = ["source", "type", "target", "score", "status", "origin"]
    list_filter = ["type", "status", "origin"]
    search_fields = ["source__text", "target__text", "evidence"]
    raw_id_fields = ["source", "target", "reviewed_by"]
    list_select_related = ["source", "target"]


# Admin of the API models (tokens, webhook subscriptions) lives with the API.
import claims.api.admin  # noqa: E402, F401
