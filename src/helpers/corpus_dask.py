"""Running the corpus analysis on Dask: the same function on a LocalCluster or a scheduler.

Dask is an optional extra (``pip install '.[dask]'``). Chunks of the input (raw JSONL lines, file
names) are sent; at most a few per worker are in flight, so memory stays bounded, and results come back
in input order, so the tables are identical to the local engine's.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from typing import TypeVar

from helpers.errors import InputError

IN_FLIGHT_PER_WORKER = 3
Part = TypeVar("Part")
Result = TypeVar("Result")


def one_core() -> None:
    """Make the worker processes started from now on single-threaded in the dataframe engine (a worker
    is one core; they inherit this process's environment)."""
    os.environ["POLARS_MAX_THREADS"] = "1"


def dask_engine(
    work: Callable[[Part], Result], parts: Iterator[Part], workers: int = 2, scheduler: str | None = None
) -> Iterator[Result]:
    """``work`` on every part, on a Dask LocalCluster of ``workers`` processes or on the given scheduler,
    results in input order. A folder's files must be readable on the workers too."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--engine dask", "needs the optional Dask extra: pip install '.[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        one_core()
        cluster = LocalCluster(
            n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        window = max(1, workers) * IN_FLIGHT_PER_WORKER
        pending: deque = deque()
        for part in parts:
            pending.append(client.submit(work, part, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
