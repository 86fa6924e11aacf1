//! Guard rails: every destructive command on a protected database is refused without
//! `--allow-protected` and consent, on a (pseudo-)terminal and without one; the right consent
//! lets it run and leaves a backup; consent for one database never works for another; AI
//! agents need a person's consent even on local databases.

use std::io::Write;
use std::process::Stdio;

use driftless_testkit::TestDb;

use crate::{Run, TestProject, history, table_exists};

const TOML: &str = "[environments.production]\nurl = env(\"PROD_URL\")\nprotected = true\n\n[environments.staging]\nurl = env(\"STAGING_URL\")\nprotected = true\n";

const SCHEMA: &str = "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel User {\n  id  Int     @id @default(autoincrement())\n  bio String?\n}\n";

/// A project whose `production` environment is `db` (protected), deployed, with rows.
fn production(db: &TestDb) -> TestProject {
    let project = TestProject::new();
    project.write("driftless.toml", TOML);
    project.write("prisma/schema.prisma", SCHEMA);
    project.migration(
        "20240101000000_init",
        "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"bio\" TEXT, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n",
    );
    project.run(db, &["migrate", "deploy"]).expect(0);
    db.execute("INSERT INTO \"User\" (bio) VALUES ('a'), ('b')");
    project
}

fn run(project: &TestProject, db: &TestDb, args: &[&str], env: &[(&str, &str)]) -> Run {
    let url = db.url_string();
    let mut all: Vec<(&str, &str)> = vec![("PROD_URL", &url)];
    all.extend_from_slice(env);
    project.run_with_env(args, &all)
}

/// Runs driftless on a pseudo-terminal (util-linux `script`), typing `input`.
fn run_on_terminal(project: &TestProject, db: &TestDb, args: &[&str], input: &str) -> Run {
    let mut line = String::from(env!("CARGO_BIN_EXE_driftless"));
    for arg in args {
        line.push(' ');
        line.push_str(&format!("'{arg}'"));
    }
    let mut command = crate::driftless_command(project.path(), &[]);
    command
        .env("PROD_URL", db.url_string())
        .env_clear_program("script", &["-q", "-e", "-c", &line, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        // Give the prompt time to appear, then type.
        std::thread::sleep(std::time::Duration::from_millis(800));
        // The command may have ended already (refused before any question).
        let _ = stdin.write_all(input.as_bytes());
        let _ = stdin.flush();
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    Run::from(child.wait_with_output().unwrap())
}

/// `Command` cannot change its program once built; this rebuilds it with the same
/// environment and directory.
trait ReplaceProgram {
    fn env_clear_program(&mut self, program: &str, args: &[&str]) -> &mut Self;
}

impl ReplaceProgram for std::process::Command {
    fn env_clear_program(&mut self, program: &str, args: &[&str]) -> &mut Self {
        let mut replacement = std::process::Command::new(program);
        replacement.args(args);
        if let Some(dir) = self.get_current_dir() {
            replacement.current_dir(dir);
        }
        for (key, value) in self.get_envs() {
            match value {
                Some(value) => replacement.env(key, value),
                None => replacement.env_remove(key),
            };
        }
        *self = replacement;
        self
    }
}

fn backups(project: &TestProject) -> Vec<std::path::PathBuf> {
    let dir = project.path().join(".driftless/backups");
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    found.sort();
    found
}

fn users(db: &TestDb) -> String {
    db.scalar("SELECT count(*) FROM \"User\"")
}

/// Each destructive command, with what it needs besides the guard, and the consent token.
const DESTRUCTIVE: &[(&[&str], &str)] = &[
    (&["migrate", "reset", "--force", "--skip-seed"], "reset"),
    (&["db", "push", "--force-reset"], "force-reset"),
    (&["db", "push", "--accept-data-loss"], "accept-data-loss"),
    (&["migrate", "dev", "--name", "add_post"], "dev"),
    (
        &["migrate", "resolve", "--applied", "20240102000000_pending"],
        "resolve",
    ),
];

/// Makes each destructive command have something to do.
fn prepare(project: &TestProject, token: &str) {
    match token {
        // Dropping `bio`, which holds values.
        "accept-data-loss" => project.write(
            "prisma/schema.prisma",
            &SCHEMA.replace("  bio String?\n", ""),
        ),
        "dev" => project.write(
            "prisma/schema.prisma",
            &format!("{SCHEMA}\nmodel Post {{\n  id Int @id\n}}\n"),
        ),
        "resolve" => {
            project.migration(
                "20240102000000_pending",
                "CREATE TABLE \"Other\" (id int);\n",
            );
        }
        _ => {}
    }
}

#[test]
fn protected_databases_refuse_every_destructive_command_without_consent() {
    for (args, token) in DESTRUCTIVE {
        let db = TestDb::new(&format!("guard_{token}"));
        let project = production(&db);
        prepare(&project, token);
        let before = history(&db);
        let with_env = |extra: &[&'static str]| -> Vec<&'static str> {
            let mut all: Vec<&'static str> = args.to_vec();
            all.extend_from_slice(&["--env", "production"]);
            all.extend_from_slice(extra);
            all
        };

        // No flag: refused, and the message says what would allow it.
        let refused = run(&project, &db, &with_env(&[]), &[]);
        refused.expect(8);
        assert!(
            refused.stderr.contains("--allow-protected")
                && refused.stderr.contains("environment `production`"),
            "{token}: {}",
            refused.stderr
        );
        // The flag alone, without a terminal: refused, naming the consent variable.
        let refused = run(&project, &db, &with_env(&["--allow-protected"]), &[]);
        refused.expect(8);
        let consent = format!("DRIFTLESS_CONSENT={token}:{}", db.name);
        assert!(
            refused.stderr.contains(&consent),
            "{token}: {}",
            refused.stderr
        );
        // Consent for another database, or another action, is not consent.
        for wrong in [
            format!("{token}:other_database"),
            format!(
                "{}:{}",
                if *token == "reset" {
                    "resolve"
                } else {
                    "reset"
                },
                db.name
            ),
        ] {
            let refused = run(
                &project,
                &db,
                &with_env(&["--allow-protected"]),
                &[("DRIFTLESS_CONSENT", &wrong)],
            );
            refused.expect(8);
        }
        // An AI agent with Prisma's consent variable: still refused on a protected database.
        let refused = run(
            &project,
            &db,
            &with_env(&["--allow-protected"]),
            &[
                ("CLAUDECODE", "1"),
                ("PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION", "yes"),
            ],
        );
        refused.expect(8);
        assert!(
            refused.stderr.contains("local databases only"),
            "{token}: {}",
            refused.stderr
        );
        // Nothing changed, nothing was written.
        assert_eq!(history(&db), before, "{token}");
        assert_eq!(users(&db), "2", "{token}");
        assert!(table_exists(&db, "User"));
        assert!(
            backups(&project).is_empty(),
            "{token}: no backup before consent"
        );
        if *token == "dev" {
            let folders = std::fs::read_dir(project.migrations()).unwrap().count();
            assert_eq!(folders, 1, "a refused migrate dev writes no migration");
        }

        // The right consent: it runs and leaves a backup first.
        let allowed = run(
            &project,
            &db,
            &with_env(&["--allow-protected"]),
            &[("DRIFTLESS_CONSENT", &format!("{token}:{}", db.name))],
        );
        allowed.expect(0);
        assert!(
            allowed.stderr.contains("backup:"),
            "{token}: {}",
            allowed.stderr
        );
        let found = backups(&project);
        assert_eq!(found.len(), 1, "{token}: {found:?}");
        let saved = fs_err::read_to_string(found[0].join("_prisma_migrations.json")).unwrap();
        assert!(saved.contains("20240101000000_init"), "{token}: {saved}");
        let metadata = fs_err::read_to_string(found[0].join("backup.json")).unwrap();
        assert!(metadata.contains("\"protected\": true"), "{metadata}");
        assert!(
            !metadata.contains(driftless_testkit::PASSWORD),
            "{metadata}"
        );
        if found[0].join("schema.sql").exists() {
            let dump = fs_err::read_to_string(found[0].join("schema.sql")).unwrap();
            assert!(dump.contains("CREATE TABLE public.\"User\""), "{token}");
        } else {
            assert!(
                allowed.stderr.contains("pg_dump"),
                "{token}: a missing dump is said: {}",
                allowed.stderr
            );
        }
        match *token {
            "reset" | "force-reset" => assert_eq!(users(&db), "0"),
            "accept-data-loss" => assert_eq!(
                db.scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'bio'"),
                "0"
            ),
            "dev" => assert!(table_exists(&db, "Post")),
            "resolve" => assert!(history(&db).iter().any(|r| r.0 == "20240102000000_pending")),
            _ => unreachable!(),
        }
    }
}

#[test]
fn a_person_at_a_terminal_types_the_database_name() {
    let db = TestDb::new("guard_terminal");
    let project = production(&db);
    let args = [
        "migrate",
        "reset",
        "--force",
        "--skip-seed",
        "--env",
        "production",
        "--allow-protected",
    ];
    // On a terminal without the flag: refused before any question.
    let refused = run_on_terminal(&project, &db, &args[..6], "\n");
    refused.expect(8);
    assert!(
        refused.stdout.contains("--allow-protected"),
        "{}",
        refused.stdout
    );
    // A wrong name: refused, nothing changed.
    let refused = run_on_terminal(&project, &db, &args, "yes\n");
    refused.expect(8);
    assert!(
        refused.stdout.contains("Type the database name"),
        "{}",
        refused.stdout
    );
    assert!(refused.stdout.contains("is not"), "{}", refused.stdout);
    assert_eq!(users(&db), "2");
    // The right name: it runs.
    let allowed = run_on_terminal(&project, &db, &args, &format!("{}\n", db.name));
    allowed.expect(0);
    assert!(
        allowed.stdout.contains("Database reset successful"),
        "{}",
        allowed.stdout
    );
    assert_eq!(users(&db), "0");
    assert_eq!(backups(&project).len(), 1);
}

#[test]
fn namesakes_need_the_host_in_the_consent() {
    let db = TestDb::new("guard_namesake");
    let project = production(&db);
    // Staging has a database of the same name on another server.
    let staging = format!("postgresql://u:p@staging.invalid:5432/{}", db.name);
    let env = |consent: &str| -> Vec<(String, String)> {
        vec![
            ("STAGING_URL".into(), staging.clone()),
            ("DRIFTLESS_CONSENT".into(), consent.to_string()),
        ]
    };
    let args = [
        "migrate",
        "reset",
        "--force",
        "--skip-seed",
        "--env",
        "production",
        "--allow-protected",
    ];
    let bare = env(&format!("reset:{}", db.name));
    let bare: Vec<(&str, &str)> = bare.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let refused = run(&project, &db, &args, &bare);
    refused.expect(8);
    assert!(refused.stderr.contains("same name"), "{}", refused.stderr);
    let qualified = env(&format!("reset:{}@127.0.0.1:{}", db.name, db.url.port));
    let qualified: Vec<(&str, &str)> = qualified
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    run(&project, &db, &args, &qualified).expect(0);
}

#[test]
fn agents_need_consent_for_resets_on_local_databases() {
    let db = TestDb::new("guard_agent_local");
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE a (id int);\n");
    project.run(&db, &["migrate", "deploy"]).expect(0);
    db.execute("INSERT INTO a VALUES (1)");
    let url = db.url_string();
    let refused = project.run_with_env(
        &["migrate", "reset", "--force", "--skip-seed"],
        &[("DATABASE_URL", &url), ("CLAUDECODE", "1")],
    );
    refused.expect(8);
    assert!(refused.stderr.contains("Claude Code"), "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION"),
        "{}",
        refused.stderr
    );
    assert_eq!(db.scalar("SELECT count(*) FROM a"), "1");
    // Prisma's variable counts on a local database; the backup is taken.
    let allowed = project.run_with_env(
        &["migrate", "reset", "--force", "--skip-seed"],
        &[
            ("DATABASE_URL", &url),
            ("CLAUDECODE", "1"),
            (
                "PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION",
                "the user said yes",
            ),
        ],
    );
    allowed.expect(0);
    assert_eq!(db.scalar("SELECT count(*) FROM a"), "0");
    assert_eq!(backups(&project).len(), 1);
    // A person's script on a local database is not guarded (Prisma's `--force` is enough).
    project
        .run(&db, &["migrate", "reset", "--force", "--skip-seed"])
        .expect(0);
}

#[test]
fn environments_are_listed_masked_and_chosen_with_env() {
    let db = TestDb::new("guard_env_list");
    let project = production(&db);
    let listed = run(&project, &db, &["env", "list"], &[]);
    listed.expect(0);
    assert!(listed.stdout.contains("production"), "{}", listed.stdout);
    assert!(listed.stdout.contains("****"), "{}", listed.stdout);
    assert!(
        listed.stdout.contains("env(\"STAGING_URL\") (not set)"),
        "{}",
        listed.stdout
    );
    assert!(
        listed
            .stdout
            .contains("protected: environment `production` says `protected = true`"),
        "{}",
        listed.stdout
    );
    let json = run(&project, &db, &["env", "list", "--json"], &[]);
    json.expect(0);
    let value = json.json();
    assert_eq!(value["environments"][0]["name"], "production");
    assert_eq!(value["environments"][0]["protection"]["protected"], true);

    // `--env` (and `DRIFTLESS_ENV`) picks the database, and the output names it.
    let status = run(
        &project,
        &db,
        &["migrate", "status", "--env", "production"],
        &[],
    );
    status.expect(0);
    assert!(
        status.stdout.contains("(environment \"production\")"),
        "{}",
        status.stdout
    );
    let status = run(
        &project,
        &db,
        &["migrate", "status"],
        &[("DRIFTLESS_ENV", "production")],
    );
    status.expect(0);
    // An unknown environment names the known ones.
    let unknown = run(&project, &db, &["migrate", "status", "--env", "prod"], &[]);
    unknown.expect(3);
    assert!(unknown.stderr.contains("production"), "{}", unknown.stderr);
    // An unset variable names the environment.
    let unset = run(
        &project,
        &db,
        &["migrate", "status", "--env", "staging"],
        &[],
    );
    unset.expect(3);
    assert!(unset.stderr.contains("STAGING_URL"), "{}", unset.stderr);
}
