//! Temporary databases: where a migration history is replayed when its result must come
//! from a real server (a shadow database), created under a unique name and always dropped.
//!
//! Prisma resets the shadow database it is given, which has destroyed production data when
//! the URL pointed at the wrong database. We never reset anything: we create a fresh
//! database with a name of our own next to the one we are given, and drop exactly that.

use std::future::Future;

use crate::connection::{ConnectOptions, Connection};
use crate::error::DbError;
use crate::url::DatabaseUrl;

/// Prefix of the temporary databases we create, so that leftovers are recognisable.
pub const TEMPORARY_DATABASE_PREFIX: &str = "driftless_shadow_";

/// A database created for one operation.
#[derive(Debug)]
pub struct TemporaryDatabase {
    /// The URL of the temporary database.
    pub url: DatabaseUrl,
    admin_url: DatabaseUrl,
}

impl TemporaryDatabase {
    /// Creates a database with a unique name on the server of `server`, using its
    /// credentials; the caller must call [`TemporaryDatabase::drop_database`].
    pub async fn create(
        server: &DatabaseUrl,
        options: &ConnectOptions,
    ) -> Result<TemporaryDatabase, DbError> {
        let name = format!(
            "{TEMPORARY_DATABASE_PREFIX}{}",
            uuid::Uuid::new_v4().simple()
        );
        let mut last = None;
        for maintenance in [server.database.as_str(), "postgres", "template1"] {
            let admin_url = server.with_database(maintenance);
            let admin = match Connection::connect(&admin_url, options).await {
                Ok(admin) => admin,
                Err(e) => {
                    last = Some(e);
                    continue;
                }
            };
            admin
                .batch(
                    &format!("CREATE DATABASE {}", crate::quote_ident(&name)),
                    "creating a temporary database",
                )
                .await?;
            return Ok(TemporaryDatabase {
                url: server.with_database(&name),
                admin_url,
            });
        }
        Err(last.unwrap_or(DbError::DatabaseMissing {
            database: server.database.clone(),
            host: server.host_display(),
        }))
    }

    /// Drops the database (ending any session still connected to it).
    pub async fn drop_database(self, options: &ConnectOptions) -> Result<(), DbError> {
        let admin = Connection::connect(&self.admin_url, options).await?;
        admin
            .batch(
                &format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    crate::quote_ident(&self.url.database)
                ),
                "dropping the temporary database",
            )
            .await
    }
}

/// Runs `work` against a fresh temporary database on the server of `server`, and drops the
/// database afterwards whether `work` succeeded or not.
pub async fn with_temporary_database<T, E, F, Fut>(
    server: &DatabaseUrl,
    options: &ConnectOptions,
    work: F,
) -> Result<T, E>
where
    F: FnOnce(DatabaseUrl) -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: From<DbError>,
{
    let database = TemporaryDatabase::create(server, options).await?;
    let result = work(database.url.clone()).await;
    let dropped = database.drop_database(options).await;
    match (result, dropped) {
        (Ok(value), Ok(())) => Ok(value),
        (Ok(_), Err(e)) => Err(e.into()),
        (Err(e), _) => Err(e),
    }
}
