//! Guard rails for destructive commands: which databases are protected, who is asking, and
//! what consent lets a destructive action through.
//!
//! A database is **protected** when its environment in `driftless.toml` says
//! `protected = true`, or — when nothing says — when its host is not this machine (not a
//! loopback address, not a Unix socket, not the project's `driftless dev` database).
//! On a protected database a destructive action needs `--allow-protected` *and* consent:
//! the database name typed on a terminal, or — in a session that cannot be asked (no
//! terminal, CI, an AI agent) — `DRIFTLESS_CONSENT="<action>:<database>"`, which names the
//! action and the database so that consent never carries from one database to another.
//! On a local database, actions that Prisma's AI checkpoint covers (`migrate reset`,
//! `db push --force-reset`, `db push --accept-data-loss`) need a person's consent when an AI
//! agent runs them: `PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION` (as with Prisma) or
//! `DRIFTLESS_CONSENT`.
//!
//! The API is small so that every command (and a future `doctor --fix`) asks the same way:
//! [`decide`] returns a [`Verdict`]; a [`Question`] is answered with [`Question::answer`];
//! every [`Refusal`] is one paragraph saying why and exactly what would allow it.

use driftless_db::{DatabaseUrl, Host};

use crate::project::{DatabaseTarget, TargetEnvironment};

/// The consent variable of driftless: `<action>:<database>` (several separated by commas).
pub const CONSENT_VAR: &str = "DRIFTLESS_CONSENT";
/// Prisma's consent variable for AI agents; honoured for local databases only.
pub const PRISMA_CONSENT_VAR: &str = "PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION";

/// Environment variables that tell an AI agent runs the command, and the agent's name.
pub const AGENT_VARS: &[(&str, &str)] = &[
    ("DRIFTLESS_AGENT", "an AI agent"),
    ("CLAUDECODE", "Claude Code"),
    ("CLAUDE_CODE_ENTRYPOINT", "Claude Code"),
    ("GEMINI_CLI", "Gemini CLI"),
    ("CODEX_SANDBOX", "Codex"),
    ("CODEX_SANDBOX_NETWORK_DISABLED", "Codex"),
    ("CURSOR_AGENT", "Cursor"),
    ("CLINE_ACTIVE", "Cline"),
    ("AI_AGENT", "an AI agent"),
    ("AGENT", "an AI agent"),
];

/// Environment variables that tell a CI system runs the command.
pub const CI_VARS: &[&str] = &[
    "CI",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "BUILDKITE",
    "JENKINS_URL",
    "TF_BUILD",
];

/// A destructive action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// `migrate reset`.
    Reset,
    /// `db push --force-reset`.
    ForceReset,
    /// `db push --accept-data-loss` with data-loss warnings.
    AcceptDataLoss,
    /// `migrate dev` when it applies migrations.
    MigrateDev,
    /// `migrate resolve`.
    Resolve,
    /// `doctor --fix`.
    DoctorFix,
    /// `locks --terminate`.
    Terminate,
    /// `history restore`.
    RestoreHistory,
    /// `migrate baseline`.
    Baseline,
}

impl Action {
    /// The word used in `DRIFTLESS_CONSENT` (`reset`, `force-reset`, …).
    pub fn token(self) -> &'static str {
        match self {
            Action::Reset => "reset",
            Action::ForceReset => "force-reset",
            Action::AcceptDataLoss => "accept-data-loss",
            Action::MigrateDev => "dev",
            Action::Resolve => "resolve",
            Action::DoctorFix => "doctor-fix",
            Action::Terminate => "terminate",
            Action::RestoreHistory => "restore-history",
            Action::Baseline => "baseline",
        }
    }

    /// The command, for messages.
    pub fn command(self) -> &'static str {
        match self {
            Action::Reset => "migrate reset",
            Action::ForceReset => "db push --force-reset",
            Action::AcceptDataLoss => "db push --accept-data-loss",
            Action::MigrateDev => "migrate dev",
            Action::Resolve => "migrate resolve",
            Action::DoctorFix => "doctor --fix",
            Action::Terminate => "locks --terminate",
            Action::RestoreHistory => "history restore",
            Action::Baseline => "migrate baseline",
        }
    }

    /// What it does to the database, in words.
    pub fn harm(self) -> &'static str {
        match self {
            Action::Reset => {
                "drops every object of the managed schemas (all their data is lost) and applies every migration again"
            }
            Action::ForceReset => {
                "drops every object of the managed schemas (all their data is lost) before pushing the schema"
            }
            Action::AcceptDataLoss => "applies schema changes that lose data",
            Action::MigrateDev => {
                "applies migrations (pending ones and the one it creates) outside a deploy"
            }
            Action::Resolve => "rewrites the migration history (`_prisma_migrations`)",
            Action::DoctorFix => "repairs the database and its migration history",
            Action::Terminate => {
                "ends another database session (its open transaction is rolled back)"
            }
            Action::RestoreHistory => {
                "replaces the migration history (`_prisma_migrations`) with a saved one"
            }
            Action::Baseline => {
                "writes a baseline migration from the live schema and records it as applied"
            }
        }
    }

    /// Whether an AI agent needs a person's consent for it on a local database too (the
    /// actions Prisma's AI checkpoint covers, and ending sessions).
    pub fn guarded_for_agents(self) -> bool {
        matches!(
            self,
            Action::Reset | Action::ForceReset | Action::AcceptDataLoss | Action::Terminate
        )
    }

    /// Whether it destroys data, so that a backup is taken even on a local database.
    pub fn destroys_data(self) -> bool {
        matches!(
            self,
            Action::Reset | Action::ForceReset | Action::AcceptDataLoss
        )
    }

    /// Whether a backup is written before it even on a local database: it destroys data,
    /// or it rewrites the history (which a backup restores exactly).
    pub fn backs_up_always(self) -> bool {
        self.destroys_data()
            || matches!(
                self,
                Action::DoctorFix | Action::RestoreHistory | Action::Baseline
            )
    }

    /// Whether it is confirmed even on a local database (ending a session).
    fn always_confirmed(self) -> bool {
        self == Action::Terminate
    }
}

/// Why a database is, or is not, protected.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum ProtectionReason {
    /// Its environment says `protected = true`.
    Declared {
        /// The environment.
        environment: String,
    },
    /// Its environment says `protected = false`.
    DeclaredUnprotected {
        /// The environment.
        environment: String,
    },
    /// The project's `driftless dev` database.
    DevDatabase,
    /// Reached through a Unix socket.
    UnixSocket,
    /// A loopback address or `localhost`.
    Loopback {
        /// The host.
        host: String,
    },
    /// Any other host.
    RemoteHost {
        /// The host.
        host: String,
    },
}

/// Whether a database is protected, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Protection {
    /// Protected: destructive actions need `--allow-protected` and consent.
    pub protected: bool,
    /// Why.
    pub reason: ProtectionReason,
}

impl std::fmt::Display for Protection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.reason {
            ProtectionReason::Declared { environment } => write!(
                f,
                "environment `{environment}` says `protected = true` in driftless.toml"
            ),
            ProtectionReason::DeclaredUnprotected { environment } => write!(
                f,
                "environment `{environment}` says `protected = false` in driftless.toml"
            ),
            ProtectionReason::DevDatabase => {
                f.write_str("it is the project's local development database")
            }
            ProtectionReason::UnixSocket => {
                f.write_str("it is reached through a Unix socket on this machine")
            }
            ProtectionReason::Loopback { host } => {
                write!(f, "its host `{host}` is this machine")
            }
            ProtectionReason::RemoteHost { host } => write!(
                f,
                "its host `{host}` is not this machine and no environment in driftless.toml says `protected = false`"
            ),
        }
    }
}

/// Whether the database of `target` is protected.
pub fn protection(target: &DatabaseTarget) -> Protection {
    protection_of(
        &target.url,
        target.environment.as_ref(),
        target.is_dev_database(),
    )
}

/// Whether a database is protected, from its URL, its environment, and whether it is the
/// project's development database.
pub fn protection_of(
    url: &DatabaseUrl,
    environment: Option<&TargetEnvironment>,
    dev_database: bool,
) -> Protection {
    if let Some(environment) = environment {
        match environment.protected {
            Some(true) => {
                return Protection {
                    protected: true,
                    reason: ProtectionReason::Declared {
                        environment: environment.name.clone(),
                    },
                };
            }
            Some(false) => {
                return Protection {
                    protected: false,
                    reason: ProtectionReason::DeclaredUnprotected {
                        environment: environment.name.clone(),
                    },
                };
            }
            None => {}
        }
    }
    let reason = if dev_database {
        ProtectionReason::DevDatabase
    } else {
        match &url.host {
            Host::Socket(_) => ProtectionReason::UnixSocket,
            Host::Tcp(host) if url.is_local() => ProtectionReason::Loopback { host: host.clone() },
            Host::Tcp(host) => ProtectionReason::RemoteHost { host: host.clone() },
        }
    };
    Protection {
        protected: matches!(reason, ProtectionReason::RemoteHost { .. }),
        reason,
    }
}

/// An AI agent that was detected.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    /// Its name.
    pub name: &'static str,
    /// The variable that gave it away.
    pub variable: &'static str,
}

/// Who runs the command: a person at a terminal, a script, CI, an AI agent.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// Standard input is a terminal.
    pub terminal: bool,
    /// `--json`: a program reads the output.
    pub json: bool,
    /// The CI variable that is set, if any.
    pub ci: Option<&'static str>,
    /// The AI agent detected, if any.
    pub agent: Option<Agent>,
}

impl Session {
    /// Detects the session from the process environment.
    pub fn detect(terminal: bool, json: bool) -> Session {
        Session::from_lookup(terminal, json, |name| std::env::var(name).ok())
    }

    /// Detects the session from variables given by `lookup`.
    pub fn from_lookup(
        terminal: bool,
        json: bool,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Session {
        let set = |name: &str| lookup(name).is_some_and(|v| is_yes(&v));
        Session {
            terminal,
            json,
            ci: CI_VARS.iter().copied().find(|name| set(name)),
            agent: AGENT_VARS
                .iter()
                .find(|(variable, _)| set(variable))
                .map(|(variable, name)| Agent { name, variable }),
        }
    }

    /// Whether a person can be asked: a terminal, no CI, no AI agent, no `--json`.
    pub fn interactive(&self) -> bool {
        self.terminal && !self.json && self.ci.is_none() && self.agent.is_none()
    }

    /// Why nobody can be asked, in words.
    pub fn not_interactive_because(&self) -> String {
        let mut reasons = Vec::new();
        if let Some(agent) = &self.agent {
            reasons.push(format!(
                "it runs under {} (detected through `{}`)",
                agent.name, agent.variable
            ));
        }
        if let Some(ci) = self.ci {
            reasons.push(format!("`{ci}` is set"));
        }
        if !self.terminal {
            reasons.push("standard input is not a terminal".to_string());
        }
        if self.json {
            reasons.push("`--json` was given".to_string());
        }
        reasons.join(", ")
    }
}

fn is_yes(value: &str) -> bool {
    let value = value.trim();
    !value.is_empty()
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "0" | "false" | "no" | "off"
        )
}

/// The consent variables, read from the process environment only: a consent written into
/// `.env` would be a permanent consent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Consents {
    /// `DRIFTLESS_CONSENT`.
    pub driftless: Option<String>,
    /// `PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION`.
    pub prisma: Option<String>,
}

impl Consents {
    /// Reads them from the process environment.
    pub fn from_process() -> Consents {
        Consents::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads them through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Consents {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        Consents {
            driftless: get(CONSENT_VAR),
            prisma: get(PRISMA_CONSENT_VAR),
        }
    }
}

/// What the guard is asked.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The action.
    pub action: Action,
    /// The database.
    pub target: &'a DatabaseTarget,
    /// `--allow-protected`.
    pub allow_protected: bool,
    /// Who asks.
    pub session: &'a Session,
    /// The consent variables.
    pub consents: &'a Consents,
    /// Other environments whose database has the same name on another server: then
    /// `DRIFTLESS_CONSENT` must name the host too (`reset:app@db.example.com`).
    pub namesakes: Vec<String>,
}

impl Request<'_> {
    fn database(&self) -> &str {
        &self.target.url.database
    }

    /// The consent value that allows this request.
    pub fn consent_value(&self) -> String {
        if self.namesakes.is_empty() {
            format!("{}:{}", self.action.token(), self.database())
        } else {
            format!(
                "{}:{}@{}",
                self.action.token(),
                self.database(),
                host_text(&self.target.url)
            )
        }
    }
}

fn host_text(url: &DatabaseUrl) -> String {
    match &url.host {
        Host::Tcp(h) if h.contains(':') => format!("[{h}]:{}", url.port),
        Host::Tcp(h) => format!("{h}:{}", url.port),
        Host::Socket(_) => format!("localhost:{}", url.port),
    }
}

/// How consent was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Consent {
    /// `DRIFTLESS_CONSENT` names the action and the database.
    Variable,
    /// `PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION`, on a local database.
    PrismaVariable,
    /// The database name was typed on the terminal.
    Typed,
    /// `y` was answered on the terminal.
    Confirmed,
}

/// What the person at the terminal must answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// The database name, typed exactly.
    DatabaseName(String),
    /// `y` or `yes`.
    Yes,
}

/// A question for the person at the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The text to show (without a trailing space).
    pub prompt: String,
    /// What allows the action.
    pub expected: Expected,
}

impl Question {
    /// Judges the answer (`None`: nothing could be read).
    pub fn answer(
        &self,
        request: &Request<'_>,
        answer: Option<&str>,
    ) -> Result<Consent, Box<Refusal>> {
        let given = answer.map(str::trim).unwrap_or_default();
        let ok = match &self.expected {
            Expected::DatabaseName(name) => given == name,
            Expected::Yes => matches!(given.to_ascii_lowercase().as_str(), "y" | "yes"),
        };
        if ok {
            return Ok(match self.expected {
                Expected::DatabaseName(_) => Consent::Typed,
                Expected::Yes => Consent::Confirmed,
            });
        }
        let reason = if answer.is_none() || given.is_empty() {
            RefusalReason::NoAnswer
        } else {
            RefusalReason::WrongAnswer {
                given: given.chars().take(80).collect(),
            }
        };
        Err(Box::new(Refusal::new(request, reason)))
    }
}

/// The guard's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing guards this action on this database.
    Unguarded,
    /// Allowed by a consent variable.
    Allowed(Consent),
    /// Ask the person at the terminal, then judge with [`Question::answer`].
    Ask(Question),
    /// Refused.
    Refused(Refusal),
}

/// Decides whether `request` may go on.
pub fn decide(request: &Request<'_>) -> Verdict {
    let protection = protection(request.target);
    let session = request.session;
    let matched = consent_match(request);
    if protection.protected {
        if request.action == Action::Terminate {
            return Verdict::Refused(Refusal::new(request, RefusalReason::TerminateProtected));
        }
        if !request.allow_protected {
            return Verdict::Refused(Refusal::new(request, RefusalReason::NeedsAllowProtected));
        }
        if matched == ConsentMatch::Yes {
            return Verdict::Allowed(Consent::Variable);
        }
        if session.interactive() {
            return Verdict::Ask(Question {
                prompt: format!(
                    "`{}` {} in database `{}` at `{}`{}, which is protected ({protection}). Type the database name to go on:",
                    request.action.command(),
                    request.action.harm(),
                    request.database(),
                    request.target.url.host_display(),
                    environment_part(request.target),
                ),
                expected: Expected::DatabaseName(request.database().to_string()),
            });
        }
        return Verdict::Refused(Refusal::new(
            request,
            RefusalReason::NeedsConsent { found: matched },
        ));
    }
    if session.agent.is_some() && request.action.guarded_for_agents() {
        if matched == ConsentMatch::Yes {
            return Verdict::Allowed(Consent::Variable);
        }
        if request.consents.prisma.is_some() && request.action != Action::Terminate {
            return Verdict::Allowed(Consent::PrismaVariable);
        }
        return Verdict::Refused(Refusal::new(
            request,
            RefusalReason::AgentNeedsConsent { found: matched },
        ));
    }
    if request.action.always_confirmed() {
        if matched == ConsentMatch::Yes {
            return Verdict::Allowed(Consent::Variable);
        }
        if session.interactive() {
            return Verdict::Ask(Question {
                prompt: format!(
                    "`{}` {} in database `{}` at `{}`{}. Go on? [y/N]",
                    request.action.command(),
                    request.action.harm(),
                    request.database(),
                    request.target.url.host_display(),
                    environment_part(request.target),
                ),
                expected: Expected::Yes,
            });
        }
        return Verdict::Refused(Refusal::new(
            request,
            RefusalReason::NeedsConsent { found: matched },
        ));
    }
    Verdict::Unguarded
}

fn environment_part(target: &DatabaseTarget) -> String {
    target
        .environment
        .as_ref()
        .map(|e| format!(" (environment `{}`)", e.name))
        .unwrap_or_default()
}

/// What `DRIFTLESS_CONSENT` says about a request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum ConsentMatch {
    /// It is not set.
    Unset,
    /// It names this action and this database.
    Yes,
    /// It names this action on another database.
    OtherDatabase {
        /// The database (and host) it names.
        named: String,
    },
    /// It names this database on another host.
    OtherHost {
        /// The host it names.
        named: String,
    },
    /// It names this database without a host, but another environment has a database of
    /// the same name.
    NeedsHost,
    /// It names other actions only.
    OtherAction {
        /// The actions it names.
        named: Vec<String>,
    },
    /// It cannot be read.
    Malformed {
        /// The value's first characters.
        value: String,
    },
}

fn consent_match(request: &Request<'_>) -> ConsentMatch {
    let Some(value) = &request.consents.driftless else {
        return ConsentMatch::Unset;
    };
    let mut best = None;
    let mut other_actions = Vec::new();
    for entry in value.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let Some((action, rest)) = entry.split_once(':') else {
            best.get_or_insert(ConsentMatch::Malformed {
                value: entry.chars().take(60).collect(),
            });
            continue;
        };
        if action.trim() != request.action.token() {
            other_actions.push(action.trim().to_string());
            continue;
        }
        let (database, host) = match rest.rsplit_once('@') {
            Some((database, host)) => (database.trim(), Some(host.trim())),
            None => (rest.trim(), None),
        };
        if database != request.database() {
            best = Some(ConsentMatch::OtherDatabase {
                named: rest.trim().to_string(),
            });
            continue;
        }
        match host {
            Some(host) if host_matches(host, &request.target.url) => return ConsentMatch::Yes,
            Some(host) => {
                best = Some(ConsentMatch::OtherHost {
                    named: host.to_string(),
                });
            }
            None if request.namesakes.is_empty() => return ConsentMatch::Yes,
            None => best = Some(ConsentMatch::NeedsHost),
        }
    }
    best.unwrap_or(if other_actions.is_empty() {
        ConsentMatch::Malformed {
            value: value.chars().take(60).collect(),
        }
    } else {
        ConsentMatch::OtherAction {
            named: other_actions,
        }
    })
}

fn host_matches(named: &str, url: &DatabaseUrl) -> bool {
    let named = named.to_ascii_lowercase();
    let full = host_text(url).to_ascii_lowercase();
    if named == full {
        return true;
    }
    match &url.host {
        Host::Tcp(h) => named == h.to_ascii_lowercase() || named == format!("[{h}]"),
        Host::Socket(_) => named == "localhost",
    }
}

/// Why the guard refused.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum RefusalReason {
    /// A protected database without `--allow-protected`.
    NeedsAllowProtected,
    /// Consent is needed and nobody can be asked.
    NeedsConsent {
        /// What `DRIFTLESS_CONSENT` said.
        found: ConsentMatch,
    },
    /// An AI agent on a local database without consent.
    AgentNeedsConsent {
        /// What `DRIFTLESS_CONSENT` said.
        found: ConsentMatch,
    },
    /// The person typed something else.
    WrongAnswer {
        /// What was typed (shortened).
        given: String,
    },
    /// Nothing was typed.
    NoAnswer,
    /// Sessions are never ended on a protected database.
    TerminateProtected,
}

/// A refusal: everything needed to say why and what would allow it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Refusal {
    /// The action.
    pub action: Action,
    /// The database name.
    pub database: String,
    /// Its host, as shown everywhere (no password).
    pub host: String,
    /// Its environment.
    pub environment: Option<String>,
    /// Its protection.
    pub protection: Protection,
    /// Why.
    pub reason: RefusalReason,
    /// The consent value that would allow it.
    pub consent_value: String,
    /// Why nobody could be asked (empty when the session is interactive).
    pub session: String,
    /// The AI agent, when one was detected.
    pub agent: Option<Agent>,
    /// Whether the Prisma consent variable was set.
    pub prisma_consent_set: bool,
}

impl Refusal {
    fn new(request: &Request<'_>, reason: RefusalReason) -> Refusal {
        Refusal {
            action: request.action,
            database: request.database().to_string(),
            host: request.target.url.host_display(),
            environment: request.target.environment.as_ref().map(|e| e.name.clone()),
            protection: protection(request.target),
            reason,
            consent_value: request.consent_value(),
            session: if request.session.interactive() {
                String::new()
            } else {
                request.session.not_interactive_because()
            },
            agent: request.session.agent.clone(),
            prisma_consent_set: request.consents.prisma.is_some(),
        }
    }

    fn found_text(&self, found: &ConsentMatch) -> String {
        match found {
            ConsentMatch::Unset | ConsentMatch::Yes => format!("`{CONSENT_VAR}` is not set"),
            ConsentMatch::OtherDatabase { named } => format!(
                "`{CONSENT_VAR}` consents to `{}` on `{named}`, not on `{}`: consent for one database never carries to another",
                self.action.token(),
                self.database
            ),
            ConsentMatch::OtherHost { named } => format!(
                "`{CONSENT_VAR}` consents to `{}` on `{}` at `{named}`, not at `{}`: consent for one server never carries to another",
                self.action.token(),
                self.database,
                self.host
            ),
            ConsentMatch::NeedsHost => format!(
                "`{CONSENT_VAR}` names `{}` without its host, and another environment in driftless.toml has a database of the same name",
                self.database
            ),
            ConsentMatch::OtherAction { named } => format!(
                "`{CONSENT_VAR}` consents to {} only, not to `{}`",
                named
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                self.action.token()
            ),
            ConsentMatch::Malformed { value } => {
                format!("`{CONSENT_VAR}` (`{value}`) is not of the form `<action>:<database>`")
            }
        }
    }

    fn agent_sentence(&self) -> &'static str {
        if self.agent.is_some() {
            " If you are an AI agent, do not set it yourself: stop and ask the user whether they want this, and let them run it."
        } else {
            ""
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let environment = self
            .environment
            .as_ref()
            .map(|e| format!(" (environment `{e}`)"))
            .unwrap_or_default();
        write!(
            f,
            "refused to run `{}` on database `{}` at `{}`{environment}: it {}",
            self.action.command(),
            self.database,
            self.host,
            self.action.harm()
        )?;
        let consent = format!("`{CONSENT_VAR}={}`", self.consent_value);
        let prisma_note = if self.prisma_consent_set && self.protection.protected {
            format!(" (`{PRISMA_CONSENT_VAR}` is set, but it counts for local databases only)")
        } else {
            String::new()
        };
        match &self.reason {
            RefusalReason::NeedsAllowProtected => write!(
                f,
                ", and the database is protected: {}. To run it anyway, pass `--allow-protected`; then type the database name when asked on a terminal, or, where nobody can be asked (CI, scripts, AI agents), also set {consent} for this one command{prisma_note}.{}",
                self.protection,
                self.agent_sentence()
            ),
            RefusalReason::NeedsConsent { found } => {
                if self.protection.protected {
                    write!(
                        f,
                        ", the database is protected ({}), and nobody can be asked to confirm because {}; `--allow-protected` alone is not consent, and {}{prisma_note}. To allow it, run it on a terminal and type the database name, or set {consent} in the environment of this one command.{}",
                        self.protection,
                        self.session,
                        self.found_text(found),
                        self.agent_sentence()
                    )
                } else {
                    write!(
                        f,
                        ", which needs confirmation, and nobody can be asked because {}; {}. To allow it, run it on a terminal and answer `y`, or set {consent} in the environment of this one command.{}",
                        self.session,
                        self.found_text(found),
                        self.agent_sentence()
                    )
                }
            }
            RefusalReason::AgentNeedsConsent { found } => write!(
                f,
                ", and it was started by {} (detected through `{}`): destructive commands from AI agents need a person's consent, and {} nor is `{PRISMA_CONSENT_VAR}`. If the user agrees, run it again with `{PRISMA_CONSENT_VAR}` set to the user's words of consent (it counts for local databases only) or with {consent}.{}",
                self.agent.as_ref().map_or("an AI agent", |a| a.name),
                self.agent.as_ref().map_or("?", |a| a.variable),
                self.found_text(found),
                self.agent_sentence()
            ),
            RefusalReason::WrongAnswer { given } => write!(
                f,
                ", the database is protected ({}), and the name typed (`{given}`) is not `{}`. To run it, type `{}` exactly when asked.",
                self.protection, self.database, self.database
            ),
            RefusalReason::NoAnswer => match self.protection.protected {
                true => write!(
                    f,
                    ", the database is protected ({}), and no database name was typed. To run it, type `{}` when asked, or set {consent} for this one command.",
                    self.protection, self.database
                ),
                false => write!(
                    f,
                    ", and it was not confirmed. To run it, answer `y` when asked, or set {consent} for this one command."
                ),
            },
            RefusalReason::TerminateProtected => write!(
                f,
                ", and the database is protected ({}): driftless never ends sessions on a protected database. Check what the session is doing, and end it from a database console with `SELECT pg_terminate_backend(<pid>);` if it must go.",
                self.protection
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::UrlOrigin;

    fn target(url: &str, environment: Option<(&str, Option<bool>)>) -> DatabaseTarget {
        DatabaseTarget {
            url: DatabaseUrl::parse(url).unwrap(),
            origin: UrlOrigin::DatabaseUrlEnv,
            shadow: None,
            environment: environment.map(|(name, protected)| TargetEnvironment {
                name: name.to_string(),
                protected,
                selected: true,
            }),
        }
    }

    fn session(terminal: bool, vars: &[(&str, &str)]) -> Session {
        Session::from_lookup(terminal, false, |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_string())
        })
    }

    fn consents(driftless: Option<&str>, prisma: Option<&str>) -> Consents {
        Consents {
            driftless: driftless.map(str::to_string),
            prisma: prisma.map(str::to_string),
        }
    }

    fn ask(
        action: Action,
        target: &DatabaseTarget,
        allow: bool,
        session: &Session,
        consents: &Consents,
    ) -> Verdict {
        decide(&Request {
            action,
            target,
            allow_protected: allow,
            session,
            consents,
            namesakes: Vec::new(),
        })
    }

    #[test]
    fn protection_follows_the_environment_then_the_host() {
        let remote = target("postgresql://u:p@db.example.com/app", None);
        assert!(protection(&remote).protected);
        let local = target("postgresql://u:p@127.0.0.1:5432/app", None);
        assert!(!protection(&local).protected);
        let socket = target("postgresql://u@localhost/app?host=/run/postgresql", None);
        assert_eq!(protection(&socket).reason, ProtectionReason::UnixSocket);
        let declared = target("postgresql://u:p@127.0.0.1/app", Some(("prod", Some(true))));
        assert!(protection(&declared).protected);
        let opened = target(
            "postgresql://u:p@db.example.com/app",
            Some(("staging", Some(false))),
        );
        assert!(!protection(&opened).protected);
        let silent = target("postgresql://u:p@db.example.com/app", Some(("x", None)));
        assert!(protection(&silent).protected);
        let mut dev = target("postgresql://u:p@127.0.0.1:5999/app", None);
        dev.origin = UrlOrigin::DevDatabase { started: false };
        assert_eq!(protection(&dev).reason, ProtectionReason::DevDatabase);
    }

    #[test]
    fn protected_needs_the_flag_and_consent() {
        let prod = target(
            "postgresql://u:p@db.example.com/app",
            Some(("prod", Some(true))),
        );
        let script = session(false, &[]);
        let none = consents(None, None);
        let Verdict::Refused(refusal) = ask(Action::Reset, &prod, false, &script, &none) else {
            panic!("refused without the flag")
        };
        let text = refusal.to_string();
        assert!(text.contains("--allow-protected"), "{text}");
        assert!(text.contains("DRIFTLESS_CONSENT=reset:app"), "{text}");
        assert!(!text.contains("****") && !text.contains(":p@"), "{text}");
        // The flag alone is not consent without a terminal.
        let Verdict::Refused(refusal) = ask(Action::Reset, &prod, true, &script, &none) else {
            panic!("refused without consent")
        };
        assert!(
            refusal
                .to_string()
                .contains("standard input is not a terminal"),
            "{refusal}"
        );
        // The right consent.
        let right = consents(Some("reset:app"), None);
        assert_eq!(
            ask(Action::Reset, &prod, true, &script, &right),
            Verdict::Allowed(Consent::Variable)
        );
        // Consent for another database or action does not count.
        for (value, words) in [
            ("reset:other", "not on `app`"),
            ("resolve:app", "`resolve` only"),
            ("reset:app@elsewhere.example.com", "not at"),
            ("nonsense", "not of the form"),
        ] {
            let wrong = consents(Some(value), None);
            let Verdict::Refused(refusal) = ask(Action::Reset, &prod, true, &script, &wrong) else {
                panic!("{value} must not allow it")
            };
            assert!(refusal.to_string().contains(words), "{value}: {refusal}");
        }
        // Prisma's variable does not count on a protected database.
        let prisma = consents(None, Some("yes"));
        let Verdict::Refused(refusal) = ask(Action::Reset, &prod, true, &script, &prisma) else {
            panic!("Prisma's consent must not count")
        };
        assert!(
            refusal.to_string().contains("local databases only"),
            "{refusal}"
        );
        // A person at a terminal is asked for the name.
        let person = session(true, &[]);
        let Verdict::Ask(question) = ask(Action::Reset, &prod, true, &person, &none) else {
            panic!("a person is asked")
        };
        let request = Request {
            action: Action::Reset,
            target: &prod,
            allow_protected: true,
            session: &person,
            consents: &none,
            namesakes: Vec::new(),
        };
        assert_eq!(question.answer(&request, Some("app\n")), Ok(Consent::Typed));
        assert!(question.answer(&request, Some("yes")).is_err());
        assert!(question.answer(&request, None).is_err());
    }

    #[test]
    fn agents_and_ci_are_not_asked() {
        let prod = target("postgresql://u:p@db.example.com/app", None);
        let none = consents(None, None);
        for vars in [&[("CI", "true")][..], &[("CLAUDECODE", "1")][..]] {
            let s = session(true, vars);
            assert!(!s.interactive());
            assert!(matches!(
                ask(Action::Resolve, &prod, true, &s, &none),
                Verdict::Refused(_)
            ));
        }
        assert!(session(true, &[("CI", "false")]).interactive());
    }

    #[test]
    fn agents_need_consent_on_local_databases_for_prisma_guarded_actions() {
        let local = target("postgresql://u:p@localhost/app", None);
        let agent = session(false, &[("CLAUDECODE", "1")]);
        let none = consents(None, None);
        let Verdict::Refused(refusal) = ask(Action::Reset, &local, false, &agent, &none) else {
            panic!("an agent needs consent")
        };
        let text = refusal.to_string();
        assert!(text.contains("Claude Code"), "{text}");
        assert!(text.contains(PRISMA_CONSENT_VAR), "{text}");
        assert_eq!(
            ask(
                Action::Reset,
                &local,
                false,
                &agent,
                &consents(None, Some("yes"))
            ),
            Verdict::Allowed(Consent::PrismaVariable)
        );
        assert_eq!(
            ask(Action::MigrateDev, &local, false, &agent, &none),
            Verdict::Unguarded
        );
        let person = session(false, &[]);
        assert_eq!(
            ask(Action::Reset, &local, false, &person, &none),
            Verdict::Unguarded
        );
    }

    #[test]
    fn namesakes_need_the_host() {
        let prod = target("postgresql://u:p@db.example.com:5432/app", None);
        let script = session(false, &[]);
        fn request<'a>(
            target: &'a DatabaseTarget,
            session: &'a Session,
            consents: &'a Consents,
        ) -> Request<'a> {
            Request {
                action: Action::Reset,
                target,
                allow_protected: true,
                session,
                consents,
                namesakes: vec!["staging".into()],
            }
        }
        let bare = consents(Some("reset:app"), None);
        assert!(matches!(
            decide(&request(&prod, &script, &bare)),
            Verdict::Refused(_)
        ));
        for value in ["reset:app@db.example.com", "reset:app@db.example.com:5432"] {
            let qualified = consents(Some(value), None);
            assert_eq!(
                decide(&request(&prod, &script, &qualified)),
                Verdict::Allowed(Consent::Variable),
                "{value}"
            );
        }
        assert_eq!(
            request(&prod, &script, &bare).consent_value(),
            "reset:app@db.example.com:5432"
        );
    }

    #[test]
    fn sessions_are_never_ended_on_protected_databases() {
        let prod = target("postgresql://u:p@db.example.com/app", None);
        let person = session(true, &[]);
        let right = consents(Some("terminate:app"), None);
        assert!(matches!(
            ask(Action::Terminate, &prod, true, &person, &right),
            Verdict::Refused(_)
        ));
        let local = target("postgresql://u:p@127.0.0.1/app", None);
        assert!(matches!(
            ask(
                Action::Terminate,
                &local,
                false,
                &person,
                &consents(None, None)
            ),
            Verdict::Ask(Question {
                expected: Expected::Yes,
                ..
            })
        ));
        assert_eq!(
            ask(
                Action::Terminate,
                &local,
                false,
                &session(false, &[]),
                &right
            ),
            Verdict::Allowed(Consent::Variable)
        );
    }
}
