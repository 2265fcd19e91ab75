"""政府信息公开工作年度报告 — desktop application for the statutory annual report."""

__version__ = "0.1.0"
