"""PySide6 user interface of ANTQ Desk (the only package that imports Qt)."""
