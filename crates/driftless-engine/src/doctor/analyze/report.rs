//! The findings and the repair plan as the phases find them, and the [`Diagnosis`] they make:
//! a repair asked for twice is planned once, and the one command to run next is chosen from
//! what is left.

use crate::doctor::findings::{Diagnosis, Finding, FindingKind, Repair, Severity};

/// The findings and the plan so far.
#[derive(Debug, Default)]
pub(super) struct Report {
    /// The findings, in the order found (sorted by severity at the end).
    pub(super) findings: Vec<Finding>,
    /// The repairs, in the order they run.
    pub(super) plan: Vec<Repair>,
}

impl Report {
    /// Plans `repair` (once: the same repair asked for again is the same step) and returns
    /// its index in the plan, for [`Finding::repairs`].
    pub(super) fn repair(&mut self, repair: Repair) -> usize {
        if let Some(i) = self.plan.iter().position(|r| r == &repair) {
            return i;
        }
        self.plan.push(repair);
        self.plan.len() - 1
    }

    /// Adds a finding (the arguments are the fields of [`Finding`], in order).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn finding(
        &mut self,
        kind: FindingKind,
        severity: Severity,
        migration: Option<&str>,
        summary: String,
        explanation: String,
        evidence: Vec<String>,
        repairs: Vec<usize>,
        manual: Option<String>,
    ) {
        self.findings.push(Finding {
            kind,
            severity,
            migration: migration.map(str::to_string),
            summary,
            explanation,
            evidence,
            repairs,
            manual,
        });
    }

    /// The diagnosis: findings most severe first (in the order found within a severity).
    /// `pending`: whether migrations are left for `migrate deploy`.
    pub(super) fn finish(mut self, pending: bool, replay_note: Option<String>) -> Diagnosis {
        self.findings.sort_by_key(|f| f.severity);
        Diagnosis {
            next: self.next_command(pending),
            findings: self.findings,
            plan: self.plan,
            replay_note,
        }
    }

    /// The one command to run next: the repairs if there are any; nothing while an error
    /// needs a person; else `migrate deploy` when migrations are pending.
    fn next_command(&self, pending: bool) -> Option<String> {
        if !self.plan.is_empty() {
            return Some("driftless doctor --fix".to_string());
        }
        if self
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error && f.manual.is_some())
        {
            return None;
        }
        pending.then(|| "driftless migrate deploy".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(report: &mut Report, severity: Severity, manual: Option<&str>) {
        report.finding(
            FindingKind::Drift,
            severity,
            None,
            format!("{severity:?}"),
            String::new(),
            Vec::new(),
            Vec::new(),
            manual.map(str::to_string),
        );
    }

    #[test]
    fn a_repair_asked_for_twice_is_planned_once() {
        let mut report = Report::default();
        assert_eq!(report.repair(Repair::WriteLockfile), 0);
        assert_eq!(report.repair(Repair::ClearHistory { rows: 2 }), 1);
        assert_eq!(report.repair(Repair::WriteLockfile), 0);
        assert_eq!(report.plan.len(), 2);
    }

    #[test]
    fn the_next_command_is_the_fix_then_a_person_then_deploy() {
        let mut report = Report::default();
        assert_eq!(report.next_command(false), None);
        assert_eq!(
            report.next_command(true).as_deref(),
            Some("driftless migrate deploy")
        );
        // A warning for a person does not stop a deploy; an error does.
        finding(&mut report, Severity::Warning, Some("look at it"));
        assert_eq!(
            report.next_command(true).as_deref(),
            Some("driftless migrate deploy")
        );
        finding(&mut report, Severity::Error, None);
        assert_eq!(
            report.next_command(true).as_deref(),
            Some("driftless migrate deploy")
        );
        finding(&mut report, Severity::Error, Some("fix it by hand"));
        assert_eq!(report.next_command(true), None);
        // Repairs come first, whatever else is left.
        report.repair(Repair::WriteLockfile);
        assert_eq!(
            report.next_command(false).as_deref(),
            Some("driftless doctor --fix")
        );
    }

    #[test]
    fn findings_are_sorted_by_severity_and_keep_their_order_within_one() {
        let mut report = Report::default();
        finding(&mut report, Severity::Info, None);
        finding(&mut report, Severity::Error, Some("first"));
        finding(&mut report, Severity::Warning, None);
        finding(&mut report, Severity::Error, Some("second"));
        let diagnosis = report.finish(false, Some("note".to_string()));
        let order: Vec<(Severity, Option<&str>)> = diagnosis
            .findings
            .iter()
            .map(|f| (f.severity, f.manual.as_deref()))
            .collect();
        assert_eq!(
            order,
            [
                (Severity::Error, Some("first")),
                (Severity::Error, Some("second")),
                (Severity::Warning, None),
                (Severity::Info, None),
            ]
        );
        assert_eq!(diagnosis.next, None);
        assert_eq!(diagnosis.replay_note.as_deref(), Some("note"));
    }
}
