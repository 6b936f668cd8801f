"""Executors run the same pipeline steps in different places."""

from storylens.executors.base import Executor
from storylens.executors.local import LocalExecutor

EXECUTORS = ("local", "ray")


def make_executor(name: str = "local", workers: int | None = None, address: str | None = None) -> Executor:
    """The executor for a name given on the command line: "local" (a process pool) or "ray" (local Ray,
    or the cluster at `address`). The one place that picks."""
    if name == "local":
        return LocalExecutor(workers)
    if name == "ray":
        from storylens.executors.ray import RayExecutor  # Ray is an optional extra: import only when asked

        return RayExecutor(workers, address)
    raise ValueError(f"unknown executor {name!r}: available: {', '.join(EXECUTORS)}")


__all__ = ["EXECUTORS", "Executor", "LocalExecutor", "make_executor"]
