"""ANTQ Desk."""
