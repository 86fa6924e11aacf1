//! Migration names: generating folder names and suggesting the one a user meant.

/// The folder name `migrate dev` gives a new migration: the UTC timestamp
/// (`YYYYMMDDHHMMSS`), an underscore, and the name with every run of characters other than
/// ASCII letters, digits and `_` turned into one `_`, lowercased, as Prisma does.
///
/// ```
/// assert_eq!(
///     driftless_migrations::migration_folder_name("20250101120000", "Add phone to Users!"),
///     "20250101120000_add_phone_to_users"
/// );
/// ```
pub fn migration_folder_name(timestamp: &str, name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut pending_separator = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            if pending_separator && !slug.is_empty() {
                slug.push('_');
            }
            pending_separator = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_separator = true;
        }
    }
    // Prisma caps the whole folder name well under the 255 characters of `migration_name`.
    slug.truncate(200);
    format!("{timestamp}_{slug}")
}

/// Up to three names from `candidates` that the user probably meant by `wanted`: names that
/// end with it (`add_users` for `20240101000000_add_users`), contain it, or are spelled
/// almost the same. Best first.
pub fn closest_names<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let wanted_trimmed = wanted.trim().trim_end_matches('/');
    let mut scored: Vec<(u32, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let score = if candidate.ends_with(&format!("_{wanted_trimmed}")) {
                3000
            } else if !wanted_trimmed.is_empty() && candidate.contains(wanted_trimmed) {
                2000
            } else {
                let similarity = strsim::normalized_levenshtein(wanted_trimmed, candidate);
                if similarity < 0.7 {
                    return None;
                }
                (similarity * 1000.0) as u32
            };
            Some((score, candidate))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_timestamped_name_for_a_bare_name() {
        let names = [
            "20251112190309_create_faq_tables",
            "20251113000000_simplify_faq_category_name",
        ];
        assert_eq!(
            closest_names("simplify_faq_category_name", names),
            ["20251113000000_simplify_faq_category_name"]
        );
        assert_eq!(
            closest_names("20251112190309_create_faq_table", names),
            ["20251112190309_create_faq_tables"]
        );
        assert!(closest_names("zzz", names).is_empty());
    }

    #[test]
    fn folder_names_are_slugs() {
        assert_eq!(migration_folder_name("1", "init"), "1_init");
        assert_eq!(migration_folder_name("1", "  a -- b  "), "1_a_b");
        assert_eq!(migration_folder_name("1", ""), "1_");
    }
}
