"""The dossier cube over a Dask DataFrame (the ``dask`` extra): each
partition is counted into a partial :class:`dvctt.Cube` where it lies
(``to_delayed``, on any scheduler: threads, processes, a
``distributed.LocalCluster(processes=True)``), the cubes travel pickled as
bytes and are merged in a tree of ``split_every`` at a time. The result is
that of :func:`dvctt.dossier_cube` on the whole frame (units and sectors
sorted by code).

Judging a plan's targets from merged cubes is not offered yet: evaluate a
plan on a :class:`dvctt.Data` (one machine)."""

from __future__ import annotations

from typing import Any, Dict, List

from dvctt._cube import _arrow_batch, _record_batches, _table
from dvctt._dvctt import Cube


def partial_cube(frame: Any, period: str, buckets: str = "months") -> Cube:
    """The cube of one partition (a pandas or polars DataFrame, a pyarrow
    Table, anything ``dvctt.dossier_cube`` takes except a dict of numpy
    arrays)."""
    batches = [_arrow_batch(b) for b in _record_batches(frame)]
    return Cube.from_batches(batches, period, buckets)


def merge(*cubes: Cube) -> Cube:
    """The cubes merged into one (same time buckets)."""
    if not cubes:
        raise ValueError("nothing to merge")
    out = cubes[0]
    for c in cubes[1:]:
        out = out.merge(c)
    return out


def dossier_cube(
    frame: Any, period: str, buckets: str = "months", split_every: int = 8, **compute: Any
) -> Dict[str, Any]:
    """Counts the dossiers of a Dask DataFrame into a cube over ``period``
    cut into ``buckets``: partial cubes per partition, merged in a tree.
    ``compute`` goes to ``dask.compute`` (e.g. ``scheduler="processes"``).
    Returns the columns of :func:`dvctt.dossier_cube`."""
    import dask

    if split_every < 2:
        raise ValueError("split_every must be at least 2")
    parts: List[Any] = [
        dask.delayed(partial_cube)(p, period, buckets) for p in frame.to_delayed()
    ]
    if not parts:
        raise ValueError("the frame has no partition")
    while len(parts) > 1:
        parts = [
            dask.delayed(merge)(*parts[i : i + split_every])
            for i in range(0, len(parts), split_every)
        ]
    (cube,) = dask.compute(parts[0], **compute)
    return _table(cube._raw())


__all__ = ["Cube", "dossier_cube", "merge", "partial_cube"]
