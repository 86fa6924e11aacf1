//! Enums: created, dropped, and altered (values added; values removed, which recreates the
//! type). Values are compared as sets, as Prisma does: PostgreSQL cannot reorder an enum in
//! place, and many real histories hold the same values in another order than the schema.

use crate::DiffContext;
use crate::change::Change;

/// `CreateEnum`, `AlterEnum` and `DropEnum` steps.
pub(crate) fn push_enum_steps(changes: &mut Vec<Change>, context: &DiffContext<'_>) {
    let schemas = context.schemas;
    for next in &schemas.next.enums {
        match schemas.previous.enum_(&next.name) {
            None => changes.push(Change::CreateEnum {
                name: next.name.clone(),
            }),
            Some(previous) => {
                let added: Vec<String> = next
                    .values
                    .iter()
                    .filter(|v| !previous.values.contains(v))
                    .cloned()
                    .collect();
                let removed: Vec<String> = previous
                    .values
                    .iter()
                    .filter(|v| !next.values.contains(v))
                    .cloned()
                    .collect();
                if !added.is_empty() || !removed.is_empty() {
                    changes.push(Change::AlterEnum {
                        name: next.name.clone(),
                        added,
                        removed,
                    });
                }
            }
        }
    }
    for previous in &schemas.previous.enums {
        if schemas.next.enum_(&previous.name).is_none() {
            changes.push(Change::DropEnum {
                name: previous.name.clone(),
            });
        }
    }
}
