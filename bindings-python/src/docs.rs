//! Documents kept in Rust: `dvctt.PlanObj`, `dvctt.OrgObj`,
//! `dvctt.ProfileObj` hold a plan, an org document and a scoring profile
//! read and checked once, so a notebook that passes one to many calls does
//! not convert it again. Every function taking a plan (an org, a profile)
//! takes the object or, as before, a mapping. The TypedDicts `dvctt.Plan`,
//! `dvctt.OrgDocument` and `dvctt.ScoringProfile` keep their names (they
//! type the mappings); the `Obj` suffix marks the kept objects.

use std::sync::Arc;

use dvctt::api::FromValue;
use dvctt::{OrgDocument, Plan, ScoringProfile};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};
use serde_json::Value;

use crate::convert::{input, to_py, MakeErr};
use crate::error::{data_err, plan_err, Res};

/// A document given as a mapping or as JSON text, checked by the core.
fn read<T: FromValue>(obj: &Bound<'_, PyAny>, err: MakeErr) -> Res<T> {
    if obj.is_instance_of::<PyString>() {
        let text: String = obj.extract()?;
        let value: Value = serde_json::from_str(&text).map_err(|e| err("$", e.to_string()))?;
        return Ok(T::from_value(value)?);
    }
    input(obj, "", err)
}

/// Declares a kept-document class and the function that takes either it
/// or a mapping.
macro_rules! kept {
    ($class:ident, $name:literal, $ty:ty, $err:expr, $take:ident, $what:literal, $html:path) => {
        #[doc = concat!("A ", $what, " kept in Rust, read and checked once: `dvctt.", $name, "(mapping_or_json)`.")]
        #[pyclass(module = "dvctt._dvctt", name = $name, frozen)]
        pub struct $class {
            pub doc: Arc<$ty>,
        }

        #[pymethods]
        impl $class {
            #[new]
            fn py_new(doc: &Bound<'_, PyAny>) -> Res<Self> {
                Ok($class {
                    doc: Arc::new(read::<$ty>(doc, $err)?),
                })
            }

            /// The document as a plain dict (its TypedDict).
            fn to_dict(&self, py: Python<'_>) -> Res<Py<PyAny>> {
                to_py(py, &*self.doc)
            }

            /// The document as JSON text.
            fn to_json(&self) -> Res<String> {
                serde_json::to_string(&*self.doc).map_err(|e| data_err("$", e.to_string()).into())
            }

            fn __reduce__<'py>(
                slf: &Bound<'py, Self>,
            ) -> Res<(Bound<'py, PyType>, (String,))> {
                Ok((slf.get_type(), (slf.get().to_json()?,)))
            }

            fn __repr__(&self) -> String {
                self.doc.describe()
            }

            fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
                other
                    .cast::<$class>()
                    .is_ok_and(|o| *o.get().doc == *self.doc)
            }

            /// The document as HTML, as a notebook shows it, in Vietnamese
            /// (`lang="en"`: English).
            #[pyo3(signature = (lang = "vi"))]
            fn to_html(&self, lang: &str) -> Res<String> {
                let lang = dvctt::api::parse_lang(lang, "lang")?;
                Ok($html(&self.doc, lang, 50))
            }

            fn _repr_html_(&self) -> Res<String> {
                self.to_html("vi")
            }
        }

        #[doc = concat!("The ", $what, " of a `", $name, "`, or one read from a mapping (or JSON text).")]
        pub fn $take(obj: &Bound<'_, PyAny>) -> Res<Arc<$ty>> {
            if let Ok(k) = obj.cast::<$class>() {
                return Ok(k.get().doc.clone());
            }
            Ok(Arc::new(input::<$ty>(obj, "", $err)?))
        }
    };
}

kept!(
    PlanObj,
    "PlanObj",
    Plan,
    plan_err,
    plan,
    "plan (`dvctt/plan@1`)",
    dvctt::api::arrow::plan_html
);
kept!(
    OrgObj,
    "OrgObj",
    OrgDocument,
    data_err,
    org,
    "org document (`dvctt/org@1`)",
    dvctt::api::arrow::org_html
);
kept!(
    ProfileObj,
    "ProfileObj",
    ScoringProfile,
    data_err,
    profile,
    "scoring profile (`dvctt/scoring-profile@1`)",
    dvctt::api::arrow::profile_html
);

/// What `repr()` shows of a kept document.
trait Describe {
    fn describe(&self) -> String;
}

impl Describe for Plan {
    fn describe(&self) -> String {
        format!(
            "dvctt.PlanObj(id={:?}, targets={}, tasks={})",
            self.id,
            self.targets.len(),
            self.tasks.len()
        )
    }
}

impl Describe for OrgDocument {
    fn describe(&self) -> String {
        format!("dvctt.OrgObj(units={})", self.units.len())
    }
}

impl Describe for ScoringProfile {
    fn describe(&self) -> String {
        format!(
            "dvctt.ProfileObj(id={:?}, items={})",
            self.id,
            self.items.len()
        )
    }
}

/// An optional org argument (`None` is absent); a mapping's errors at `path`.
pub fn org_opt(obj: Option<&Bound<'_, PyAny>>, path: &str) -> Res<Option<OrgDocument>> {
    match obj {
        Some(o) if !o.is_none() => match o.cast::<OrgObj>() {
            Ok(k) => Ok(Some((*k.get().doc).clone())),
            Err(_) => Ok(Some(input::<OrgDocument>(o, path, data_err)?)),
        },
        _ => Ok(None),
    }
}

/// An optional plan argument (`None` is absent).
pub fn plan_opt(obj: Option<&Bound<'_, PyAny>>) -> Res<Option<Plan>> {
    match obj {
        Some(o) if !o.is_none() => Ok(Some((*plan(o)?).clone())),
        _ => Ok(None),
    }
}

/// A list of plans (objects or mappings), read as `cascade_check` always
/// read them (an error in plan `i` is under `plans[i]`).
pub fn plans(items: &Bound<'_, PyAny>) -> Res<Vec<Plan>> {
    let mut values = Vec::new();
    for item in items.try_iter()? {
        let item = item?;
        values.push(match item.cast::<PlanObj>() {
            Ok(k) => {
                serde_json::to_value(&*k.get().doc).map_err(|e| plan_err("$", e.to_string()))?
            }
            Err(_) => crate::convert::to_value(&item, "", plan_err)?,
        });
    }
    Ok(Vec::<Plan>::from_value(Value::Array(values))?)
}

pub fn add(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PlanObj>()?;
    m.add_class::<OrgObj>()?;
    m.add_class::<ProfileObj>()?;
    Ok(())
}
