"""The REST API of redline (/api/v1/): serializers, filters, permissions, pagination and views."""
