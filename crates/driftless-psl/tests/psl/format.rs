//! `format` output is what `prisma format` writes: pinned fixtures in `tests/format/`
//! (each `x.prisma` next to `x.formatted`, Prisma 7.10's output for it), idempotence, and a
//! differential run against the Prisma oracle on every corpus schema when it is installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use driftless_psl::{SourceFile, format, parse_schema};

use crate::support::corpus_schemas;

fn format_files(files: Vec<SourceFile>) -> Vec<(String, String)> {
    let parsed = parse_schema(files);
    assert!(!parsed.diagnostics.has_errors(), "{:?}", parsed.diagnostics);
    format(&parsed)
        .into_iter()
        .map(|(id, text)| {
            (
                parsed
                    .sources
                    .get(id)
                    .map(|f| f.name.clone())
                    .unwrap_or_default(),
                text,
            )
        })
        .collect()
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/format");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "prisma"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn fixtures_format_exactly_as_prisma_does() {
    let paths = fixtures();
    assert!(!paths.is_empty());
    for path in paths {
        let input = std::fs::read_to_string(&path).unwrap();
        let expected = std::fs::read_to_string(path.with_extension("formatted")).unwrap();
        let output = format_files(vec![SourceFile::new("schema.prisma", input)])
            .remove(0)
            .1;
        assert_eq!(output, expected, "{}", path.display());
    }
}

#[test]
fn formatting_is_idempotent() {
    let mut inputs: Vec<(String, String)> = fixtures()
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    if let Some(schemas) = corpus_schemas() {
        for (_, files) in schemas {
            inputs.extend(files.into_iter().map(|f| (f.name, f.text)));
        }
    }
    for (name, text) in inputs {
        let once = format_files(vec![SourceFile::new(&name, text)]).remove(0).1;
        let twice = format_files(vec![SourceFile::new(&name, once.clone())])
            .remove(0)
            .1;
        assert_eq!(once, twice, "{name}");
    }
}

/// The Prisma CLI runner of the shared tools, when it is installed on this machine.
fn oracle() -> Option<PathBuf> {
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/tools/prisma-oracle/oracle.sh");
    let dir =
        std::env::var("PRISMA_ORACLE_DIR").unwrap_or_else(|_| "/tmp/prisma-oracle".to_string());
    let installed = Path::new(&dir)
        .join("node_modules/prisma/build/index.js")
        .is_file();
    (script.is_file() && installed).then_some(script)
}

/// Prisma 7 refuses datasource URLs and the retired `metrics` preview feature; the copies
/// given to it (and to us) leave them out.
fn prisma7_compatible(text: &str) -> String {
    text.split_inclusive('\n')
        .filter(|line| {
            let trimmed = line.trim_start();
            !(trimmed.starts_with("url ")
                || trimmed.starts_with("url=")
                || trimmed.starts_with("directUrl")
                || trimmed.starts_with("shadowDatabaseUrl"))
        })
        .map(|line| {
            line.replace(", \"metrics\"", "")
                .replace("\"metrics\", ", "")
        })
        .collect()
}

#[test]
fn corpus_schemas_format_exactly_as_the_prisma_oracle_does() {
    let Some(schemas) = corpus_schemas() else {
        eprintln!("skipped: corpus not found");
        return;
    };
    let Some(oracle) = oracle() else {
        eprintln!("skipped: prisma oracle not installed (see shared/tools/prisma-oracle)");
        return;
    };
    for (project, files) in schemas {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<SourceFile> = files
            .into_iter()
            .map(|f| SourceFile::new(f.name, prisma7_compatible(&f.text)))
            .collect();
        let mut written = Vec::new();
        for file in &files {
            let path = dir.path().join(&file.name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &file.text).unwrap();
            written.push(path);
        }
        let target = if files.len() == 1 {
            written[0].clone()
        } else {
            dir.path().join(&project)
        };
        let target = if files.len() > 1 && !target.is_dir() {
            written[0].parent().unwrap().to_path_buf()
        } else {
            target
        };
        let status = Command::new("bash")
            .arg(&oracle)
            .args(["format", "--schema"])
            .arg(&target)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{project}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        let ours = format_files(files);
        for ((name, text), path) in ours.into_iter().zip(written) {
            let theirs = std::fs::read_to_string(&path).unwrap();
            assert_eq!(text, theirs, "{project}: {name}");
        }
    }
}
