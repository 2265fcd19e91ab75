"""The report file: SQLite through sqlite-utils, one or more reports (unit × year) per file."""

from desktop.core.storage.reportfile import ReportFile, ReportInfo

__all__ = ["ReportFile", "ReportInfo"]
