"""Browser UI of the claims app: read pages (pages.py) and editor actions (actions.py)."""
