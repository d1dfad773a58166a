package vn.dvctt

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.io.File

/** Runs every vector of tests/conformance through the generated Kotlin API. */
class ConformanceTest {

    private fun vectorFiles(): List<File> {
        val dir = conformanceDir()
        assertTrue(dir.isDirectory, "conformance directory not found: $dir")
        // The conformance vectors and the bad-input catalogue (same format).
        val files = listOf(dir, File(dir.parentFile, "bad-inputs"))
            .flatMap { d -> d.listFiles { f -> f.isFile && f.name.endsWith(".json") }!!.toList() }
            .sortedBy { it.parentFile.name + "/" + it.name }
        assertTrue(files.isNotEmpty(), "no vectors in $dir")
        return files
    }

    @TestFactory
    fun vectors(): List<DynamicTest> = vectorFiles().map { file ->
        val vector = JSONObject(file.readText(Charsets.UTF_8))
        val id = vector.getString("id")
        DynamicTest.dynamicTest(id) { run(vector) }
    }

    private fun run(vector: JSONObject) {
        val id = vector.getString("id")
        val op = vector.getString("op")
        val input = vector.getJSONObject("input")
        val expect = vector.getJSONObject("expect")
        val outcome = runCatching { call(op, input) }
        if (expect.has("error")) {
            val want = plain(expect.getJSONObject("error")) as Map<*, *>
            val e = outcome.exceptionOrNull()
                ?: throw AssertionError("$id: expected DvcttException.${want["variant"]}, got output ${outcome.getOrNull()}")
            if (e !is DvcttException) throw AssertionError("$id: expected DvcttException.${want["variant"]}, got $e", e)
            assertEquals(want["variant"], e::class.simpleName, "$id: variant (${e.message})")
            val problems = mismatches(want.filterKeys { it != "variant" }, e.fields())
            assertTrue(problems.isEmpty(), "$id: ${problems.joinToString("; ")} (${e.message})")
        } else {
            val e = outcome.exceptionOrNull()
            if (e != null) throw AssertionError("$id: expected output, got ${e::class.qualifiedName}: ${e.message}", e)
            val problems = mismatches(plain(expect.get("output")), outcome.getOrNull())
            assertTrue(problems.isEmpty(), "$id: ${problems.joinToString("; ")}")
        }
    }

    /** Performs one op and returns its output as the vectors spell it. */
    private fun call(op: String, input: JSONObject): Any? = when (op) {
        "load_plan" -> {
            val p = loadPlan(input.getString("plan_json"))
            mapOf("id" to p.id, "period" to p.period, "target_ids" to p.targets.map { it.id })
        }
        "read_csv" -> {
            val l = readCsvText(
                parseRecordKind(input.getString("kind")),
                input.getString("text"),
                input.getString("file"),
                input.getBoolean("strict"),
            )
            mapOf(
                "records" to l.dataset.counts().values.sum(),
                "rejected" to l.rejected.map { it.toMap() },
                "absent_columns" to l.dataset.absentColumns.map {
                    mapOf("kind" to it.kind.name.lowercase(), "column" to it.column, "source" to it.source)
                },
            )
        }
        "read_bytes" -> {
            val bytes = when {
                input.has("path") -> File(repoRoot(), input.getString("path")).readBytes()
                input.has("base64") -> java.util.Base64.getDecoder().decode(input.getString("base64"))
                else -> input.getString("text").toByteArray(Charsets.UTF_8)
            }
            val options = input.optJSONObject("options")?.let { readOptionsFromJson(it.toString()) }
            val l = readBytes(parseRecordKind(input.getString("kind")), bytes, input.getString("file"), options, input.getBoolean("strict"))
            mapOf(
                "records" to l.dataset.counts().values.sum(),
                "rejected" to l.rejected.map { it.toMap() },
                "absent_columns" to l.dataset.absentColumns.map {
                    mapOf("kind" to it.kind.name.lowercase(), "column" to it.column, "source" to it.source)
                },
            )
        }
        "dataset" -> datasetFromJson(input.get("data").toString()).counts()
        "compute" -> {
            val d = datasetFromJson(input.get("data").toString())
            val q = queryFromJson(input.getJSONObject("query").toString())
            computeIndicator(d, q).map { it.toMap() }
        }
        "evaluate" -> {
            val plan = loadPlan(input.getJSONObject("plan").toString())
            val d = datasetFromJson(input.get("data").toString())
            val options = evaluateOptionsFromJson(input.opt("options")?.toString() ?: "null")
            evaluateTargets(plan, d, options).map { it.toMap() }
        }
        "check_tasks" -> {
            val plan = loadPlan(input.getJSONObject("plan").toString())
            val log = readActivitiesCsvText(input.getString("activities_csv"), "activities.csv", true)
            val period = if (input.isNull("period")) null else input.getString("period")
            val asOf = if (input.isNull("as_of")) null else date(input.getString("as_of"))
            checkTasks(plan, log.activities, period, asOf).map { it.toMap() }
        }
        "cascade" -> {
            val plans = input.getJSONArray("plans")
            cascadeCheck((0 until plans.length()).map { loadPlan(plans.getJSONObject(it).toString()) })
                .map { it.toMap() }
        }
        "score" -> {
            val profile = loadScoringProfile(input.getJSONObject("profile").toString())
            val d = datasetFromJson(input.get("data").toString())
            val q = scoreQueryFromJson(input.getJSONObject("query").toString())
            computeScores(profile, d, q).map { it.toMap() }
        }
        "load_org" -> {
            val o = loadOrg(input.getString("org_json"))
            mapOf("title" to o.title, "units" to o.units.size, "reorganisations" to o.reorganisations.size)
        }
        "org_units" -> {
            val org = loadOrg(input.getJSONObject("org").toString())
            val calls = input.getJSONArray("calls")
            (0 until calls.length()).map { n ->
                val c = calls.getJSONObject(n)
                val code = c.optString("code")
                when (val fn = c.getString("fn")) {
                    "units_at" -> orgUnitsAt(
                        org,
                        date(c.getString("date")),
                        if (c.has("level")) c.getInt("level").toUInt() else null,
                    ).map { it.code }
                    "children" -> orgChildren(org, code, date(c.getString("date"))).map { it.code }
                    "ancestors" -> orgAncestors(org, code, date(c.getString("date"))).map { it.code }
                    "successors" -> orgSuccessors(org, code, date(c.getString("date")), date(c.getString("other_date")))
                        .map { it.toMap() }
                    "predecessors" -> orgPredecessors(org, code, date(c.getString("date")), date(c.getString("other_date")))
                        .map { it.toMap() }
                    else -> error("unknown org_units fn `$fn`")
                }
            }
        }
        "compute_rolled_up" -> {
            val d = datasetFromJson(input.get("data").toString())
            val q = queryFromJson(input.getJSONObject("query").toString())
            val org = loadOrg(input.getJSONObject("org").toString())
            val spec = rollUpSpecFromJson(input.opt("spec")?.toString() ?: "null")
            computeRolledUp(d, q, org, spec).toMap()
        }
        "validate_report" -> {
            val plan = if (input.isNull("plan")) null else loadPlan(input.getJSONObject("plan").toString())
            val org = if (input.isNull("org")) null else orgDocumentFromJson(input.getJSONObject("org").toString())
            val now = if (input.isNull("now")) null else java.time.OffsetDateTime.parse(input.getString("now")).toInstant()
            validateReport(input.getString("report_json"), plan, org, now).map { it.toMap() }
        }
        "report_round_trip" -> {
            val read = readReport(input.getString("report_json"))
            plain(JSONObject(reportToJson(read.report)))
        }
        "current_reports" -> {
            val texts = input.getJSONArray("reports")
            currentReports((0 until texts.length()).map { readReport(texts.getString(it)).report }).toMap()
        }
        "form06" -> {
            val data = readCsvText(RecordKind.DOSSIERS, input.getString("dossiers_csv"), "dossiers.csv", true).dataset
            val unitsJson = input.getJSONArray("units")
            val units = (0 until unitsJson.length()).map { unitsJson.getString(it) }
            val org = if (input.isNull("org")) null else orgDocumentFromJson(input.getJSONObject("org").toString())
            val f = tthcForm06(data, units, input.getString("period"), org)
            mapOf("unit" to f.unit, "units" to f.units, "rows" to f.rows.map { it.toMap() }, "total" to f.total.toMap())
        }
        "dhis2_data_value_set" -> {
            val d = datasetFromJson(input.get("data").toString())
            val queries = input.getJSONArray("queries")
            val results = (0 until queries.length()).flatMap {
                computeIndicator(d, queryFromJson(queries.getJSONObject(it).toString()))
            }
            val mapping = dhis2MappingFromJson(input.getJSONObject("mapping").toString())
            plain(JSONObject(dhis2DataValueSet(results, mapping)))
        }
        "dhis2_read_data_value_set", "dhis2_read_adx" -> {
            val mapping = dhis2MappingFromJson(input.getJSONObject("mapping").toString())
            val got = if (op == "dhis2_read_adx") {
                dhis2ReadAdx(input.getString("xml"), mapping)
            } else {
                dhis2ReadDataValueSet(input.getJSONObject("payload").toString(), mapping)
            }
            mapOf(
                "aggregates" to got.aggregates.map {
                    mapOf(
                        "indicator" to it.indicator.id, "unit_code" to it.unitCode, "period" to it.period,
                        "numerator" to it.numerator, "denominator" to it.denominator,
                    )
                },
                "not_imported" to got.notImported.size,
            )
        }
        "dhis2_org_units" -> {
            val doc = dhis2OrgUnits(input.getJSONObject("payload").toString())
            mapOf(
                "units" to doc.units.map {
                    mapOf(
                        "code" to it.code, "name" to it.name, "level" to it.level.toLong(), "parent" to it.parent,
                        "valid_from" to it.validFrom?.toString(), "valid_to" to it.validTo?.toString(), "tags" to it.tags,
                    )
                },
            )
        }
        "export_tables" -> {
            val tables = tablesFromJson(input.get("tables").toString())
            val lang = if (input.getString("lang") == "en") Lang.EN else Lang.VI
            mapOf("markdown" to tablesToMarkdown(tables, lang), "csv" to tables.map { tableToCsv(it) })
        }
        "consolidate" -> {
            val texts = input.getJSONArray("reports")
            consolidateReports(
                loadPlan(input.getJSONObject("plan").toString()),
                (0 until texts.length()).map { readReport(texts.getString(it)).report },
                consolidateOptionsFromJson(input.getJSONObject("options").toString()),
            ).toMap()
        }
        "plan_report" -> {
            val plan = loadPlan(input.getJSONObject("plan").toString())
            val log = readActivitiesCsvText(input.getString("activities_csv"), "activities.csv", true)
            val options = planReportOptionsFromJson(input.opt("options")?.toString() ?: "null")
            val report = planReport(plan, datasetFromJson(input.get("data").toString()), log.activities, options)
            val tables = planReportTables(report)
            mapOf(
                "report" to report.toMap(),
                "table_keys" to tables.map { it.key },
                "targets_csv" to tableToCsv(tables[1]),
            )
        }
        else -> error("unknown op `$op`")
    }
}
