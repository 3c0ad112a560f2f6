"""The corpus analysis on Dask: the same per-article function, on a LocalCluster or a scheduler.

Dask is an optional extra (``pip install .[dask]``). Chunks of the input (raw JSONL lines, file names) are sent; at most a few
batches per worker are in flight, so memory stays bounded, and results come back in input order,
so the tables are identical to the local engine's.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from helpers.corpus import Batch, Chunk, analyse_chunk
from helpers.errors import InputError

IN_FLIGHT_PER_WORKER = 3


def dask_engine(parts: Iterator[Chunk], workers: int = 2, scheduler: str | None = None) -> Iterator[Batch]:
    """Analyse the chunks of a corpus on Dask: a LocalCluster of ``workers`` processes, or the given
    scheduler. Chunks are parsed on the workers; a folder's files must be readable there too."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--engine dask", "needs the optional Dask extra: pip install '.[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        window = max(1, workers) * IN_FLIGHT_PER_WORKER
        pending: deque = deque()
        for part in parts:
            pending.append(client.submit(analyse_chunk, part, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
