//! The one place where migration checksums are computed and compared.
//!
//! Prisma stores, in `_prisma_migrations.checksum`, the lowercase hex SHA-256 of the exact
//! bytes of `migration.sql`. When it checks whether an applied migration was edited, it also
//! accepts the checksum of the same script with its line endings converted (git rewrites
//! LF ↔ CRLF on checkout, and that is not an edit), and the zero-padding-free hex that engines
//! before Prisma 2.x wrote (prisma-engines issue 1887). We accept exactly the same set, so a
//! history that Prisma considers clean is clean for us too.

use sha2::{Digest, Sha256};

/// Lowercase hex SHA-256 of a migration script's exact bytes: what Prisma stores.
///
/// ```
/// assert_eq!(
///     driftless_migrations::checksum(b""),
///     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
/// );
/// ```
pub fn checksum(script: &[u8]) -> String {
    hex(&Sha256::digest(script), true)
}

/// Whether `stored` (a checksum read from the history table) matches `script`, with Prisma's
/// tolerance of line-ending changes and of legacy unpadded hex.
pub fn checksum_matches(stored: &str, script: &[u8]) -> bool {
    let stored = stored.trim();
    let variants = [
        Some(script.to_vec()),
        crlf_to_lf(script),
        lf_to_crlf(script),
    ];
    variants.into_iter().flatten().any(|bytes| {
        let digest = Sha256::digest(&bytes);
        stored.eq_ignore_ascii_case(&hex(&digest, true)) || stored == hex(&digest, false)
    })
}

/// How a stored checksum relates to the script on disk, for reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecksumMatch {
    /// The bytes are the same.
    Exact,
    /// Only line endings (or the legacy hex format) differ: not an edit.
    Equivalent,
    /// The script was edited after the row was written.
    Different,
}

/// Compares a stored checksum with a script, telling an exact match from a tolerated one.
pub fn compare_checksum(stored: &str, script: &[u8]) -> ChecksumMatch {
    if stored.trim().eq_ignore_ascii_case(&checksum(script)) {
        ChecksumMatch::Exact
    } else if checksum_matches(stored, script) {
        ChecksumMatch::Equivalent
    } else {
        ChecksumMatch::Different
    }
}

fn crlf_to_lf(script: &[u8]) -> Option<Vec<u8>> {
    if !script.windows(2).any(|w| w == b"\r\n") {
        return None;
    }
    let mut out = Vec::with_capacity(script.len());
    let mut i = 0;
    while i < script.len() {
        if script[i] == b'\r' && script.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(script[i]);
        i += 1;
    }
    Some(out)
}

fn lf_to_crlf(script: &[u8]) -> Option<Vec<u8>> {
    if !script.contains(&b'\n') {
        return None;
    }
    let mut out = Vec::with_capacity(script.len() + script.len() / 16);
    for (i, &b) in script.iter().enumerate() {
        if b == b'\n' && (i == 0 || script[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(b);
    }
    Some(out)
}

fn hex(bytes: &[u8], padded: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        if padded {
            let _ = write!(out, "{b:02x}");
        } else {
            let _ = write!(out, "{b:x}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_is_sha256_of_the_exact_bytes() {
        assert_eq!(
            checksum(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(checksum(b"abc"), checksum(b"abc\n"));
    }

    #[test]
    fn line_ending_changes_are_not_edits() {
        let lf = b"CREATE TABLE a ();\nCREATE TABLE b ();\n";
        let crlf = b"CREATE TABLE a ();\r\nCREATE TABLE b ();\r\n";
        assert!(checksum_matches(&checksum(lf), crlf));
        assert!(checksum_matches(&checksum(crlf), lf));
        assert_eq!(
            compare_checksum(&checksum(lf), crlf),
            ChecksumMatch::Equivalent
        );
        assert_eq!(compare_checksum(&checksum(lf), lf), ChecksumMatch::Exact);
    }

    #[test]
    fn real_edits_are_detected() {
        let before = b"CREATE TABLE a ();\n";
        let after = b"CREATE TABLE a ();\nCREATE TABLE b ();\n";
        assert_eq!(
            compare_checksum(&checksum(before), after),
            ChecksumMatch::Different
        );
        assert!(!checksum_matches(
            &checksum(before),
            b"CREATE TABLE a ();\r"
        ));
    }

    #[test]
    fn legacy_unpadded_checksums_match() {
        let script = b"abc";
        let unpadded = hex(&Sha256::digest(script), false);
        assert_ne!(unpadded.len(), 64);
        assert!(checksum_matches(&unpadded, script));
    }

    #[test]
    fn uppercase_and_surrounding_space_are_tolerated() {
        let script = b"select 1";
        assert!(checksum_matches(
            &format!(" {} ", checksum(script).to_uppercase()),
            script
        ));
    }
}
