//! Python binding (placeholder while it is written).
