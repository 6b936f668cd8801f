"""Executors run the same pipeline steps in different places."""

from storylens.executors.base import Executor
from storylens.executors.local import LocalExecutor


def make_executor(name: str = "local", workers: int | None = None) -> Executor:
    """The executor for a name given on the command line. Ray slots in here later."""
    if name == "local":
        return LocalExecutor(workers)
    raise ValueError(f"unknown executor {name!r}: available: local")


__all__ = ["Executor", "LocalExecutor", "make_executor"]
