package vn.dvctt

import org.json.JSONArray
import org.json.JSONObject
import java.io.File
import kotlin.math.abs

// Helpers shared by the tests: locating the repository, turning the Kotlin
// records into the snake_case maps of the conformance vectors, and the
// vectors' comparison rule.

/** A date from its ISO-8601 text (`2026-03-01`). */
fun date(iso: String): java.time.LocalDate = java.time.LocalDate.parse(iso)

/** The workspace root (set by surefire from the pom; see `dvctt.repo.root`). */
fun repoRoot(): File {
    val p = System.getProperty("dvctt.repo.root")
        ?: error("system property dvctt.repo.root is not set (run through Maven)")
    return File(p).canonicalFile
}

fun conformanceDir(): File {
    val p = System.getProperty("dvctt.conformance.dir")
    return if (p != null) File(p).canonicalFile else File(repoRoot(), "tests/conformance")
}

/** org.json values -> plain Kotlin values (Map, List, Number, String, Boolean, null). */
fun plain(v: Any?): Any? = when (v) {
    null, JSONObject.NULL -> null
    is JSONObject -> v.keySet().associateWith { plain(v.get(it)) }
    is JSONArray -> (0 until v.length()).map { plain(v.get(it)) }
    else -> v
}

// Enum values as the vectors (and the serde names of the core) spell them.
val IndicatorId.id: String
    get() = when (this) {
        IndicatorId.ONLINE_DOSSIER_SHARE -> "online_dossier_share"
        IndicatorId.ONLINE_SUBMISSION_SHARE -> "online_submission_share"
        IndicatorId.ON_TIME_COMPLETION_RATE -> "on_time_completion_rate"
        IndicatorId.ONLINE_PAYMENT_SHARE -> "online_payment_share"
        IndicatorId.DIGITIZED_DOSSIER_SHARE -> "digitized_dossier_share"
        IndicatorId.SATISFACTION_RATE -> "satisfaction_rate"
        IndicatorId.TRAINED_STAFF_COVERAGE -> "trained_staff_coverage"
        IndicatorId.FULL_PROCESS_PROCEDURE_SHARE -> "full_process_procedure_share"
        IndicatorId.TRAINED_COMMUNITY_TEAM_COVERAGE -> "trained_community_team_coverage"
        IndicatorId.COMMUNICATED_STAFF_COVERAGE -> "communicated_staff_coverage"
        IndicatorId.UNIT_PORTAL_PROMOTION_SHARE -> "unit_portal_promotion_share"
        IndicatorId.FEEDBACK_ADDRESSED_RATE -> "feedback_addressed_rate"
        IndicatorId.ADULT_USAGE_RATE -> "adult_usage_rate"
        IndicatorId.STUDENT_COVERAGE -> "student_coverage"
        IndicatorId.DOSSIERS_RECEIVED -> "dossiers_received"
        IndicatorId.PEOPLE_GUIDED -> "people_guided"
        IndicatorId.PRODUCTS_PUBLISHED -> "products_published"
        IndicatorId.EVENTS_HELD -> "events_held"
    }

val Source.id: String
    get() = when (this) {
        Source.AUTO -> "auto"
        Source.RECORDS -> "records"
        Source.AGGREGATES -> "aggregates"
    }

val TargetStatus.id: String
    get() = when (this) {
        TargetStatus.MET -> "met"
        TargetStatus.ON_TRACK -> "on_track"
        TargetStatus.AT_RISK -> "at_risk"
        TargetStatus.OFF_TRACK -> "off_track"
        TargetStatus.NO_DATA -> "no_data"
    }

val Direction.id: String
    get() = when (this) {
        Direction.HIGHER_IS_BETTER -> "higher_is_better"
        Direction.LOWER_IS_BETTER -> "lower_is_better"
    }

val Severity.id: String
    get() = when (this) {
        Severity.INFO -> "info"
        Severity.WARNING -> "warning"
    }

val ItemStatus.id: String
    get() = when (this) {
        ItemStatus.SCORED -> "scored"
        ItemStatus.NO_DATA -> "no_data"
        ItemStatus.NOT_COMPUTED -> "not_computed"
    }

val Comparator.symbol: String
    get() = when (this) {
        Comparator.AT_LEAST -> ">="
        Comparator.AT_MOST -> "<="
        Comparator.EQUAL -> "="
    }

val UnplacedReason.id: String
    get() = when (this) {
        UnplacedReason.UNKNOWN_UNIT -> "unknown_unit"
        UnplacedReason.NO_UNIT_ON_DATE -> "no_unit_on_date"
    }

fun UnitShare.toMap(): Map<String, Any?> = mapOf("unit_code" to unitCode, "share" to share)

fun UnplacedFigures.toMap(): Map<String, Any?> = mapOf(
    "unit_code" to unitCode,
    "reason" to reason.id,
    "numerator" to numerator,
    "denominator" to denominator,
)

fun RollUp.toMap(): Map<String, Any?> = mapOf(
    "date" to date.toString(),
    "results" to results.map { it.toMap() },
    "unplaced" to unplaced.map { it.toMap() },
)

fun IndicatorResult.toMap(): Map<String, Any?> = mapOf(
    "indicator" to indicator.id,
    "period" to period,
    "unit_code" to unitCode,
    "numerator" to numerator,
    "denominator" to denominator,
    "value" to value,
    "source" to source.id,
    "parts" to parts.map { mapOf("name" to it.name, "count" to it.count, "share" to it.share) },
)

/** Number of records of every kind, as the `dataset` conformance op reports them. */
fun Dataset.counts(): Map<String, Int> = mapOf(
    "dossiers" to dossiers.size,
    "survey" to survey.size,
    "staff" to staff.size,
    "aggregates" to aggregates.size,
    "procedures" to procedures.size,
    "units" to units.size,
    "publications" to publications.size,
    "outreach" to outreach.size,
    "feedback" to feedback.size,
)

fun TargetEvaluation.toMap(): Map<String, Any?> = mapOf(
    "target_id" to targetId,
    "indicator" to indicator.id,
    "comparator" to comparator.symbol,
    "threshold" to threshold,
    "deadline" to deadline.toString(),
    "period" to period,
    "unit_code" to unitCode,
    "numerator" to numerator,
    "denominator" to denominator,
    "value" to value,
    "status" to status.id,
    "gap_pp" to gapPp,
    "source" to source.id,
    "direction" to direction.id,
    "as_of" to asOf.toString(),
    "applicable_threshold" to applicableThreshold,
    "applicable_deadline" to applicableDeadline.toString(),
    "expected" to expected,
    "progress_ratio" to progressRatio,
    "ci_low" to ciLow,
    "ci_high" to ciHigh,
    "too_few_responses" to tooFewResponses,
)

fun TaskCheck.toMap(): Map<String, Any?> = mapOf(
    "task_id" to taskId,
    "unit_code" to unitCode,
    "period" to period,
    "as_of" to asOf.toString(),
    "required" to required.toLong(),
    "done" to done.toLong(),
    "kept" to kept,
    "missed_periods" to missedPeriods,
    "pending_periods" to pendingPeriods,
)

fun CascadeFinding.toMap(): Map<String, Any?> = mapOf(
    "plan_id" to planId,
    "target_id" to targetId,
    "parent_plan_id" to parentPlanId,
    "parent_target_id" to parentTargetId,
    "severity" to severity.id,
    "message" to message,
    "detail" to detail.toMap(),
)

/** A step quoted by a cascade message, under the core's field names. */
fun CascadeStep.toMap(): Map<String, Any?> =
    mapOf("comparator" to comparator, "threshold" to threshold, "deadline" to deadline.toString())

/** A cascade finding's message code and parameters, as the core serialises them. */
fun CascadeDetail.toMap(): Map<String, Any?> = when (this) {
    is CascadeDetail.ParentNotLoaded -> mapOf("code" to "parent_not_loaded")
    is CascadeDetail.NoParentTarget ->
        mapOf("code" to "no_parent_target", "parent_plan_id" to parentPlanId, "indicator" to indicator)
    is CascadeDetail.DirectionDiffers ->
        mapOf("code" to "direction_differs", "direction" to direction, "parent_direction" to parentDirection)
    is CascadeDetail.LooserThanParent -> stepsMap("looser_than_parent", step, parentPlanId, parentTargetId, parentStep)
    is CascadeDetail.LaterThanParent -> stepsMap("later_than_parent", step, parentPlanId, parentTargetId, parentStep)
    is CascadeDetail.Refines -> stepsMap("refines", step, parentPlanId, parentTargetId, parentStep)
}

private fun stepsMap(code: String, step: CascadeStep, plan: String, target: String, parent: CascadeStep) = mapOf(
    "code" to code,
    "step" to step.toMap(),
    "parent_plan_id" to plan,
    "parent_target_id" to target,
    "parent_step" to parent.toMap(),
)

/** Why an indicator is not computed: its code and parameters, as the core serialises them. */
fun NotComputedReason.toMap(): Map<String, Any?> = when (this) {
    is NotComputedReason.ColumnsAbsent ->
        mapOf("code" to "columns_absent", "columns" to columns.map { mapOf("source" to it.source, "column" to it.column) })
    is NotComputedReason.PartsLackKind -> mapOf("code" to "parts_lack_kind", "kind" to kind)
    is NotComputedReason.PartsNotTiled -> mapOf("code" to "parts_not_tiled", "kind" to kind, "period" to period)
    is NotComputedReason.NoAggregates -> mapOf("code" to "no_aggregates")
    is NotComputedReason.KindNotGiven -> mapOf("code" to "kind_not_given", "kind" to kind)
}

fun ItemScore.toMap(): Map<String, Any?> = mapOf(
    "item_id" to itemId,
    "group" to group,
    "indicator" to indicator?.id,
    "threshold" to threshold,
    "max_points" to maxPoints,
    "status" to status.id,
    "numerator" to numerator,
    "denominator" to denominator,
    "value" to value,
    "points" to points,
    "source" to source?.id,
)

fun GroupScore.toMap(): Map<String, Any?> = mapOf(
    "group_id" to groupId,
    "name_vi" to nameVi,
    "name_en" to nameEn,
    "points" to points,
    "points_available" to pointsAvailable,
    "max_points" to maxPoints,
)

fun ScoreCard.toMap(): Map<String, Any?> = mapOf(
    "profile_id" to profileId,
    "period" to period,
    "unit_code" to unitCode,
    "points" to points,
    "points_available" to pointsAvailable,
    "max_points" to maxPoints,
    "groups" to groups.map { it.toMap() },
    "items" to items.map { it.toMap() },
    "no_data" to noData,
    "not_computed" to notComputed,
)

val FindingSeverity.id: String
    get() = when (this) {
        FindingSeverity.ERROR -> "error"
        FindingSeverity.WARNING -> "warning"
    }

fun Finding.toMap(): Map<String, Any?> = mapOf(
    "rule" to rule,
    "severity" to severity.id,
    "path" to path,
    "message_vi" to messageVi,
    "message_en" to messageEn,
)

fun Supersession.toMap(): Map<String, Any?> = mapOf(
    "current" to current.map { it.toLong() },
    "superseded" to superseded.map {
        mapOf("report" to it.report.toLong(), "by" to it.by.toLong(), "finding" to it.finding.toMap())
    },
)

fun RejectedRow.toMap(): Map<String, Any?> = mapOf(
    "file" to file,
    "line" to line.toLong(),
    "last_line" to lastLine?.toLong(),
    "field" to field,
    "detail" to detail,
)

fun PlanReport.toMap(): Map<String, Any?> = mapOf(
    "plan" to mapOf("id" to plan.id, "number" to plan.number, "title" to plan.title, "period" to plan.period),
    "period" to period,
    "records" to mapOf(
        "dossiers" to records.dossiers.toLong(),
        "survey" to records.survey.toLong(),
        "staff" to records.staff.toLong(),
        "aggregates" to records.aggregates.toLong(),
        "activities" to records.activities.toLong(),
    ),
    "rejected" to rejected.map { it.toMap() },
    "absent_columns" to absentColumns.map {
        mapOf("kind" to it.kind.name.lowercase(), "column" to it.column, "source" to it.source)
    },
    "targets" to targets.map { it.toMap() },
    "target_errors" to targetErrors.map {
        mapOf("target_id" to it.targetId, "error" to it.error, "reason" to it.reason?.toMap())
    },
    "tasks" to tasks.map { it.toMap() },
    "cascade" to mapOf("chain" to cascade.chain, "findings" to cascade.findings.map { it.toMap() }),
    "indicators" to indicators.map { it.toMap() },
    "indicators_not_computed" to indicatorsNotComputed.map {
        mapOf("indicator" to it.indicator.id, "error" to it.error, "reason" to it.reason?.toMap())
    },
)

/** The variant's fields under the names the vectors use (the core's field names). */
fun DvcttException.fields(): Map<String, Any?> = when (this) {
    is DvcttException.Plan -> mapOf("path" to path, "detail" to detail)
    is DvcttException.UnknownIndicator -> mapOf("id" to id, "path" to path, "known" to known, "closest" to closest)
    is DvcttException.Csv -> mapOf("file" to file, "line" to line.toLong(), "field" to field, "detail" to detail)
    is DvcttException.MissingColumn -> mapOf("file" to file, "column" to column)
    is DvcttException.Period -> mapOf("value" to value, "detail" to detail)
    is DvcttException.Data -> mapOf("path" to path, "detail" to detail)
    is DvcttException.Io -> mapOf("path" to path, "detail" to detail)
    is DvcttException.NotComputed -> mapOf("indicator" to indicator, "reason" to reason) + code.toMap()
}

/**
 * The vectors' comparison rule: every key of an expected object must be
 * present and equal in the actual object (extra keys are ignored); numbers
 * compare within 1e-9; lists must have the same length and match element by
 * element. Returns the mismatches, empty when `actual` matches.
 */
fun mismatches(expected: Any?, actual: Any?, at: String = "$"): List<String> = when (expected) {
    null -> if (actual == null) emptyList() else listOf("$at: expected null, got $actual")
    is Number -> {
        val a = when (actual) {
            is Number -> actual.toDouble()
            is UInt -> actual.toDouble()
            else -> null
        }
        if (a != null && abs(a - expected.toDouble()) <= 1e-9) emptyList()
        else listOf("$at: expected $expected, got $actual")
    }
    is Map<*, *> -> if (actual !is Map<*, *>) listOf("$at: expected an object, got $actual")
    else expected.flatMap { (k, v) ->
        if (!actual.containsKey(k)) listOf("$at.$k: missing (actual keys: ${actual.keys})")
        else mismatches(v, actual[k], "$at.$k")
    }
    is List<*> -> when {
        actual !is List<*> -> listOf("$at: expected a list, got $actual")
        actual.size != expected.size ->
            listOf("$at: expected ${expected.size} elements, got ${actual.size}: $actual")
        else -> expected.indices.flatMap { mismatches(expected[it], actual[it], "$at[$it]") }
    }
    else -> if (expected == actual) emptyList() else listOf("$at: expected $expected, got $actual")
}

fun Form06Row.toMap(): Map<String, Any?> = mapOf(
    "sector" to sector,
    "received" to mapOf(
        "total" to received.total,
        "online" to received.online,
        "direct_or_postal" to received.directOrPostal,
        "carried_over" to received.carriedOver,
    ),
    "settled" to mapOf(
        "total" to settled.total,
        "early" to settled.early,
        "on_time" to settled.onTime,
        "late" to settled.late,
    ),
    "in_progress" to mapOf(
        "total" to inProgress.total,
        "within_deadline" to inProgress.withinDeadline,
        "overdue" to inProgress.overdue,
    ),
)

/** When any report was submitted. */
fun Report.submittedInstant(): java.time.Instant = when (this) {
    is Report.Unit -> v1.submittedAt
    is Report.Team -> v1.submittedAt
    is Report.Form06 -> v1.submittedAt
}

/** The reporting unit of any report: a `when` over every variant. */
fun Report.reportingUnit(): String = when (this) {
    is Report.Unit -> v1.unit
    is Report.Team -> v1.commune
    is Report.Form06 -> v1.unit
}

/** An instant as the vectors write it: RFC 3339 in Vietnam time (`2026-04-21T09:00:00+07:00`). */
fun java.time.Instant.vietnamText(): String =
    java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(atOffset(java.time.ZoneOffset.ofHours(7)))

// The fields of a consolidated report the `consolidate` conformance vectors compare.
fun ConsolidatedFigure.toMap(): Map<String, Any?> = mapOf(
    "unit_code" to unitCode,
    "indicator" to indicator.id,
    "numerator" to numerator,
    "denominator" to denominator,
    "value" to value,
    "reports" to reports.toLong(),
)

fun ConsolidatedReport.toMap(): Map<String, Any?> = mapOf(
    "schema" to schema,
    "period" to period,
    "root" to root,
    "reporting" to mapOf(
        "expected" to reporting.expected.toLong(),
        "received" to reporting.received.toLong(),
        "on_time" to reporting.onTime.toLong(),
        "expected_with_due" to reporting.expectedWithDue.toLong(),
        "completeness" to reporting.completeness,
        "timeliness" to reporting.timeliness,
        "missing" to reporting.missing.map {
            mapOf("unit" to it.unit, "obligation" to it.obligation, "due" to it.due?.toString())
        },
        "late" to reporting.late.map {
            mapOf(
                "unit" to it.unit,
                "obligation" to it.obligation,
                "report" to it.report.toLong(),
                "due" to it.due?.toString(),
                "submitted_at" to it.submittedAt.vietnamText(),
                "days_late" to it.daysLate,
            )
        },
    ),
    "total" to total.map { it.toMap() },
    "by_org_unit" to byOrgUnit.map { it.toMap() },
    "comparisons" to comparisons.map {
        mapOf(
            "unit" to it.unit,
            "indicator" to it.indicator.id,
            "report" to it.report.toLong(),
            "path" to it.path,
            "reported_numerator" to it.reportedNumerator,
            "reported_denominator" to it.reportedDenominator,
            "reported_value" to it.reportedValue,
            "computed_numerator" to it.computedNumerator,
            "computed_denominator" to it.computedDenominator,
            "computed_value" to it.computedValue,
            "difference" to it.difference,
            "flagged" to it.flagged,
        )
    },
    "targets" to targets.map {
        mapOf(
            "target_id" to it.targetId,
            "indicator" to it.indicator.id,
            "status" to it.status.id,
            "numerator" to it.numerator,
            "denominator" to it.denominator,
            "value" to it.value,
            "gap_pp" to it.gapPp,
        )
    },
    "tasks" to tasks.map {
        mapOf(
            "task" to it.task,
            "kept" to it.kept.toLong(),
            "partial" to it.partial.toLong(),
            "in_progress" to it.inProgress.toLong(),
            "missed" to it.missed.toLong(),
            "not_started" to it.notStarted.toLong(),
            "activities" to it.activities,
            "no_result" to it.noResult,
        )
    },
    "findings" to findings.map {
        mapOf(
            "report" to it.report?.toLong(),
            "unit" to it.unit,
            "finding" to it.finding.toMap(),
        )
    },
)
