"""ANTQ Desk: the Qt-free core (services, sync, reports, CLI)."""

APP_NAME = "ANTQ Desk"
__version__ = "0.1.0"
