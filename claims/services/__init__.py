"""Services that write claims, actors, mentions and relations (views, tasks and commands call these)."""
