//! Deserialising a `serde_json::Value` into an input type, keeping the path
//! of the first error (`targets[2].threshold`).
//!
//! One deserializer does both jobs: it behaves as serde_json's own owned
//! `Value` deserializer (same calls on the visitors, same error messages:
//! its code is followed method by method) and it keeps the path in its
//! `MapAccess`/`SeqAccess`, recording it when an error leaves a value, as
//! `serde_path_to_error` does (same paths, same rendering: map keys and enum
//! variants joined by `.`, indices as `[i]`, the innermost value that
//! failed). `serde_path_to_error` wraps every visitor around serde_json's
//! deserializer, so each input type's visitors were instantiated twice over;
//! here once, which keeps the WebAssembly module small.
//!
//! One difference from serde_json: a struct must be given as a JSON object
//! (serde_json also takes an array of the fields in order, which no input
//! of dvctt is, and which `require_object` already refuses for records).

use std::cell::RefCell;
use std::fmt;

use serde::de::Deserializer as _;
use serde::de::{self, DeserializeSeed, Error as _, IntoDeserializer, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Error, Map, Value};

/// A deserialising error and where it happened.
#[derive(Debug)]
pub struct PathError {
    path: Path,
    inner: Error,
}

impl PathError {
    /// Where the error happened (`.` for the root, as `serde_path_to_error`).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The error itself, as serde_json gives it.
    pub fn inner(&self) -> &Error {
        &self.inner
    }
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Index(usize),
    Key(String),
}

/// The path of a value in the input: `a.b[2].c`; `.` for the root.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Path(Vec<Segment>);

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str(".");
        }
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Segment::Index(n) => write!(f, "[{n}]")?,
                Segment::Key(k) if i == 0 => f.write_str(k)?,
                Segment::Key(k) => write!(f, ".{k}")?,
            }
        }
        Ok(())
    }
}

/// The path being read, and the path of the first error.
#[derive(Default)]
struct Track {
    now: RefCell<Vec<Segment>>,
    error: RefCell<Option<Path>>,
}

impl Track {
    fn push(&self, s: Segment) {
        self.now.borrow_mut().push(s);
    }

    fn pop(&self) {
        self.now.borrow_mut().pop();
    }

    /// Notes the current path as the error's, unless a deeper one was noted.
    fn record(&self) {
        let mut error = self.error.borrow_mut();
        if error.is_none() {
            *error = Some(Path(self.now.borrow().clone()));
        }
    }

    /// Notes the path one step deeper than the current one as the error's.
    fn record_at(&self, s: Segment) {
        self.push(s);
        self.record();
        self.pop();
    }

    /// Runs `f` one step deeper; an error from it is noted at that depth.
    fn within<T>(&self, s: Segment, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
        self.push(s);
        let r = f();
        if r.is_err() {
            self.record();
        }
        self.pop();
        r
    }
}

/// Deserialises `T` from `value`; on error, the path of the innermost value
/// that failed.
pub fn deserialize<T: de::DeserializeOwned>(value: Value) -> Result<T, PathError> {
    let track = Track::default();
    T::deserialize(ValueDe {
        value,
        track: &track,
    })
    .map_err(|inner| {
        track.record();
        PathError {
            path: track.error.into_inner().unwrap_or_default(),
            inner,
        }
    })
}

/// serde_json's description of a value in errors (`Value::unexpected`).
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                Unexpected::Unsigned(u)
            } else if let Some(i) = n.as_i64() {
                Unexpected::Signed(i)
            } else {
                Unexpected::Float(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

#[cold]
fn invalid_type(value: &Value, exp: &dyn de::Expected) -> Error {
    Error::invalid_type(unexpected(value), exp)
}

struct ValueDe<'t> {
    value: Value,
    track: &'t Track,
}

impl<'t> ValueDe<'t> {
    fn visit_array<'de, V: Visitor<'de>>(
        array: Vec<Value>,
        track: &'t Track,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let len = array.len();
        let mut seq = SeqDe {
            iter: array.into_iter(),
            index: 0,
            track,
        };
        let out = visitor.visit_seq(&mut seq)?;
        if seq.iter.len() == 0 {
            Ok(out)
        } else {
            Err(Error::invalid_length(len, &"fewer elements in array"))
        }
    }

    fn visit_object<'de, V: Visitor<'de>>(
        object: Map<String, Value>,
        track: &'t Track,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let len = object.len();
        let mut map = MapDe {
            iter: object.into_iter(),
            next: None,
            track,
        };
        let out = visitor.visit_map(&mut map)?;
        if map.iter.len() == 0 {
            Ok(out)
        } else {
            Err(Error::invalid_length(len, &"fewer elements in map"))
        }
    }

    fn number<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Number(n) => n.deserialize_any(visitor),
            other => Err(invalid_type(&other, &visitor)),
        }
    }
}

macro_rules! numbers {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.number(visitor)
        })*
    };
}

impl<'de> de::Deserializer<'de> for ValueDe<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => n.deserialize_any(visitor),
            Value::String(s) => visitor.visit_string(s),
            Value::Array(a) => Self::visit_array(a, self.track, visitor),
            Value::Object(o) => Self::visit_object(o, self.track, visitor),
        }
    }

    numbers!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64);

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let (variant, value) = match self.value {
            Value::Object(o) => {
                let mut iter = o.into_iter();
                match (iter.next(), iter.next()) {
                    (Some((variant, value)), None) => (variant, Some(value)),
                    _ => {
                        return Err(Error::invalid_value(
                            Unexpected::Map,
                            &"map with a single key",
                        ))
                    }
                }
            }
            Value::String(variant) => (variant, None),
            other => return Err(Error::invalid_type(unexpected(&other), &"string or map")),
        };
        visitor.visit_enum(EnumDe {
            variant,
            value,
            track: self.track,
        })
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Bool(b) => visitor.visit_bool(b),
            other => Err(invalid_type(&other, &visitor)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => visitor.visit_string(s),
            other => Err(invalid_type(&other, &visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_byte_buf(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => visitor.visit_string(s),
            Value::Array(a) => Self::visit_array(a, self.track, visitor),
            other => Err(invalid_type(&other, &visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            other => Err(invalid_type(&other, &visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(a) => Self::visit_array(a, self.track, visitor),
            other => Err(invalid_type(&other, &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(o) => Self::visit_object(o, self.track, visitor),
            other => Err(invalid_type(&other, &visitor)),
        }
    }

    /// An object only: the derived `visit_seq` of a struct is never called,
    /// so never compiled in (see the module's doc).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        drop(self);
        visitor.visit_unit()
    }
}

struct SeqDe<'t> {
    iter: std::vec::IntoIter<Value>,
    index: usize,
    track: &'t Track,
}

impl<'de> de::SeqAccess<'de> for SeqDe<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(value) = self.iter.next() else {
            return Ok(None);
        };
        let track = self.track;
        let index = self.index;
        self.index += 1;
        track
            .within(Segment::Index(index), || {
                seed.deserialize(ValueDe { value, track })
            })
            .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct MapDe<'t> {
    iter: <Map<String, Value> as IntoIterator>::IntoIter,
    /// The key and value whose key was just read.
    next: Option<(String, Value)>,
    track: &'t Track,
}

impl<'de> de::MapAccess<'de> for MapDe<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.iter.next() else {
            return Ok(None);
        };
        let read = seed.deserialize(KeyDe(key.clone()));
        if read.is_err() {
            // serde_path_to_error names the key of an unknown field.
            self.track.record_at(Segment::Key(key));
            return read.map(Some);
        }
        self.next = Some((key, value));
        read.map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.next.take() else {
            return Err(Error::custom("value is missing"));
        };
        let track = self.track;
        track.within(Segment::Key(key), || {
            seed.deserialize(ValueDe { value, track })
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// A map's key: always a string in JSON (serde_json's `MapKeyDeserializer`
/// for the string forms; dvctt's inputs have no numeric keys).
struct KeyDe(String);

impl<'de> de::Deserializer<'de> for KeyDe {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_string(self.0)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_str() {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            other => Err(Error::invalid_type(Unexpected::Str(other), &visitor)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        IntoDeserializer::<Error>::into_deserializer(self.0)
            .deserialize_enum(name, variants, visitor)
    }

    forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64
        char str string bytes byte_buf unit unit_struct seq tuple tuple_struct
        map struct identifier ignored_any
    }
}

struct EnumDe<'t> {
    variant: String,
    value: Option<Value>,
    track: &'t Track,
}

impl<'de, 't> de::EnumAccess<'de> for EnumDe<'t> {
    type Error = Error;
    type Variant = VariantDe<'t>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantDe<'t>), Error> {
        let name = IntoDeserializer::<Error>::into_deserializer(self.variant.clone());
        let read = seed.deserialize(name)?;
        Ok((
            read,
            VariantDe {
                variant: self.variant,
                value: self.value,
                track: self.track,
            },
        ))
    }
}

/// A variant's content; errors in it are at `….Variant`.
struct VariantDe<'t> {
    variant: String,
    value: Option<Value>,
    track: &'t Track,
}

impl<'de> de::VariantAccess<'de> for VariantDe<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        let track = self.track;
        track.within(Segment::Key(self.variant), || match self.value {
            None | Some(Value::Null) => Ok(()),
            Some(other) => Err(invalid_type(&other, &"unit")),
        })
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        let track = self.track;
        track.within(Segment::Key(self.variant), || match self.value {
            Some(value) => seed.deserialize(ValueDe { value, track }),
            None => Err(Error::invalid_type(
                Unexpected::UnitVariant,
                &"newtype variant",
            )),
        })
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        let track = self.track;
        track.within(Segment::Key(self.variant), || match self.value {
            Some(Value::Array(a)) if a.is_empty() => visitor.visit_unit(),
            Some(Value::Array(a)) => ValueDe::visit_array(a, track, visitor),
            Some(other) => Err(invalid_type(&other, &"tuple variant")),
            None => Err(Error::invalid_type(
                Unexpected::UnitVariant,
                &"tuple variant",
            )),
        })
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let track = self.track;
        track.within(Segment::Key(self.variant), || match self.value {
            Some(Value::Object(o)) => ValueDe::visit_object(o, track, visitor),
            Some(other) => Err(invalid_type(&other, &"struct variant")),
            None => Err(Error::invalid_type(
                Unexpected::UnitVariant,
                &"struct variant",
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    //! Each input is read by this deserializer and by the pair it replaces
    //! (serde_path_to_error over serde_json's `Value` deserializer): the
    //! results, error messages and paths must be the same.
    use super::*;
    use serde::Deserialize;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        id: String,
        #[serde(default)]
        count: Option<u32>,
        ratio: Option<f64>,
        items: Vec<Item>,
        #[serde(default)]
        by_unit: BTreeMap<String, Vec<i64>>,
        #[serde(default)]
        kind: Option<Kind>,
        #[serde(default)]
        shape: Option<Shape>,
        #[serde(default)]
        either: Option<Either>,
        #[serde(default)]
        pair: Option<(u8, bool)>,
        #[serde(default)]
        wrapped: Option<Wrapped>,
        #[serde(default)]
        extra: Option<Value>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Item {
        code: String,
        #[serde(flatten)]
        rest: BTreeMap<String, Value>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Plain,
        Count(u32),
        Range { low: i32, high: i32 },
        Pair(u8, u8),
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    enum Shape {
        Circle { r: f64 },
        Square { side: u16 },
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(untagged)]
    enum Either {
        Number(u32),
        Text(String),
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Wrapped(#[serde(deserialize_with = "even")] u32);

    fn even<'de, D: de::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        let n = u32::deserialize(d)?;
        if n % 2 == 0 {
            Ok(n)
        } else {
            Err(D::Error::custom(format!("{n} is odd")))
        }
    }

    fn both<T: de::DeserializeOwned + PartialEq + fmt::Debug>(
        v: Value,
    ) -> Result<T, (String, String)> {
        let ours =
            deserialize::<T>(v.clone()).map_err(|e| (e.path().to_string(), e.inner().to_string()));
        let theirs = serde_path_to_error::deserialize::<_, T>(v)
            .map_err(|e| (e.path().to_string(), e.inner().to_string()));
        assert_eq!(ours, theirs);
        ours
    }

    fn base() -> Value {
        json!({"id": "a", "ratio": 0.5, "items": [{"code": "x", "n": 1}]})
    }

    fn with(key: &str, v: Value) -> Value {
        let mut doc = base();
        doc[key] = v;
        doc
    }

    #[test]
    fn same_values_as_serde_json() {
        let full = json!({
            "id": "a", "count": 3, "ratio": -1, "items": [{"code": "x"}, {"code": "y", "z": [1]}],
            "by_unit": {"U1": [1, -2]}, "kind": {"range": {"low": -1, "high": 2}},
            "shape": {"type": "circle", "r": 2.5}, "either": "t", "pair": [1, true],
            "wrapped": 4, "extra": {"k": [null, 1.5]}
        });
        let doc: Doc = both(full).unwrap();
        assert_eq!(doc.kind, Some(Kind::Range { low: -1, high: 2 }));
        assert_eq!(doc.items[1].rest["z"], json!([1]));
        for kind in [
            json!("plain"),
            json!({"count": 7}),
            json!({"pair": [1, 2]}),
            json!({"plain": null}),
        ] {
            both::<Doc>(with("kind", kind)).unwrap();
        }
        both::<Doc>(with("either", json!(5))).unwrap();
    }

    #[test]
    fn same_errors_and_paths_as_serde_path_to_error() {
        let bad = [
            ("id", json!(1)),
            ("count", json!(-1)),
            ("count", json!(1.5)),
            ("count", json!("3")),
            ("count", json!(4294967296u64)),
            ("ratio", json!("x")),
            ("items", json!({})),
            ("items", json!([{"code": "x"}, {"n": 1}])),
            ("items", json!([{"code": "x"}, 5])),
            ("items", json!([{"code": 1}])),
            ("by_unit", json!({"U1": [1, "2"]})),
            ("by_unit", json!([])),
            ("kind", json!("nope")),
            ("kind", json!({"count": "x"})),
            ("kind", json!({"count": 1, "plain": null})),
            ("kind", json!({})),
            ("kind", json!(3)),
            ("kind", json!({"range": {"low": 1}})),
            ("kind", json!({"range": {"low": 1, "high": "h"}})),
            ("kind", json!({"range": [1, 2]})),
            ("kind", json!({"pair": [1]})),
            ("kind", json!({"pair": [1, 2, 3]})),
            ("kind", json!({"pair": 1})),
            ("kind", json!({"plain": 1})),
            ("kind", json!("count")),
            ("shape", json!({"type": "circle", "r": "big"})),
            ("shape", json!({"type": "hexagon"})),
            ("shape", json!({"r": 1})),
            ("either", json!(true)),
            ("pair", json!([1])),
            ("pair", json!([1, 2])),
            ("pair", json!([1, true, 3])),
            ("wrapped", json!(3)),
            ("wrapped", json!("3")),
            ("unknown", json!(1)),
        ];
        for (key, v) in bad {
            assert!(both::<Doc>(with(key, v.clone())).is_err(), "{key}: {v}");
        }
        assert!(both::<Doc>(json!({"ratio": 1, "items": []})).is_err());
        assert!(both::<Doc>(json!("text")).is_err());
        assert!(both::<Vec<Doc>>(json!([base(), {"id": "b", "items": null}])).is_err());
        let e = deserialize::<Vec<Doc>>(json!([
            base(),
            with("kind", json!({"range": {"low": 1, "high": "h"}}))
        ]))
        .unwrap_err();
        assert_eq!(e.path().to_string(), "[1].kind.range.high");
    }

    #[test]
    fn a_struct_is_an_object_not_an_array() {
        let e = deserialize::<Item>(json!(["x"])).unwrap_err();
        assert_eq!(
            e.inner().to_string(),
            "invalid type: sequence, expected struct Item"
        );
        assert_eq!(e.path().to_string(), ".");
    }
}
