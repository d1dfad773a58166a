pub mod report_json;
