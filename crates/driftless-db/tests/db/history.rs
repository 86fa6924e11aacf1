use driftless_db::{ConnectOptions, Connection, History, RowState, new_row_id};
use driftless_testkit::TestDb;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn history_table_is_created_exactly_as_prisma_creates_it() {
    let db = TestDb::new("history_table_is_created");
    rt().block_on(async {
        let conn = Connection::connect(&db.url, &ConnectOptions::default())
            .await
            .unwrap();
        let history = History::new("public");
        assert!(!history.exists(&conn).await.unwrap());
        assert!(history.ensure(&conn).await.unwrap());
        assert!(!history.ensure(&conn).await.unwrap());
        let id = new_row_id();
        history
            .insert_started(conn.client(), &id, "20240101_init", "abc")
            .await
            .unwrap();
        let rows = history.rows(conn.client()).await.unwrap();
        assert_eq!(rows[0].state(), RowState::Failed);
        history.mark_finished(conn.client(), &id).await.unwrap();
        let rows = history.rows(conn.client()).await.unwrap();
        assert_eq!(rows[0].state(), RowState::Applied);
        assert_eq!(rows[0].applied_steps_count, 1);
        assert_eq!(rows[0].logs, None);
    });
    let columns = db.query(
        "SELECT column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable, coalesce(column_default, '') FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position",
    );
    let expected: Vec<Vec<String>> = [
        ["id", "character varying", "36", "NO", ""],
        ["checksum", "character varying", "64", "NO", ""],
        ["finished_at", "timestamp with time zone", "", "YES", ""],
        ["migration_name", "character varying", "255", "NO", ""],
        ["logs", "text", "", "YES", ""],
        ["rolled_back_at", "timestamp with time zone", "", "YES", ""],
        ["started_at", "timestamp with time zone", "", "NO", "now()"],
        ["applied_steps_count", "integer", "", "NO", "0"],
    ]
    .iter()
    .map(|r| r.iter().map(|s| s.to_string()).collect())
    .collect();
    assert_eq!(columns, expected);
    assert_eq!(
        db.scalar(
            "SELECT conname FROM pg_constraint WHERE conrelid = '_prisma_migrations'::regclass"
        ),
        "_prisma_migrations_pkey"
    );
}

#[test]
fn settings_made_by_a_migration_are_reset() {
    let db = TestDb::new("settings_are_reset");
    rt().block_on(async {
        let conn = Connection::connect(&db.url.with_schema("app"), &ConnectOptions::default())
            .await
            .unwrap();
        conn.batch(
            "SET lock_timeout = '5s'; SET search_path TO elsewhere",
            "test",
        )
        .await
        .unwrap();
        conn.reset_session().await.unwrap();
        let row = conn
            .client()
            .query_one(
                "SELECT current_setting('lock_timeout'), current_setting('search_path')",
                &[],
            )
            .await
            .unwrap();
        assert_eq!(row.get::<_, String>(0), "0");
        assert_eq!(row.get::<_, String>(1), "app");
    });
}
