//! A code written in decomposed Unicode (NFD: a letter followed by combining
//! marks, as some Mac and web exports write Vietnamese) and the same code
//! precomposed (NFC) are one unit, sector or procedure.

use dvctt::api::read_bytes;
use dvctt::RecordKind;

/// "xã Hòa Bình" with precomposed letters, and with combining marks.
const NFC_UNIT: &str = "X\u{e3}-H\u{f2}a-B\u{ec}nh";
const NFD_UNIT: &str = "Xa\u{303}-Ho\u{300}a-Bi\u{300}nh";
const NFC_SECTOR: &str = "Y t\u{1ebf}";
const NFD_SECTOR: &str = "Y te\u{302}\u{301}";

#[test]
fn decomposed_and_precomposed_codes_are_one_code() {
    assert_ne!(NFC_UNIT.as_bytes(), NFD_UNIT.as_bytes());
    assert_ne!(NFC_SECTOR.as_bytes(), NFD_SECTOR.as_bytes());
    let csv = format!(
        "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n\
         HS1,{NFC_UNIT},P1,{NFD_SECTOR},2026-01-05,online,true\n\
         HS2,{NFD_UNIT},P1,{NFC_SECTOR},2026-01-06,online,false\n\
         HS3,{NFD_UNIT},P1,{NFD_SECTOR},2026-01-07,direct,false\n"
    );
    let load = read_bytes(
        RecordKind::Dossiers,
        csv.into_bytes(),
        "dossiers.csv",
        None,
        true,
    )
    .unwrap();
    let cols = &load.dataset.dossiers.cols;
    assert_eq!(cols.units.codes(), [NFC_UNIT]);
    assert_eq!(cols.sectors.codes(), [NFC_SECTOR]);
    assert_eq!(cols.unit, [0, 0, 0]);
    // The records handed back carry the composed form.
    let records = load.dataset.dossiers.records();
    assert!(
        records.iter().all(|d| d.unit_code == NFC_UNIT),
        "{records:?}"
    );
}
