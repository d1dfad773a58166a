package vn.dvctt

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File

/** The Kotlin API used the way an app would: records built in Kotlin, files, errors. */
class ApiTest {

    private fun dossier(id: String, unit: String, on: String, online: Boolean) = Dossier(
        dossierId = id,
        unitCode = unit,
        procedureCode = "1.001",
        sector = "y_te",
        receivedOn = on,
        channel = if (online) Channel.ONLINE else Channel.DIRECT,
        fullyOnline = online,
    )

    private fun dataset(dossiers: List<Dossier>) =
        Dataset(dossiers = dossiers, survey = emptyList(), staff = emptyList(), aggregates = emptyList())

    private fun query(period: String, byUnit: Boolean = false) = Query(
        indicator = IndicatorId.ONLINE_DOSSIER_SHARE,
        period = period,
        byUnit = byUnit,
        scope = Scope(units = emptyList(), sectors = emptyList()),
        source = Source.AUTO,
    )

    private val planHead = """{"schema": "dvctt/plan@1", "id": "p1", "title": "t", "issuer": "i", "period": "2026", "targets": """

    private fun target(indicator: String) =
        """{"id": "t1", "description": "d", "indicator": "$indicator", "comparator": ">=", "threshold": 80, "deadline": "2026-12-31"}"""

    private val dossierHead = "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n"

    @Test
    fun computesFromRecordsBuiltInKotlin() {
        // 3 of 4 dossiers in Q1 fully online at U1, 0 of 1 at U2; one dossier in Q2 is out of the period.
        val data = dataset(
            listOf(
                dossier("D1", "U1", "2026-01-05", true),
                dossier("D2", "U1", "2026-02-05", true),
                dossier("D3", "U1", "2026-03-05", true),
                dossier("D4", "U1", "2026-03-06", false),
                dossier("D5", "U2", "2026-03-07", false),
                dossier("D6", "U2", "2026-04-01", true),
            ),
        )
        val all = computeIndicator(data, query("2026Q1")).single()
        assertEquals(IndicatorId.ONLINE_DOSSIER_SHARE, all.indicator)
        assertEquals("2026Q1", all.period)
        assertNull(all.unitCode)
        assertEquals(3.0, all.numerator)
        assertEquals(5.0, all.denominator)
        assertEquals(60.0, all.value!!, 1e-9)

        val perUnit = computeIndicator(data, query("2026Q1", byUnit = true))
        assertEquals(listOf("U1", "U2"), perUnit.map { it.unitCode })
        assertEquals(75.0, perUnit[0].value!!, 1e-9)
        assertEquals(0.0, perUnit[1].value!!, 1e-9)

        // No dossier in the period: no data, not zero.
        val none = computeIndicator(data, query("2025")).single()
        assertEquals(0.0, none.denominator)
        assertNull(none.value)
    }

    @Test
    fun evaluatesTheBundledExamplePlanOnTheBundledCsvFiles() {
        val root = repoRoot()
        val plan = loadPlan(File(root, "examples/plans/hcm-syt-2026.json").readText(Charsets.UTF_8))
        assertEquals("hcm-syt-2026", plan.id)
        assertEquals(2, plan.targets.size)

        val load = readCsvFiles(
            dossiers = File(root, "examples/data/dossiers.csv").path,
            survey = File(root, "examples/data/survey.csv").path,
            staff = File(root, "examples/data/staff.csv").path,
            strict = true,
        )
        assertTrue(load.rejected.isEmpty())
        assertTrue(load.dataset.dossiers.isNotEmpty())
        assertTrue(load.dataset.survey.isNotEmpty())
        assertTrue(load.dataset.staff.isNotEmpty())

        val rows = evaluateTargets(plan, load.dataset, EvaluateOptions(byUnit = false, source = Source.AUTO))
        assertEquals(plan.targets.map { it.id }, rows.map { it.targetId })
        for ((row, t) in rows.zip(plan.targets)) {
            assertEquals(t.indicator, row.indicator)
            assertEquals(t.comparator, row.comparator)
            assertEquals(t.threshold, row.threshold)
            assertEquals(t.deadline, row.deadline)
            assertEquals(plan.period, row.period)
            assertNull(row.unitCode)
            assertEquals(Source.RECORDS, row.source) // no aggregates in the example
            assertTrue(row.denominator > 0, "${row.targetId}: denominator")
            assertTrue(row.numerator in 0.0..row.denominator, "${row.targetId}: numerator")
            val value = row.value ?: throw AssertionError("${row.targetId}: no value")
            assertEquals(100.0 * row.numerator / row.denominator, value, 1e-9)
            assertEquals(value - row.threshold, row.gapPp!!, 1e-9)
            assertEquals(Comparator.AT_LEAST, row.comparator)
            val met = row.numerator * 100.0 >= row.threshold * row.denominator
            // judged as of the period end, which is the deadline: met or off track
            assertEquals(row.deadline, row.asOf)
            assertEquals(if (met) TargetStatus.MET else TargetStatus.OFF_TRACK, row.status, row.targetId)
        }

        // By unit: the overall row first, then one row per unit whose counts add up to it.
        val byUnit = evaluateTargets(plan, load.dataset, EvaluateOptions(byUnit = true, source = Source.AUTO))
        for (overall in rows) {
            val mine = byUnit.filter { it.targetId == overall.targetId }
            assertEquals(overall, mine.first())
            val units = mine.drop(1)
            assertTrue(units.isNotEmpty())
            assertTrue(units.all { it.unitCode != null })
            assertEquals(units.map { it.unitCode!! }.sorted(), units.map { it.unitCode })
            assertEquals(overall.numerator, units.sumOf { it.numerator }, 1e-9)
            assertEquals(overall.denominator, units.sumOf { it.denominator }, 1e-9)
        }
    }

    @Test
    fun malformedPlanJsonIsAPlanError() {
        val e = assertThrows<DvcttException.Plan> { loadPlan("""{"schema": "dvctt/plan@1", "targets": [""") }
        assertEquals("$", e.path)
        assertTrue(e.detail.isNotEmpty())
    }

    @Test
    fun unknownIndicatorNamesIdAndPath() {
        val e = assertThrows<DvcttException.UnknownIndicator> {
            loadPlan(planHead + "[" + target("online_dossier_share") + ", " +
                target("happiness").replace("\"t1\"", "\"t2\"") + "]}")
        }
        assertEquals("happiness", e.id)
        assertEquals("targets[1].indicator", e.path)
        assertTrue(e.known.contains("online_dossier_share"), e.known)

        val q = assertThrows<DvcttException.UnknownIndicator> {
            queryFromJson("""{"indicator": "online_share", "period": "2026"}""")
        }
        assertEquals("online_share", q.id)
        assertEquals("indicator", q.path)
    }

    @Test
    fun csvBadDateNamesFileLineAndField() {
        val text = dossierHead +
            "D1,U1,1.001,y_te,2026-01-05,online,true\n" +
            "D2,U1,1.001,y_te,2026-13-05,online,true\n"
        val e = assertThrows<DvcttException.Csv> { readCsvText(RecordKind.DOSSIERS, text, "dossiers.csv", true) }
        assertEquals("dossiers.csv", e.file)
        assertEquals(3u, e.line)
        assertEquals("received_on", e.field)
        // All variants share one base class, so one catch handles every dvctt error.
        val any: DvcttException = e
        assertTrue(any.message!!.contains("received_on"))

        // Not strict: the row is reported, the rest is kept.
        val lenient = readCsvText(RecordKind.DOSSIERS, text, "dossiers.csv", false)
        assertEquals(1, lenient.dataset.dossiers.size)
        assertEquals(listOf(3u), lenient.rejected.map { it.line })
        assertEquals("received_on", lenient.rejected.single().field)
    }

    @Test
    fun missingColumnNamesTheColumn() {
        val e = assertThrows<DvcttException.MissingColumn> {
            readCsvText(RecordKind.SURVEY, "response_id,unit_code,responded_on\nS1,U1,2026-01-01\n", "survey.csv", true)
        }
        assertEquals("survey.csv", e.file)
        assertEquals("satisfied", e.column)
    }

    @Test
    fun unreadableFileIsAnIoError() {
        val missing = File(repoRoot(), "examples/data/no-such-file.csv").path
        val e = assertThrows<DvcttException.Io> { readCsvFile(RecordKind.STAFF, missing, true) }
        assertEquals(missing, e.path)
    }

    @Test
    fun periodAndDataErrors() {
        val p = assertThrows<DvcttException.Period> { computeIndicator(dataset(emptyList()), query("2026Q5")) }
        assertEquals("2026Q5", p.value)
        val d = assertThrows<DvcttException.Data> {
            datasetFromJson("""{"dossiers": [{"dossier_id": "D1"}]}""")
        }
        assertTrue(d.path.startsWith("dossiers[0]"), d.path)
    }

    @Test
    fun catalogueHasThreeIndicators() {
        val c = indicatorCatalogue()
        assertEquals(7, c.size)
        assertEquals(IndicatorId.entries.toSet(), c.map { it.id }.toSet())
        assertTrue(c.all { it.unit == "%" && it.name.isNotBlank() })
        assertEquals(RecordKind.DOSSIERS, c.single { it.id == IndicatorId.ONLINE_DOSSIER_SHARE }.source)
    }

    @Test
    fun recordsRoundTripThroughRust() {
        val plan = loadPlan(planHead + "[" + target("satisfaction_rate") + "]}")
        assertEquals("2026-12-31", plan.targets.single().deadline) // dates are ISO strings
        assertNull(plan.issuedOn)
        // A plan built or edited in Kotlin goes back into Rust.
        val edited = plan.copy(targets = plan.targets.map { it.copy(threshold = 50.0) })
        val data = Dataset(
            dossiers = emptyList(),
            survey = listOf(
                SurveyResponse("S1", "U1", "2026-05-01", true, null),
                SurveyResponse("S2", "U1", "2026-05-02", false, "y_te"),
            ),
            staff = emptyList(),
            aggregates = emptyList(),
        )
        val row = evaluateTargets(edited, data, EvaluateOptions(byUnit = false, source = Source.RECORDS)).single()
        assertEquals(50.0, row.value!!, 1e-9)
        assertEquals(TargetStatus.MET, row.status)
        assertEquals(0.0, row.gapPp!!, 1e-9)
    }

    /**
     * Known limitation: a date string inside a record passed FROM Kotlin is
     * converted while uniffi lifts the arguments, before dvctt runs, so a bad
     * one surfaces as uniffi's InternalException, not DvcttException.
     * Validate dates in Kotlin, or pass data as JSON (datasetFromJson), to get
     * a DvcttException.Data with its path.
     */
    @Test
    fun badDateInAKotlinRecordIsAnInternalException() {
        val bad = dataset(listOf(dossier("D1", "U1", "2026-13-01", true)))
        assertThrows<InternalException> { computeIndicator(bad, query("2026")) }
        // The library stays usable afterwards.
        val ok = dataset(listOf(dossier("D1", "U1", "2026-01-01", true)))
        assertFalse(computeIndicator(ok, query("2026")).isEmpty())
        // The JSON route reports the same problem as a dvctt error with its path.
        val e = assertThrows<DvcttException.Data> {
            datasetFromJson(
                """{"dossiers": [{"dossier_id": "D1", "unit_code": "U1", "procedure_code": "1.001", "sector": "y_te",
                   "received_on": "2026-13-01", "channel": "online", "fully_online": true}]}""",
            )
        }
        assertEquals("dossiers[0].received_on", e.path)
    }

    @Test
    fun tasksAndCascadeFromKotlinRecords() {
        val parent = loadPlan(
            """{"schema": "dvctt/plan@1", "id": "parent", "number": "1588/QĐ-TTg", "title": "t", "issuer": "i",
               "period": "2025", "targets": [{"id": "online-80", "description": "d", "indicator": "online_dossier_share",
               "comparator": ">=", "threshold": 80, "deadline": "2025-12-31"}]}""",
        )
        // Built in Kotlin: constructor defaults stand for the fields a JSON plan may omit.
        val task = Task(
            id = "products",
            title = "Mỗi quý có ít nhất 01 sản phẩm",
            leadUnits = listOf("VP"),
            cadence = Cadence.Quarterly(min = 1u),
        )
        val child = parent.copy(
            id = "child",
            number = null,
            period = "2026",
            implements = DocumentRef(number = "1588/QĐ-TTg"),
            targets = listOf(parent.targets[0].copy(id = "online-70", threshold = 70.0, deadline = "2026-12-31")),
            tasks = listOf(task),
        )
        val findings = cascadeCheck(listOf(parent, child))
        assertEquals(1, findings.size)
        assertEquals(Severity.WARNING, findings[0].severity)
        assertEquals("online-80", findings[0].parentTargetId)

        val log = readActivitiesCsvText(
            "activity_id,task_id,unit_code,date,kind,count\nA1,products,VP,2026-02-01,video,2\n",
            "activities.csv",
            true,
        )
        assertEquals(2u, log.activities.single().count)
        val rows = checkTasks(child, log.activities + Activity("A2", "products", "VP", "2026-08-01"), null, "2026-09-30")
        val r = rows.single()
        assertEquals(4u, r.required)
        assertEquals(3u, r.done)
        assertFalse(r.kept)
        assertEquals(listOf("2026Q2"), r.missedPeriods)
        assertEquals(listOf("2026Q4"), r.pendingPeriods)
        assertThrows<DvcttException.Period> { checkTasks(child, emptyList(), "2026Q5", null) }
    }

    // --- reports: the mobile app builds a team report offline, validates it, hands back JSON

    private fun teamReport(peopleGuided: Long, dossiers: Long) = TeamReport(
        schema = "dvctt/team-report@1",
        plan = PlanRef(id = "hcm-syt-2026"),
        commune = "TYT-SAIGON",
        team = "Tổ CNSCĐ khu phố 3",
        period = "2026VNM03",
        submittedAt = "2026-03-15T08:10:00+07:00",
        sessions = Sessions(doorToDoor = 14, oneStopShop = 6, event = 1),
        peopleGuided = peopleGuided,
        dossiersSubmitted = dossiers,
        membersTrained = 4,
        members = 9,
        narrative = Narrative(resultsAchieved = "Hướng dẫn cài đặt VNeID."),
        extra = """{"device": {"os": "android", "offline": true}}""",
    )

    @Test
    fun teamReportBuiltValidatedAndHandedBackOffline() {
        val now = "2026-04-01T00:00:00+07:00"
        assertTrue(validateReportRecord(Report.Team(teamReport(182, 57)), null, null, now).isEmpty())
        val found = validateReportRecord(Report.Team(teamReport(50, 60)), null, null, now)
        assertEquals(listOf("R020-dossiers-exceed-guided"), found.map { it.rule })
        assertEquals(FindingSeverity.WARNING, found[0].severity)
        assertEquals("dossiers_submitted", found[0].path)
        assertTrue(found[0].messageVi.isNotEmpty() && found[0].messageEn.contains("exceed"))

        val json = reportToJson(Report.Team(teamReport(182, 57)))
        val obj = org.json.JSONObject(json)
        assertEquals("dvctt/team-report@1", obj.getString("schema"))
        assertEquals(182, obj.getInt("people_guided"))
        assertEquals("android", obj.getJSONObject("device").getString("os"))
        // read back: the unknown field is in `extra`, the record equal
        val back = readReport(json)
        assertTrue(back.findings.isEmpty())
        val team = (back.report as Report.Team).v1
        assertEquals(teamReport(182, 57).copy(extra = team.extra), team)
        assertEquals(org.json.JSONObject("""{"device": {"os": "android", "offline": true}}""").similar(org.json.JSONObject(team.extra)), true)
    }

    @Test
    fun reportJsonValidatedAgainstThePlanAndOrg() {
        val root = repoRoot()
        val plan = loadPlan(File(root, "examples/plans/hcm-syt-2026.json").readText())
        val org = orgDocumentFromJson(File(root, "examples/org/hcm-health-2026.json").readText())
        val text = File(root, "examples/reports/dalieu-2026VNQ1-with-errors.json").readText()
        val found = validateReport(text, plan, org, "2026-04-01T00:00:00+07:00")
        assertEquals(3, found.count { it.severity == FindingSeverity.ERROR })
        assertEquals("R001-numerator-exceeds-denominator", found[0].rule)
        assertEquals("indicators[0].numerator", found[0].path)
        val e = assertThrows<DvcttException.Data> { validateReport("{", plan, null, null) }
        assertEquals("$", e.path)
        val extraClash = teamReport(1, 1).copy(extra = """{"commune": "X"}""")
        val clash = assertThrows<DvcttException.Data> { reportToJson(Report.Team(extraClash)) }
        assertEquals("commune", clash.path)
        assertTrue(reportRules().map { it.id }.contains("R018-superseded"))
    }
}
