//! Dossier files folded straight into the counters of one cube, never held
//! whole: for a verdict on exports larger than memory. The rows are read
//! twice. The first pass hashes every id into a Bloom filter and keeps the
//! hashes it may have seen before (the suspects: every repeated id, and a
//! few false alarms). The second parses each row, checks the suspects'
//! ids exactly (the first occurrence is kept, as when the rows are held),
//! and counts chunks of rows into the cube. Memory: the filter (10 bits a
//! row), the suspects' ids, one chunk of rows and the cube.

use crate::base::error::{DvcttError, Result};
use crate::data::dossiers::DossierBatch;
use crate::engine::cube::{DossierCube, Grid};
use crate::io::csv_read::{read_rows_as, Row};
use crate::io::csv_records::{dossier, DOSSIER_SCHEMA};
use crate::io::load::CsvSource;
use crate::io::options::ReadOptions;
use crate::model::dataset_records::AbsentColumn;
use crate::model::records::{RecordKind, RejectedRow};
use std::hash::BuildHasher;

/// Rows counted into the cube at a time.
pub const CHUNK_ROWS: usize = 1 << 20;

/// What streaming the dossier files gave.
#[derive(Debug)]
pub struct StreamedDossiers {
    /// Every dossier read, counted.
    pub cube: DossierCube,
    /// Dossiers counted (rows read and kept).
    pub rows: usize,
    pub rejected: Vec<RejectedRow>,
    pub absent: Vec<AbsentColumn>,
}

/// A Bloom filter over 64-bit hashes (k = 7 probes, by double hashing).
struct Bloom {
    bits: Vec<u64>,
    mask: u64,
}

impl Bloom {
    /// About 10 bits per expected row: under 1% false alarms.
    fn new(rows: u64) -> Self {
        let bits = (rows.max(1 << 16) * 10).next_power_of_two();
        Bloom {
            bits: vec![0; (bits / 64) as usize],
            mask: bits - 1,
        }
    }

    /// Adds `h`; true when every probe was already set (maybe seen).
    fn insert(&mut self, h: u64) -> bool {
        let (a, b) = (h, h.rotate_left(32) | 1);
        let mut seen = true;
        for i in 0..7u64 {
            let bit = a.wrapping_add(i.wrapping_mul(b)) & self.mask;
            let (word, m) = ((bit / 64) as usize, 1u64 << (bit % 64));
            seen &= self.bits[word] & m != 0;
            self.bits[word] |= m;
        }
        seen
    }
}

fn id_of<'r>(r: &'r Row<'_>) -> &'r str {
    r.raw(0usize).unwrap_or("")
}

fn open(path: &str) -> Result<(std::fs::File, u64)> {
    let f = std::fs::File::open(path).map_err(|e| DvcttError::io(path, e))?;
    let size = f.metadata().map(|m| m.len()).unwrap_or(0);
    Ok((f, size))
}

/// The hashes of the ids that may repeat (every one that does, and a few
/// that do not), sorted.
fn suspects(sources: &[&CsvSource], hasher: &impl BuildHasher) -> Result<Vec<u64>> {
    let mut total = 0;
    for s in sources {
        total += open(&s.path)?.1;
    }
    let mut bloom = Bloom::new(total / 40);
    let mut out = Vec::new();
    let detected = ReadOptions::default();
    for s in sources {
        let opts = s.options.as_ref().unwrap_or(&detected);
        let (file, size) = open(&s.path)?;
        read_rows_as(
            file,
            Some(size),
            &s.path,
            opts,
            false,
            &DOSSIER_SCHEMA,
            |r| {
                let h = hasher.hash_one(id_of(r));
                if bloom.insert(h) {
                    out.push(h);
                }
                Ok(())
            },
        )?;
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Reads the dossier files of `sources` (the other kinds are skipped) into
/// one cube over `grid`, as [`StreamedDossiers`] says; the rows rejected
/// and the duplicate ids are those a read into a data set gives.
pub fn stream_dossiers(
    sources: &[CsvSource],
    strict: bool,
    grid: &Grid,
    chunk_rows: usize,
) -> Result<StreamedDossiers> {
    let files: Vec<&CsvSource> = sources
        .iter()
        .filter(|s| s.kind == RecordKind::Dossiers)
        .collect();
    let hasher = crate::data::ids::IdHasher::default();
    let suspects = suspects(&files, &hasher)?;
    // The suspects' ids read so far: (file, line) of their first row.
    let mut first: hashbrown::HashMap<String, (usize, u32)> = hashbrown::HashMap::new();
    let mut out = StreamedDossiers {
        cube: DossierCube::build(&Default::default(), grid.clone()),
        rows: 0,
        rejected: Vec::new(),
        absent: Vec::new(),
    };
    let mut chunk = DossierBatch::default();
    let detected = ReadOptions::default();
    for (k, s) in files.iter().enumerate() {
        let opts = s.options.as_ref().unwrap_or(&detected);
        let (file, size) = open(&s.path)?;
        let mut flush_error = None;
        let (rejected, absent) = read_rows_as(
            file,
            Some(size),
            &s.path,
            opts,
            strict,
            &DOSSIER_SCHEMA,
            |r| {
                let f = dossier(r)?;
                if suspects.binary_search(&hasher.hash_one(f.id)).is_ok() {
                    if let Some(&(at, line)) = first.get(f.id) {
                        let at = if at == k {
                            format!("line {line}")
                        } else {
                            format!("{} line {line}", files[at].path)
                        };
                        return Err(r.reject(
                            DOSSIER_SCHEMA.id_column(),
                            format!("duplicate id `{}` (first at {at})", f.id),
                        ));
                    }
                    first.insert(f.id.to_string(), (k, r.line()));
                }
                chunk.push(&f);
                out.rows += 1;
                if chunk.len() >= chunk_rows {
                    let part = DossierCube::build(&std::mem::take(&mut chunk).cols, grid.clone());
                    match out.cube.merge(&part) {
                        Ok(c) => out.cube = c,
                        Err(e) => flush_error = Some(e),
                    }
                }
                Ok(())
            },
        )?;
        if let Some(e) = flush_error {
            return Err(e);
        }
        out.rejected.extend(rejected);
        out.absent.extend(absent.into_iter().map(|c| AbsentColumn {
            kind: RecordKind::Dossiers,
            column: c.to_string(),
            source: s.path.clone(),
        }));
    }
    let part = DossierCube::build(&chunk.cols, grid.clone());
    out.cube = out.cube.merge(&part)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bloom_filter_flags_every_repeat() {
        let mut b = Bloom::new(1000);
        let hashes: Vec<u64> = (0..1000u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        let false_alarms = hashes.iter().filter(|&&h| b.insert(h)).count();
        assert!(false_alarms < 20, "{false_alarms}");
        assert!(hashes.iter().all(|&h| b.insert(h)));
    }
}
