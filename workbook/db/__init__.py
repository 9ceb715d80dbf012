"""Persistence: the ORM model, the store and its migrations."""
