"""A progress bar on stderr for flows run from a terminal (the CLI asks for it; services don't)."""

from __future__ import annotations

from collections.abc import Callable


class ProgressBar:
    """``with ProgressBar(enabled, total, label) as advance: advance(n)``."""

    def __init__(self, enabled: bool, total: int, label: str = "Parsing resumes") -> None:
        self.enabled = enabled and total > 0
        self.total = total
        self.label = label
        self._bar = None

    def __enter__(self) -> Callable[[int], None]:
        if not self.enabled:
            return lambda n: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            TextColumn(self.label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True),
        )
        self._bar.start()
        task_id = self._bar.add_task("work", total=self.total)
        return lambda n: self._bar.advance(task_id, n)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
