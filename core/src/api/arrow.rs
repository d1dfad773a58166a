//! Arrow in and out (feature `arrow`), for the Python binding: record
//! batches of any record kind into one [`Dataset`], and results as tidy
//! record batches. The Rust names are not in the README's API table (which
//! lists the functions of `api.rs`); Python reaches them through
//! `dvctt.Data` and the result objects.

use arrow_array::RecordBatchReader;

use crate::base::error::Result;
use crate::data::builder::DatasetBuilder;
use crate::io::load::DatasetLoad;
use crate::model::records::RecordKind;

pub use crate::export::arrow::display::{dataset_html, display_table, html_fragment};
pub use crate::export::arrow::docs::{org_html, profile_html};
pub use crate::export::arrow::plan::plan_html;
pub use crate::export::arrow::{
    tidy_batch, tidy_batch_of_rows, tidy_batch_of_values, tidy_rows, Tidy,
};
pub use crate::io::arrow::ArrowRead;

/// One Arrow source of one record kind; `name` names it in errors
/// (`dossiers[12].received_on`).
pub struct ArrowSource {
    pub kind: RecordKind,
    pub name: String,
    pub reader: Box<dyn RecordBatchReader + Send>,
}

/// What reading Arrow sources gave: the data set and rejected rows (as
/// from CSV; for Arrow a rejected row's `file` is the source name and its
/// `line` the 0-based row), and the optional columns each source lacked.
#[derive(Debug)]
pub struct ArrowLoad {
    pub load: DatasetLoad,
    /// (source name, optional columns it did not have).
    pub absent: Vec<(String, Vec<&'static str>)>,
}

/// Reads Arrow sources (several of one kind allowed: ids must be unique
/// across them) into one data set. Each source is opened when the one
/// before it has been read (a DuckDB connection serves one result at a
/// time). With `strict`, the first row that cannot be used is a `Data`
/// error naming the source, row and column.
pub fn dataset_from_arrow<I>(sources: I, strict: bool) -> Result<ArrowLoad>
where
    I: IntoIterator<Item = Result<ArrowSource>>,
{
    let mut b = DatasetBuilder::new();
    let mut rejected = Vec::new();
    let mut absent = Vec::new();
    for s in sources {
        let s = s?;
        let schema = s.reader.schema();
        let read =
            crate::io::arrow::read_batches(&mut b, s.kind, &schema, s.reader, &s.name, strict)?;
        rejected.extend(read.rejected);
        absent.push((s.name, read.absent));
    }
    Ok(ArrowLoad {
        load: DatasetLoad {
            dataset: b.finish(),
            rejected,
        },
        absent,
    })
}

pub use crate::engine::cube::{Dims, DossierCube};

/// [`super::dossier_cube_batches`] on `threads` threads, as counters (see
/// [`dossier_cube_of_batches`]).
pub fn dossier_cube_parallel(
    batches: &[crate::engine::cube::DossierArrays],
    period: &str,
    buckets: &str,
    threads: usize,
) -> Result<crate::engine::cube::CubeCounters> {
    Ok(dossier_cube_of_batches(batches, period, buckets, threads)?.counters())
}

/// The dossier cube of borrowed batches on `threads` threads: the batches
/// are cut into that many runs, each counted into a cube of its own, and
/// the cubes merged. Units and sectors come sorted by code whatever the
/// number of threads (the merge's order), so the answer does not depend
/// on it; a bad row is reported as the one-thread count reports it
/// (counted again on one thread to name it, row numbers from the first
/// batch). The cube pickles as bytes ([`DossierCube::to_bytes`]) and
/// merges with cubes of other data.
pub fn dossier_cube_of_batches(
    batches: &[crate::engine::cube::DossierArrays],
    period: &str,
    buckets: &str,
    threads: usize,
) -> Result<DossierCube> {
    dossier_cube_of_batches_by(batches, period, buckets, threads, Dims::ALL)
}

/// `batches` cut into `threads` runs of (nearly) equal numbers of rows, a
/// batch cut in two where a run ends, in order.
fn runs_of_rows<'a>(
    batches: &[crate::engine::cube::DossierArrays<'a>],
    threads: usize,
) -> Vec<Vec<crate::engine::cube::DossierArrays<'a>>> {
    let total: usize = batches.iter().map(|b| b.len()).sum();
    let per = total.div_ceil(threads).max(1);
    let mut runs = vec![Vec::new()];
    let mut room = per;
    for b in batches {
        let mut start = 0;
        while start < b.len() {
            if room == 0 {
                runs.push(Vec::new());
                room = per;
            }
            let n = room.min(b.len() - start);
            runs.last_mut()
                .expect("one run at least")
                .push(b.rows(start, n));
            start += n;
            room -= n;
        }
    }
    runs
}

/// [`dossier_cube_of_batches`] keeping only the dimensions `dims` (`by=`
/// in Python): the counters of the full cube summed over the others,
/// counted without filling the full cube.
pub fn dossier_cube_of_batches_by(
    batches: &[crate::engine::cube::DossierArrays],
    period: &str,
    buckets: &str,
    threads: usize,
    dims: Dims,
) -> Result<DossierCube> {
    use crate::base::period::Period;
    use crate::engine::cube::Grid;
    let span: Period = period.parse()?;
    let grid = Grid::named(&span, buckets)?;
    let rows: usize = batches.iter().map(|b| b.len()).sum();
    let threads = threads.clamp(1, rows.max(1));
    // Batches are cut into runs only when their columns fit together (a
    // batch that does not is refused as the one-thread count refuses it).
    if threads == 1 || batches.iter().any(|b| b.check_shape().is_err()) {
        return Ok(DossierCube::from_array_batches_by(batches, grid, dims)?.canonical());
    }
    let runs = runs_of_rows(batches, threads);
    let cubes: Vec<Option<DossierCube>> = std::thread::scope(|s| {
        let workers: Vec<_> = runs
            .iter()
            .map(|run| {
                let grid = grid.clone();
                s.spawn(move || DossierCube::from_array_batches_by(run, grid, dims).ok())
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().ok().flatten())
            .collect()
    });
    let mut merged: Option<DossierCube> = None;
    for cube in cubes {
        let Some(c) = cube else {
            // Name the bad row as the one-thread count does.
            return DossierCube::from_array_batches_by(batches, grid, dims);
        };
        // A merge lists units and sectors sorted by code.
        merged = Some(match merged {
            None => c,
            Some(m) => m.merge(&c)?,
        });
    }
    match merged {
        // One run at least (threads > 1, and no more threads than rows).
        Some(m) => Ok(m),
        None => DossierCube::from_array_batches_by(&[], grid, dims),
    }
}
