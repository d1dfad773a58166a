"""The dossier cube over columnar input: pyarrow, polars, pandas or numpy.

Only conversion lives here: Arrow buffers are handed to the core as numpy
views (no copy of the rows); every check and count is the core's.
numpy is needed for this function only; pyarrow only for non-mapping input.
"""

import os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from dvctt._dvctt import DataError
from dvctt._dvctt import dossier_cube as _native_cube

# Input column (as in dossiers.csv) -> key of the native batch dict.
_DICT_COLUMNS = (("unit_code", "unit"), ("sector", "sector"), ("channel", "channel"))
_DATE_COLUMNS = (
    ("received_on", "received"),
    ("completed_on", "completed"),
    ("due_on", "due"),
)
_BOOL_COLUMNS = ("fully_online", "fee_required", "paid_online", "digitized")
_REQUIRED = ("unit_code", "sector", "channel", "received_on", "fully_online")

NO_DATE = -(2**31)


def _error(path: str, detail: str) -> DataError:
    e = DataError(f"data: {path}: {detail}")
    e.variant = "Data"
    e.path = path
    e.detail = detail
    return e


def dossier_cube(
    data: Any,
    period: str,
    buckets: str = "months",
    threads: int = 0,
    by: Optional[Sequence[str]] = None,
) -> Dict[str, Any]:
    """Counts dossiers into a cube over ``period`` cut into ``buckets``.

    ``data`` is a ``pyarrow.Table`` or ``RecordBatch``, a polars or pandas
    DataFrame (read through pyarrow), or a mapping of column name to numpy
    array (no pyarrow needed), with the ``dossiers.csv`` columns:
    ``unit_code``, ``sector``, ``channel`` (strings, or for ``channel`` the
    codes 0 online / 1 direct / 2 postal), ``received_on``, ``fully_online``
    and optionally ``completed_on``, ``due_on`` (nulls allowed),
    ``paused_days``, ``fee_required``, ``paid_online``, ``digitized``.
    Dates are Arrow ``date32`` (read in place), other date/timestamp types,
    numpy ``datetime64``, or int32 day numbers since 1970-01-01.

    ``buckets`` is ``months``, ``quarters``, ``years``, ``weeks``, ``days``,
    ``vn_months``, ``vn_quarters`` or ``period``. Returns a dict of numpy
    arrays, one row per (unit, bucket, sector) cell, every cell included
    (zeros too), in unit, bucket, sector order: ``unit_code``, ``period``
    (the bucket's id, e.g. ``202601``) and ``sector`` (object arrays of
    str), then one uint64 array per counter: ``received``, ``fully_online``,
    ``channel_online``, ``channel_direct``, ``channel_postal``,
    ``fee_required``, ``paid_online``, ``digitized`` (by received date),
    ``completed``, ``completed_early``, ``completed_on_time``,
    ``completed_late`` (by completion date). ``pandas.DataFrame(result)``,
    ``pyarrow.table(result)`` and ``polars.DataFrame(result)`` take it as is.

    A bad row raises :class:`dvctt.DataError` whose ``path`` names the
    column and row, e.g. ``completed_on[17]``.

    ``threads``: ``0`` (the default) counts on every core, as DuckDB and
    polars do; ``n`` on ``n`` threads (the rows are cut into as many runs
    of equal length, each counted into a cube of its own, merged). The
    result is the same whatever the number: units and sectors come sorted
    by code.

    ``by`` keeps only the named dimensions, among ``unit_code``, ``period``
    and ``sector`` (``None``: all three; ``[]``: the totals): the result has
    only those label columns, one row per combination, and its counters are
    those of the full cube summed over the dimensions left out (a dossier
    counts where its date falls inside the grid of ``buckets``). A cube per
    unit or per month is counted without filling every cell, so it is
    cheaper than summing the full cube.
    """
    if isinstance(by, str):
        raise _error("by", "expected a list of column names, not a string")
    if threads == 0:
        threads = os.cpu_count() or 1
    if isinstance(data, Mapping):
        batches = [_numpy_batch(data)]
    else:
        batches = [_arrow_batch(b) for b in _record_batches(data)]
    raw = _native_cube(batches, period, buckets, threads, None if by is None else list(by))
    return _table(raw)


def _table(raw: Dict[str, Any]) -> Dict[str, Any]:
    import numpy as np

    kept: List[str] = raw["dims"]
    # (column, labels) of each dimension, in cube order; one slot when summed over.
    dims = [
        (name, raw[key])
        for name, key in (("unit_code", "units"), ("period", "buckets"), ("sector", "sectors"))
    ]
    sizes = [len(labels) if name in kept else 1 for name, labels in dims]
    counters: List[str] = raw["counters"]
    cells = int(np.prod(sizes))
    values = raw["values"].reshape(cells, len(counters))
    out: Dict[str, Any] = {}
    inner = cells
    for (name, labels), size in zip(dims, sizes):
        inner //= size
        if name in kept:
            column = np.repeat(np.array(labels, dtype=object), inner)
            out[name] = np.tile(column, cells // (size * inner)) if cells else column
    for k, name in enumerate(counters):
        out[name] = np.ascontiguousarray(values[:, k])
    return out


# --- Arrow ------------------------------------------------------------------


def _record_batches(data: Any) -> List[Any]:
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    if isinstance(data, pa.RecordBatch):
        data = pa.Table.from_batches([data])
    if not isinstance(data, pa.Table):
        # pandas (from_pandas), polars and anything with __arrow_c_stream__.
        data = pa.table(data)
    return list(data.to_batches())


def _bitmap(arr: Any, index: int) -> Optional[Tuple[Any, int]]:
    import numpy as np

    buf = arr.buffers()[index]
    if buf is None:
        return None
    return (np.frombuffer(buf, dtype=np.uint8), arr.offset)


def _validity(arr: Any) -> Optional[Tuple[Any, int]]:
    return _bitmap(arr, 0) if arr.null_count > 0 else None


def _int32(arr: Any) -> Any:
    """The values of an int32-layout Arrow array as a numpy view."""
    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    if not (pa.types.is_int32(arr.type) or pa.types.is_date32(arr.type)):
        arr = arr.cast(pa.int32())
    buf = arr.buffers()[1]
    n = arr.offset + len(arr)
    return np.frombuffer(buf, dtype=np.int32, count=n)[arr.offset :], arr


def _arrow_batch(batch: Any) -> Dict[str, Any]:
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    names = set(batch.schema.names)
    for name in _REQUIRED:
        if name not in names:
            raise _error(name, "the column is required")
    out: Dict[str, Any] = {"validity": {}}
    validity: Dict[str, Any] = out["validity"]
    for name, key in _DICT_COLUMNS:
        arr = batch.column(name)
        t = arr.type
        if key == "channel" and pa.types.is_integer(t):
            values, arr = _int32(arr)
            out["channels"] = None
        else:
            if pa.types.is_string_view(t):
                arr = arr.cast(pa.large_string())
            if not pa.types.is_dictionary(arr.type):
                arr = arr.dictionary_encode()
            labels = arr.dictionary.cast(pa.string()).to_pylist()
            out[key + "s"] = [str(x) for x in labels]
            values, arr = _int32(arr.indices)
        out[key] = values
        validity[key] = _validity(arr)
    for name, key in _DATE_COLUMNS + (("paused_days", "paused_days"),):
        if name not in names:
            out[key] = None
            continue
        arr = batch.column(name)
        t = arr.type
        try:
            if pa.types.is_string(t) or pa.types.is_large_string(t):
                arr = arr.cast(pa.date32())
            elif pa.types.is_timestamp(t) or pa.types.is_date64(t):
                arr = arr.cast(pa.date32(), safe=False)
            elif key != "paused_days" and not (
                pa.types.is_date32(t) or pa.types.is_integer(t)
            ):
                raise _error(name, f"expected dates, not {t}")
            values, arr = _int32(arr)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as e:
            raise _error(name, str(e)) from None
        out[key] = values
        validity[key] = _validity(arr)
    for name in _BOOL_COLUMNS:
        if name not in names:
            out[name] = None
            continue
        arr = batch.column(name)
        if pa.types.is_boolean(arr.type):
            out[name] = _bitmap(arr, 1)
        else:
            import numpy as np

            try:
                arr = arr.cast(pa.uint8())
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as e:
                raise _error(name, str(e)) from None
            n = arr.offset + len(arr)
            out[name] = np.frombuffer(arr.buffers()[1], dtype=np.uint8, count=n)[
                arr.offset :
            ]
        validity[name] = _validity(arr)
    return out


# --- numpy ------------------------------------------------------------------


def _numpy_batch(data: Mapping[str, Any]) -> Dict[str, Any]:
    import numpy as np

    for name in _REQUIRED:
        if name not in data:
            raise _error(name, "the column is required")
    out: Dict[str, Any] = {"validity": None}
    for name, key in _DICT_COLUMNS:
        a = np.asarray(data[name])
        if key == "channel" and a.dtype.kind in "iu":
            out["channels"] = None
            out[key] = np.ascontiguousarray(a, dtype=np.int32)
            continue
        try:
            labels, index = np.unique(a, return_inverse=True)
        except TypeError as e:
            raise _error(name, f"cannot encode the values: {e}") from None
        out[key + "s"] = [str(x) for x in labels.tolist()]
        out[key] = index.astype(np.int32, copy=False).reshape(-1)
    for name, key in _DATE_COLUMNS + (("paused_days", "paused_days"),):
        if name not in data or data[name] is None:
            out[key] = None
            continue
        a = np.asarray(data[name])
        if a.dtype.kind in "iu":
            out[key] = np.ascontiguousarray(a, dtype=np.int32)
            continue
        if key == "paused_days":
            raise _error(name, f"expected integers, not {a.dtype}")
        try:
            d = a.astype("datetime64[D]")
        except (TypeError, ValueError) as e:
            raise _error(name, f"expected dates: {e}") from None
        days = d.view(np.int64)
        out[key] = np.where(np.isnat(d), NO_DATE, days).astype(np.int32)
    for name in _BOOL_COLUMNS:
        if name not in data or data[name] is None:
            out[name] = None
            continue
        a = np.asarray(data[name])
        a = np.ascontiguousarray(a)
        out[name] = a.view(np.uint8) if a.dtype == np.bool_ else a.astype(np.uint8)
    return out
