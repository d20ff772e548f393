from django.contrib import admin

from sources.models import Article, Feed, Outlet


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "created_at"]
    search_fields = ["name", "domain"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "outlet", "active", "last_polled_at", "next_poll_at", "error_count"]
    list_filter = ["active", "outlet"]
    search_fields = ["url", "title"]
    list_select_related = ["outlet"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "outlet",
        "published",
        "status",
        "source_file",
        "copy_of",
        "created_at",
    ]
    list_filter = ["status", "outlet", "raw_format", "published"]
    search_fields = ["title", "url", "source_file", "author"]
    list_select_related = ["outlet", "copy_of"]
    raw_id_fields = ["copy_of", "feed"]
    readonly_fields = ["content_hash", "fingerprint", "raw", "created_at", "updated_at"]
    date_hierarchy = "created_at"
