//! Every schema of the shared corpus parses without errors, and its configuration reads.

use driftless_psl::ConfigValue;

use crate::support::{corpus_schemas, parse_ok};

#[test]
fn every_corpus_schema_parses_without_errors() {
    let Some(schemas) = corpus_schemas() else {
        eprintln!("skipped: corpus not found");
        return;
    };
    assert!(schemas.len() >= 8, "expected the eight corpus projects");
    for (name, files) in schemas {
        let parsed = parse_ok(&name, files);
        assert!(parsed.ast.models().count() > 0, "{name}: no models parsed");
    }
}

#[test]
fn corpus_configurations_name_postgresql_and_their_urls() {
    let Some(schemas) = corpus_schemas() else {
        eprintln!("skipped: corpus not found");
        return;
    };
    for (name, files) in schemas {
        let parsed = parse_ok(&name, files);
        let (config, diagnostics) = parsed.configuration_with_diagnostics();
        assert!(diagnostics.is_empty(), "{name}: {diagnostics:?}");
        let datasource = config
            .datasource()
            .unwrap_or_else(|| panic!("{name}: no datasource"));
        assert_eq!(datasource.provider.as_deref(), Some("postgresql"), "{name}");
        // The Prisma 7 projects keep their URL in `prisma.config.ts`.
        if matches!(name.as_str(), "rallly" | "hoppscotch" | "umami") {
            assert_eq!(
                datasource.url, None,
                "{name} is a Prisma 7 schema without url"
            );
        } else {
            assert!(
                matches!(datasource.url, Some(ConfigValue::Env(_))),
                "{name}: {:?}",
                datasource.url
            );
        }
        if name == "umami" {
            assert!(datasource.relation_mode_is_prisma());
        }
        if name == "trigger.dev" {
            assert!(config.preview_features().contains(&"metrics"));
        }
    }
}

#[test]
fn multi_file_schemas_give_each_file_its_own_id() {
    let Some(schemas) = corpus_schemas() else {
        eprintln!("skipped: corpus not found");
        return;
    };
    for (name, files) in schemas {
        let count = files.len();
        let parsed = parse_ok(&name, files);
        assert_eq!(parsed.ast.files.len(), count);
        for (i, file) in parsed.ast.files.iter().enumerate() {
            assert_eq!(file.file.0 as usize, i);
            for top in &file.tops {
                assert_eq!(top.span().file, file.file, "{name}");
            }
        }
        if name == "papermark" {
            assert_eq!(count, 10);
        }
        if name == "rallly" {
            assert_eq!(count, 13);
        }
    }
}
