"""Services that write actors, claims, mentions and relations; views and tasks call these."""
