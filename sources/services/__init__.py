"""Ingestion services: the single entry for the CLI, the API, the upload form and feed polling."""
