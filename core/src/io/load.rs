//! Reading CSV files and texts into a [`Dataset`], with the rows that
//! could not be used.

use super::csv_records::read_kind;
use super::options::ReadOptions;
use super::parallel::{parallel_kind, read_kind_parallel, Split, PARALLEL_FROM};
use super::sheet::{is_workbook, is_workbook_path, read_sheet};
use crate::base::error::{DvcttError, Result};
use crate::data::builder::DatasetBuilder;
use crate::data::dataset::Dataset;
use crate::model::logs::{Feedback, OutreachSession, Procedure, Publication, UnitEntry};
use crate::model::records::{
    Dossier, Loaded, RecordKind, RejectedRow, StaffMember, SurveyResponse,
};
use serde::{Deserialize, Serialize};

/// A dataset read from CSV, and the rows that could not be used.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DatasetLoad {
    pub dataset: Dataset,
    pub rejected: Vec<RejectedRow>,
}

impl DatasetLoad {
    /// Adds another load's records and rejected rows.
    pub fn extend(&mut self, other: DatasetLoad) {
        self.dataset.append_owned(other.dataset);
        self.rejected.extend(other.rejected);
    }
}

/// One file to read: its record kind, its path, and how to read it
/// (detected when left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct CsvSource {
    pub kind: RecordKind,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub options: Option<ReadOptions>,
}

impl CsvSource {
    /// A file of `kind` at `path`, read with the detected settings.
    pub fn new(kind: RecordKind, path: impl Into<String>) -> Self {
        CsvSource {
            kind,
            path: path.into(),
            options: None,
        }
    }
}

/// Reads CSV text of one record kind; `file` names the source in errors.
pub fn read_csv_text(
    kind: RecordKind,
    text: &str,
    file: &str,
    strict: bool,
) -> Result<DatasetLoad> {
    read_csv_bytes(kind, text.as_bytes(), file, &ReadOptions::default(), strict)
}

/// Reads the bytes of a file of one record kind as `opts` says: CSV text,
/// or a workbook (XLSX, XLS, ODS), told apart by their first bytes.
pub fn read_csv_bytes(
    kind: RecordKind,
    bytes: &[u8],
    file: &str,
    opts: &ReadOptions,
    strict: bool,
) -> Result<DatasetLoad> {
    let mut b = DatasetBuilder::new();
    let size = Some(bytes.len() as u64);
    let rejected = if is_workbook(bytes) {
        read_sheet(&mut b, kind, bytes, file, opts, strict)?
    } else {
        read_kind(&mut b, kind, bytes, size, file, opts, strict)?
    };
    Ok(DatasetLoad {
        dataset: b.finish(),
        rejected,
    })
}

fn open(path: &str) -> Result<std::fs::File> {
    std::fs::File::open(path).map_err(|e| DvcttError::Io {
        path: path.to_string(),
        detail: e.to_string(),
    })
}

/// Reads a CSV file of one record kind, streaming.
pub fn read_csv_file(kind: RecordKind, path: &str, strict: bool) -> Result<DatasetLoad> {
    read_csv_files(&[CsvSource::new(kind, path)], strict)
}

/// Reads CSV files into one dataset, in the order given; several files may
/// hold the same kind (e.g. one dossier export per unit). An id already read
/// from an earlier file of the same kind is a duplicate row (rejected, or an
/// error when `strict`), naming the file and line it was first read at.
pub fn read_csv_files(sources: &[CsvSource], strict: bool) -> Result<DatasetLoad> {
    let mut b = DatasetBuilder::new();
    let mut rejected = Vec::new();
    let split = Split::all_cores();
    let detected = ReadOptions::default();
    for s in sources {
        let opts = s.options.as_ref().unwrap_or(&detected);
        if is_workbook_path(&s.path) {
            let bytes = std::fs::read(&s.path).map_err(|e| DvcttError::io(&s.path, e))?;
            rejected.extend(read_sheet(&mut b, s.kind, &bytes, &s.path, opts, strict)?);
            continue;
        }
        let file = open(&s.path)?;
        let size = file.metadata().ok().map(|m| m.len());
        let parallel = split.threads > 1 && !strict && parallel_kind(s.kind);
        rejected.extend(match size {
            Some(n) if parallel && n >= PARALLEL_FROM => {
                b.begin_file(s.kind, &s.path);
                let (rejected, absent) =
                    read_kind_parallel(&mut b, s.kind, file, n, &s.path, opts, split)
                        .unwrap_or_else(|| {
                            Err(DvcttError::data(
                                "kind",
                                format!("{} is not read in parallel", s.kind.as_str()),
                            ))
                        })?;
                b.absent_columns(s.kind, &s.path, &absent);
                rejected
            }
            _ => read_kind(&mut b, s.kind, file, size, &s.path, opts, strict)?,
        });
    }
    Ok(DatasetLoad {
        dataset: b.finish(),
        rejected,
    })
}

/// A record type whose CSV rows can be read as records (see [`read_csv`]).
pub trait CsvKind: Sized {
    const KIND: RecordKind;
    fn take(data: Dataset) -> Vec<Self>;
}

macro_rules! csv_kind {
    ($t:ty, $kind:ident, |$d:ident| $take:expr) => {
        impl CsvKind for $t {
            const KIND: RecordKind = RecordKind::$kind;
            fn take($d: Dataset) -> Vec<Self> {
                $take
            }
        }
    };
}
csv_kind!(Dossier, Dossiers, |d| d.dossiers.records());
csv_kind!(SurveyResponse, Survey, |d| d.survey.records());
csv_kind!(StaffMember, Staff, |d| d.staff.records());
csv_kind!(Procedure, Procedures, |d| d.procedures);
csv_kind!(UnitEntry, Units, |d| d.units);
csv_kind!(Publication, Publications, |d| d.publications);
csv_kind!(OutreachSession, Outreach, |d| d.outreach);
csv_kind!(Feedback, Feedback, |d| d.feedback);

/// Reads CSV text of one kind as records (for a handful of rows: tests,
/// tools); with `strict`, the first unusable row is an error.
pub fn read_csv<T: CsvKind>(text: &str, file: &str, strict: bool) -> Result<Loaded<T>> {
    let load = read_csv_text(T::KIND, text, file, strict)?;
    Ok(Loaded {
        records: T::take(load.dataset),
        rejected: load.rejected,
    })
}

#[cfg(test)]
mod tests {
    use crate::base::error::DvcttError;
    use crate::io::load::read_csv;
    use crate::model::dataset_records::DatasetRecords;
    use crate::model::records::*;
    use chrono::NaiveDate;

    const HEAD: &str =
        "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n";

    #[test]
    fn reads_dossiers_and_ignores_extra_columns() {
        let text =
            "extra,dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n\
                    x,D1,U1,P1,health,2026-01-05,online,true\n";
        let l = read_csv::<Dossier>(text, "d.csv", true).unwrap();
        assert_eq!(l.records.len(), 1);
        assert_eq!(l.records[0].unit_code, "U1");
        assert!(l.records[0].fully_online);
    }

    #[test]
    fn bad_date_names_line_and_field() {
        let text =
            format!("{HEAD}D1,U1,P1,s,2026-01-05,online,true\nD2,U1,P1,s,2026-13-01,online,true\n");
        let e = read_csv::<Dossier>(&text, "d.csv", true).unwrap_err();
        assert_eq!(
            e,
            DvcttError::Csv {
                file: "d.csv".into(),
                line: 3,
                field: "received_on".into(),
                detail: "`2026-13-01` is not a date (there is no month 13)".into()
            }
        );
        let l = read_csv::<Dossier>(&text, "d.csv", false).unwrap();
        assert_eq!(l.records.len(), 1);
        assert_eq!(l.rejected.len(), 1);
        assert_eq!(l.rejected[0].line, 3);
    }

    #[test]
    fn missing_column_and_duplicates_and_short_rows() {
        let e = read_csv::<SurveyResponse>("response_id,unit_code,satisfied\n", "s.csv", true)
            .unwrap_err();
        assert_eq!(e.variant(), "MissingColumn");
        assert!(e.to_string().contains("responded_on"), "{e}");
        let text = format!(
            "{HEAD}D1,U1,P1,s,2026-01-05,online,true\nD1,U1,P1,s,2026-01-06,online,true\nD3,U1\n"
        );
        let l = read_csv::<Dossier>(&text, "d.csv", false).unwrap();
        assert_eq!(l.records.len(), 1);
        let lines: Vec<u32> = l.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 4]);
        assert!(l.rejected[0].detail.contains("first at line 2"));
    }

    #[test]
    fn ratings_parse_labels_keys_and_levels() {
        use SatisfactionLevel::*;
        assert_eq!(
            SatisfactionLevel::parse("Rất hài lòng", 3),
            Ok(VerySatisfied)
        );
        // Decomposed (NFD) accents and upper case match the label.
        let nfd = "RA\u{302}\u{301}T KHO\u{302}NG HA\u{300}I LO\u{300}NG";
        assert_eq!(SatisfactionLevel::parse(nfd, 5), Ok(VeryDissatisfied));
        assert_eq!(SatisfactionLevel::parse(" neutral ", 5), Ok(Neutral));
        assert_eq!(SatisfactionLevel::parse("3", 3), Ok(Dissatisfied));
        assert_eq!(SatisfactionLevel::parse("3", 5), Ok(Neutral));
        assert!(SatisfactionLevel::parse("0", 5).is_err());
        assert!(SatisfactionLevel::parse("6", 5).is_err());
        assert!(SatisfactionLevel::parse("Bình thường", 3)
            .unwrap_err()
            .contains("not on the 3-level scale"));
        // "Hài lòng" is not a prefix match of "Rất hài lòng".
        assert_eq!(SatisfactionLevel::parse("hài lòng", 5), Ok(Satisfied));
        assert!(SatisfactionLevel::parse("rất", 5).is_err());
        for scale in [3, 5] {
            for (i, l) in SatisfactionLevel::scale_levels(scale)
                .unwrap()
                .iter()
                .enumerate()
            {
                assert_eq!(l.rank(scale), Some(i as u32 + 1));
                assert_eq!(SatisfactionLevel::parse(l.label_vi(), scale), Ok(*l));
            }
        }
    }

    #[test]
    fn satisfaction_rule_bounds() {
        let r = SatisfactionRule::default();
        assert_eq!(r.satisfied(SatisfactionLevel::Satisfied, 3), Some(true));
        assert_eq!(r.satisfied(SatisfactionLevel::Neutral, 5), Some(false));
        assert_eq!(r.satisfied(SatisfactionLevel::Neutral, 3), None);
        let bad = SatisfactionRule {
            three_level_top: 2,
            five_level_top: 5,
        };
        assert_eq!(
            bad.validate("satisfaction_rule").unwrap_err(),
            DvcttError::Data {
                path: "satisfaction_rule.five_level_top".into(),
                detail: "5 is not between 1 and 4".into()
            }
        );
    }

    #[test]
    fn staff_roles_and_communication_dates() {
        let text = "person_id,unit_code,in_scope,trained_on,role,communicated_on\n\
                    A,U1,true,,,\n\
                    B,U1,false,2026-01-02,Community_Team,2026-02-03\n\
                    C,U1,false,,mayor,\n\
                    D,U1,false,,official,2026-02-30\n";
        let l = read_csv::<StaffMember>(text, "staff.csv", false).unwrap();
        assert_eq!(l.records.len(), 2);
        assert_eq!(l.records[0].role, None);
        assert_eq!(l.records[0].role(), StaffRole::Operator);
        assert_eq!(l.records[1].role, Some(StaffRole::CommunityTeam));
        assert_eq!(
            l.records[1].communicated_on,
            NaiveDate::from_ymd_opt(2026, 2, 3)
        );
        let bad: Vec<(u32, &str)> = l
            .rejected
            .iter()
            .map(|r| (r.line, r.field.as_str()))
            .collect();
        assert_eq!(bad, vec![(4, "role"), (5, "communicated_on")]);
        // The optional columns may be absent altogether.
        let l = read_csv::<StaffMember>(
            "person_id,unit_code,in_scope,trained_on\nA,U1,true,\n",
            "staff.csv",
            true,
        )
        .unwrap();
        assert_eq!(l.records[0].role(), StaffRole::Operator);
    }

    #[test]
    fn count_aggregates_have_no_denominator() {
        let ds = DatasetRecords::from_json(
            r#"{"aggregates": [{"indicator": "events_held", "unit_code": "U1",
                "period": "2026", "numerator": 3, "denominator": 1}]}"#,
        )
        .unwrap_err();
        assert_eq!(ds.variant(), "Data");
        assert!(ds.to_string().contains("aggregates[0].denominator"), "{ds}");
    }

    #[test]
    fn loose_dates_are_rejected() {
        let text = format!("{HEAD}D1,U1,P1,s,2026-1-5,online,true\n");
        assert!(read_csv::<Dossier>(&text, "d.csv", true).is_err());
    }
}
