"""Pure extraction code: cleaned text and the article's date in, dataclasses out; no database."""
