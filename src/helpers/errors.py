"""The one exception the helpers raise for bad input, shown as a single line in notebooks."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: the message names the file (or record) and the problem, on one line.

    In Jupyter/IPython the error is shown as that single line instead of a traceback
    (IPython calls ``_render_traceback_`` when an exception defines it). The error pickles with its
    ``where`` and ``problem``, so it crosses from a worker process to the main one intact.
    """

    def __init__(self, where: object, problem: str) -> None:
        self.where = str(where)
        self.problem = problem
        super().__init__(f"{self.where}: {problem}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        return type(self), (self.where, self.problem)

    def _render_traceback_(self) -> list[str]:
        return [f"InputError: {self}"]
