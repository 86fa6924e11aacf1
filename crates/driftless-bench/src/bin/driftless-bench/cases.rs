//! The whole-command cases: what is prepared, which commands are compared, and the loop
//! that runs them alternately.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, bail};
use driftless_bench::stages::{corpus_dir, corpus_schema_path, creation_sql, front_end_str};
use driftless_bench::{SchemaVariant, generate_schema, write_history};

use crate::cluster::BenchCluster;
use crate::measure::Invocation;
use crate::report::{CaseResult, Report};

/// Options of `driftless-bench commands`.
#[derive(Debug, clap::Args)]
pub(crate) struct Options {
    /// Timed runs of each command (alternating between the tools).
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Only the cases whose id starts with one of these (comma-separated), e.g.
    /// `diff,status`.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// The driftless binary (default: target/release/driftless of this workspace).
    #[arg(long)]
    driftless: Option<PathBuf>,
    /// Leave the real Prisma out.
    #[arg(long)]
    no_prisma: bool,
    /// Run the real Prisma on the 10,000-migration history too (minutes per run).
    #[arg(long)]
    prisma_10k: bool,
    /// Lengths of the generated histories (comma-separated).
    #[arg(long, value_delimiter = ',', default_values_t = [100, 1_000, 10_000])]
    histories: Vec<usize>,
    /// Keep fsync and synchronous commit on (PostgreSQL's defaults).
    #[arg(long)]
    durable: bool,
    /// Also write the raw samples as JSON to this file.
    #[arg(long)]
    json: Option<PathBuf>,
}

/// The tools compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Tool {
    Driftless,
    Prisma,
    /// The floor: one `psql` session running the same SQL.
    Psql,
}

impl Tool {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Tool::Driftless => "driftless",
            Tool::Prisma => "prisma",
            Tool::Psql => "psql",
        }
    }
}

/// One side of a case: a tool and how to run it against a database.
struct Side {
    tool: Tool,
    /// Each run gets a fresh empty database (created before, dropped after, untimed).
    fresh_database: bool,
    /// The command for a run, given the database name it should use.
    invocation: Box<dyn Fn(&str) -> Invocation>,
}

/// A comparison of one piece of work done by several tools.
struct Case {
    id: String,
    title: String,
    sides: Vec<Side>,
    /// Migrations the work applies (for the overhead per migration).
    migrations: Option<usize>,
    /// Only the peak memory is wanted (one run per side).
    memory_only: bool,
}

/// Where things are.
struct Paths {
    driftless: PathBuf,
    oracle: Option<PathBuf>,
    work: PathBuf,
}

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn find_oracle() -> Option<PathBuf> {
    let script = repository_root().join("../shared/tools/prisma-oracle/oracle.sh");
    let dir = std::env::var_os("PRISMA_ORACLE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/prisma-oracle"));
    (script.is_file() && dir.join("node_modules/prisma/build/index.js").is_file()).then_some(script)
}

impl Paths {
    fn driftless(&self, cwd: &Path) -> Invocation {
        Invocation::new(&self.driftless, cwd).env("NO_COLOR", "1")
    }

    fn prisma(&self, cwd: &Path, database_url: Option<&str>) -> Option<Invocation> {
        let oracle = self.oracle.as_ref()?;
        let mut invocation = Invocation::new("bash", cwd)
            .arg(oracle)
            .env("ORACLE_STRIP_URLS", "1");
        if let Some(url) = database_url {
            invocation = invocation.env("DATABASE_URL", url);
        }
        Some(invocation)
    }
}

fn psql(cwd: &Path, url: &str) -> Invocation {
    Invocation::new("psql", cwd).args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url])
}

/// A corpus project copied into the work folder in Prisma's layout
/// (`prisma/schema.prisma`, `prisma/migrations`), with `metrics` taken out of
/// `previewFeatures` (Prisma 7 refuses it) so that both tools read the same file.
fn copy_corpus_project(corpus: &Path, name: &str, work: &Path) -> anyhow::Result<PathBuf> {
    let source = corpus.join(name);
    let project = work.join(name);
    let prisma = project.join("prisma");
    copy_dir(&source.join("migrations"), &prisma.join("migrations"))?;
    let schema_source = corpus_schema_path(&source);
    if schema_source.is_dir() {
        for entry in walk(&schema_source)? {
            if entry.extension().is_some_and(|e| e == "prisma") {
                let relative = entry.strip_prefix(&schema_source)?;
                let target = prisma.join("schema").join(relative);
                fs_err::create_dir_all(target.parent().unwrap_or(&prisma))?;
                fs_err::write(&target, without_metrics(&fs_err::read_to_string(&entry)?))?;
            }
        }
    } else {
        fs_err::write(
            prisma.join("schema.prisma"),
            without_metrics(&fs_err::read_to_string(&schema_source)?),
        )?;
    }
    Ok(project)
}

/// The `--schema` argument for a project copied by [`copy_corpus_project`].
fn copied_schema(project: &Path) -> PathBuf {
    let folder = project.join("prisma/schema");
    if folder.is_dir() {
        folder
    } else {
        project.join("prisma/schema.prisma")
    }
}

fn without_metrics(text: &str) -> String {
    text.replace("\"metrics\", ", "")
        .replace(", \"metrics\"", "")
        .replace("[\"metrics\"]", "[]")
}

fn walk(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs_err::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    for file in walk(from)? {
        let target = to.join(file.strip_prefix(from)?);
        fs_err::create_dir_all(target.parent().unwrap_or(to))?;
        fs_err::copy(&file, &target)?;
    }
    Ok(())
}

/// The `migration.sql` files of a migrations folder, in name order.
fn migration_files(migrations: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut folders: Vec<PathBuf> = fs_err::read_dir(migrations)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("migration.sql").is_file())
        .collect();
    folders.sort();
    Ok(folders
        .into_iter()
        .map(|f| f.join("migration.sql"))
        .collect())
}

fn psql_files(cwd: &Path, url: &str, files: &[PathBuf]) -> Invocation {
    let mut invocation = psql(cwd, url);
    for file in files {
        invocation = invocation.arg("-f").arg(file);
    }
    invocation
}

fn wanted(options: &Options, id: &str) -> bool {
    options.only.is_empty() || options.only.iter().any(|o| id.starts_with(o.as_str()))
}

/// Prepares everything, runs the cases, prints the report.
pub(crate) fn run(options: &Options) -> anyhow::Result<()> {
    let driftless = options
        .driftless
        .clone()
        .unwrap_or_else(|| repository_root().join("target/release/driftless"));
    if !driftless.is_file() {
        bail!(
            "no driftless binary at {} (build it with `cargo build --release -p driftless`, or pass --driftless)",
            driftless.display()
        );
    }
    let oracle = if options.no_prisma {
        None
    } else {
        find_oracle()
    };
    if oracle.is_none() && !options.no_prisma {
        eprintln!(
            "note: the Prisma oracle is not installed (bash ../shared/tools/prisma-oracle/setup.sh); measuring driftless and psql only"
        );
    }
    let work_dir = tempfile::Builder::new()
        .prefix("driftless-bench-work-")
        .tempdir()?;
    let paths = Paths {
        driftless,
        oracle,
        work: work_dir.path().to_path_buf(),
    };
    let cluster = BenchCluster::start(options.durable)?;
    eprintln!(
        "cluster: {} in {}",
        cluster.version(),
        cluster.dir().display()
    );
    let cases = prepare(options, &paths, &cluster)?;
    let mut report = Report::new(options.runs, options.durable, cluster.version());
    for case in cases {
        eprintln!("== {}: {}", case.id, case.title);
        let result =
            run_case(&case, options.runs, &cluster).with_context(|| format!("case {}", case.id))?;
        eprintln!("{}", result.one_line());
        report.cases.push(result);
    }
    println!("{}", report.markdown());
    if let Some(path) = &options.json {
        fs_err::write(path, report.json())?;
    }
    Ok(())
}

fn run_case(case: &Case, runs: usize, cluster: &BenchCluster) -> anyhow::Result<CaseResult> {
    let mut result = CaseResult::new(&case.id, &case.title, case.migrations);
    let load_before = load_average();
    let db_base: String = case
        .id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let run_side = |side: &Side, run: &str, memory: bool| -> anyhow::Result<(Duration, u64)> {
        let database = format!("b_{db_base}_{}_{run}", side.tool.label());
        if side.fresh_database {
            cluster.create_database(&database)?;
        }
        let invocation = (side.invocation)(&database);
        let outcome = if memory {
            invocation
                .peak_memory_kib()
                .map(|kib| (Duration::ZERO, kib))
        } else {
            invocation.time().map(|t| (t, 0))
        };
        if side.fresh_database {
            cluster.drop_database(&database)?;
        }
        outcome
    };
    let timed_runs = if case.memory_only { 0 } else { runs };
    for run in 0..timed_runs {
        // Alternate who goes first, so neither tool always runs on a warmer cache.
        let mut order: Vec<&Side> = case.sides.iter().collect();
        if run % 2 == 1 {
            order.reverse();
        }
        for side in order {
            let (elapsed, _) = run_side(side, &run.to_string(), false)?;
            result.sample(side.tool, elapsed);
        }
    }
    for side in &case.sides {
        let (_, kib) = run_side(side, "mem", true)?;
        result.memory(side.tool, kib);
    }
    result.load = (load_before, load_average());
    Ok(result)
}

/// The one-minute load average of the machine, to show how busy it was.
fn load_average() -> f64 {
    fs_err::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(f64::NAN)
}

fn write_generated_schema(work: &Path, models: usize) -> anyhow::Result<PathBuf> {
    let dir = work.join(format!("schema-{models}"));
    fs_err::create_dir_all(&dir)?;
    let path = dir.join("schema.prisma");
    fs_err::write(&path, generate_schema(models, SchemaVariant::Base))?;
    Ok(path)
}

/// Deploys a project with driftless, untimed, to prepare a database for `status`.
fn deploy_untimed(
    paths: &Paths,
    cluster: &BenchCluster,
    project: &Path,
    schema: &Path,
    database: &str,
) -> anyhow::Result<()> {
    cluster.create_database(database)?;
    paths
        .driftless(project)
        .args(["migrate", "deploy", "--schema"])
        .arg(schema)
        .arg("--url")
        .arg(cluster.url_string(database))
        .time()
        .map(|_| ())
}

#[allow(clippy::too_many_lines)]
fn prepare(options: &Options, paths: &Paths, cluster: &BenchCluster) -> anyhow::Result<Vec<Case>> {
    let mut cases = Vec::new();
    let work = &paths.work;

    // migrate diff --from-empty --to-schema: 200 models (the goal), and 5,000 (memory).
    for models in [200usize, 5_000] {
        let id = format!("diff-empty-{models}");
        if !wanted(options, &id) {
            continue;
        }
        let schema = write_generated_schema(work, models)?;
        let dir = schema.parent().unwrap_or(work).to_path_buf();
        let mut sides = vec![Side {
            tool: Tool::Driftless,
            fresh_database: false,
            invocation: {
                let inv = paths
                    .driftless(&dir)
                    .args(["migrate", "diff", "--from-empty", "--to-schema"])
                    .arg(&schema)
                    .arg("--script");
                Box::new(move |_| inv.clone())
            },
        }];
        if models <= 1_000 {
            if let Some(prisma) = paths.prisma(&dir, None) {
                let inv = prisma
                    .args(["migrate", "diff", "--from-empty", "--to-schema"])
                    .arg(&schema)
                    .arg("--script");
                sides.push(Side {
                    tool: Tool::Prisma,
                    fresh_database: false,
                    invocation: Box::new(move |_| inv.clone()),
                });
            }
        }
        cases.push(Case {
            id,
            title: format!(
                "`migrate diff --from-empty --to-schema` of {models} generated models (`--script`)"
            ),
            sides,
            migrations: None,
            memory_only: false,
        });
    }

    // trigger.dev: status, drift check and deploy.
    let trigger_wanted = [
        "status-trigger",
        "drift-trigger",
        "deploy-trigger",
        "introspect-trigger",
    ]
    .iter()
    .any(|id| wanted(options, id));
    if let (true, Some(corpus)) = (trigger_wanted, corpus_dir()) {
        let project = copy_corpus_project(&corpus, "trigger.dev", work)?;
        let schema = copied_schema(&project);
        let files = migration_files(&project.join("prisma/migrations"))?;
        let count = files.len();
        let deployed = "deployed_trigger";
        deploy_untimed(paths, cluster, &project, &schema, deployed)?;
        let deployed_url = cluster.url_string(deployed);

        if wanted(options, "status-trigger") {
            let mut sides = vec![Side {
                tool: Tool::Driftless,
                fresh_database: false,
                invocation: {
                    let inv = paths
                        .driftless(&project)
                        .args(["migrate", "status", "--schema"])
                        .arg(&schema)
                        .arg("--url")
                        .arg(&deployed_url);
                    Box::new(move |_| inv.clone())
                },
            }];
            if let Some(prisma) = paths.prisma(&project, Some(&deployed_url)) {
                let inv = prisma.args(["migrate", "status", "--schema"]).arg(&schema);
                sides.push(Side {
                    tool: Tool::Prisma,
                    fresh_database: false,
                    invocation: Box::new(move |_| inv.clone()),
                });
            }
            cases.push(Case {
                id: "status-trigger".into(),
                title: format!("`migrate status` on trigger.dev, deployed ({count} migrations)"),
                sides,
                migrations: None,
                memory_only: false,
            });
        }

        if wanted(options, "drift-trigger") {
            // driftless replays the history in memory (it is sure of every migration of
            // trigger.dev); Prisma replays it into a shadow database.
            let mut sides = vec![Side {
                tool: Tool::Driftless,
                fresh_database: false,
                invocation: {
                    let inv = paths
                        .driftless(&project)
                        .args(["migrate", "diff", "--from-migrations"])
                        .arg(project.join("prisma/migrations"))
                        .args(["--to-config-datasource", "--script", "--schema"])
                        .arg(&schema)
                        .arg("--url")
                        .arg(&deployed_url);
                    Box::new(move |_| inv.clone())
                },
            }];
            if let Some(prisma) = paths.prisma(&project, Some(&deployed_url)) {
                let inv = prisma
                    .args(["migrate", "diff", "--from-migrations"])
                    .arg(project.join("prisma/migrations"))
                    .args(["--to-config-datasource", "--script"]);
                sides.push(Side {
                    tool: Tool::Prisma,
                    fresh_database: false,
                    invocation: Box::new(move |_| inv.clone()),
                });
            }
            cases.push(Case {
                id: "drift-trigger".into(),
                title: format!(
                    "drift check of trigger.dev: `migrate diff --from-migrations --to-config-datasource` ({count} migrations; driftless replays them in memory, Prisma into a shadow database)"
                ),
                sides,
                migrations: Some(count),
                memory_only: false,
            });
        }

        if wanted(options, "deploy-trigger") {
            let url_of = {
                let base = cluster.url(deployed);
                move |db: &str| {
                    let mut url = base.clone();
                    url.database = db.to_string();
                    url.expose()
                }
            };
            let mut sides = vec![Side {
                tool: Tool::Driftless,
                fresh_database: true,
                invocation: {
                    let inv = paths
                        .driftless(&project)
                        .args(["migrate", "deploy", "--schema"])
                        .arg(&schema);
                    let url_of = url_of.clone();
                    Box::new(move |db| inv.clone().arg("--url").arg(url_of(db)))
                },
            }];
            if let Some(prisma) = paths.prisma(&project, None) {
                let inv = prisma.args(["migrate", "deploy", "--schema"]).arg(&schema);
                let url_of = url_of.clone();
                sides.push(Side {
                    tool: Tool::Prisma,
                    fresh_database: true,
                    invocation: Box::new(move |db| inv.clone().env("DATABASE_URL", url_of(db))),
                });
            }
            {
                let project = project.clone();
                let files = files.clone();
                sides.push(Side {
                    tool: Tool::Psql,
                    fresh_database: true,
                    invocation: Box::new(move |db| psql_files(&project, &url_of(db), &files)),
                });
            }
            cases.push(Case {
                id: "deploy-trigger".into(),
                title: format!(
                    "`migrate deploy` of the whole trigger.dev history ({count} migrations) onto an empty database; floor: one `psql` session running the same files"
                ),
                sides,
                migrations: Some(count),
                memory_only: false,
            });
        }
    }

    // Generated histories: deploy (overhead per migration) and status (slope in M).
    for &m in &options.histories {
        let deploy_id = format!("deploy-gen-{m}");
        let status_id = format!("status-gen-{m}");
        let replay_id = format!("replay-shadow-gen-{m}");
        let memory_id = format!("replay-memory-gen-{m}");
        if !wanted(options, &deploy_id)
            && !wanted(options, &status_id)
            && !wanted(options, &replay_id)
            && !wanted(options, &memory_id)
        {
            continue;
        }
        let project = work.join(format!("history-{m}"));
        let history = write_history(&project, m)?;
        let files = history.files();
        let url_of = {
            let base = cluster.url("postgres");
            move |db: &str| {
                let mut url = base.clone();
                url.database = db.to_string();
                url.expose()
            }
        };
        if wanted(options, &deploy_id) {
            let mut sides = vec![Side {
                tool: Tool::Driftless,
                fresh_database: true,
                invocation: {
                    let inv = paths
                        .driftless(&project)
                        .args(["migrate", "deploy", "--schema"])
                        .arg(&history.schema);
                    let url_of = url_of.clone();
                    Box::new(move |db| inv.clone().arg("--url").arg(url_of(db)))
                },
            }];
            if m < 10_000 || options.prisma_10k {
                if let Some(prisma) = paths.prisma(&project, None) {
                    let inv = prisma
                        .args(["migrate", "deploy", "--schema"])
                        .arg(&history.schema);
                    let url_of = url_of.clone();
                    sides.push(Side {
                        tool: Tool::Prisma,
                        fresh_database: true,
                        invocation: Box::new(move |db| inv.clone().env("DATABASE_URL", url_of(db))),
                    });
                }
            }
            {
                let project = project.clone();
                let files = files.clone();
                let url_of = url_of.clone();
                sides.push(Side {
                    tool: Tool::Psql,
                    fresh_database: true,
                    invocation: Box::new(move |db| psql_files(&project, &url_of(db), &files)),
                });
            }
            cases.push(Case {
                id: deploy_id,
                title: format!(
                    "`migrate deploy` of a generated history of {m} small migrations; floor: one `psql` session running the same files"
                ),
                sides,
                migrations: Some(m),
                memory_only: false,
            });
        }
        if wanted(options, &replay_id) {
            // The shadow replay (a temporary database on the server), forced.
            let server = cluster.url_string("postgres");
            let mut sides = vec![Side {
                tool: Tool::Driftless,
                fresh_database: false,
                invocation: {
                    let inv = paths
                        .driftless(&project)
                        .args(["migrate", "diff", "--replay", "shadow", "--from-migrations"])
                        .arg(&history.migrations)
                        .args(["--to-empty", "--script", "--schema"])
                        .arg(&history.schema)
                        .arg("--url")
                        .arg(&server);
                    Box::new(move |_| inv.clone())
                },
            }];
            if m < 10_000 || options.prisma_10k {
                if let Some(prisma) = paths.prisma(&project, Some(&server)) {
                    let inv = prisma
                        .args(["migrate", "diff", "--from-migrations"])
                        .arg(&history.migrations)
                        .args(["--to-empty", "--script"]);
                    sides.push(Side {
                        tool: Tool::Prisma,
                        fresh_database: false,
                        invocation: Box::new(move |_| inv.clone()),
                    });
                }
            }
            cases.push(Case {
                id: replay_id,
                title: format!(
                    "shadow replay: `migrate diff --from-migrations --to-empty` of a generated history of {m} migrations (temporary database)"
                ),
                sides,
                migrations: Some(m),
                memory_only: false,
            });
        }
        if wanted(options, &memory_id) {
            // The in-memory replay, through the same command (no database at all).
            let inv = paths
                .driftless(&project)
                .args(["migrate", "diff", "--replay", "memory", "--from-migrations"])
                .arg(&history.migrations)
                .args(["--to-empty", "--script", "--schema"])
                .arg(&history.schema);
            cases.push(Case {
                id: memory_id,
                title: format!(
                    "in-memory replay: `migrate diff --replay memory --from-migrations --to-empty` of a generated history of {m} migrations (no database)"
                ),
                sides: vec![Side {
                    tool: Tool::Driftless,
                    fresh_database: false,
                    invocation: Box::new(move |_| inv.clone()),
                }],
                migrations: Some(m),
                memory_only: false,
            });
        }
        if wanted(options, &status_id) {
            let database = format!("deployed_gen_{m}");
            deploy_untimed(paths, cluster, &project, &history.schema, &database)?;
            let url = cluster.url_string(&database);
            let mut sides = vec![Side {
                tool: Tool::Driftless,
                fresh_database: false,
                invocation: {
                    let inv = paths
                        .driftless(&project)
                        .args(["migrate", "status", "--schema"])
                        .arg(&history.schema)
                        .arg("--url")
                        .arg(&url);
                    Box::new(move |_| inv.clone())
                },
            }];
            if m < 10_000 || options.prisma_10k {
                if let Some(prisma) = paths.prisma(&project, Some(&url)) {
                    let inv = prisma
                        .args(["migrate", "status", "--schema"])
                        .arg(&history.schema);
                    sides.push(Side {
                        tool: Tool::Prisma,
                        fresh_database: false,
                        invocation: Box::new(move |_| inv.clone()),
                    });
                }
            }
            cases.push(Case {
                id: status_id,
                title: format!(
                    "`migrate status` of a generated history of {m} migrations, deployed"
                ),
                sides,
                migrations: Some(m),
                memory_only: false,
            });
        }
    }

    // db push of 1,000 models onto an empty database; floor: psql of the same SQL.
    if wanted(options, "push-1000") {
        let models = 1_000;
        let schema = write_generated_schema(work, models)?;
        let dir = schema.parent().unwrap_or(work).to_path_buf();
        let sql_path = dir.join("creation.sql");
        let model = front_end_str(&fs_err::read_to_string(&schema)?)?;
        fs_err::write(&sql_path, creation_sql(&model))?;
        let url_of = {
            let base = cluster.url("postgres");
            move |db: &str| {
                let mut url = base.clone();
                url.database = db.to_string();
                url.expose()
            }
        };
        let mut sides = vec![Side {
            tool: Tool::Driftless,
            fresh_database: true,
            invocation: {
                let inv = paths
                    .driftless(&dir)
                    .args(["db", "push", "--schema"])
                    .arg(&schema);
                let url_of = url_of.clone();
                Box::new(move |db| inv.clone().arg("--url").arg(url_of(db)))
            },
        }];
        if let Some(prisma) = paths.prisma(&dir, None) {
            let inv = prisma.args(["db", "push", "--schema"]).arg(&schema);
            let url_of = url_of.clone();
            sides.push(Side {
                tool: Tool::Prisma,
                fresh_database: true,
                invocation: Box::new(move |db| inv.clone().env("DATABASE_URL", url_of(db))),
            });
        }
        {
            let dir = dir.clone();
            sides.push(Side {
                tool: Tool::Psql,
                fresh_database: true,
                invocation: Box::new(move |db| {
                    psql_files(&dir, &url_of(db), std::slice::from_ref(&sql_path))
                }),
            });
        }
        cases.push(Case {
            id: "push-1000".into(),
            title: "`db push` of 1,000 generated models onto an empty database; floor: `psql -f` of the creation SQL".into(),
            sides,
            migrations: None,
            memory_only: false,
        });
    }

    // Peak memory of driftless on every corpus project: deploy, status, diff from empty.
    if let (true, Some(corpus)) = (wanted(options, "memory-corpus"), corpus_dir()) {
        let mut names: Vec<String> = fs_err::read_dir(&corpus)?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().join("migrations").is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            let project = copy_corpus_project(&corpus, &name, &work.join("memory"))?;
            let schema = copied_schema(&project);
            let database = format!("memory_{}", name.replace('.', "_"));
            let url = cluster.url_string(&database);
            let deploy = paths
                .driftless(&project)
                .args(["migrate", "deploy", "--schema"])
                .arg(&schema)
                .arg("--url")
                .arg(&url);
            let status = paths
                .driftless(&project)
                .args(["migrate", "status", "--schema"])
                .arg(&schema)
                .arg("--url")
                .arg(&url);
            let diff = paths
                .driftless(&project)
                .args(["migrate", "diff", "--from-empty", "--to-schema"])
                .arg(&schema)
                .arg("--script");
            let project_for_deploy = project.clone();
            let schema_for_deploy = schema.clone();
            let driftless = paths.driftless.clone();
            let cluster_url = cluster.url("postgres");
            cases.push(Case {
                id: format!("memory-corpus-{name}-deploy"),
                title: format!("peak memory: `migrate deploy` of {name}"),
                sides: vec![Side {
                    tool: Tool::Driftless,
                    fresh_database: true,
                    invocation: Box::new(move |db| {
                        let mut url = cluster_url.clone();
                        url.database = db.to_string();
                        Invocation::new(&driftless, &project_for_deploy)
                            .args(["migrate", "deploy", "--schema"])
                            .arg(&schema_for_deploy)
                            .arg("--url")
                            .arg(url.expose())
                    }),
                }],
                migrations: None,
                memory_only: true,
            });
            cluster.create_database(&database)?;
            deploy.time()?;
            cases.push(Case {
                id: format!("memory-corpus-{name}-status"),
                title: format!("peak memory: `migrate status` of {name}, deployed"),
                sides: vec![Side {
                    tool: Tool::Driftless,
                    fresh_database: false,
                    invocation: Box::new(move |_| status.clone()),
                }],
                migrations: None,
                memory_only: true,
            });
            cases.push(Case {
                id: format!("memory-corpus-{name}-diff"),
                title: format!("peak memory: `migrate diff --from-empty --to-schema` of {name}"),
                sides: vec![Side {
                    tool: Tool::Driftless,
                    fresh_database: false,
                    invocation: Box::new(move |_| diff.clone()),
                }],
                migrations: None,
                memory_only: true,
            });
        }
    }
    Ok(cases)
}
