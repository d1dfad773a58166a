//! The one error type of the core, mapped once per binding language.

use crate::base::message::NotComputedReason;

/// Every error dvctt returns. Each variant names where the problem is
/// (JSON path, file, line, field) so a user can fix the input.
///
/// Named `DvcttError`, not `Error`: Kotlin renames `*Error` to `*Exception`.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize)]
#[serde(tag = "variant")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum DvcttError {
    /// A plan document is not valid JSON or breaks a plan rule.
    #[error("plan: {path}: {detail}")]
    Plan { path: String, detail: String },
    /// An indicator id that the catalogue does not know; `closest` is the
    /// known id it most looks like (a slip of the keyboard), if one does.
    #[error("unknown indicator `{id}` at {path}{} (known: {known})", did_you_mean(.closest))]
    UnknownIndicator {
        id: String,
        path: String,
        known: String,
        closest: Option<String>,
    },
    /// A CSV row or field that cannot be read.
    #[error("{file}: line {line}: field `{field}`: {detail}")]
    Csv {
        file: String,
        line: u32,
        field: String,
        detail: String,
    },
    /// A CSV file lacks a required column.
    #[error("{file}: missing required column `{column}`")]
    MissingColumn { file: String, column: String },
    /// A period identifier that cannot be parsed.
    #[error("period `{value}`: {detail}")]
    Period { value: String, detail: String },
    /// Records or aggregates given as objects that do not fit the contract.
    #[error("data: {path}: {detail}")]
    Data { path: String, detail: String },
    /// A file that cannot be read.
    #[error("{path}: {detail}")]
    Io { path: String, detail: String },
    /// An indicator the data cannot give, and why (e.g. a column its
    /// records lack): "not computed", never 0%. `reason` is the English
    /// sentence of `code`, the reason as a message code with its parameters
    /// (serialised flat beside the other fields: `code`, `columns`, …).
    #[error("{indicator} not computed: {reason}")]
    NotComputed {
        indicator: String,
        reason: String,
        #[serde(flatten)]
        code: NotComputedReason,
    },
}

fn did_you_mean(closest: &Option<String>) -> String {
    closest
        .as_ref()
        .map_or(String::new(), |c| format!(": did you mean `{c}`?"))
}

impl DvcttError {
    /// A `Data` error at `path` (a JSON path or argument name).
    pub fn data(path: impl Into<String>, detail: impl Into<String>) -> Self {
        DvcttError::Data {
            path: path.into(),
            detail: detail.into(),
        }
    }

    /// An `Io` error reading `path`.
    pub fn io(path: impl Into<String>, detail: impl std::fmt::Display) -> Self {
        DvcttError::Io {
            path: path.into(),
            detail: detail.to_string(),
        }
    }

    /// A `NotComputed` error: `indicator` is not computed because of `code`.
    pub fn not_computed(indicator: impl Into<String>, code: NotComputedReason) -> Self {
        DvcttError::NotComputed {
            indicator: indicator.into(),
            reason: code.to_string(),
            code,
        }
    }

    /// The coded reason of a `NotComputed` error (`None` for the others).
    pub fn not_computed_reason(&self) -> Option<&NotComputedReason> {
        match self {
            DvcttError::NotComputed { code, .. } => Some(code),
            _ => None,
        }
    }

    /// A `Plan` error at `path` in the plan document.
    pub fn plan(path: impl Into<String>, detail: impl Into<String>) -> Self {
        DvcttError::Plan {
            path: path.into(),
            detail: detail.into(),
        }
    }

    /// The variant's name, the same string in every language
    /// (Python class `<variant>Error`, JS `error.variant`, Kotlin `DvcttException.<variant>`).
    pub fn variant(&self) -> &'static str {
        match self {
            DvcttError::Plan { .. } => "Plan",
            DvcttError::UnknownIndicator { .. } => "UnknownIndicator",
            DvcttError::Csv { .. } => "Csv",
            DvcttError::MissingColumn { .. } => "MissingColumn",
            DvcttError::Period { .. } => "Period",
            DvcttError::Data { .. } => "Data",
            DvcttError::Io { .. } => "Io",
            DvcttError::NotComputed { .. } => "NotComputed",
        }
    }
}

impl DvcttError {
    /// The variant and its fields as a JSON object (`{"variant": "Csv", "line": 3, …}`),
    /// which bindings copy onto their exception objects.
    pub fn fields(&self) -> serde_json::Value {
        serde_json::to_value(self)
            .unwrap_or_else(|_| serde_json::json!({ "variant": self.variant() }))
    }
}

pub type Result<T, E = DvcttError> = std::result::Result<T, E>;

/// Renders a path (`base::json_de`'s, or serde_path_to_error's for JSON
/// text) as `a.b[2].c`, or `$` for the root.
pub(crate) fn json_path(path: &impl std::fmt::Display) -> String {
    let s = path.to_string();
    if s == "." || s.is_empty() {
        "$".to_string()
    } else {
        s
    }
}

/// Rejects anything but a JSON object where a record is expected (serde would
/// otherwise accept a struct's sequence form, `[…]`).
pub(crate) fn require_object(value: &serde_json::Value, path: &str, what: &str) -> Result<()> {
    if value.is_object() {
        Ok(())
    } else {
        Err(DvcttError::Data {
            path: path.to_string(),
            detail: format!("{what} must be an object, not {}", kind_of(value)),
        })
    }
}

fn kind_of(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}
