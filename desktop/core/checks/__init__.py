"""The one check engine: rules from the form data evaluated on a report."""

from desktop.core.checks.engine import CheckEngine, LiveFindings
from desktop.core.checks.findings import Finding

__all__ = ["CheckEngine", "Finding", "LiveFindings"]
