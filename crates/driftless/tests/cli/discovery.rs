//! Finding the schema, the migrations and the URL the way Prisma does.

use driftless_testkit::TestDb;

use crate::{Run, TestProject, driftless_command};

#[test]
fn dotenv_is_loaded_and_the_real_environment_wins() {
    let db = TestDb::new("discovery_dotenv");
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE a (id int);\n");
    project.write(".env", &format!("DATABASE_URL=\"{}\"\n", db.url_string()));
    let run = Run::from(
        driftless_command(project.path(), &["migrate", "deploy"])
            .output()
            .unwrap(),
    );
    run.expect(0);
    let run = project.run_with_env(
        &["migrate", "status"],
        &[("DATABASE_URL", "postgresql://u:p@127.0.0.1:1/x")],
    );
    run.expect(4);
}

#[test]
fn a_schema_folder_and_a_direct_url() {
    let db = TestDb::new("discovery_folder");
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        fs_err::create_dir_all(path.parent().unwrap()).unwrap();
        fs_err::write(path, text).unwrap();
    };
    write(
        "prisma/schema/base.prisma",
        "datasource db {\n  provider  = \"postgresql\"\n  url       = env(\"POOLED_URL\")\n  directUrl = env(\"DIRECT_URL\")\n}\n",
    );
    write(
        "prisma/schema/user.prisma",
        "model User {\n  id Int @id\n}\n",
    );
    write(
        "prisma/migrations/1_init/migration.sql",
        "CREATE TABLE \"User\" (id int);\n",
    );
    let run = Run::from(
        driftless_command(dir.path(), &["migrate", "deploy"])
            .env("POOLED_URL", "postgresql://pooler:5432/nowhere")
            .env("DIRECT_URL", db.url_string())
            .output()
            .unwrap(),
    );
    run.expect(0);
    assert!(
        run.stdout
            .contains("1 migration found in prisma/migrations"),
        "{}",
        run.stdout
    );
}

#[test]
fn package_json_and_prisma_config_point_at_the_schema() {
    let db = TestDb::new("discovery_config");
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        fs_err::create_dir_all(path.parent().unwrap()).unwrap();
        fs_err::write(path, text).unwrap();
    };
    write(
        "db/schema.prisma",
        "datasource db {\n  provider = \"postgresql\"\n}\n",
    );
    write(
        "db/history/1_init/migration.sql",
        "CREATE TABLE t (id int);\n",
    );
    write(
        "prisma.config.ts",
        "import { defineConfig, env } from 'prisma/config'\nexport default defineConfig({\n  schema: 'db/schema.prisma',\n  migrations: { path: 'db/history' },\n  datasource: { url: env('APP_DB') },\n})\n",
    );
    let run = Run::from(
        driftless_command(dir.path(), &["migrate", "deploy"])
            .env("APP_DB", db.url_string())
            .output()
            .unwrap(),
    );
    run.expect(0);
    assert!(
        run.stdout.contains("1 migration found in db/history"),
        "{}",
        run.stdout
    );

    write(
        "prisma.config.ts",
        "export default defineConfig({ schema: 'db/schema.prisma', datasource: { url: makeUrl() } })\n",
    );
    let run = Run::from(
        driftless_command(dir.path(), &["migrate", "status"])
            .output()
            .unwrap(),
    );
    run.expect(3);
    assert!(
        run.stderr.contains("`datasource.url` in `"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("is computed (`makeUrl()`)"),
        "{}",
        run.stderr
    );

    std::fs::remove_file(dir.path().join("prisma.config.ts")).unwrap();
    write(
        "package.json",
        "{\"name\": \"app\", \"prisma\": {\"schema\": \"db/schema.prisma\"}}",
    );
    let fresh = TestDb::new("discovery_config_package");
    let run = Run::from(
        driftless_command(
            dir.path(),
            &["migrate", "status", "--url", &fresh.url_string()],
        )
        .output()
        .unwrap(),
    );
    run.expect(0);
    assert!(
        run.stdout.contains("No migration found in db/migrations"),
        "{}",
        run.stdout
    );
}
