//! `Records`: a data set held in wasm memory between calls, so that a page
//! (or `dvctt/worker`) reads a million-row export once and judges it many
//! times without turning its rows into JS objects and back. Each method is
//! the core operation of the same name on the held data set.

use dvctt::api;
use dvctt::{
    Dataset, DatasetLoad, Plan, PlanReport, PlanReportOptions, ReadOptions, ScoreQuery,
    ScoringProfile,
};
#[cfg(feature = "whole-api")]
use dvctt::{EvaluateOptions, Query};
use wasm_bindgen::prelude::*;

use crate::error::{to_js, Res};
use crate::pieces::PieceReader;
use crate::{input, input_opt, input_or_null};

/// Records read and held in wasm memory.
#[wasm_bindgen]
#[derive(Default)]
pub struct Records {
    load: DatasetLoad,
    /// A file being read in pieces (`beginPieces` … `endPieces`).
    pieces: Option<api::PieceMerge>,
    /// The report `planReport` last made, for `planReportTables`.
    report: Option<PlanReport>,
}

#[wasm_bindgen]
impl Records {
    /// An empty set of records.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Records {
        Records::default()
    }

    /// Reads a file's bytes of one record kind into the held records (as
    /// `readBytes`; rows refused are kept in `rejected()`).
    #[wasm_bindgen(js_name = readBytes)]
    pub fn read_bytes(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: &str,
        bytes: Vec<u8>,
        file: Option<String>,
        #[wasm_bindgen(unchecked_param_type = "ReadOptions | null")] options: Option<JsValue>,
        strict: Option<bool>,
    ) -> Res<()> {
        let kind = api::parse_record_kind(kind)?;
        let options = input_opt::<ReadOptions>(options, "options")?;
        let file = file.as_deref().unwrap_or("<bytes>");
        crate::text_decoder();
        let load = api::read_bytes(kind, bytes, file, options, strict.unwrap_or(true))?;
        self.load.extend(load);
        Ok(())
    }

    /// Starts a dossier file of `size` bytes read in pieces: its pieces'
    /// parses (`PieceReader.parse`, on other workers) are then given to
    /// `mergePiece` in file order, and `endPieces` adds the file's records.
    #[wasm_bindgen(js_name = beginPieces)]
    pub fn begin_pieces(&mut self, reader: &PieceReader, size: f64) -> Res<()> {
        self.pieces = Some(api::PieceMerge::new(reader.reopen()?, size as u64));
        Ok(())
    }

    /// Adds the next piece's parse (see `beginPieces`).
    #[wasm_bindgen(js_name = mergePiece)]
    pub fn merge_piece(&mut self, piece: &[u8]) -> Res<()> {
        match self.pieces.as_mut() {
            Some(m) => Ok(m.merge(piece)?),
            None => Err(
                dvctt::DvcttError::data("piece", "no file begun (call beginPieces first)").into(),
            ),
        }
    }

    /// Adds the records of the file read in pieces; its rows refused join
    /// `rejected()`.
    #[wasm_bindgen(js_name = endPieces)]
    pub fn end_pieces(&mut self) -> Res<()> {
        match self.pieces.take() {
            Some(m) => {
                self.load.extend(m.finish()?);
                Ok(())
            }
            None => Err(
                dvctt::DvcttError::data("piece", "no file begun (call beginPieces first)").into(),
            ),
        }
    }

    /// Adds records given as a data set object (e.g. reported aggregates).
    #[wasm_bindgen(js_name = addDataset)]
    pub fn add_dataset(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
    ) -> Res<()> {
        let dataset: Dataset = input(data, "$")?;
        self.load.extend(DatasetLoad {
            dataset,
            ..Default::default()
        });
        Ok(())
    }

    /// `planReport` on the held records: the rows refused while reading
    /// them come first in the report's `rejected`, before `options.rejected`.
    /// The report is also kept, for `planReportTables`.
    #[wasm_bindgen(js_name = planReport, unchecked_return_type = "PlanReport")]
    pub fn plan_report(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Activity[] | null")] activities: Option<JsValue>,
        #[wasm_bindgen(unchecked_param_type = "PlanReportOptions | null")] options: Option<JsValue>,
    ) -> Res<JsValue> {
        let plan: Plan = input(plan, "$")?;
        let activities = input_opt(activities, "activities")?.unwrap_or_default();
        let mut options: PlanReportOptions = input_or_null(options, "options")?;
        options
            .rejected
            .splice(0..0, self.load.rejected.iter().cloned());
        let report = api::plan_report(&plan, &self.load.dataset, activities, &options)?;
        let out = to_js(&report);
        self.report = Some(report);
        out
    }

    /// `planReportTables` of the report `planReport` last made on these
    /// records, kept in wasm memory (a page need not send it back).
    #[wasm_bindgen(js_name = planReportTables, unchecked_return_type = "Table[]")]
    pub fn plan_report_tables(&self) -> Res<JsValue> {
        match &self.report {
            Some(r) => to_js(&api::plan_report_tables(r)),
            None => Err(dvctt::DvcttError::data(
                "report",
                "no report made on these records yet (call planReport first)",
            )
            .into()),
        }
    }

    /// `computeScores` on the held records; a `null` profile is the default
    /// one (`defaultScoringProfile`, the 766 index), which a page then need
    /// not fetch and send back.
    #[wasm_bindgen(js_name = computeScores, unchecked_return_type = "ScoreCard[]")]
    pub fn compute_scores(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScoringProfile | null")] profile: Option<JsValue>,
        #[wasm_bindgen(unchecked_param_type = "ScoreQuery")] query: JsValue,
    ) -> Res<JsValue> {
        let profile = match input_opt::<ScoringProfile>(profile, "$")? {
            Some(p) => p,
            None => api::default_scoring_profile()?,
        };
        let query: ScoreQuery = input(query, "query")?;
        to_js(&api::compute_scores(&profile, &self.load.dataset, &query)?)
    }
}

/// The methods the page's module leaves out (examples/portal does not call
/// them; the whole API has them).
#[cfg(feature = "whole-api")]
#[wasm_bindgen]
impl Records {
    /// The rows refused so far, with file, line, field and why.
    #[wasm_bindgen(unchecked_return_type = "RejectedRow[]")]
    pub fn rejected(&self) -> Res<JsValue> {
        to_js(&self.load.rejected)
    }

    /// The held records as a data set object.
    #[wasm_bindgen(unchecked_return_type = "Dataset")]
    pub fn dataset(&self) -> Res<JsValue> {
        to_js(&self.load.dataset)
    }

    /// `evaluateTargets` on the held records.
    #[wasm_bindgen(js_name = evaluateTargets, unchecked_return_type = "TargetEvaluation[]")]
    pub fn evaluate_targets(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EvaluateOptions | null")] options: Option<JsValue>,
    ) -> Res<JsValue> {
        let plan: Plan = input(plan, "$")?;
        let options: EvaluateOptions = input_or_null(options, "options")?;
        to_js(&api::evaluate_targets(&plan, &self.load.dataset, &options)?)
    }

    /// `computeIndicator` on the held records.
    #[wasm_bindgen(js_name = computeIndicator, unchecked_return_type = "IndicatorResult[]")]
    pub fn compute_indicator(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Query")] query: JsValue,
    ) -> Res<JsValue> {
        let query: Query = input(query, "query")?;
        to_js(&api::compute_indicator(&self.load.dataset, &query)?)
    }
}
