//! Objects around the tables: namespaces, extensions, standalone sequences, views,
//! functions and triggers.

use crate::DiffContext;
use crate::change::Change;

/// `CreateSchema` for namespaces the next schema manages and the previous does not, by name.
pub(crate) fn push_schema_steps(changes: &mut Vec<Change>, context: &DiffContext<'_>) {
    let mut created: Vec<&String> = context
        .schemas
        .next
        .namespaces
        .iter()
        .filter(|n| !context.schemas.previous.manages(n))
        .collect();
    created.sort();
    created.dedup();
    for name in created {
        changes.push(Change::CreateSchema { name: name.clone() });
    }
}

/// `CreateExtension` / `DropExtension`.
pub(crate) fn push_extension_steps(changes: &mut Vec<Change>, context: &DiffContext<'_>) {
    let schemas = context.schemas;
    let mut created: Vec<&str> = schemas
        .next
        .extensions
        .iter()
        .filter(|e| schemas.previous.extensions.iter().all(|p| p.name != e.name))
        .map(|e| e.name.as_str())
        .collect();
    created.sort_unstable();
    for name in created {
        changes.push(Change::CreateExtension {
            name: name.to_string(),
        });
    }
    for previous in &schemas.previous.extensions {
        if schemas
            .next
            .extensions
            .iter()
            .all(|e| e.name != previous.name)
        {
            changes.push(Change::DropExtension {
                name: previous.name.clone(),
            });
        }
    }
}

/// `CreateSequence` / `DropSequence` for sequences no column owns (serial sequences come
/// and go with their columns).
pub(crate) fn push_sequence_steps(changes: &mut Vec<Change>, context: &DiffContext<'_>) {
    let schemas = context.schemas;
    for next in schemas
        .next
        .sequences
        .iter()
        .filter(|s| s.owned_by.is_none())
    {
        if schemas.previous.sequence(&next.name).is_none() {
            changes.push(Change::CreateSequence {
                name: next.name.clone(),
            });
        }
    }
    for previous in schemas
        .previous
        .sequences
        .iter()
        .filter(|s| s.owned_by.is_none())
    {
        if schemas.next.sequence(&previous.name).is_none() {
            changes.push(Change::DropSequence {
                name: previous.name.clone(),
            });
        }
    }
}

/// Views and triggers that disappear or change are dropped first (a view can block a
/// column change; a trigger can depend on a function that changes).
pub(crate) fn push_view_and_trigger_drops(changes: &mut Vec<Change>, context: &DiffContext<'_>) {
    let schemas = context.schemas;
    for previous in &schemas.previous.views {
        if schemas.next.view(&previous.name) != Some(previous) {
            changes.push(Change::DropView {
                name: previous.name.clone(),
            });
        }
    }
    for previous in &schemas.previous.triggers {
        let same = schemas.next.triggers.iter().any(|t| t == previous);
        if !same && context.next_table(&previous.table).is_some() {
            changes.push(Change::DropTrigger {
                table: previous.table.clone(),
                name: previous.name.clone(),
            });
        }
    }
}

/// Views and triggers that are new or changed are created last.
pub(crate) fn push_view_and_trigger_creations(
    changes: &mut Vec<Change>,
    context: &DiffContext<'_>,
) {
    let schemas = context.schemas;
    for next in &schemas.next.views {
        if next.definition.is_some() && schemas.previous.view(&next.name) != Some(next) {
            changes.push(Change::CreateView {
                name: next.name.clone(),
            });
        }
    }
    for next in &schemas.next.triggers {
        if !schemas.previous.triggers.iter().any(|t| t == next) {
            changes.push(Change::CreateTrigger {
                table: next.table.clone(),
                name: next.name.clone(),
            });
        }
    }
}

/// Functions: new or changed ones are (re)created; removed ones are dropped.
pub(crate) fn push_function_steps(changes: &mut Vec<Change>, context: &DiffContext<'_>) {
    let schemas = context.schemas;
    let find = |list: &'_ [driftless_schema::Function], f: &driftless_schema::Function| {
        list.iter()
            .find(|g| g.name == f.name && g.arguments == f.arguments)
            .cloned()
    };
    for previous in &schemas.previous.functions {
        if find(&schemas.next.functions, previous).is_none() {
            changes.push(Change::DropFunction {
                name: previous.name.clone(),
                arguments: previous.arguments.clone(),
            });
        }
    }
    for next in &schemas.next.functions {
        let previous = find(&schemas.previous.functions, next);
        if previous.as_ref() != Some(next) {
            changes.push(Change::CreateFunction {
                name: next.name.clone(),
                arguments: next.arguments.clone(),
                drop_first: previous
                    .is_some_and(|p| p.returns != next.returns || p.procedure != next.procedure),
            });
        }
    }
}
