//! A CSV input as UTF-8 text: its byte-order mark dropped, its encoding
//! detected or taken as asked (UTF-8, UTF-16 with a byte-order mark,
//! Windows-1258 when the bytes clearly are, any WHATWG label on request),
//! its separator detected from the header (`,` `;` tab `|`) or taken as
//! asked, an Excel `sep=` first line obeyed, and an empty input refused.
//! Only the first block of a UTF-8 input is looked at; the rest streams.

use super::options::ReadOptions;
use super::schema::Schema;
use crate::base::error::{DvcttError, Result};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1258};
use std::io::{BufRead, BufReader, Cursor, Read};

/// Bytes looked at to detect the encoding and the separator.
const HEAD: u64 = 64 << 10;

/// An input opened as UTF-8 text.
pub struct Text<'a> {
    pub reader: Box<dyn BufRead + 'a>,
    pub delimiter: u8,
    /// The file's line that the reader's first line is (2 after `sep=`).
    pub first_line: u32,
    pub encoding: &'static Encoding,
}

fn csv_error(file: &str, line: u32, detail: String) -> DvcttError {
    DvcttError::Csv {
        file: file.to_string(),
        line,
        field: String::new(),
        detail,
    }
}

fn read_head(input: &mut impl Read, file: &str) -> Result<Vec<u8>> {
    let mut head = Vec::with_capacity(HEAD as usize);
    input
        .take(HEAD)
        .read_to_end(&mut head)
        .map_err(|e| DvcttError::io(file, e))?;
    Ok(head)
}

/// Opens `input` as text per `opts`; `schema` helps find the separator.
pub fn open_text<'a, R: Read + 'a>(
    mut input: R,
    opts: &ReadOptions,
    schema: &Schema,
    file: &str,
) -> Result<Text<'a>> {
    let raw = read_head(&mut input, file)?;
    let encoding = detect_encoding(&raw, opts.encoding()?, file)?;
    let (mut head, rest): (Vec<u8>, Box<dyn Read + 'a>) = if encoding == UTF_8 {
        let mut head = raw;
        if head.starts_with(b"\xef\xbb\xbf") {
            head.drain(..3);
        }
        (head, Box::new(input))
    } else {
        // Legacy files are small: decoded whole, and composed (NFC), as
        // Windows-1258 writes tone marks as separate characters.
        let text = decode_legacy(encoding, raw, input, file)?;
        let text = crate::base::nfc::nfc(&text).into_owned();
        (text.into_bytes(), Box::new(std::io::empty()))
    };
    if head.iter().all(u8::is_ascii_whitespace) {
        let columns = schema.required.join(", ");
        return Err(csv_error(
            file,
            1,
            format!("the file is empty (expected a header row naming the columns: {columns})"),
        ));
    }
    let mut first_line = 1;
    let mut delimiter = opts.delimiter_byte()?;
    if let Some((sep, len)) = excel_sep_line(&head) {
        head.drain(..len);
        first_line = 2;
        delimiter = delimiter.or(Some(sep));
    }
    let delimiter = match delimiter {
        Some(d) => d,
        None => detect_delimiter(&head, schema),
    };
    Ok(Text {
        reader: Box::new(BufReader::with_capacity(
            1 << 16,
            Cursor::new(head).chain(rest),
        )),
        delimiter,
        first_line,
        encoding,
    })
}

/// A file in another encoding than UTF-8 (its first bytes `raw`, then
/// `input`), decoded whole by encoding_rs.
#[cfg(feature = "encodings")]
fn decode_legacy(
    encoding: &'static Encoding,
    raw: Vec<u8>,
    input: impl Read,
    file: &str,
) -> Result<String> {
    let mut decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .build(Cursor::new(raw).chain(input));
    let mut text = String::new();
    decoded
        .read_to_string(&mut text)
        .map_err(|e| DvcttError::io(file, e))?;
    Ok(text)
}

/// Decodes bytes of the WHATWG encoding named first (`utf-16le`,
/// `windows-1258`, …) as encoding_rs would: the platform's decoder that a
/// build without the feature `encodings` is given (the browser's
/// `TextDecoder`, set by the WebAssembly binding); `None` when it cannot.
pub type TextDecoder = fn(&str, &[u8]) -> Option<String>;

#[cfg(not(feature = "encodings"))]
static TEXT_DECODER: std::sync::OnceLock<TextDecoder> = std::sync::OnceLock::new();

/// Sets the decoder of other encodings than UTF-8 in a build without the
/// feature `encodings` (whose decoding tables are about 130 KB of the
/// portal's gzipped WebAssembly module): the browser decodes them with the
/// same WHATWG rules. The first decoder set stays.
#[cfg(not(feature = "encodings"))]
pub fn set_text_decoder(decode: TextDecoder) {
    let _ = TEXT_DECODER.set(decode);
}

/// A file in another encoding than UTF-8, decoded whole by the decoder
/// set with [`set_text_decoder`].
#[cfg(not(feature = "encodings"))]
fn decode_legacy(
    encoding: &'static Encoding,
    mut raw: Vec<u8>,
    mut input: impl Read,
    file: &str,
) -> Result<String> {
    input
        .read_to_end(&mut raw)
        .map_err(|e| DvcttError::io(file, e))?;
    let name = encoding.name().to_ascii_lowercase();
    TEXT_DECODER
        .get()
        .and_then(|decode| decode(&name, &raw))
        .ok_or_else(|| {
            csv_error(
                file,
                1,
                format!(
                    "the file is {name}, which this build of dvctt cannot decode (built without \
                     the feature `encodings`): save it as UTF-8"
                ),
            )
        })
}

/// Excel's `sep=;` first line: the separator and the line's length.
fn excel_sep_line(head: &[u8]) -> Option<(u8, usize)> {
    let end = memchr::memchr(b'\n', head)?;
    let line = head[..end].strip_suffix(b"\r").unwrap_or(&head[..end]);
    match line {
        [s, e, p, b'=', d] if [s, e, p].map(|c| c.to_ascii_lowercase()) == *b"sep" => {
            Some((*d, end + 1))
        }
        _ => None,
    }
}

/// The separator that splits the header into the most of the schema's
/// columns; failing that, the one that splits it at all; else `,`.
fn detect_delimiter(head: &[u8], schema: &Schema) -> u8 {
    let end = memchr::memchr(b'\n', head).unwrap_or(head.len());
    let line = &head[..end];
    let known = |h: &str| {
        let h = h.trim();
        schema
            .required
            .iter()
            .chain(schema.optional)
            .any(|c| c.eq_ignore_ascii_case(h))
    };
    let mut best = (0usize, 0usize, b',');
    for d in [b',', b';', b'\t', b'|'] {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(d)
            .flexible(true)
            .from_reader(line);
        let Some(Ok(rec)) = r.records().next() else {
            continue;
        };
        let score = (rec.iter().filter(|h| known(h)).count(), rec.len());
        if score > (best.0, best.1) && score.1 > 1 {
            best = (score.0, score.1, d);
        }
    }
    best.2
}

/// Bytes that Windows-1258 uses for Vietnamese letters and tone marks.
fn vietnamese_1258(b: u8) -> bool {
    matches!(
        b,
        0xC0..=0xC3 | 0xC8..=0xCA | 0xCC | 0xCD | 0xD0 | 0xD2..=0xD5 | 0xD9 | 0xDA
            | 0xDD | 0xDE | 0xE0..=0xE3 | 0xE8..=0xEA | 0xEC | 0xED | 0xF0
            | 0xF2..=0xF5 | 0xF9 | 0xFA | 0xFD | 0xFE
    )
}

/// Bytes only Vietnamese text in Windows-1258 has: the combining tone
/// marks, Ă ă Đ đ Ơ ơ Ư ư.
fn distinctive_1258(b: u8) -> bool {
    matches!(
        b,
        0xCC | 0xD2 | 0xDE | 0xEC | 0xF2 | 0xC3 | 0xE3 | 0xD0 | 0xF0 | 0xD5 | 0xF5 | 0xDD | 0xFD
    )
}

/// Whether bytes that are not UTF-8 clearly are Vietnamese in Windows-1258.
fn looks_1258(head: &[u8]) -> bool {
    let high: Vec<u8> = head.iter().copied().filter(|&b| b >= 0x80).collect();
    let viet = high.iter().filter(|&&b| vietnamese_1258(b)).count();
    let distinctive = high.iter().filter(|&&b| distinctive_1258(b)).count();
    !high.is_empty() && viet * 10 >= high.len() * 9 && distinctive * 5 >= high.len()
}

/// The input's encoding: its byte-order mark's, else the one asked for,
/// else UTF-8 when the first block is, else Windows-1258 when it clearly
/// is; otherwise an error naming the first byte that is not UTF-8.
fn detect_encoding(
    head: &[u8],
    asked: Option<&'static Encoding>,
    file: &str,
) -> Result<&'static Encoding> {
    if let Some((bom, _)) = Encoding::for_bom(head) {
        return Ok(bom);
    }
    if let Some(e) = asked {
        return Ok(e);
    }
    let zeros = head.iter().filter(|&&b| b == 0).count();
    if zeros * 4 > head.len() {
        return Err(csv_error(
            file,
            1,
            "the file looks like UTF-16 without a byte-order mark: save it as UTF-8, \
             or pass the encoding (utf-16le or utf-16be)"
                .into(),
        ));
    }
    let bad = match std::str::from_utf8(head) {
        Ok(_) => return Ok(UTF_8),
        // Cut inside a character at the end of the block: fine so far.
        Err(e) if e.error_len().is_none() && head.len() as u64 == HEAD => return Ok(UTF_8),
        Err(e) => e.valid_up_to(),
    };
    if looks_1258(head) {
        return Ok(WINDOWS_1258);
    }
    let line = 1 + memchr::memchr_iter(b'\n', &head[..bad]).count() as u32;
    Err(csv_error(
        file,
        line,
        format!(
            "byte {bad} (0x{:02X}) is not UTF-8: save the file as UTF-8, or pass its encoding \
             (e.g. windows-1258; TCVN3 is not supported)",
            head[bad]
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::csv_records::DOSSIER_SCHEMA;

    fn open(bytes: &[u8], opts: &ReadOptions) -> Result<(String, u8, u32, &'static str)> {
        let mut t = open_text(bytes, opts, &DOSSIER_SCHEMA, "d.csv")?;
        let mut s = String::new();
        t.reader.read_to_string(&mut s).unwrap();
        Ok((s, t.delimiter, t.first_line, t.encoding.name()))
    }

    #[test]
    fn separators_are_found_from_the_header() {
        let o = ReadOptions::default();
        let semi = open(b"dossier_id;unit_code;x,y\nD1;U1;1,5\n", &o).unwrap();
        assert_eq!(semi.1, b';');
        let tab = open(b"dossier_id\tunit_code\nD1\tU1\n", &o).unwrap();
        assert_eq!(tab.1, b'\t');
        let comma = open(b"dossier_id,unit_code\n", &o).unwrap();
        assert_eq!(comma.1, b',');
        let sep = open(b"sep=;\r\ndossier_id;unit_code\n", &o).unwrap();
        assert_eq!(
            (sep.0.as_str(), sep.1, sep.2),
            ("dossier_id;unit_code\n", b';', 2)
        );
        let asked = ReadOptions {
            delimiter: Some("tab".into()),
            ..ReadOptions::default()
        };
        assert_eq!(open(b"dossier_id,unit_code\n", &asked).unwrap().1, b'\t');
    }

    #[test]
    fn encodings() {
        let o = ReadOptions::default();
        let bom = open(b"\xef\xbb\xbfdossier_id\n", &o).unwrap();
        assert_eq!((bom.0.as_str(), bom.3), ("dossier_id\n", "UTF-8"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("mã,đơn vị\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(open(&utf16, &o).unwrap().0, "mã,đơn vị\n");
        // "Đơn vị hài lòng" in Windows-1258: Đ=D0, ơ=F5, à + combining grave (CC)…
        let cp = b"dossier_id,unit_code,note\nD1,U1,\xD0\xF5n vi\xF2 ha\xCCi lo\xCCng\n";
        let (text, _, _, enc) = open(cp, &o).unwrap();
        assert_eq!(enc, "windows-1258");
        assert!(text.contains("Đơn vị hài lòng"), "{text}");
        let latin = b"dossier_id,unit_code\nD1,caf\xE9 \xE8\n";
        let e = open(latin, &o).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("byte 27 (0xE9)"), "{e}");
        let asked = ReadOptions {
            encoding: Some("windows-1252".into()),
            ..ReadOptions::default()
        };
        assert!(open(latin, &asked).unwrap().0.contains("café"));
    }

    #[test]
    fn empty_inputs_are_refused() {
        for empty in [&b""[..], b"\xef\xbb\xbf", b"\n\r\n  \n"] {
            let e = open(empty, &ReadOptions::default())
                .unwrap_err()
                .to_string();
            assert!(e.contains("the file is empty"), "{e}");
        }
        let bad = ReadOptions {
            encoding: Some("klingon".into()),
            ..ReadOptions::default()
        };
        assert!(open(b"x\n", &bad)
            .unwrap_err()
            .to_string()
            .contains("klingon"));
    }
}
