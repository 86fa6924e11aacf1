//! Reaching the server: Unix sockets, TLS in each `sslmode`, and certificate checks.

use driftless_testkit::{PASSWORD, TestDb, cluster, start_tls_cluster};

use crate::TestProject;

#[test]
fn a_unix_socket_url_works() {
    let db = TestDb::new("connection_socket");
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE a (id int);\n");
    let socket = cluster().dir.join("sock");
    let url = format!(
        "postgresql://postgres@localhost:{}/{}?host={}",
        cluster().port,
        db.name,
        socket.display()
    );
    let run = project.run_with_env(&["migrate", "deploy"], &[("DATABASE_URL", &url)]);
    run.expect(0);
    assert!(
        run.stdout.contains(&format!(
            "at \"{}/.s.PGSQL.{}\"",
            socket.display(),
            cluster().port
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn tls_modes_and_certificate_checks() {
    let tls = match start_tls_cluster() {
        Ok(tls) => tls,
        Err(reason) => {
            eprintln!("skipped: cannot start a TLS cluster ({reason})");
            return;
        }
    };
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE a (id int);\n");
    let ca = tls.dir.join("ca.crt");
    let url = |host: &str, params: &str| {
        format!(
            "postgresql://postgres:{PASSWORD}@{host}:{}/postgres?{params}",
            tls.port
        )
    };
    let ok = [
        url("127.0.0.1", "sslmode=require"),
        url("127.0.0.1", "sslmode=prefer"),
        url(
            "localhost",
            &format!("sslmode=verify-full&sslrootcert={}", ca.display()),
        ),
        url(
            "127.0.0.1",
            &format!("sslmode=verify-ca&sslrootcert={}", ca.display()),
        ),
        // Prisma's spelling: `sslcert` is the server's CA, `sslaccept=strict` checks it.
        url(
            "localhost",
            &format!("sslmode=require&sslcert={}&sslaccept=strict", ca.display()),
        ),
    ];
    for url in ok {
        project
            .run_with_env(&["migrate", "status"], &[("DATABASE_URL", &url)])
            .expect(10);
    }
    let wrong_name = url(
        "127.0.0.1",
        &format!("sslmode=verify-full&sslrootcert={}", ca.display()),
    );
    let run = project.run_with_env(&["migrate", "status"], &[("DATABASE_URL", &wrong_name)]);
    run.expect(4);
    assert!(
        run.stderr
            .contains("error[P1011]: TLS connection to `127.0.0.1"),
        "{}",
        run.stderr
    );
    let unknown_ca = url("localhost", "sslmode=verify-full");
    project
        .run_with_env(&["migrate", "status"], &[("DATABASE_URL", &unknown_ca)])
        .expect(4);
    let missing_file = url(
        "localhost",
        "sslmode=verify-full&sslrootcert=/nonexistent/ca.crt",
    );
    let run = project.run_with_env(&["migrate", "status"], &[("DATABASE_URL", &missing_file)]);
    run.expect(4);
    assert!(
        run.stderr
            .contains("cannot use `/nonexistent/ca.crt` from the database URL"),
        "{}",
        run.stderr
    );
    let _ = tls.cluster.stop(false);
}
