"""The report file: SQLite, one or more reports (unit × year) per file."""

from desktop.core.storage.loading import ReportInfo
from desktop.core.storage.reportfile import ReportFile, store_report

__all__ = ["ReportFile", "ReportInfo", "store_report"]
