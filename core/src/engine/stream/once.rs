//! The repeated-id check of a streamed read that reads its files once:
//! for dossier files small enough that every id can be kept (about 25
//! bytes a row), each chunk is counted as it comes, and the repeats are
//! taken out of the counts at the end. Larger files are read twice (see
//! the parent module), in memory that does not grow with the rows.

use super::Bloom;
use crate::base::error::{DvcttError, Result};
use crate::data::batch::Batch;
use crate::data::builder::Chunk;
use crate::data::dossiers::DossierBatch;
use crate::data::ids::Ids;
use crate::io::csv_records::DOSSIER_SCHEMA;
use crate::model::records::RejectedRow;
use hashbrown::{HashMap, HashSet};

/// Every row counted, in read order (its id and the id's hash), and the
/// suspects: the rows whose id's hash the filter may have seen before —
/// every repeat, and a few false alarms —, copied aside.
pub(super) struct Once {
    bloom: Bloom,
    ids: Ids,
    hashes: Vec<u64>,
    lines: Vec<u32>,
    /// Where each file's rows start in the above.
    file_starts: Vec<usize>,
    /// Each suspect's place in the above and its last line; its row is at
    /// the same place in `held`.
    suspects: Vec<(usize, u32)>,
    held: DossierBatch,
}

/// The rows counted that repeat an id read before them.
pub(super) struct Repeats {
    /// For each file, its repeats refused (in line order).
    pub rejected: Vec<Vec<RejectedRow>>,
    /// The repeated rows, to be taken out of the counts.
    pub rows: DossierBatch,
}

impl Once {
    /// For files of `bytes` bytes in all.
    pub(super) fn new(bytes: u64) -> Self {
        Once {
            // Rows of dossier exports take 80 to 300 bytes.
            bloom: Bloom::new(bytes / 64),
            ids: Ids::default(),
            hashes: Vec::new(),
            lines: Vec::new(),
            file_starts: Vec::new(),
            suspects: Vec::new(),
            held: DossierBatch::default(),
        }
    }

    /// Makes room for about `rows` more rows (the estimate of a file's
    /// first chunk), sparing the copies of growing.
    pub(super) fn reserve(&mut self, rows: usize) {
        self.ids.reserve(rows);
        self.hashes.reserve(rows);
        self.lines.reserve(rows);
    }

    /// The rows of the next file follow.
    pub(super) fn begin_file(&mut self) {
        self.file_starts.push(self.hashes.len());
    }

    /// Notes the rows of `chunk`, all of them counted.
    pub(super) fn note(&mut self, chunk: &Chunk<DossierBatch>) {
        let base = self.hashes.len();
        let mut remap = None;
        for (i, &h) in chunk.hashes.iter().enumerate() {
            if self.bloom.insert(h) {
                let remap = remap.get_or_insert_with(|| self.held.remap(&chunk.batch));
                self.held.push_row_of(&chunk.batch, i, remap);
                let last = chunk.last_line(i);
                self.suspects.push((base + i, last));
            }
        }
        let ids = chunk.batch.ids();
        self.ids.extend_from(ids, 0..ids.len());
        self.hashes.extend_from_slice(&chunk.hashes);
        self.lines.extend_from_slice(&chunk.lines);
    }

    /// The file of row `g`.
    fn file_of(&self, g: usize) -> usize {
        self.file_starts
            .partition_point(|&s| s <= g)
            .saturating_sub(1)
    }

    /// Each repeat (a row whose id a row kept before it holds, the first
    /// occurrence kept as when the rows are held) with that kept row.
    fn pairs(&self) -> Vec<(usize, usize)> {
        let wanted: HashSet<u64> = self.suspects.iter().map(|&(g, _)| self.hashes[g]).collect();
        if wanted.is_empty() {
            return Vec::new();
        }
        // The rows sharing a suspect's hash, in order.
        let mut groups: HashMap<u64, Vec<usize>> = HashMap::new();
        for (g, h) in self.hashes.iter().enumerate() {
            if wanted.contains(h) {
                groups.entry(*h).or_default().push(g);
            }
        }
        let mut pairs = Vec::new();
        for rows in groups.values().filter(|rows| rows.len() > 1) {
            let mut kept: Vec<usize> = Vec::new();
            for &g in rows {
                let id = self.ids.get(g);
                match kept.iter().find(|&&k| self.ids.get(k) == id) {
                    Some(&k) => pairs.push((g, k)),
                    None => kept.push(g),
                }
            }
        }
        pairs.sort_unstable();
        pairs
    }

    /// The repeats among the rows noted; `labels` names each file.
    pub(super) fn repeats(&self, labels: &[String]) -> Result<Repeats> {
        let mut out = Repeats {
            rejected: vec![Vec::new(); labels.len()],
            rows: DossierBatch::default(),
        };
        let mut remap = out.rows.remap(&self.held);
        for (g, k) in self.pairs() {
            // A repeat's hash was inserted in the filter before it: it is
            // a suspect.
            let s = self
                .suspects
                .binary_search_by_key(&g, |x| x.0)
                .map_err(|_| DvcttError::Data {
                    path: labels[self.file_of(g)].clone(),
                    detail: format!("line {}: a repeated id was not held", self.lines[g]),
                })?;
            out.rows.push_row_of(&self.held, s, &mut remap);
            let (file, first) = (self.file_of(g), self.file_of(k));
            let at = if file == first {
                format!("line {}", self.lines[k])
            } else {
                format!("{} line {}", labels[first], self.lines[k])
            };
            out.rejected[file].push(RejectedRow::spanning(
                &labels[file],
                self.lines[g],
                self.suspects[s].1,
                DOSSIER_SCHEMA.id_column(),
                format!("duplicate id `{}` (first at {at})", self.ids.get(g)),
            ));
        }
        Ok(out)
    }
}
