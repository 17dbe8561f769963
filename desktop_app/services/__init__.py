"""Services: one module per area; importing the package registers every area's rules."""

from desktop_app.services import cases, groups, households, meetings, vocabularies

__all__ = ["cases", "groups", "households", "meetings", "vocabularies"]
