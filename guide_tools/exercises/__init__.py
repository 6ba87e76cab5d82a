"""The chapters' exercises: the reader's command and CI's check (runner), the pytest plugin, helpers for checks."""
