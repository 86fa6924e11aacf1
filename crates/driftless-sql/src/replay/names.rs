//! Names PostgreSQL chooses for objects created without one: `Table_column_seq` for a
//! serial column, `Table_pkey`, `Table_a_b_key`, `Table_a_fkey`, `Table_a_idx`,
//! `Table_a_check`; all cut to 63 bytes the way PostgreSQL cuts them, and numbered
//! (`…_key1`) when the name is taken.

/// The longest identifier PostgreSQL keeps, in bytes (`NAMEDATALEN - 1`).
pub(super) const MAX_IDENTIFIER: usize = 63;

/// The longest prefix of `s` of at most `bytes` bytes that ends on a character boundary.
pub(super) fn clip(s: &str, bytes: usize) -> &str {
    if s.len() <= bytes {
        return s;
    }
    let mut end = bytes;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// An identifier as PostgreSQL stores it: cut to 63 bytes.
pub(super) fn truncate_identifier(s: &str) -> String {
    clip(s, MAX_IDENTIFIER).to_string()
}

/// PostgreSQL's `makeObjectName`: `name1_name2_label`, shortening the longer of `name1`
/// and `name2` first so that the whole fits in 63 bytes.
pub(super) fn make_object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let mut overhead = 0;
    if !label.is_empty() {
        overhead += label.len() + 1;
    }
    if name2.is_some() {
        overhead += 1;
    }
    let available = MAX_IDENTIFIER.saturating_sub(overhead);
    let mut name1_chars = name1.len();
    let mut name2_chars = name2.map_or(0, str::len);
    while name1_chars + name2_chars > available {
        if name1_chars > name2_chars {
            name1_chars -= 1;
        } else {
            name2_chars -= 1;
        }
    }
    let mut name = clip(name1, name1_chars).to_string();
    if let Some(name2) = name2 {
        name.push('_');
        name.push_str(clip(name2, name2_chars));
    }
    if !label.is_empty() {
        name.push('_');
        name.push_str(label);
    }
    name
}

/// PostgreSQL's `ChooseRelationName` / `ChooseConstraintName`: the first of
/// `name1_name2_label`, `name1_name2_label1`, … for which `taken` is false.
pub(super) fn choose_name(
    name1: &str,
    name2: Option<&str>,
    label: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    let mut pass = 0;
    let mut label_now = label.to_string();
    loop {
        let name = make_object_name(name1, name2, &label_now);
        if !taken(&name) {
            return name;
        }
        pass += 1;
        label_now = format!("{label}{pass}");
    }
}

/// PostgreSQL's `ChooseIndexNameAddition` / `ChooseForeignKeyConstraintNameAddition`: the
/// column names joined with `_`, stopping once the text is as long as an identifier.
pub(super) fn column_name_addition<'a>(columns: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = String::new();
    for column in columns {
        if !text.is_empty() {
            text.push('_');
        }
        text.push_str(column);
        if text.len() >= MAX_IDENTIFIER {
            break;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_like_postgres_cuts_them() {
        assert_eq!(make_object_name("User", Some("id"), "seq"), "User_id_seq");
        assert_eq!(make_object_name("User", None, "pkey"), "User_pkey");
        let long_table = "a".repeat(40);
        let long_column = "b".repeat(40);
        let name = make_object_name(&long_table, Some(&long_column), "seq");
        assert_eq!(name.len(), 63);
        assert_eq!(name, format!("{}_{}_seq", "a".repeat(29), "b".repeat(29)));
        let name = make_object_name(&"a".repeat(70), Some("id"), "fkey");
        assert_eq!(name, format!("{}_id_fkey", "a".repeat(55)));
        assert_eq!(truncate_identifier(&"é".repeat(40)).len(), 62);
    }

    #[test]
    fn taken_names_get_a_number() {
        let name = choose_name("t", Some("a"), "key", |n| n == "t_a_key" || n == "t_a_key1");
        assert_eq!(name, "t_a_key2");
        assert_eq!(column_name_addition(["a", "b"]), "a_b");
    }
}
