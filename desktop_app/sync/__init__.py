"""Sync by file: keys, peers, change log packages (DESIGN.md §3)."""
