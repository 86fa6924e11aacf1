//! Views and materialized views. PostgreSQL stores a view's query as it rewrote it
//! (`pg_get_viewdef`: every column qualified, casts made explicit), which cannot be
//! reproduced without the server's analysis: a view's definition makes the migration
//! unsure until the view is dropped again.

use driftless_schema::{QualifiedName, View, ViewKind};
use pg_query::protobuf::{CreateTableAsStmt, ObjectType, ViewStmt};

use super::DoubtKind;
use super::dispatch::Effect;
use super::names::truncate_identifier;
use super::state::{ObjectKey, Replayer};

const VIEW_DOUBT: &str = "PostgreSQL stores a view's query as it rewrites it (pg_get_viewdef); the in-memory replay cannot reproduce that text";

impl Replayer {
    pub(super) fn create_view(&mut self, s: &ViewStmt, text: &str) -> Effect {
        let Some(relation) = s.view.as_ref() else {
            return Effect::Skipped;
        };
        if relation.relpersistence == "t" || relation.schemaname == "pg_temp" {
            self.temporary.insert(relation.relname.clone());
            return Effect::Skipped;
        }
        self.add_view(
            &relation.schemaname,
            &relation.relname,
            ViewKind::View,
            s.replace,
            false,
            text,
        )
    }

    pub(super) fn create_table_as(&mut self, s: &CreateTableAsStmt, text: &str) -> Effect {
        let Some(relation) = s.into.as_ref().and_then(|i| i.rel.as_ref()) else {
            return Effect::Skipped;
        };
        if s.objtype == ObjectType::ObjectMatview as i32 {
            return self.add_view(
                &relation.schemaname,
                &relation.relname,
                ViewKind::Materialized,
                false,
                s.if_not_exists,
                text,
            );
        }
        if relation.relpersistence == "t" || relation.schemaname == "pg_temp" {
            self.temporary.insert(relation.relname.clone());
            return Effect::Skipped;
        }
        self.doubt(
            DoubtKind::Unsupported,
            "CREATE TABLE … AS takes its columns' types from a query, which the replay cannot type",
        );
        Effect::Applied
    }

    fn add_view(
        &mut self,
        schema: &str,
        name: &str,
        kind: ViewKind,
        replace: bool,
        if_not_exists: bool,
        text: &str,
    ) -> Effect {
        let Some(schema) = self.creation_schema(Some(schema)) else {
            return Effect::Applied;
        };
        let qualified = QualifiedName::new(schema.clone(), truncate_identifier(name));
        let existing = self.schema.views.iter().position(|v| v.name == qualified);
        match existing {
            Some(i) if replace => {
                self.schema.views.remove(i);
            }
            Some(_) => {
                if !if_not_exists {
                    self.fail(format!("relation \"{}\" already exists", qualified.name));
                }
                return Effect::Applied;
            }
            None if self.relation_exists(&schema, &qualified.name) => {
                self.fail(format!("relation \"{}\" already exists", qualified.name));
                return Effect::Applied;
            }
            None => {}
        }
        let key = ObjectKey::View(qualified.clone());
        self.resolve(&key);
        self.schema.views.push(View {
            name: qualified,
            kind,
            definition: Some(super::dispatch::one_line(text)),
        });
        self.doubt_about(DoubtKind::Approximate, VIEW_DOUBT, Some(key));
        Effect::Applied
    }
}
