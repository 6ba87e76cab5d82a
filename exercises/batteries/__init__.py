"""Checks written once for a rule several chapters teach (contributing/exercises.md)."""
