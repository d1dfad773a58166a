//! Step 8: the units' results on each plan task.

use crate::base::sort;
use crate::model::consolidated::TaskSummary;
use crate::model::report::TaskStatus;
use crate::model::task::Task;
use crate::reports::consolidate::context::{Context, Current};

/// One summary per plan task, in the plan's order.
pub fn task_summaries(ctx: &Context, current: &Current) -> Vec<TaskSummary> {
    ctx.plan
        .tasks
        .iter()
        .map(|t| task_summary(ctx, t, current))
        .collect()
}

/// The statuses and activities the current reports give for task `t`, and
/// the assigned units (lead or cooperating, unit codes) that gave none.
fn task_summary(ctx: &Context, t: &Task, current: &Current) -> TaskSummary {
    let mut s = TaskSummary {
        task: t.id.clone(),
        title: t.title.clone(),
        kept: 0,
        partial: 0,
        in_progress: 0,
        missed: 0,
        not_started: 0,
        activities: 0,
        no_result: Vec::new(),
    };
    for (_, r) in current.values() {
        if let Some(x) = r.tasks.iter().find(|x| x.task == t.id) {
            match x.status {
                TaskStatus::Kept => s.kept += 1,
                TaskStatus::Partial => s.partial += 1,
                TaskStatus::InProgress => s.in_progress += 1,
                TaskStatus::Missed => s.missed += 1,
                TaskStatus::NotStarted => s.not_started += 1,
            }
            s.activities = s.activities.saturating_add(x.activities.max(0));
        }
    }
    let mut assigned: Vec<&String> = t
        .lead_units
        .iter()
        .chain(&t.cooperating_units)
        .filter(|u| ctx.is_unit_code(u))
        .collect();
    sort::sort(&mut assigned);
    assigned.dedup();
    s.no_result = assigned
        .into_iter()
        .filter(|u| {
            current
                .get(u.as_str())
                .is_none_or(|(_, r)| !r.tasks.iter().any(|x| x.task == t.id))
        })
        .cloned()
        .collect();
    s
}
