//! Metrics behind the `eval` commands.
