use std::time::Duration;

use driftless_db::{ConnectOptions, Connection, LockError, lock, unlock};
use driftless_testkit::TestDb;

#[test]
fn a_held_lock_times_out_and_names_its_holder() {
    let db = TestDb::new("a_held_lock_times_out");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let options = ConnectOptions {
            application_name: "holder-app".into(),
            ..ConnectOptions::default()
        };
        let holder = Connection::connect(&db.url, &options).await.unwrap();
        lock(&holder, Duration::from_secs(1)).await.unwrap();
        let waiter = Connection::connect(&db.url, &ConnectOptions::default())
            .await
            .unwrap();
        let started = std::time::Instant::now();
        let err = lock(&waiter, Duration::from_millis(300)).await.unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(300));
        let LockError::Timeout { holders, .. } = err else {
            panic!("{err:?}")
        };
        assert_eq!(holders.len(), 1);
        assert_eq!(holders[0].pid, holder.backend_pid());
        assert_eq!(holders[0].application_name, "holder-app");
        assert!(holders[0].granted);
        unlock(&holder).await.unwrap();
        lock(&waiter, Duration::from_millis(300)).await.unwrap();
    });
}
