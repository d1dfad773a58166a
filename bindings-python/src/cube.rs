//! The dossier cube over batches of numpy arrays (built by `dvctt._cube`
//! from Arrow, polars, pandas or numpy), borrowed for the call.

use dvctt::engine::cube::{Bitmap, Bools, Validity};
use dvctt::DossierArrays;
use numpy::PyReadonlyArray1;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::error::{data_err, PyDvcttError};

/// Arrays of one batch, borrowed from numpy (and through numpy from Arrow
/// buffers) for as long as the call lasts.
pub struct Batch<'py> {
    units: Vec<String>,
    sectors: Vec<String>,
    channels: Option<Vec<String>>,
    ints: Vec<(&'static str, PyReadonlyArray1<'py, i32>)>,
    bools: Vec<(&'static str, PyReadonlyArray1<'py, u8>, Option<usize>)>,
    validity: Vec<(&'static str, PyReadonlyArray1<'py, u8>, usize)>,
}

const INT_COLUMNS: [&str; 7] = [
    "unit",
    "sector",
    "channel",
    "received",
    "completed",
    "due",
    "paused_days",
];
const BOOL_COLUMNS: [&str; 4] = ["fully_online", "fee_required", "paid_online", "digitized"];

fn batch_err(i: usize, key: &str, detail: String) -> PyErr {
    PyDvcttError::from(data_err(&format!("batches[{i}].{key}"), detail)).into()
}

/// Reads one batch dict (see `dvctt._cube`, which builds them).
pub fn batch<'py>(i: usize, d: &Bound<'py, PyAny>) -> PyResult<Batch<'py>> {
    let get = |key: &str| -> PyResult<Option<Bound<'py, PyAny>>> {
        let v = d
            .get_item(key)
            .map_err(|e| batch_err(i, key, e.to_string()))?;
        Ok((!v.is_none()).then_some(v))
    };
    let strings = |key: &str| -> PyResult<Option<Vec<String>>> {
        get(key)?
            .map(|v| {
                v.extract()
                    .map_err(|e: PyErr| batch_err(i, key, e.to_string()))
            })
            .transpose()
    };
    let mut b = Batch {
        units: strings("units")?.unwrap_or_default(),
        sectors: strings("sectors")?.unwrap_or_default(),
        channels: strings("channels")?,
        ints: Vec::new(),
        bools: Vec::new(),
        validity: Vec::new(),
    };
    for key in INT_COLUMNS {
        if let Some(v) = get(key)? {
            let a = v
                .extract::<PyReadonlyArray1<'py, i32>>()
                .map_err(|e| batch_err(i, key, format!("expected an int32 array: {e}")))?;
            b.ints.push((key, a));
        }
    }
    // A boolean column is a uint8 array (0/1), or (bitmap, bit offset).
    let bitmap = |key: &str, v: &Bound<'py, PyAny>| {
        let (bits, offset): (Bound<'py, PyAny>, usize) = v
            .extract()
            .map_err(|e: PyErr| batch_err(i, key, format!("expected (bitmap, offset): {e}")))?;
        let bits = bits
            .extract::<PyReadonlyArray1<'py, u8>>()
            .map_err(|e| batch_err(i, key, format!("expected a uint8 bitmap: {e}")))?;
        Ok::<_, PyErr>((bits, offset))
    };
    for key in BOOL_COLUMNS {
        if let Some(v) = get(key)? {
            if v.is_instance_of::<PyTuple>() {
                let (bits, offset) = bitmap(key, &v)?;
                b.bools.push((key, bits, Some(offset)));
            } else {
                let a = v
                    .extract::<PyReadonlyArray1<'py, u8>>()
                    .map_err(|e| batch_err(i, key, format!("expected a uint8 array: {e}")))?;
                b.bools.push((key, a, None));
            }
        }
    }
    if let Some(v) = get("validity")? {
        for key in INT_COLUMNS.iter().chain(&BOOL_COLUMNS) {
            if let Ok(m) = v.get_item(*key) {
                if !m.is_none() {
                    let (bits, offset) = bitmap(key, &m)?;
                    b.validity.push((key, bits, offset));
                }
            }
        }
    }
    Ok(b)
}

fn slice<'a, T: numpy::Element>(
    i: usize,
    key: &str,
    a: &'a PyReadonlyArray1<'_, T>,
) -> PyResult<&'a [T]> {
    a.as_slice()
        .map_err(|e| batch_err(i, key, format!("the array must be contiguous: {e}")))
}

pub fn arrays<'a>(i: usize, b: &'a Batch<'_>) -> PyResult<DossierArrays<'a>> {
    let mut ints: [Option<&'a [i32]>; 7] = [None; 7];
    for (key, a) in &b.ints {
        if let Some(k) = INT_COLUMNS.iter().position(|c| c == key) {
            ints[k] = Some(slice(i, key, a)?);
        }
    }
    let mut bools: [Option<Bools<'a>>; 4] = [None; 4];
    for (key, a, offset) in &b.bools {
        let bytes = slice(i, key, a)?;
        if let Some(k) = BOOL_COLUMNS.iter().position(|c| c == key) {
            bools[k] = Some(match offset {
                None => Bools::Bytes(bytes),
                Some(offset) => Bools::Bits(Bitmap {
                    bits: bytes,
                    offset: *offset,
                }),
            });
        }
    }
    let mut v = Validity::default();
    for (key, a, offset) in &b.validity {
        let bm = Some(Bitmap {
            bits: slice(i, key, a)?,
            offset: *offset,
        });
        match *key {
            "unit" => v.unit = bm,
            "sector" => v.sector = bm,
            "channel" => v.channel = bm,
            "received" => v.received = bm,
            "completed" => v.completed = bm,
            "due" => v.due = bm,
            "paused_days" => v.paused_days = bm,
            "fully_online" => v.fully_online = bm,
            "fee_required" => v.fee_required = bm,
            "paid_online" => v.paid_online = bm,
            "digitized" => v.digitized = bm,
            _ => {}
        }
    }
    let required = |k: usize, name: &str| {
        ints[k].ok_or_else(|| batch_err(i, name, "the column is required".into()))
    };
    Ok(DossierArrays {
        units: &b.units,
        sectors: &b.sectors,
        channels: b.channels.as_deref(),
        unit: required(0, "unit")?,
        sector: required(1, "sector")?,
        channel: required(2, "channel")?,
        received: required(3, "received")?,
        completed: ints[4],
        due: ints[5],
        paused_days: ints[6],
        fully_online: bools[0]
            .ok_or_else(|| batch_err(i, "fully_online", "the column is required".into()))?,
        fee_required: bools[1],
        paid_online: bools[2],
        digitized: bools[3],
        validity: v,
    })
}

/// A dossier cube kept in Rust: the partial counts of some dossiers, which
/// pickle (as bytes) and merge with the cubes of other dossiers (other
/// partitions, other machines) into the cube of all of them.
#[pyclass(module = "dvctt._dvctt", name = "Cube", frozen)]
pub struct Cube {
    pub cube: dvctt::api::arrow::DossierCube,
}

#[pymethods]
impl Cube {
    /// A cube from the bytes of `to_bytes` (what pickling does).
    #[new]
    fn py_new(bytes: &[u8]) -> crate::error::Res<Self> {
        Ok(Cube {
            cube: dvctt::api::arrow::DossierCube::from_bytes(bytes)?,
        })
    }

    /// Counts batches of column arrays (built by `dvctt._cube`) on `threads`
    /// threads, keeping the dimensions named in `by` (`unit_code`, `period`,
    /// `sector`; `None`: all three), as `dossier_cube` does. Cubes merge
    /// only with cubes kept by the same dimensions.
    #[staticmethod]
    #[pyo3(signature = (batches, period, buckets, threads = 1, by = None))]
    fn from_batches(
        py: Python<'_>,
        batches: &Bound<'_, PyAny>,
        period: &str,
        buckets: &str,
        threads: usize,
        by: Option<Vec<String>>,
    ) -> crate::error::Res<Self> {
        let dims = match &by {
            None => dvctt::api::arrow::Dims::ALL,
            Some(names) => dvctt::api::arrow::Dims::from_names(names)?,
        };
        let mut owned = Vec::new();
        for (i, d) in batches.try_iter()?.enumerate() {
            owned.push(batch(i, &d?)?);
        }
        let views = owned
            .iter()
            .enumerate()
            .map(|(i, b)| arrays(i, b))
            .collect::<PyResult<Vec<_>>>()?;
        // The GIL is released while counting (see `dossier_cube`).
        let cube = py.detach(|| {
            dvctt::api::arrow::dossier_cube_of_batches_by(&views, period, buckets, threads, dims)
        })?;
        Ok(Cube { cube })
    }

    /// The cube as bytes (a versioned binary form).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, pyo3::types::PyBytes> {
        pyo3::types::PyBytes::new(py, &self.cube.to_bytes())
    }

    /// This cube and `other` together (same time buckets; units and sectors
    /// matched by code and sorted).
    fn merge(&self, py: Python<'_>, other: &Cube) -> crate::error::Res<Cube> {
        Ok(Cube {
            cube: py.detach(|| self.cube.merge(&other.cube))?,
        })
    }

    /// The counters as `dossier_cube`'s native result: labels and one flat
    /// uint64 array (`dvctt.dossier_cube` formats it as columns).
    fn _raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        use numpy::IntoPyArray;
        let c = self.cube.counters();
        let out = pyo3::types::PyDict::new(py);
        out.set_item("dims", self.cube.dims().names())?;
        out.set_item("units", c.units)?;
        out.set_item("buckets", c.buckets)?;
        out.set_item("sectors", c.sectors)?;
        out.set_item("counters", c.counters)?;
        out.set_item("values", c.values.into_pyarray(py))?;
        Ok(out)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (
        Bound<'py, pyo3::types::PyType>,
        (Bound<'py, pyo3::types::PyBytes>,),
    ) {
        (slf.get_type(), (slf.get().to_bytes(slf.py()),))
    }

    fn __repr__(&self) -> String {
        // The kept dimensions' sizes; `by` when some are summed over.
        let c = self.cube.counters();
        let dims = self.cube.dims();
        let mut parts: Vec<String> = [
            (dims.unit, "units", c.units.len()),
            (dims.bucket, "buckets", c.buckets.len()),
            (dims.sector, "sectors", c.sectors.len()),
        ]
        .into_iter()
        .filter(|(kept, _, _)| *kept)
        .map(|(_, name, n)| format!("{name}={n}"))
        .collect();
        if dims != dvctt::api::arrow::Dims::ALL {
            let names: Vec<String> = dims.names().iter().map(|n| format!("'{n}'")).collect();
            parts.push(format!("by=[{}]", names.join(", ")));
        }
        format!("dvctt.Cube({})", parts.join(", "))
    }
}
