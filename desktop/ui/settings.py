"""A thin typed wrapper over QSettings for window state only; report data lives in files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    def __init__(self, store: QSettings | None = None):
        self.store = store or QSettings("nianbao", "nianbao")

    def recent_files(self) -> list[Path]:
        value = self.store.value("recent_files", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(p) for p in items if isinstance(p, str) and p]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        items = [path] + [p for p in self.recent_files() if p != path]
        self.store.setValue("recent_files", [str(p) for p in items[:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        items = [p for p in self.recent_files() if p != Path(path).resolve()]
        self.store.setValue("recent_files", [str(p) for p in items])

    def state(self, name: str) -> QByteArray | None:
        value = self.store.value(name)
        return value if isinstance(value, QByteArray) else None

    def set_state(self, name: str, value: QByteArray) -> None:
        self.store.setValue(name, value)

    def flag(self, name: str, default: bool) -> bool:
        value = self.store.value(name, default)
        if isinstance(value, str):  # an INI file keeps "true" / "false"
            return value.lower() == "true"
        return bool(value)

    def set_flag(self, name: str, value: bool) -> None:
        self.store.setValue(name, bool(value))

    def choice(self, name: str, default: str, allowed: tuple[str, ...]) -> str:
        """One of `allowed`, as last set; `default` if never set or no longer allowed."""
        value = self.store.value(name, default)
        return value if isinstance(value, str) and value in allowed else default

    def set_choice(self, name: str, value: str) -> None:
        self.store.setValue(name, str(value))

    def sync(self) -> None:
        self.store.sync()
