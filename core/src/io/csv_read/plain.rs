//! The fast path of [`Body`]: a chunk with no quote character is split at
//! newlines and delimiters directly, without the CSV state machine, the
//! line tap or a UTF-8 check per record. It gives the rows, lines and
//! rejections [`Body::read`] gives (tests: `core/tests/parallel_csv.rs`
//! reads the same files both ways).

use super::stops::Stops;
use super::{one_row, trim, Body, Fields, Row};
use crate::base::error::Result;
use crate::model::records::RejectedRow;

/// `bytes` as text when the fast path reads it as the CSV reader would: no
/// quote character, valid UTF-8, and every carriage return part of a
/// `\r\n` line end (the CSV reader also ends records at a lone `\r`).
pub fn plain_text(bytes: &[u8]) -> Option<&str> {
    // One scan for both.
    for i in memchr::memchr2_iter(b'"', b'\r', bytes) {
        if bytes[i] == b'"' || bytes.get(i + 1) != Some(&b'\n') {
            return None;
        }
    }
    std::str::from_utf8(bytes).ok()
}

impl Body<'_> {
    /// Calls `take` on each row of `text` (one that [`plain_text`]
    /// accepted), as [`Body::read`] does.
    pub fn read_plain(
        &self,
        text: &str,
        mut take: impl FnMut(&Row<'_>) -> std::result::Result<(), RejectedRow>,
    ) -> Result<Vec<RejectedRow>> {
        let header = self.header;
        let width = header.record.len();
        // Each field's (start, end) in `text`.
        let mut spans: Vec<(u32, u32)> = Vec::with_capacity(width + 1);
        let mut rejected = Vec::new();
        let (mut line, mut index, mut start) = (self.first_line, 0u64, 0usize);
        let mut field_start = 0usize;
        let bytes = text.as_bytes();
        // Every delimiter and newline, in one pass; a last line without a
        // newline ends at the end of the text.
        let stops = Stops::new(bytes, header.delimiter)
            .chain((!text.ends_with('\n')).then_some(bytes.len()));
        for at in stops {
            if at < bytes.len() && bytes[at] == header.delimiter {
                spans.push((field_start as u32, at as u32));
                field_start = at + 1;
                continue;
            }
            // The end of a line: its last field without the `\r` of `\r\n`.
            let end = if at > field_start && bytes[at - 1] == b'\r' {
                at - 1
            } else {
                at
            };
            let this = line;
            line += 1;
            let content = &text[start..end];
            let line_start = start;
            start = at + 1;
            if content.is_empty() {
                field_start = start;
                spans.clear();
                continue; // the CSV reader skips empty lines
            }
            spans.push((field_start as u32, end as u32));
            field_start = start;
            let row = Row {
                file: self.file,
                line: this,
                last_line: this,
                blank: spans.len() == 1 && content.bytes().all(|b| b.is_ascii_whitespace()),
                record: Fields::Spans(text, &spans),
                columns: &header.columns,
                index,
                bytes_before: line_start as u64,
                size: self.size,
            };
            index += 1;
            let outcome = one_row(&row, width, &mut take);
            spans.clear();
            match outcome {
                Ok(()) => {}
                Err(r) if self.strict => return Err(r.into()),
                Err(r) => rejected.push(r),
            }
        }
        Ok(rejected)
    }
}

/// The field at `col` of each non-empty line of `text` (one that
/// [`plain_text`] accepted), trimmed as [`Row::raw`] trims it: a line with
/// fewer fields gives its last one. For a scan that needs one column only.
pub fn plain_column(text: &str, delimiter: u8, col: usize, mut take: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let ends =
        memchr::memchr_iter(b'\n', bytes).chain((!text.ends_with('\n')).then_some(bytes.len()));
    for at in ends {
        let line = &bytes[start..at];
        let from = start;
        start = at + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let mut a = 0;
        for _ in 0..col {
            match memchr::memchr(delimiter, &line[a..]) {
                Some(i) => a += i + 1,
                None => break,
            }
        }
        let b = memchr::memchr(delimiter, &line[a..]).map_or(line.len(), |i| a + i);
        take(trim(&text[from + a..from + b]));
    }
}

#[cfg(test)]
mod tests {
    use super::plain_column;

    #[test]
    fn one_column_of_each_non_empty_line_trimmed() {
        let mut got = Vec::new();
        let text = "a,b,c\n\n\r\n1,2\r\n x , y \nlast";
        plain_column(text, b',', 1, |f| got.push(f.to_string()));
        assert_eq!(got, ["b", "2", "y", "last"]);
        got.clear();
        plain_column(text, b',', 0, |f| got.push(f.to_string()));
        assert_eq!(got, ["a", "1", "x", "last"]);
    }
}
