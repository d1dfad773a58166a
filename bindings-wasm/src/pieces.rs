//! `PieceReader`: a large dossier file read in pieces on several Web
//! Workers (each its own wasm instance), merged in file order into a
//! `Records` (`beginPieces`, `mergePiece`, `endPieces`). Converts only: the
//! cutting, parsing and merging are the core's (`dvctt::api::PieceReader`).

use dvctt::api;
use dvctt::ReadOptions;
use wasm_bindgen::prelude::*;

use crate::error::{to_js, Res};
use crate::input_opt;

/// A dossier file's header, read from its first bytes: cuts the file into
/// pieces and parses one piece's records.
#[wasm_bindgen]
pub struct PieceReader {
    pub(crate) inner: api::PieceReader,
    pub(crate) head: Vec<u8>,
    pub(crate) file: String,
    pub(crate) options: Option<ReadOptions>,
}

#[wasm_bindgen]
impl PieceReader {
    /// The reader of a file of `kind` from its first bytes (64 KiB is
    /// plenty); `undefined` when the file is not read in pieces (not
    /// dossiers, not UTF-8, or a header longer than `head`).
    #[wasm_bindgen(js_name = open)]
    pub fn open(
        #[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: &str,
        head: Vec<u8>,
        file: String,
        #[wasm_bindgen(unchecked_param_type = "ReadOptions | null")] options: Option<JsValue>,
    ) -> Res<Option<PieceReader>> {
        let kind = api::parse_record_kind(kind)?;
        let options = input_opt::<ReadOptions>(options, "options")?;
        let opts = options.clone().unwrap_or_default();
        crate::text_decoder();
        Ok(
            api::PieceReader::new(kind, &head, &file, &opts)?.map(|inner| PieceReader {
                inner,
                head,
                file,
                options,
            }),
        )
    }

    /// The pieces of a file of `size` bytes, about `bytes` each: where each
    /// piece's worker reads (`{start, end, own, first, last}`).
    #[wasm_bindgen(unchecked_return_type = "Piece[]")]
    pub fn pieces(&self, size: f64, bytes: f64) -> Res<JsValue> {
        to_js(&self.inner.pieces(size as u64, bytes as u64))
    }

    /// Parses the records of `piece` (`bytes` = the file's
    /// `piece.start..piece.end`) for `Records.mergePiece`; `undefined` when
    /// the piece is not for pieces (a quote character …): read the file
    /// with `readBytes` then.
    pub fn parse(
        &self,
        bytes: &[u8],
        #[wasm_bindgen(unchecked_param_type = "Piece")] piece: JsValue,
    ) -> Res<Option<Vec<u8>>> {
        let piece: api::Piece = serde_wasm_bindgen::from_value(piece)
            .map_err(|e| dvctt::DvcttError::data("piece", e.to_string()))?;
        Ok(self.inner.parse(bytes, &piece)?)
    }
}

impl PieceReader {
    /// Another reader of the same file (for `Records.beginPieces`).
    pub(crate) fn reopen(&self) -> Res<api::PieceReader> {
        let opts = self.options.clone().unwrap_or_default();
        api::PieceReader::new(dvctt::RecordKind::Dossiers, &self.head, &self.file, &opts)?
            .ok_or_else(|| dvctt::DvcttError::data("head", "not read in pieces").into())
    }
}
