//! Tables by name, for code that looks many of them up: [`Schema::table`] searches the list,
//! and a search per change of a whole diff grows with the square of the number of tables.

use std::collections::HashMap;

use crate::{QualifiedName, Schema, Table};

/// An index of a schema's tables by qualified name. When two tables share a name (an
/// invalid model), the first wins, as with [`Schema::table`].
#[derive(Debug, Clone, Default)]
pub struct TableLookup<'a> {
    by_name: HashMap<&'a QualifiedName, &'a Table>,
}

impl<'a> TableLookup<'a> {
    /// Indexes the tables of `schema`.
    pub fn new(schema: &'a Schema) -> Self {
        let mut by_name = HashMap::with_capacity(schema.tables.len());
        for table in &schema.tables {
            by_name.entry(&table.name).or_insert(table);
        }
        TableLookup { by_name }
    }

    /// The table with this qualified name.
    pub fn get(&self, name: &QualifiedName) -> Option<&'a Table> {
        self.by_name.get(name).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Dialect;

    #[test]
    fn finds_what_schema_table_finds() {
        let mut schema = Schema::new(Dialect::Postgres, vec!["public".into()]);
        for name in ["a", "b", "a"] {
            let mut table = Table::new(QualifiedName::new("public", name));
            table.comment = Some(format!("{}", schema.tables.len()));
            schema.tables.push(table);
        }
        let lookup = TableLookup::new(&schema);
        for name in ["a", "b", "c"] {
            let name = QualifiedName::new("public", name);
            assert_eq!(lookup.get(&name), schema.table(&name));
        }
    }
}
