"""Services: one module per area; importing the package registers every area's rules."""

from desktop_app.services import cases, duplicates, groups, households, meetings, vocabularies

__all__ = ["cases", "duplicates", "groups", "households", "meetings", "vocabularies"]
