"""The report domain: official forms, report model, checks, storage, interchange.

Nothing in this package may import Qt; tests/core/test_no_qt.py enforces it.
"""
