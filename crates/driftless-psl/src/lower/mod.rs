//! Lowering: a validated schema → the [`Schema`] model, exactly as Prisma's
//! `migrate diff --from-empty` would create it on PostgreSQL.
//!
//! Every convention here was checked against Prisma 7.10 (the cached SQL in
//! `testdata/schemas/*/prisma.sql`): tables and columns in declaration order, `@map`/`@@map`
//! names, one unique *index* per `@unique`/`@@unique` (not a constraint), default names
//! shortened to 63 bytes, foreign keys with Prisma's default actions, `_AToB` join tables for
//! implicit many-to-many relations, serial sequences for `autoincrement()`, no foreign keys
//! under `relationMode = "prisma"`, and no SQL at all for views.

mod columns;
pub(crate) mod naming;

use std::collections::BTreeMap;

use driftless_diagnostics::{Diagnostic, Diagnostics, Span};
use driftless_schema::{
    Column, Deferral, Dialect, Extension, ForeignKey, ForeignKeyAction, Index, IndexColumn,
    IndexKey, IndexMethod, NullsOrder, PrimaryKey, QualifiedName, Schema, Sequence, SortOrder,
    Table, View, ViewKind,
};

use crate::ParsedSchema;
use crate::resolve::{
    Db, FieldRef, IndexAlgorithm, IndexKind, ModelKind, ReferentialAction, Relation, Sort,
};

/// Options of [`lower_with`]: what the schema itself cannot say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LowerOptions {
    /// The schema objects go to when neither `@@schema` nor `schemas` says otherwise. Prisma
    /// takes it from the connection URL's `?schema=` parameter, `public` without one.
    pub default_schema: String,
}

impl Default for LowerOptions {
    fn default() -> Self {
        LowerOptions {
            default_schema: "public".to_string(),
        }
    }
}

/// Lowers a parsed schema with the default options (objects in `public`).
pub fn lower(parsed: &ParsedSchema) -> (Schema, Diagnostics) {
    lower_with(parsed, &LowerOptions::default())
}

/// Lowers a parsed schema: the model Prisma's SQL would create, and every diagnostic
/// (syntax, validation, and database name collisions). When there are errors the model is
/// as complete as the valid parts allow.
pub fn lower_with(parsed: &ParsedSchema, options: &LowerOptions) -> (Schema, Diagnostics) {
    let (db, mut diagnostics) = crate::validate::run(parsed);
    let Some(db) = db else {
        return (
            Schema::new(Dialect::Postgres, vec![options.default_schema.clone()]),
            diagnostics,
        );
    };
    let schema = Lowering {
        db: &db,
        default_schema: &options.default_schema,
        diagnostics: &mut diagnostics,
        names: NameRegistry::default(),
    }
    .run();
    // In source order, whichever stage found them.
    diagnostics.sort();
    (schema, diagnostics)
}

/// Where each database name was declared, to report collisions PostgreSQL would refuse.
#[derive(Default)]
struct NameRegistry {
    /// (namespace, name) of relations and types: tables, views, join tables, enums, and the
    /// indexes behind keys and unique/normal indexes.
    relations: BTreeMap<(String, String), (String, Span)>,
    /// (table, name) of foreign keys and primary keys.
    constraints: BTreeMap<(QualifiedName, String), (String, Span)>,
}

struct Lowering<'l, 'a> {
    db: &'l Db<'a>,
    default_schema: &'l str,
    diagnostics: &'l mut Diagnostics,
    names: NameRegistry,
}

impl Lowering<'_, '_> {
    fn namespace(&self, schema: Option<(&str, Span)>) -> String {
        match schema {
            Some((name, _)) => name.to_string(),
            None => self.default_schema.to_string(),
        }
    }

    fn table_name(&self, model: usize) -> QualifiedName {
        let info = &self.db.models[model];
        QualifiedName::new(
            self.namespace(info.schema),
            identifier(info.database_name()),
        )
    }

    /// Registers a name in a namespace shared by tables, types and indexes.
    /// Returns whether the name was free.
    fn claim_relation_name(&mut self, namespace: &str, name: &str, what: &str, span: Span) -> bool {
        let key = (namespace.to_string(), name.to_string());
        if let Some((first, first_span)) = self.names.relations.get(&key) {
            let diagnostic = Diagnostic::error(
                "duplicate-database-name",
                format!(
                    "the {what} `{name}` would have the same name as the {first} `{name}` in the schema `{namespace}`: PostgreSQL keeps tables, types and indexes of a schema in one namespace"
                ),
                span,
            )
            .with_label(*first_span, format!("the {first} is declared here"))
            .with_help("give one of them another database name with `map:` or `@@map`");
            self.diagnostics.push(diagnostic);
            false
        } else {
            self.names.relations.insert(key, (what.to_string(), span));
            true
        }
    }

    fn claim_constraint_name(&mut self, table: &QualifiedName, name: &str, what: &str, span: Span) {
        let key = (table.clone(), name.to_string());
        if let Some((first, first_span)) = self.names.constraints.get(&key) {
            let diagnostic = Diagnostic::error(
                "duplicate-database-name",
                format!(
                    "the {what} `{name}` would have the same name as the {first} `{name}` on table `{}`",
                    table.name
                ),
                span,
            )
            .with_label(*first_span, format!("the {first} is declared here"))
            .with_help("give one of them another name with `map:`");
            self.diagnostics.push(diagnostic);
        } else {
            self.names.constraints.insert(key, (what.to_string(), span));
        }
    }

    fn run(mut self) -> Schema {
        let datasource = self.db.configuration.datasource().cloned();
        let namespaces = match &datasource {
            Some(d) if !d.schemas.is_empty() => d.schemas.clone(),
            _ => vec![self.default_schema.to_string()],
        };
        let mut schema = Schema::new(Dialect::Postgres, namespaces);
        if let Some(datasource) = &datasource {
            for spec in &datasource.extension_specs {
                schema.extensions.push(Extension {
                    name: spec.database_name().to_string(),
                    schema: spec.schema.clone(),
                    version: spec.version.clone(),
                });
            }
        }
        let db = self.db;
        for e in &db.enums {
            let namespace = self.namespace(e.schema);
            self.claim_relation_name(&namespace, e.database_name(), "enum", e.ast.name.span);
            let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
            for (position, value) in e.values.iter().enumerate() {
                let name = value.database_name();
                if e.values[..position]
                    .iter()
                    .any(|v| v.name() == value.name())
                {
                    // Reported as a duplicate value already.
                    continue;
                }
                if let Some(first) = seen.get(name) {
                    self.diagnostics.push(
                        Diagnostic::error(
                            "duplicate-database-name",
                            format!(
                                "two values of the enum `{}` are stored as `{name}`",
                                e.name()
                            ),
                            value.mapped_name.map_or(value.ast.name.span, |(_, s)| s),
                        )
                        .with_label(*first, "the other one"),
                    );
                } else {
                    seen.insert(
                        name,
                        value.mapped_name.map_or(value.ast.name.span, |(_, s)| s),
                    );
                }
            }
            schema.enums.push(driftless_schema::Enum {
                name: QualifiedName::new(namespace, identifier(e.database_name())),
                values: e
                    .values
                    .iter()
                    .map(|v| v.database_name().to_string())
                    .collect(),
            });
        }
        let extensions = schema.extensions.clone();
        let default_schema = self.default_schema.to_string();
        let extension_schema = move |name: &str| -> String {
            extensions
                .iter()
                .find(|e| e.name == name)
                .and_then(|e| e.schema.clone())
                .unwrap_or_else(|| default_schema.clone())
        };
        for (index, model) in db.models.iter().enumerate() {
            let name = self.table_name(index);
            let span = model.mapped_name.map_or(model.ast.name.span, |(_, s)| s);
            match model.kind {
                ModelKind::View => {
                    self.claim_relation_name(&name.schema, &name.name, "view", span);
                    schema.views.push(View {
                        name,
                        kind: ViewKind::View,
                        definition: None,
                    });
                }
                ModelKind::Model => {
                    if !self.claim_relation_name(&name.schema, &name.name, "table", span) {
                        // The clash is reported; a second table of that name would only
                        // add follow-up clashes of its keys and indexes.
                        continue;
                    }
                    let table = self.table(index, &extension_schema, &mut schema.sequences);
                    schema.tables.push(table);
                }
            }
        }
        let foreign_keys = !datasource
            .as_ref()
            .is_some_and(|d| d.relation_mode_is_prisma());
        if foreign_keys {
            self.inline_foreign_keys(&mut schema);
        }
        for relation in &db.relations {
            if let Relation::ManyToMany {
                name,
                field_a,
                field_b,
            } = relation
                && let Some(table) =
                    self.join_table(name, *field_a, *field_b, foreign_keys, &extension_schema)
            {
                schema.tables.push(table);
            }
        }
        schema
    }

    fn table(
        &mut self,
        model_index: usize,
        extension_schema: &dyn Fn(&str) -> String,
        sequences: &mut Vec<Sequence>,
    ) -> Table {
        let db = self.db;
        let model = &db.models[model_index];
        let name = self.table_name(model_index);
        let mut table = Table::new(name.clone());
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for (position, field) in model.fields.iter().enumerate() {
            let Some(column_type) =
                columns::column_type(db, field, self.default_schema, extension_schema)
            else {
                continue;
            };
            let column_name = identifier(field.database_name());
            let span = field.mapped_name.map_or(field.ast.name.span, |(_, s)| s);
            let repeated_field = model.fields[..position]
                .iter()
                .any(|f| f.name() == field.name());
            if repeated_field {
                // Reported as a duplicate field already.
                continue;
            }
            if let Some(first) = seen.get(column_name) {
                self.diagnostics.push(
                    Diagnostic::error(
                        "duplicate-database-name",
                        format!(
                            "two fields of `{}` are stored in the column `{column_name}`",
                            model.name()
                        ),
                        span,
                    )
                    .with_label(*first, "the other field"),
                );
                continue;
            }
            seen.insert(column_name, span);
            let sequence_name = QualifiedName::new(
                name.schema.clone(),
                naming::serial_sequence(&name.name, column_name),
            );
            let default = field
                .default
                .as_ref()
                .and_then(|d| columns::default_value(db, field, &d.value, &sequence_name));
            if matches!(default, Some(driftless_schema::DefaultValue::Sequence(_))) {
                let mut sequence = Sequence::with_defaults(
                    sequence_name.clone(),
                    columns::serial_data_type(&column_type),
                );
                sequence.owned_by = Some((name.clone(), column_name.to_string()));
                sequences.push(sequence);
            }
            let mut column = Column::new(column_name, column_type);
            column.nullable = !field.is_required();
            column.default = default;
            table.columns.push(column);
        }
        if let Some(pk) = &model.primary_key {
            let columns: Vec<String> = pk
                .fields
                .iter()
                .map(|f| identifier(model.fields[f.field].database_name()).to_string())
                .collect();
            let pk_name = pk
                .map
                .map_or_else(|| naming::primary_key(&name.name), |(n, _)| n.to_string());
            let span = pk.map.map_or(pk.span, |(_, s)| s);
            self.claim_relation_name(&name.schema, &pk_name, "primary key", span);
            table.primary_key = Some(PrimaryKey {
                name: pk_name,
                columns,
                deferral: Deferral::NotDeferrable,
            });
        }
        for index in &model.indexes {
            if index.kind == IndexKind::Fulltext {
                continue;
            }
            let column_names: Vec<&str> = index
                .fields
                .iter()
                .map(|f| model.fields[f.field].database_name())
                .collect();
            let unique = index.kind == IndexKind::Unique;
            let index_name = index.map.map_or_else(
                || {
                    if unique {
                        naming::unique_index(&name.name, &column_names)
                    } else {
                        naming::index(&name.name, &column_names)
                    }
                },
                |(n, _)| n.to_string(),
            );
            let span = index.map.map_or(index.span, |(_, s)| s);
            let what = if unique { "unique index" } else { "index" };
            self.claim_relation_name(&name.schema, &index_name, what, span);
            let method = match index.algorithm.map(|(a, _)| a) {
                None | Some(IndexAlgorithm::BTree) => IndexMethod::BTree,
                Some(IndexAlgorithm::Hash) => IndexMethod::Hash,
                Some(IndexAlgorithm::Gist) => IndexMethod::Gist,
                Some(IndexAlgorithm::Gin) => IndexMethod::Gin,
                Some(IndexAlgorithm::SpGist) => IndexMethod::SpGist,
                Some(IndexAlgorithm::Brin) => IndexMethod::Brin,
            };
            let columns = index
                .fields
                .iter()
                .map(|f| IndexColumn {
                    key: IndexKey::Column(
                        identifier(model.fields[f.field].database_name()).to_string(),
                    ),
                    sort: match f.sort {
                        Some(Sort::Desc) => SortOrder::Desc,
                        _ => SortOrder::Asc,
                    },
                    nulls: NullsOrder::Default,
                    opclass: f
                        .ops
                        .as_ref()
                        .map(|o| o.sql_name().to_string())
                        .filter(|o| !is_default_opclass(method.as_str(), o)),
                    collation: None,
                })
                .collect();
            table.indexes.push(Index {
                name: index_name,
                unique,
                method,
                columns,
                include: Vec::new(),
                predicate: index.predicate.map(|(p, _)| p.to_string()),
                nulls_not_distinct: false,
                storage: Vec::new(),
                valid: true,
            });
        }
        table
    }

    /// Foreign keys of 1:1 and 1:n relations, on the table of the side with `fields`, in
    /// the order of its relation fields.
    fn inline_foreign_keys(&mut self, schema: &mut Schema) {
        let db = self.db;
        let mut forward: Vec<(FieldRef, usize)> = db
            .relations
            .iter()
            .filter_map(|r| match r {
                Relation::Inline {
                    forward,
                    referenced_model,
                    ..
                } => Some((*forward, *referenced_model)),
                Relation::ManyToMany { .. } => None,
            })
            .collect();
        // Prisma's SQL adds them table by table, in the order of the relation fields.
        forward.sort_by_key(|(f, _)| (f.model, f.field));
        // Tables by name: a search of the table list per foreign key was quadratic.
        let positions: std::collections::HashMap<QualifiedName, usize> = schema
            .tables
            .iter()
            .enumerate()
            .rev()
            .map(|(i, t)| (t.name.clone(), i))
            .collect();
        for (field_ref, referenced_model) in forward {
            let model = &db.models[field_ref.model];
            if model.kind != ModelKind::Model
                || db.models[referenced_model].kind != ModelKind::Model
            {
                continue;
            }
            let field = &model.fields[field_ref.field];
            let (Some(fields), Some(references)) =
                (&field.relation.fields, &field.relation.references)
            else {
                continue;
            };
            let target = &db.models[referenced_model];
            let columns: Vec<&str> = fields
                .iter()
                .map(|&i| model.fields[i].database_name())
                .collect();
            let referenced_columns: Vec<String> = references
                .iter()
                .map(|&i| identifier(target.fields[i].database_name()).to_string())
                .collect();
            let table_name = self.table_name(field_ref.model);
            let fk_name = field.relation.map.map_or_else(
                || naming::foreign_key(&table_name.name, &columns),
                |(n, _)| n.to_string(),
            );
            let span = field.relation.map.map_or(field.ast.span, |(_, s)| s);
            self.claim_constraint_name(&table_name, &fk_name, "foreign key", span);
            let on_delete = match field.relation.on_delete {
                Some((action, _)) => action_of(action),
                None if field.is_required() => ForeignKeyAction::Restrict,
                None => ForeignKeyAction::SetNull,
            };
            let on_update = field
                .relation
                .on_update
                .map_or(ForeignKeyAction::Cascade, |(action, _)| action_of(action));
            let foreign_key = ForeignKey {
                name: fk_name,
                columns: columns.iter().map(|c| identifier(c).to_string()).collect(),
                referenced_table: self.table_name(referenced_model),
                referenced_columns,
                on_delete,
                on_update,
                deferral: Deferral::NotDeferrable,
                match_full: false,
                validated: true,
            };
            if let Some(table) = positions
                .get(&table_name)
                .and_then(|&i| schema.tables.get_mut(i))
            {
                table.foreign_keys.push(foreign_key);
            }
        }
    }

    /// The `_AToB` table of an implicit many-to-many relation: columns `A` and `B` typed like
    /// the two ids, primary key `(A, B)`, an index on `B`, and cascading foreign keys.
    fn join_table(
        &mut self,
        relation: &str,
        field_a: FieldRef,
        field_b: FieldRef,
        foreign_keys: bool,
        extension_schema: &dyn Fn(&str) -> String,
    ) -> Option<Table> {
        let db = self.db;
        let model_a = &db.models[field_a.model];
        let model_b = &db.models[field_b.model];
        let id_column = |model: &crate::resolve::ModelInfo<'_>| {
            let pk = model.primary_key.as_ref()?;
            let [key] = pk.fields.as_slice() else {
                return None;
            };
            let field = &model.fields[key.field];
            let column_type =
                columns::column_type(db, field, self.default_schema, extension_schema)?;
            Some((identifier(field.database_name()).to_string(), column_type))
        };
        let (a_column, a_type) = id_column(model_a)?;
        let (b_column, b_type) = id_column(model_b)?;
        let namespace = self.namespace(model_a.schema);
        let table_name = QualifiedName::new(namespace.clone(), naming::join_table(relation));
        let span = db.field(field_a).map_or(Span::default(), |f| f.ast.span);
        self.claim_relation_name(&namespace, &table_name.name, "join table", span);
        let mut table = Table::new(table_name.clone());
        table.columns.push(Column::new("A", a_type).not_null());
        table.columns.push(Column::new("B", b_type).not_null());
        let pk_name = naming::with_suffix(&table_name.name, "_AB_pkey");
        self.claim_relation_name(&namespace, &pk_name, "primary key", span);
        table.primary_key = Some(PrimaryKey {
            name: pk_name,
            columns: vec!["A".to_string(), "B".to_string()],
            deferral: Deferral::NotDeferrable,
        });
        let index_name = naming::with_suffix(&table_name.name, "_B_index");
        self.claim_relation_name(&namespace, &index_name, "index", span);
        table
            .indexes
            .push(Index::on_columns(index_name, false, &["B"]));
        if foreign_keys {
            for (column, model, id) in [
                ("A", field_a.model, a_column),
                ("B", field_b.model, b_column),
            ] {
                table.foreign_keys.push(ForeignKey {
                    name: naming::with_suffix(&table_name.name, &format!("_{column}_fkey")),
                    columns: vec![column.to_string()],
                    referenced_table: self.table_name(model),
                    referenced_columns: vec![id],
                    on_delete: ForeignKeyAction::Cascade,
                    on_update: ForeignKeyAction::Cascade,
                    deferral: Deferral::NotDeferrable,
                    match_full: false,
                    validated: true,
                });
            }
        }
        Some(table)
    }
}

/// A name as PostgreSQL stores it: cut to 63 bytes (Prisma's SQL writes longer names in
/// full and the server cuts them; `testdata/schemas/39_long_names_truncation`).
fn identifier(name: &str) -> &str {
    naming::truncate_bytes(name, crate::validate::postgres::MAX_IDENTIFIER_BYTES)
}

fn action_of(action: ReferentialAction) -> ForeignKeyAction {
    match action {
        ReferentialAction::Cascade => ForeignKeyAction::Cascade,
        ReferentialAction::Restrict => ForeignKeyAction::Restrict,
        ReferentialAction::NoAction => ForeignKeyAction::NoAction,
        ReferentialAction::SetNull => ForeignKeyAction::SetNull,
        ReferentialAction::SetDefault => ForeignKeyAction::SetDefault,
    }
}

/// Operator classes PostgreSQL 15 uses by default for their access method
/// (`pg_opclass.opcdefault`), among those Prisma can name: an index that names one is the
/// same index as one that names none, so the model leaves them out.
const DEFAULT_OPCLASSES: &[(&str, &str)] = &[
    ("brin", "bit_minmax_ops"),
    ("brin", "bpchar_minmax_ops"),
    ("brin", "bytea_minmax_ops"),
    ("brin", "date_minmax_ops"),
    ("brin", "float4_minmax_ops"),
    ("brin", "float8_minmax_ops"),
    ("brin", "inet_inclusion_ops"),
    ("brin", "int2_minmax_ops"),
    ("brin", "int4_minmax_ops"),
    ("brin", "int8_minmax_ops"),
    ("brin", "numeric_minmax_ops"),
    ("brin", "oid_minmax_ops"),
    ("brin", "text_minmax_ops"),
    ("brin", "time_minmax_ops"),
    ("brin", "timestamp_minmax_ops"),
    ("brin", "timestamptz_minmax_ops"),
    ("brin", "timetz_minmax_ops"),
    ("brin", "uuid_minmax_ops"),
    ("brin", "varbit_minmax_ops"),
    ("btree", "array_ops"),
    ("btree", "inet_ops"),
    ("btree", "jsonb_ops"),
    ("btree", "text_ops"),
    ("gin", "array_ops"),
    ("gin", "jsonb_ops"),
    ("hash", "array_ops"),
    ("hash", "inet_ops"),
    ("hash", "jsonb_ops"),
    ("hash", "text_ops"),
    ("spgist", "inet_ops"),
    ("spgist", "text_ops"),
];

fn is_default_opclass(method: &str, opclass: &str) -> bool {
    DEFAULT_OPCLASSES.contains(&(method, opclass))
}
