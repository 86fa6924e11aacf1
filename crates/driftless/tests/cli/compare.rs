//! `compare A B` on two databases whose histories diverge in each way the runbooks tell of.

use driftless_testkit::TestDb;

use crate::TestProject;

const TOML: &str = "[environments.local]\nurl = env(\"LOCAL_URL\")\n\n[environments.production]\nurl = env(\"PROD_URL\")\nprotected = true\n";

fn findings(value: &serde_json::Value, name: &str) -> Vec<String> {
    value["history"]["migrations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("{name} not listed: {value:#}"))["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let kind = f["kind"].as_str().unwrap().to_string();
            match f.get("side").and_then(|s| s.as_str()) {
                Some(side) => format!("{kind}:{side}"),
                None => kind,
            }
        })
        .collect()
}

#[test]
fn diverged_histories_and_schemas_are_named_precisely() {
    let local = TestDb::new("compare_local");
    let production = TestDb::new("compare_production");
    let project = TestProject::new();
    project.write("driftless.toml", TOML);
    project.migration(
        "20240101000000_init",
        "CREATE TABLE \"User\" (id int PRIMARY KEY);\n",
    );
    project.migration(
        "20240102000000_edited",
        "CREATE TABLE \"Team\" (id int PRIMARY KEY);\n",
    );
    project.migration(
        "20240103000000_fails_in_prod",
        "CREATE TABLE \"Folder\" (id int PRIMARY KEY);\n",
    );
    project.migration(
        "20240104000000_ghost_in_prod",
        "CREATE TABLE \"Tag\" (id int PRIMARY KEY);\n",
    );
    project.migration(
        "20240105000000_never_deployed",
        "ALTER TABLE \"User\" ADD COLUMN \"project_id\" int;\n",
    );
    let urls = [
        ("LOCAL_URL", local.url_string()),
        ("PROD_URL", production.url_string()),
    ];
    let env: Vec<(&str, &str)> = urls.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let identical = project.run_with_env(&["compare", "local", "production"], &env);
    identical.expect(0);
    assert!(
        identical
            .stdout
            .contains("same history and the same schema"),
        "{}",
        identical.stdout
    );

    // Local: everything applied.
    project.run(&local, &["migrate", "deploy"]).expect(0);
    // Production: the first two deployed, the second from an older version of its file.
    let older = TestProject::new();
    older.migration(
        "20240101000000_init",
        "CREATE TABLE \"User\" (id int PRIMARY KEY);\n",
    );
    older.migration(
        "20240102000000_edited",
        "CREATE TABLE \"Team\" (id int PRIMARY KEY, name text);\n",
    );
    older.run(&production, &["migrate", "deploy"]).expect(0);
    // A migration that failed in production (the table existed already).
    production.execute("CREATE TABLE \"Folder\" (id int)");
    project.run(&production, &["migrate", "deploy"]).expect(7);
    // Recorded in production without running (`resolve --applied`).
    project
        .run(
            &production,
            &[
                "migrate",
                "resolve",
                "--applied",
                "20240104000000_ghost_in_prod",
            ],
        )
        .expect(0);
    // Something pushed to production by hand, and a row for a folder nobody has.
    production.execute("CREATE TABLE \"Pushed\" (id int); INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('x', 'abc', '20231231000000_hotfix', now(), 1)");

    let run = project.run_with_env(&["compare", "local", "production", "--json"], &env);
    run.expect(2);
    let value = run.json();
    assert_eq!(value["identical"], false);
    assert!(findings(&value, "20240101000000_init").is_empty());
    assert_eq!(
        findings(&value, "20240102000000_edited"),
        ["checksums-differ", "edited-since-applied"]
    );
    assert!(
        findings(&value, "20240103000000_fails_in_prod").contains(&"failed-in:B".to_string()),
        "{:?}",
        findings(&value, "20240103000000_fails_in_prod")
    );
    assert_eq!(
        findings(&value, "20240104000000_ghost_in_prod"),
        ["recorded-without-running-in:B"]
    );
    assert_eq!(
        findings(&value, "20240105000000_never_deployed"),
        ["only-in:A"]
    );
    assert_eq!(
        findings(&value, "20231231000000_hotfix"),
        ["only-in:B", "not-on-disk"]
    );
    let counts = &value["historyCounts"];
    assert_eq!(counts["onlyInA"], 1);
    assert_eq!(counts["onlyInB"], 1);
    assert_eq!(counts["failedInB"], 1);
    assert_eq!(counts["checksumsDiffer"], 1);

    // The schema difference, local → production, object by object.
    let text = project.run_with_env(&["compare", "local", "production", "--script"], &env);
    text.expect(2);
    let out = &text.stdout;
    for expected in [
        "applied in production only",
        "applied in local only",
        "failed in production",
        "applied in both from different files",
        "recorded in production without having run",
        "Pushed",
        "project_id",
        "CREATE TABLE \"Pushed\"",
        "DROP TABLE \"Tag\"",
    ] {
        assert!(out.contains(expected), "missing `{expected}`:\n{out}");
    }
    assert!(!out.contains(driftless_testkit::PASSWORD));
    // A URL works as well as an environment name; compare writes nothing.
    let before = production.scalar("SELECT count(*) FROM _prisma_migrations");
    project
        .run_with_env(
            &["compare", &local.url_string(), &production.url_string()],
            &env,
        )
        .expect(2);
    assert_eq!(
        production.scalar("SELECT count(*) FROM _prisma_migrations"),
        before
    );
}
