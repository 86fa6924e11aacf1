//! Changes → PostgreSQL SQL, in Prisma's layout: each step under its `-- CreateTable`
//! comment, Prisma's spelling of types (`TIMESTAMP(3)`, `DOUBLE PRECISION`, `SERIAL`) and
//! defaults, objects of the default schema unqualified. The same renderer serves migration
//! files, `migrate diff --script` and `db push`.

mod columns;
mod statements;

use driftless_diff::{Change, Migration};
use driftless_schema::{Pair, QualifiedName, Schema, TableLookup};

use crate::quote::{quote_ident, quote_qualified};

pub use columns::{column_definition, default_sql, type_sql_prisma};

/// What the renderer needs besides the changes.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Objects in this schema are written unqualified (the connection's `?schema=`, or
    /// `public`), as Prisma writes them.
    pub default_schema: String,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            default_schema: "public".to_string(),
        }
    }
}

/// Renders object names, qualified unless they are in the default schema.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    /// The schema whose objects are written unqualified.
    pub default_schema: &'a str,
}

impl Names<'_> {
    /// `"User"` or `"other"."User"`.
    pub fn qualified(&self, name: &QualifiedName) -> String {
        if name.schema == self.default_schema {
            quote_ident(&name.name)
        } else {
            quote_qualified(&name.schema, &name.name)
        }
    }

    /// An object that lives in a table's schema (an index): qualified like the table.
    pub fn in_schema_of(&self, table: &QualifiedName, name: &str) -> String {
        self.qualified(&QualifiedName::new(table.schema.clone(), name))
    }
}

/// The SQL statements of one change (without its step comment), each ending with `;`.
/// It indexes both schemas' tables on every call: to render many changes, use a
/// [`Renderer`].
pub fn render_change(
    change: &Change,
    schemas: Pair<&Schema>,
    options: &RenderOptions,
) -> Vec<String> {
    Renderer::new(schemas, options).render_change(change)
}

/// Renders the changes between two schemas, with their tables indexed once (a lookup by
/// search per change made rendering a whole schema quadratic in its number of tables).
pub struct Renderer<'a> {
    schemas: Pair<&'a Schema>,
    tables: Pair<TableLookup<'a>>,
    default_schema: &'a str,
}

impl<'a> Renderer<'a> {
    /// A renderer for changes from `schemas.previous` to `schemas.next`.
    pub fn new(schemas: Pair<&'a Schema>, options: &'a RenderOptions) -> Self {
        Renderer {
            schemas,
            tables: schemas.map(TableLookup::new),
            default_schema: &options.default_schema,
        }
    }

    /// The SQL statements of one change (without its step comment), each ending with `;`.
    pub fn render_change(&self, change: &Change) -> Vec<String> {
        let names = Names {
            default_schema: self.default_schema,
        };
        statements::render(change, self.schemas, self.tables.as_ref(), &names)
    }
}

/// The whole script, as `prisma migrate diff --script` prints it: every step under its
/// comment, separated by blank lines; an empty migration says so.
pub fn render_script(
    migration: &Migration,
    schemas: Pair<&Schema>,
    options: &RenderOptions,
) -> String {
    if migration.is_empty() {
        return "-- This is an empty migration.\n\n".to_string();
    }
    let renderer = Renderer::new(schemas, options);
    let mut out = String::new();
    for change in &migration.changes {
        let statements = renderer.render_change(change);
        if statements.is_empty() {
            continue;
        }
        out.push_str("-- ");
        out.push_str(change.step_name());
        out.push('\n');
        out.push_str(&statements.join("\n"));
        out.push_str("\n\n");
    }
    out
}
