//! Prisma's default names for constraints, indexes and join tables, and PostgreSQL's for
//! serial sequences, including how each is shortened to fit 63 bytes.
//!
//! Prisma cuts the part before the suffix so that the whole name fits, at a character
//! boundary (`…ForTesting_ano_key`, `…Aaaaaaaaaaaaaaaaaa_pkey`); pinned by
//! `testdata/schemas/39_long_names_truncation`. PostgreSQL names a serial column's sequence
//! `{table}_{column}_seq`, shortening the longer of table and column first (its
//! `makeObjectName`).

use crate::validate::postgres::MAX_IDENTIFIER_BYTES;

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
pub(crate) fn truncate_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `base` shortened so that `base + suffix` fits in 63 bytes, then `suffix`.
pub(crate) fn with_suffix(base: &str, suffix: &str) -> String {
    let room = MAX_IDENTIFIER_BYTES.saturating_sub(suffix.len());
    format!("{}{suffix}", truncate_bytes(base, room))
}

/// `{table}_pkey`.
pub(crate) fn primary_key(table: &str) -> String {
    with_suffix(table, "_pkey")
}

/// `{table}_{columns}_key`: the unique index of `@unique` / `@@unique`.
pub(crate) fn unique_index(table: &str, columns: &[&str]) -> String {
    with_suffix(&format!("{table}_{}", columns.join("_")), "_key")
}

/// `{table}_{columns}_idx`: the index of `@@index`.
pub(crate) fn index(table: &str, columns: &[&str]) -> String {
    with_suffix(&format!("{table}_{}", columns.join("_")), "_idx")
}

/// `{table}_{columns}_fkey`.
pub(crate) fn foreign_key(table: &str, columns: &[&str]) -> String {
    with_suffix(&format!("{table}_{}", columns.join("_")), "_fkey")
}

/// `_{relation}`: the join table of an implicit many-to-many relation.
pub(crate) fn join_table(relation: &str) -> String {
    truncate_bytes(&format!("_{relation}"), MAX_IDENTIFIER_BYTES).to_string()
}

/// PostgreSQL's name for the sequence of a serial column: `{table}_{column}_seq`.
pub(crate) fn serial_sequence(table: &str, column: &str) -> String {
    let label = "seq";
    // Two underscores and the label.
    let available = MAX_IDENTIFIER_BYTES - label.len() - 2;
    let mut table_len = table.len();
    let mut column_len = column.len();
    while table_len + column_len > available {
        if table_len > column_len {
            table_len -= 1;
        } else {
            column_len -= 1;
        }
    }
    format!(
        "{}_{}_{label}",
        truncate_bytes(table, table_len),
        truncate_bytes(column, column_len)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_kept() {
        assert_eq!(primary_key("User"), "User_pkey");
        assert_eq!(unique_index("User", &["email"]), "User_email_key");
        assert_eq!(index("Post", &["a", "b"]), "Post_a_b_idx");
        assert_eq!(foreign_key("Post", &["authorId"]), "Post_authorId_fkey");
        assert_eq!(join_table("CategoryToPost"), "_CategoryToPost");
    }

    #[test]
    fn long_names_are_cut_before_the_suffix_as_prisma_does() {
        let table = "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting";
        assert_eq!(
            unique_index(table, &["anotherExtremelyLongFieldNameForUniqueness"]),
            "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting_ano_key"
        );
        assert_eq!(
            foreign_key(table, &["referencedTargetWithAVeryLongForeignKeyId"]),
            "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting_re_fkey"
        );
        assert_eq!(
            primary_key("ModelNameExactlySixtyThreeCharactersLongAaaaaaaaaaaaaaaaaaaaaaa"),
            "ModelNameExactlySixtyThreeCharactersLongAaaaaaaaaaaaaaaaaa_pkey"
        );
        let join = join_table(
            "LongTargetModelWithAnotherVeryLongNameHereTooToSecondModelWithAnExtraordinarilyLongNameForM2MTesting",
        );
        assert_eq!(
            join,
            "_LongTargetModelWithAnotherVeryLongNameHereTooToSecondModelWith"
        );
        assert_eq!(
            with_suffix(&join, "_AB_pkey"),
            "_LongTargetModelWithAnotherVeryLongNameHereTooToSecondM_AB_pkey"
        );
        assert_eq!(
            with_suffix(&join, "_A_fkey"),
            "_LongTargetModelWithAnotherVeryLongNameHereTooToSecondMo_A_fkey"
        );
    }

    #[test]
    fn multibyte_names_are_cut_at_a_character_boundary() {
        assert_eq!(
            index(
                "Ünïcödé",
                &["fieldWithMultibyteCharactersÄÖÜäöüßÄÖÜäöüßÄÖÜäöüß"]
            ),
            "Ünïcödé_fieldWithMultibyteCharactersÄÖÜäöüßÄÖ_idx"
        );
    }

    #[test]
    fn serial_sequences_shorten_the_longer_part_first() {
        assert_eq!(serial_sequence("User", "id"), "User_id_seq");
        let table = "a".repeat(70);
        let name = serial_sequence(&table, "id");
        assert_eq!(name.len(), 63);
        assert!(name.ends_with("_id_seq"));
    }
}
