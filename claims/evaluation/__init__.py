"""Scoring extraction output against gold annotations (pure code, no database)."""
