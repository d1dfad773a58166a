"""The dossier cube over a Dask DataFrame (the ``dask`` extra): each
partition is counted into a partial :class:`dvctt.Cube` where it lies
(``to_delayed``, on any scheduler: threads, processes, a
``distributed.LocalCluster(processes=True)``), the cubes travel pickled as
bytes and are merged in a tree of ``split_every`` at a time. The result is
that of :func:`dvctt.dossier_cube` on the whole frame (units and sectors
sorted by code).

:func:`evaluate` judges a plan's targets over Dask DataFrames of dossiers,
survey responses and staff the same way: each partition becomes a
:class:`dvctt.Partial` (the partial counts of every indicator the plan
reads from those records), the partials merge in a tree, and the merged
counts judge the targets exactly as :func:`dvctt.evaluate` on all the
records. The campaign logs and aggregates (small) are given whole as
``data``."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence

from dvctt._cube import _arrow_batch, _error, _record_batches, _table
from dvctt._dvctt import (
    Cube,
    Data,
    Partial,
    PlanObj,
    Results,
    evaluate_partial,
    merge_partials,
    partial_counts,
)


def partial_cube(
    frame: Any, period: str, buckets: str = "months", by: Optional[Sequence[str]] = None
) -> Cube:
    """The cube of one partition (a pandas or polars DataFrame, a pyarrow
    Table, anything ``dvctt.dossier_cube`` takes except a dict of numpy
    arrays), keeping the dimensions named in ``by`` as
    :func:`dvctt.dossier_cube` does."""
    if isinstance(by, str):
        raise _error("by", "expected a list of column names, not a string")
    batches = [_arrow_batch(b) for b in _record_batches(frame)]
    return Cube.from_batches(batches, period, buckets, by=None if by is None else list(by))


def _tree(parts: List[Any], combine: Any, split_every: int) -> Any:
    """Delayed objects merged ``split_every`` at a time, up to one."""
    import dask

    if split_every < 2:
        raise ValueError("split_every must be at least 2")
    if not parts:
        raise ValueError("the frame has no partition")
    while len(parts) > 1:
        parts = [
            dask.delayed(combine)(*parts[i : i + split_every])
            for i in range(0, len(parts), split_every)
        ]
    return parts[0]


def merge(*cubes: Cube) -> Cube:
    """The cubes merged into one (same time buckets)."""
    if not cubes:
        raise ValueError("nothing to merge")
    out = cubes[0]
    for c in cubes[1:]:
        out = out.merge(c)
    return out


def dossier_cube(
    frame: Any,
    period: str,
    buckets: str = "months",
    split_every: int = 8,
    by: Optional[Sequence[str]] = None,
    **compute: Any,
) -> Dict[str, Any]:
    """Counts the dossiers of a Dask DataFrame into a cube over ``period``
    cut into ``buckets``: partial cubes per partition, merged in a tree.
    ``by`` keeps only the named dimensions, as in :func:`dvctt.dossier_cube`
    (each partition's cube is counted that way, so the partial cubes are
    small). ``compute`` goes to ``dask.compute`` (e.g.
    ``scheduler="processes"``). Returns the columns of
    :func:`dvctt.dossier_cube`."""
    import dask

    if isinstance(by, str):
        raise _error("by", "expected a list of column names, not a string")
    kept = None if by is None else list(by)
    parts: List[Any] = [
        dask.delayed(partial_cube)(p, period, buckets, kept) for p in frame.to_delayed()
    ]
    (cube,) = dask.compute(_tree(parts, merge, split_every), **compute)
    return _table(cube._raw())


def partial_of(plan: Any, kind: str, frame: Any, strict: bool = True) -> Partial:
    """The partial counts of one partition of records of ``kind``
    (``dossiers``, ``survey`` or ``staff``): a pandas or polars DataFrame,
    a pyarrow Table, anything :meth:`dvctt.Data.from_arrow` takes. A bad
    row raises :class:`dvctt.DataError` at ``kind[row].column``, the row
    counted within the partition."""
    data = Data.from_arrow(**{kind: frame}, strict=strict)
    return partial_counts(plan, data)


def merge_partial(*parts: Partial) -> Partial:
    """Partial counts merged into one."""
    return merge_partials(list(parts))


def evaluate(
    plan: Any,
    *,
    dossiers: Any = None,
    survey: Any = None,
    staff: Any = None,
    data: Any = None,
    options: Optional[Mapping[str, Any]] = None,
    split_every: int = 8,
    strict: bool = True,
    **compute: Any,
) -> Results:
    """Judges every target of ``plan`` (a :class:`dvctt.PlanObj` or a
    mapping) over Dask DataFrames of ``dossiers``, ``survey`` and ``staff``
    (each optional): partial counts per partition, merged in a tree of
    ``split_every``, judged with the campaign logs and aggregates of
    ``data`` (a :class:`dvctt.Data` or a mapping). ``compute`` goes to
    ``dask.compute`` (e.g. ``scheduler="processes"``). Returns the same
    :class:`dvctt.Results` as :func:`dvctt.evaluate` on all the records."""
    import dask

    if not isinstance(plan, PlanObj):
        plan = PlanObj(plan)
    parts: List[Any] = []
    for kind, frame in (("dossiers", dossiers), ("survey", survey), ("staff", staff)):
        if frame is not None:
            parts.extend(
                dask.delayed(partial_of)(plan, kind, p, strict) for p in frame.to_delayed()
            )
    if not parts:
        # No records of the large kinds: the counts of nothing.
        parts = [dask.delayed(partial_counts)(plan, Data())]
    (merged,) = dask.compute(_tree(parts, merge_partial, split_every), **compute)
    return evaluate_partial(plan, merged, data, options)


__all__ = [
    "Cube",
    "Partial",
    "dossier_cube",
    "evaluate",
    "merge",
    "merge_partial",
    "partial_cube",
    "partial_of",
]
