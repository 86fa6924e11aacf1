//! Reading `prisma.config.ts` (Prisma 6.x and 7) without running it.
//!
//! Prisma 7 moved the database URL, the schema location, the migrations folder and the seed
//! command into a TypeScript file. We do not run JavaScript; we read the simple static forms
//! people write — string literals, `env("NAME")`, `process.env.NAME`, `a ?? "b"`,
//! `path.join(__dirname, "prisma")` — and say exactly which value is too dynamic to read
//! when it is not one of them, so the user can pass `--url` or set `DATABASE_URL` instead.

use std::path::{Path, PathBuf};

use crate::env::EnvVars;

/// File names Prisma looks for, in order.
pub const CONFIG_FILE_NAMES: &[&str] = &[
    "prisma.config.ts",
    "prisma.config.mts",
    "prisma.config.cts",
    "prisma.config.js",
    "prisma.config.mjs",
    "prisma.config.cjs",
    ".config/prisma.ts",
];

/// A value in the config file, as far as it can be read statically.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigExpr {
    /// A string literal (or a template literal without substitutions).
    Str(String),
    /// `env("NAME")` or `process.env.NAME`.
    Env(String),
    /// `a ?? b` or `a || b`: the first that has a value.
    Fallback(Box<ConfigExpr>, Box<ConfigExpr>),
    /// `path.join(__dirname, "a", "b")` / `path.resolve(...)`: a path relative to the file.
    Path(Vec<String>),
    /// An object literal.
    Object(Vec<(String, ConfigExpr)>),
    /// An array literal.
    Array(Vec<ConfigExpr>),
    /// A number, boolean, `null` or `undefined`, as written.
    Scalar(String),
    /// Anything else, with its source text: computed at run time.
    Dynamic(String),
}

/// A value that cannot be read without running the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{key}` in `{}` is computed (`{text}`), which driftless cannot read without running the file", file.display())]
pub struct DynamicValue {
    /// The config file.
    pub file: PathBuf,
    /// Dotted key (`datasource.url`).
    pub key: String,
    /// The source text of the value.
    pub text: String,
}

/// What `prisma.config.ts` says, read statically.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrismaConfig {
    /// The file.
    pub path: PathBuf,
    /// The default-exported object, or `Dynamic` when it is not a literal.
    pub root: ConfigExpr,
}

impl PrismaConfig {
    /// Finds the config file in `dir` (the first of [`CONFIG_FILE_NAMES`] that exists).
    pub fn find(dir: &Path) -> Option<PathBuf> {
        CONFIG_FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|p| p.is_file())
    }

    /// Reads and parses a config file.
    pub fn read(path: &Path) -> std::io::Result<PrismaConfig> {
        let text = fs_err::read_to_string(path)?;
        Ok(PrismaConfig {
            path: path.to_path_buf(),
            root: parse_config_text(&text),
        })
    }

    /// The expression at a dotted key (`datasource.url`), if the file has one there.
    pub fn get(&self, key: &str) -> Option<&ConfigExpr> {
        let mut current = &self.root;
        for part in key.split('.') {
            match current {
                ConfigExpr::Object(props) => {
                    current = props
                        .iter()
                        .rev()
                        .find(|(k, _)| k == part)
                        .map(|(_, v)| v)?;
                }
                _ => return None,
            }
        }
        Some(current)
    }

    /// Whether the whole exported value could not be read (for messages).
    pub fn is_opaque(&self) -> bool {
        matches!(self.root, ConfigExpr::Dynamic(_))
    }

    /// Evaluates a string value at `key`: `Ok(None)` when absent or when every variable it
    /// names is unset, `Err` when it is computed in a way we cannot follow.
    pub fn string(&self, key: &str, env: &EnvVars) -> Result<Option<ConfigString>, DynamicValue> {
        let Some(expr) = self.get(key) else {
            if let ConfigExpr::Dynamic(text) = &self.root {
                if key.starts_with("datasource") {
                    return Err(DynamicValue {
                        file: self.path.clone(),
                        key: "export default".to_string(),
                        text: text.clone(),
                    });
                }
            }
            return Ok(None);
        };
        self.eval(expr, key, env)
    }

    fn eval(
        &self,
        expr: &ConfigExpr,
        key: &str,
        env: &EnvVars,
    ) -> Result<Option<ConfigString>, DynamicValue> {
        let dynamic = |text: &str| DynamicValue {
            file: self.path.clone(),
            key: key.to_string(),
            text: text.to_string(),
        };
        match expr {
            ConfigExpr::Str(s) => Ok(Some(ConfigString {
                value: s.clone(),
                env_name: None,
            })),
            ConfigExpr::Env(name) => Ok(Some(ConfigString {
                value: env.get(name).unwrap_or_default(),
                env_name: Some(name.clone()),
            })),
            ConfigExpr::Fallback(a, b) => match self.eval(a, key, env)? {
                Some(s) if !s.value.is_empty() => Ok(Some(s)),
                first => match self.eval(b, key, env)? {
                    Some(s) if !s.value.is_empty() => Ok(Some(s)),
                    second => Ok(first.or(second)),
                },
            },
            ConfigExpr::Path(parts) => {
                let base = self.path.parent().unwrap_or(Path::new("."));
                let joined = parts.iter().fold(base.to_path_buf(), |acc, p| acc.join(p));
                Ok(Some(ConfigString {
                    value: joined.display().to_string(),
                    env_name: None,
                }))
            }
            ConfigExpr::Scalar(s) if s == "undefined" || s == "null" => Ok(None),
            ConfigExpr::Scalar(s) | ConfigExpr::Dynamic(s) => Err(dynamic(s)),
            ConfigExpr::Object(_) => Err(dynamic("{ … }")),
            ConfigExpr::Array(_) => Err(dynamic("[ … ]")),
        }
    }
}

/// A string read from the config: its value and, when it came from `env("NAME")`, the name.
/// An empty `value` with an `env_name` means the variable is not set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigString {
    /// The value (empty when the variable is unset).
    pub value: String,
    /// The environment variable it was read from.
    pub env_name: Option<String>,
}

/// Parses the text of a config file and returns its default-exported value.
pub fn parse_config_text(text: &str) -> ConfigExpr {
    let tokens = tokenize(text);
    let mut parser = Parser {
        tokens: &tokens,
        pos: 0,
    };
    // `defineConfig({ ... })`, possibly with a type argument.
    for (i, token) in tokens.iter().enumerate() {
        if *token != Token::Ident("defineConfig".into()) {
            continue;
        }
        parser.pos = i + 1;
        parser.skip_type_arguments();
        if parser.eat(&Token::Punct("(")) {
            return parser.value();
        }
    }
    // `export default { ... }` or `export default config` with `const config = { ... }`.
    if let Some(i) = tokens.windows(2).position(|w| {
        w[0] == Token::Ident("export".into()) && w[1] == Token::Ident("default".into())
    }) {
        parser.pos = i + 2;
        if let Some(Token::Ident(name)) = parser.peek().cloned() {
            if let Some(decl) = find_declaration(&tokens, &name) {
                parser.pos = decl;
                return parser.value();
            }
        }
        return parser.value();
    }
    ConfigExpr::Dynamic("no `defineConfig(...)` or `export default` found".to_string())
}

fn find_declaration(tokens: &[Token], name: &str) -> Option<usize> {
    tokens.windows(3).enumerate().find_map(|(i, w)| {
        let is_decl = matches!(&w[0], Token::Ident(k) if k == "const" || k == "let" || k == "var");
        if is_decl && w[1] == Token::Ident(name.to_string()) {
            // Skip an optional type annotation up to `=`.
            let mut j = i + 2;
            while j < tokens.len() && tokens[j] != Token::Punct("=") {
                j += 1;
            }
            (j < tokens.len()).then_some(j + 1)
        } else {
            None
        }
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    Str(String),
    /// A template literal; `None` when it has `${…}` substitutions.
    Template(Option<String>),
    Number(String),
    Punct(&'static str),
    Other(char),
}

const PUNCTS: &[&str] = &[
    "...", "??", "||", "&&", "=>", "?.", "{", "}", "(", ")", "[", "]", ",", ":", ".", "=", "!",
    "<", ">", ";", "?",
];

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '"' || c == '\'' {
            let (s, next) = read_string(&chars, i + 1, c);
            out.push(Token::Str(s));
            i = next;
        } else if c == '`' {
            let mut s = String::new();
            let mut substituted = false;
            i += 1;
            while i < chars.len() && chars[i] != '`' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    s.push(chars[i + 1]);
                    i += 2;
                    continue;
                }
                if chars[i] == '$' && chars.get(i + 1) == Some(&'{') {
                    substituted = true;
                }
                s.push(chars[i]);
                i += 1;
            }
            i += 1;
            out.push(Token::Template((!substituted).then_some(s)));
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || chars[i] == '.' || chars[i] == '_')
            {
                i += 1;
            }
            out.push(Token::Number(chars[start..i].iter().collect()));
        } else if let Some(p) = PUNCTS.iter().find(|p| {
            p.chars()
                .enumerate()
                .all(|(k, pc)| chars.get(i + k) == Some(&pc))
        }) {
            out.push(Token::Punct(p));
            i += p.chars().count();
        } else {
            out.push(Token::Other(c));
            i += 1;
        }
    }
    out
}

fn read_string(chars: &[char], mut i: usize, quote: char) -> (String, usize) {
    let mut s = String::new();
    while i < chars.len() && chars[i] != quote {
        if chars[i] == '\\' && i + 1 < chars.len() {
            s.push(match chars[i + 1] {
                'n' => '\n',
                't' => '\t',
                other => other,
            });
            i += 2;
            continue;
        }
        s.push(chars[i]);
        i += 1;
    }
    (s, i + 1)
}

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn eat(&mut self, token: &Token) -> bool {
        if self.peek() == Some(token) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn skip_type_arguments(&mut self) {
        if self.eat(&Token::Punct("<")) {
            let mut depth = 1;
            while depth > 0 && self.pos < self.tokens.len() {
                match self.peek() {
                    Some(Token::Punct("<")) => depth += 1,
                    Some(Token::Punct(">")) => depth -= 1,
                    _ => {}
                }
                self.pos += 1;
            }
        }
    }

    /// A value, then an optional `?? other` / `|| other`, `as T`, `satisfies T` or `!`.
    fn value(&mut self) -> ConfigExpr {
        let start = self.pos;
        let mut value = self.primary();
        loop {
            if self.eat(&Token::Punct("!")) {
                continue;
            }
            if self.eat(&Token::Punct("??")) || self.eat(&Token::Punct("||")) {
                let other = self.primary();
                value = ConfigExpr::Fallback(Box::new(value), Box::new(other));
                continue;
            }
            if matches!(self.peek(), Some(Token::Ident(k)) if k == "as" || k == "satisfies") {
                self.pos += 1;
                self.skip_expression();
                continue;
            }
            break;
        }
        // Anything else before the end of the value makes it dynamic.
        if !matches!(
            self.peek(),
            None | Some(Token::Punct(","))
                | Some(Token::Punct("}"))
                | Some(Token::Punct(")"))
                | Some(Token::Punct("]"))
                | Some(Token::Punct(";"))
        ) {
            self.skip_expression();
            return ConfigExpr::Dynamic(self.text(start));
        }
        value
    }

    fn primary(&mut self) -> ConfigExpr {
        let start = self.pos;
        match self.peek().cloned() {
            Some(Token::Punct("{")) => {
                self.pos += 1;
                self.object(start)
            }
            Some(Token::Punct("[")) => {
                self.pos += 1;
                let mut items = Vec::new();
                while !self.eat(&Token::Punct("]")) {
                    if self.peek().is_none() {
                        return ConfigExpr::Dynamic(self.text(start));
                    }
                    items.push(self.value());
                    self.eat(&Token::Punct(","));
                }
                ConfigExpr::Array(items)
            }
            Some(Token::Str(s)) => {
                self.pos += 1;
                ConfigExpr::Str(s)
            }
            Some(Token::Template(Some(s))) => {
                self.pos += 1;
                ConfigExpr::Str(s)
            }
            Some(Token::Number(n)) => {
                self.pos += 1;
                ConfigExpr::Scalar(n)
            }
            Some(Token::Ident(word)) => self.identifier_expression(&word, start),
            _ => {
                self.skip_expression();
                ConfigExpr::Dynamic(self.text(start))
            }
        }
    }

    fn identifier_expression(&mut self, word: &str, start: usize) -> ConfigExpr {
        self.pos += 1;
        match word {
            "true" | "false" | "null" | "undefined" => ConfigExpr::Scalar(word.to_string()),
            "env" => {
                self.skip_type_arguments();
                if self.eat(&Token::Punct("(")) {
                    if let Some(Token::Str(name)) = self.peek().cloned() {
                        self.pos += 1;
                        if self.eat(&Token::Punct(")")) {
                            return ConfigExpr::Env(name);
                        }
                    }
                }
                self.skip_expression();
                ConfigExpr::Dynamic(self.text(start))
            }
            "process" => {
                // process.env.NAME | process.env["NAME"]
                if self.eat(&Token::Punct(".")) && self.eat(&Token::Ident("env".into())) {
                    if self.eat(&Token::Punct(".")) {
                        if let Some(Token::Ident(name)) = self.peek().cloned() {
                            self.pos += 1;
                            return ConfigExpr::Env(name);
                        }
                    } else if self.eat(&Token::Punct("[")) {
                        if let Some(Token::Str(name)) = self.peek().cloned() {
                            self.pos += 1;
                            if self.eat(&Token::Punct("]")) {
                                return ConfigExpr::Env(name);
                            }
                        }
                    }
                }
                self.skip_expression();
                ConfigExpr::Dynamic(self.text(start))
            }
            "path" | "join" | "resolve" => {
                if word == "path" {
                    let is_join = self.eat(&Token::Punct("."))
                        && matches!(self.peek(), Some(Token::Ident(f)) if f == "join" || f == "resolve");
                    if !is_join {
                        self.skip_expression();
                        return ConfigExpr::Dynamic(self.text(start));
                    }
                    self.pos += 1;
                }
                if !self.eat(&Token::Punct("(")) {
                    self.skip_expression();
                    return ConfigExpr::Dynamic(self.text(start));
                }
                let mut parts = Vec::new();
                loop {
                    match self.peek().cloned() {
                        Some(Token::Punct(")")) => {
                            self.pos += 1;
                            return ConfigExpr::Path(parts);
                        }
                        Some(Token::Punct(",")) => self.pos += 1,
                        Some(Token::Str(s)) => {
                            parts.push(s);
                            self.pos += 1;
                        }
                        Some(Token::Ident(d)) if d == "__dirname" || d == "process" => {
                            // `__dirname` or `process.cwd()`: the config's own folder (the
                            // project root for the CLI).
                            self.pos += 1;
                            if d == "process" {
                                let _ = self.eat(&Token::Punct("."))
                                    && self.eat(&Token::Ident("cwd".into()))
                                    && self.eat(&Token::Punct("("))
                                    && self.eat(&Token::Punct(")"));
                            }
                        }
                        Some(Token::Ident(i)) if i == "import" => {
                            // import.meta.dirname
                            self.pos += 1;
                            let _ = self.eat(&Token::Punct("."))
                                && self.eat(&Token::Ident("meta".into()))
                                && self.eat(&Token::Punct("."))
                                && self.eat(&Token::Ident("dirname".into()));
                        }
                        _ => {
                            self.skip_expression();
                            return ConfigExpr::Dynamic(self.text(start));
                        }
                    }
                }
            }
            _ => {
                self.skip_expression();
                ConfigExpr::Dynamic(self.text(start))
            }
        }
    }

    fn object(&mut self, start: usize) -> ConfigExpr {
        let mut props = Vec::new();
        loop {
            match self.peek().cloned() {
                None => return ConfigExpr::Dynamic(self.text(start)),
                Some(Token::Punct("}")) => {
                    self.pos += 1;
                    return ConfigExpr::Object(props);
                }
                Some(Token::Punct(",")) => self.pos += 1,
                Some(Token::Ident(key)) | Some(Token::Str(key)) => {
                    self.pos += 1;
                    if self.eat(&Token::Punct(":")) {
                        let value = self.value();
                        props.push((key, value));
                    } else if matches!(self.peek(), Some(Token::Punct("(")) | Some(Token::Ident(_)))
                    {
                        // A method or `async adapter() {}`: skip it.
                        self.skip_expression();
                    } else {
                        // Shorthand `{ datasource }`: a variable we do not follow.
                        props.push((key.clone(), ConfigExpr::Dynamic(key)));
                    }
                }
                Some(_) => {
                    // `...spread` or something unexpected.
                    let at = self.pos;
                    self.skip_expression();
                    if self.pos == at {
                        self.pos += 1;
                    }
                }
            }
        }
    }

    /// Skips to the end of the current expression: the next `,`, `}`, `)` or `]` at depth 0.
    fn skip_expression(&mut self) {
        let mut depth = 0usize;
        while let Some(token) = self.peek() {
            match token {
                Token::Punct("{") | Token::Punct("(") | Token::Punct("[") => depth += 1,
                Token::Punct("}") | Token::Punct(")") | Token::Punct("]") => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                }
                Token::Punct(",") | Token::Punct(";") if depth == 0 => return,
                _ => {}
            }
            self.pos += 1;
        }
    }

    fn text(&self, start: usize) -> String {
        let mut out = String::new();
        for token in &self.tokens[start..self.pos.min(self.tokens.len())] {
            let piece = match token {
                Token::Ident(s) | Token::Number(s) => s.clone(),
                Token::Str(s) => format!("\"{s}\""),
                Token::Template(Some(s)) => format!("`{s}`"),
                Token::Template(None) => "`…${…}…`".to_string(),
                Token::Punct(p) => (*p).to_string(),
                Token::Other(c) => c.to_string(),
            };
            if !out.is_empty()
                && !matches!(token, Token::Punct(_))
                && !out.ends_with(['.', '(', '['])
            {
                out.push(' ');
            }
            out.push_str(&piece);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> PrismaConfig {
        PrismaConfig {
            path: PathBuf::from("/p/prisma.config.ts"),
            root: parse_config_text(text),
        }
    }

    #[test]
    fn reads_the_prisma_7_shape() {
        let c = config(
            r#"import 'dotenv/config'
import { defineConfig, env } from "prisma/config";
import type { PrismaConfig } from "prisma";
// the config
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: `tsx prisma/seed.ts` },
  datasource: { url: env("DATABASE_URL"), shadowDatabaseUrl: process.env.SHADOW_URL },
});"#,
        );
        let env = EnvVars::fixed(&[("DATABASE_URL", "postgresql://x@h/db")]);
        assert_eq!(
            c.string("schema", &env).unwrap().unwrap().value,
            "prisma/schema.prisma"
        );
        assert_eq!(
            c.string("migrations.path", &env).unwrap().unwrap().value,
            "prisma/migrations"
        );
        assert_eq!(
            c.string("migrations.seed", &env).unwrap().unwrap().value,
            "tsx prisma/seed.ts"
        );
        let url = c.string("datasource.url", &env).unwrap().unwrap();
        assert_eq!(url.value, "postgresql://x@h/db");
        assert_eq!(url.env_name.as_deref(), Some("DATABASE_URL"));
        let shadow = c
            .string("datasource.shadowDatabaseUrl", &env)
            .unwrap()
            .unwrap();
        assert_eq!(
            (shadow.value.as_str(), shadow.env_name.as_deref()),
            ("", Some("SHADOW_URL"))
        );
    }

    #[test]
    fn fallbacks_paths_and_named_exports() {
        let c = config(
            r#"import path from "node:path";
const config: PrismaConfig = {
  schema: path.join(__dirname, "db", "schema"),
  datasource: { url: process.env["DB_URL"]! ?? "postgresql://fallback@h/db" },
} satisfies PrismaConfig;
export default config;"#,
        );
        let env = EnvVars::fixed(&[]);
        assert_eq!(
            c.string("schema", &env).unwrap().unwrap().value,
            "/p/db/schema"
        );
        assert_eq!(
            c.string("datasource.url", &env).unwrap().unwrap().value,
            "postgresql://fallback@h/db"
        );
    }

    #[test]
    fn computed_values_are_reported_with_their_text() {
        let c = config(
            r#"export default defineConfig({ datasource: { url: buildUrl(process.env.HOST) }, schema: `${root}/schema.prisma` })"#,
        );
        let env = EnvVars::fixed(&[]);
        let err = c.string("datasource.url", &env).unwrap_err();
        assert_eq!(err.key, "datasource.url");
        assert!(err.text.starts_with("buildUrl"), "{}", err.text);
        assert!(c.string("schema", &env).is_err());
        assert_eq!(c.string("migrations.path", &env).unwrap(), None);
    }

    #[test]
    fn prisma_6_adapter_configs_are_read_around_their_methods() {
        let c = config(
            r#"export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  async adapter() { return new PrismaPg({ connectionString: process.env.DATABASE_URL }) },
})"#,
        );
        let env = EnvVars::fixed(&[]);
        assert_eq!(
            c.string("schema", &env).unwrap().unwrap().value,
            "prisma/schema.prisma"
        );
        assert_eq!(c.string("datasource.url", &env).unwrap(), None);
    }
}
