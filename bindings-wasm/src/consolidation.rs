//! `Consolidation`: a consolidated report (báo cáo tổng hợp) held in wasm
//! memory, so that a page shows its tables and their HTML without sending
//! the report back (the page's module then links no reader of it). Each
//! method is the core operation of the same name on the held report.

use dvctt::api;
use dvctt::ConsolidatedReport;
use wasm_bindgen::prelude::*;

use crate::error::{to_js, Res};
use crate::{consolidated, lang_of};

/// The consolidated report `consolidate` last made, held in wasm memory.
#[wasm_bindgen]
#[derive(Default)]
pub struct Consolidation {
    report: Option<ConsolidatedReport>,
}

#[wasm_bindgen]
impl Consolidation {
    /// No report yet: call `consolidate`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Consolidation {
        Consolidation::default()
    }

    /// `consolidate` (unit reports on a plan for `options.period`); the
    /// report is returned and kept for the other methods.
    #[wasm_bindgen(unchecked_return_type = "ConsolidatedReport")]
    pub fn consolidate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "(string | Report)[]")] reports: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ConsolidateOptions")] options: JsValue,
    ) -> Res<JsValue> {
        let report = consolidated(plan, reports, options)?;
        let out = to_js(&report);
        self.report = Some(report);
        out
    }

    /// `consolidatedTables` of the kept report; `public` suppresses small cells.
    #[wasm_bindgen(js_name = consolidatedTables, unchecked_return_type = "Table[]")]
    pub fn consolidated_tables(&self, public: Option<bool>) -> Res<JsValue> {
        to_js(&api::consolidated_tables(
            self.report()?,
            public.unwrap_or(false),
        ))
    }

    /// `tablesToHtml` of `consolidatedTables(public)`: a standalone HTML
    /// document in `lang` (`"vi"`, the default, or `"en"`).
    #[wasm_bindgen(js_name = consolidatedHtml)]
    pub fn consolidated_html(&self, public: Option<bool>, lang: Option<String>) -> Res<String> {
        let tables = api::consolidated_tables(self.report()?, public.unwrap_or(false));
        Ok(api::tables_to_html(tables, lang_of(lang)?))
    }
}

impl Consolidation {
    fn report(&self) -> Res<&ConsolidatedReport> {
        self.report.as_ref().ok_or_else(|| {
            dvctt::DvcttError::data(
                "report",
                "no report consolidated yet (call consolidate first)",
            )
            .into()
        })
    }
}
