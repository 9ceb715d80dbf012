"""Engagement Workbook core: domain model, persistence, services, files and CLI (no Qt)."""

__version__ = "0.1.0"
