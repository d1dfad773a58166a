package vn.dvctt

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.OffsetDateTime

/** The Kotlin API used the way an app would: records built in Kotlin, files, errors. */
class ApiTest {

    private fun dossier(id: String, unit: String, on: LocalDate, online: Boolean) = Dossier(
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

    /** The names in one column of the README's API table (0 operation, 1 Rust, 2 Python, 3 JS, 4 Kotlin). */
    private fun readmeApiNames(column: Int): Set<String> {
        val text = File(repoRoot(), "README.md").readText(Charsets.UTF_8)
        val section = text.substringAfter("\n## API\n").substringBefore("\n## ")
        val rows = section.lines().filter { it.startsWith("|") }.drop(2)
        assertTrue(rows.size > 30, "only ${rows.size} rows in the README's API table")
        val ident = Regex("^[A-Za-z_][A-Za-z0-9_]*$")
        return rows.flatMap { row ->
            val cells = row.trim('|').split('|')
            assertEquals(5, cells.size, row)
            cells[column].split('`').filterIndexed { i, q -> i % 2 == 1 && ident.matches(q) }
        }.toSet()
    }

    @Test
    fun exportsExactlyTheReadmeApiFunctions() {
        // The generated file's top-level functions are public static methods of its facade class;
        // uniffi's own runtime helpers (uniffiEnsureInitialized, Disposable.use) are not API.
        val facade = Class.forName("vn.dvctt.DvcttKt")
        val exported = facade.declaredMethods
            .filter { java.lang.reflect.Modifier.isPublic(it.modifiers) && java.lang.reflect.Modifier.isStatic(it.modifiers) }
            .filter { !it.isSynthetic && '$' !in it.name }
            // A function taking an inline class (UInt) is compiled under a mangled name: `orgUnitsAt-At9poAI`.
            .map { it.name.substringBefore('-') }
            .filter { !it.startsWith("uniffi") && it != "use" }
            .toSortedSet()
        assertEquals(readmeApiNames(4).toSortedSet(), exported)
    }

    @Test
    fun computesFromRecordsBuiltInKotlin() {
        // 3 of 4 dossiers in Q1 fully online at U1, 0 of 1 at U2; one dossier in Q2 is out of the period.
        val data = dataset(
            listOf(
                dossier("D1", "U1", date("2026-01-05"), true),
                dossier("D2", "U1", date("2026-02-05"), true),
                dossier("D3", "U1", date("2026-03-05"), true),
                dossier("D4", "U1", date("2026-03-06"), false),
                dossier("D5", "U2", date("2026-03-07"), false),
                dossier("D6", "U2", date("2026-04-01"), true),
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
        val whole = loadPlan(File(root, "examples/plans/hcm-syt-2026.json").readText(Charsets.UTF_8))
        assertEquals("hcm-syt-2026", whole.id)
        assertEquals(4, whole.targets.size)
        // The targets computed from the dossier and survey files read here; the
        // procedure- and publication-based ones are judged by the CLI tests.
        val plan = whole.copy(
            targets = whole.targets.filter {
                it.indicator == IndicatorId.ONLINE_DOSSIER_SHARE || it.indicator == IndicatorId.SATISFACTION_RATE
            },
        )
        assertEquals(2, plan.targets.size)

        val load = readCsvFiles(
            listOf(
                CsvSource(RecordKind.DOSSIERS, File(root, "examples/data/dossiers.csv").path),
                CsvSource(RecordKind.SURVEY, File(root, "examples/data/survey.csv").path),
                CsvSource(RecordKind.STAFF, File(root, "examples/data/staff.csv").path),
            ),
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
        assertEquals("satisfied or rating", e.column)
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
    fun catalogueListsEveryIndicator() {
        val c = indicatorCatalogue()
        assertEquals(18, c.size)
        assertEquals(IndicatorId.entries.toList(), c.map { it.id })
        assertTrue(c.all { it.name.isNotBlank() })
        // Ratios are in %; counts have no denominator.
        assertTrue(c.all { (it.unit == "%") == it.denominator.isNotEmpty() })
        assertEquals("events", c.single { it.id == IndicatorId.EVENTS_HELD }.unit)
        assertEquals(PeriodAggregation.DISTINCT, c.single { it.id == IndicatorId.UNIT_PORTAL_PROMOTION_SHARE }.periodAggregation)
        assertEquals(RecordKind.AGGREGATES, c.single { it.id == IndicatorId.ADULT_USAGE_RATE }.source)
        assertEquals(RecordKind.DOSSIERS, c.single { it.id == IndicatorId.ONLINE_DOSSIER_SHARE }.source)
    }

    @Test
    fun recordsRoundTripThroughRust() {
        val plan = loadPlan(planHead + "[" + target("satisfaction_rate") + "]}")
        assertEquals(date("2026-12-31"), plan.targets.single().deadline) // dates are java.time.LocalDate
        assertNull(plan.issuedOn)
        // A plan built or edited in Kotlin goes back into Rust.
        val edited = plan.copy(targets = plan.targets.map { it.copy(threshold = 50.0) })
        val data = Dataset(
            dossiers = emptyList(),
            survey = listOf(
                SurveyResponse("S1", "U1", date("2026-05-01"), satisfied = true),
                SurveyResponse("S2", "U1", date("2026-05-02"), satisfied = false, sector = "y_te"),
            ),
            staff = emptyList(),
            aggregates = emptyList(),
        )
        val row = evaluateTargets(edited, data, EvaluateOptions(byUnit = false, source = Source.RECORDS)).single()
        assertEquals(50.0, row.value!!, 1e-9)
        assertEquals(TargetStatus.MET, row.status)
        assertEquals(0.0, row.gapPp!!, 1e-9)
    }

    @Test
    fun ratingsRolesAndCountsFromKotlin() {
        // 5-level ratings: 1 very satisfied, 1 neutral, 1 dissatisfied; a custom rule counts neutral too.
        val survey = listOf(
            SurveyResponse("R1", "U1", date("2026-03-01"), rating = SatisfactionLevel.VERY_SATISFIED, scale = 5u),
            SurveyResponse("R2", "U1", date("2026-03-01"), rating = SatisfactionLevel.NEUTRAL, scale = 5u),
            SurveyResponse("R3", "U1", date("2026-03-01"), rating = SatisfactionLevel.DISSATISFIED, scale = 5u),
        )
        val staff = listOf(
            StaffMember("C1", "U1", false, date("2026-02-01"), role = StaffRole.COMMUNITY_TEAM),
            StaffMember("C2", "U1", false, null, role = StaffRole.COMMUNITY_TEAM),
            StaffMember("O1", "U1", true, date("2026-02-01")),
        )
        val data = Dataset(dossiers = emptyList(), survey = survey, staff = staff, aggregates = emptyList())
        val q = Query(
            indicator = IndicatorId.SATISFACTION_RATE,
            period = "2026",
            byUnit = false,
            scope = Scope(units = emptyList(), sectors = emptyList()),
            source = Source.RECORDS,
            satisfactionRule = SatisfactionRule(threeLevelTop = 2u, fiveLevelTop = 3u),
        )
        val sat = computeIndicator(data, q).single()
        assertEquals(2.0, sat.numerator)
        assertEquals(3.0, sat.denominator)
        assertEquals(
            listOf("level:very_satisfied", "level:satisfied", "level:neutral", "level:dissatisfied", "level:very_dissatisfied"),
            sat.parts.map { it.name },
        )
        assertEquals(100.0 / 3, sat.parts.single { it.name == "level:neutral" }.share!!, 1e-9)
        val team = computeIndicator(data, q.copy(indicator = IndicatorId.TRAINED_COMMUNITY_TEAM_COVERAGE)).single()
        assertEquals(1.0, team.numerator)
        assertEquals(2.0, team.denominator)
        // A count over a kind not given is not computed, never 0; given
        // (a file with no row for it), the value is the count, with no
        // denominator.
        val notGiven = assertThrows<DvcttException.NotComputed> {
            computeIndicator(data, q.copy(indicator = IndicatorId.DOSSIERS_RECEIVED))
        }
        assertEquals("dossiers_received", notGiven.indicator)
        val given = data.copy(givenKinds = listOf(RecordKind.DOSSIERS))
        val received = computeIndicator(given, q.copy(indicator = IndicatorId.DOSSIERS_RECEIVED)).single()
        assertEquals(0.0, received.value)
        assertEquals(0.0, received.denominator)
        val bad = assertThrows<DvcttException.Data> {
            computeIndicator(data, q.copy(satisfactionRule = SatisfactionRule(threeLevelTop = 3u, fiveLevelTop = 2u)))
        }
        assertEquals("satisfaction_rule.three_level_top", bad.path)
    }

    /**
     * Dates are java.time.LocalDate: a bad date cannot be built in Kotlin, so
     * the old InternalException path (a date string failing while uniffi lifts
     * the arguments) is gone. Dates given as JSON text still report a
     * DvcttException.Data with their path.
     */
    @Test
    fun datesAreLocalDatesAndABadOneCannotBeBuilt() {
        assertThrows<java.time.DateTimeException> { LocalDate.of(2026, 13, 1) }
        val ok = dataset(listOf(dossier("D1", "U1", LocalDate.of(2026, 1, 1), true)))
        assertFalse(computeIndicator(ok, query("2026")).isEmpty())
        // Dates come back as LocalDate too, and round-trip.
        val back = datasetFromJson(
            """{"dossiers": [{"dossier_id": "D1", "unit_code": "U1", "procedure_code": "1.001", "sector": "y_te",
               "received_on": "2026-02-28", "channel": "online", "fully_online": true}]}""",
        )
        assertEquals(LocalDate.of(2026, 2, 28), back.dossiers.single().receivedOn)
        val e = assertThrows<DvcttException.Data> {
            datasetFromJson(
                """{"dossiers": [{"dossier_id": "D1", "unit_code": "U1", "procedure_code": "1.001", "sector": "y_te",
                   "received_on": "2026-13-01", "channel": "online", "fully_online": true}]}""",
            )
        }
        assertEquals("dossiers[0].received_on", e.path)
    }

    /**
     * A date or instant Kotlin can hold but dvctt cannot (years beyond
     * chrono's ±262,143: LocalDate.MAX, Instant.MAX) is refused by the core
     * while uniffi lifts the argument, as DvcttException.Data with its path,
     * not as InternalException.
     */
    @Test
    fun aDateOrInstantDvcttCannotHoldIsADataError() {
        val date = assertThrows<DvcttException.Data> {
            computeIndicator(dataset(listOf(dossier("D1", "U1", LocalDate.MAX, true))), query("2026"))
        }
        assertEquals("date", date.path)
        assertTrue(date.detail.contains("+999999999-12-31"), date.detail)
        val instant = assertThrows<DvcttException.Data> {
            reportToJson(Report.Team(teamReport(1, 1).copy(submittedAt = Instant.MAX)))
        }
        assertEquals("timestamp", instant.path)
        assertTrue(instant.detail.contains("+1000000000-12-31T23:59:59.999999999Z"), instant.detail)
        // An instant from Kotlin is written in Vietnam time and comes back
        // the same, to the nanosecond.
        val at = Instant.parse("2026-04-02T01:00:00.123456789Z")
        val json = reportToJson(Report.Team(teamReport(1, 1).copy(submittedAt = at)))
        assertTrue(json.contains("\"submitted_at\": \"2026-04-02T08:00:00.123456789+07:00\""), json)
        assertEquals(at, (readReport(json).report as Report.Team).v1.submittedAt)
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
            targets = listOf(parent.targets[0].copy(id = "online-70", threshold = 70.0, deadline = date("2026-12-31"))),
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
        val rows = checkTasks(child, log.activities + Activity("A2", "products", "VP", date("2026-08-01")), null, date("2026-09-30"))
        val r = rows.single()
        assertEquals(4u, r.required)
        assertEquals(3u, r.done)
        assertFalse(r.kept)
        assertEquals(listOf("2026Q2"), r.missedPeriods)
        assertEquals(listOf("2026Q4"), r.pendingPeriods)
        assertThrows<DvcttException.Period> { checkTasks(child, emptyList(), "2026Q5", null) }
    }

    @Test
    fun orgTreeAndRollUpFromKotlinRecords() {
        val org = loadOrg(File(repoRoot(), "examples/org/hcm-health-2026.json").readText())
        assertEquals("dvctt/org@1", org.schema)
        assertEquals(org, validateOrg(org))
        assertEquals(listOf("BYT", "SYT-HCM"), orgUnitsAt(org, date("2026-01-01"), 1u).map { it.code })
        assertEquals(
            listOf("BYT", "SYT-BD", "SYT-BRVT", "SYT-HCM"),
            orgUnitsAt(org, date("2025-06-30"), 1u).map { it.code },
        )
        assertEquals(listOf("TYT-BENNGHE", "TYT-DAKAO"), orgChildren(org, "PYT-Q1", date("2025-06-30")).map { it.code })
        assertEquals(listOf("PYT-Q1", "SYT-HCM"), orgAncestors(org, "TYT-DAKAO", date("2025-06-30")).map { it.code })
        assertEquals(listOf(UnitShare("SYT-VP", 1.0)), orgSuccessors(org, "BD-VP", date("2025-06-30"), date("2026-01-01")))
        assertEquals(
            listOf("TYT-BENNGHE", "TYT-DAKAO"),
            orgPredecessors(org, "TYT-SAIGON", date("2025-07-01"), date("2025-06-30")).map { it.unitCode },
        )

        fun response(id: String, unit: String, on: LocalDate, yes: Boolean) =
            SurveyResponse(responseId = id, unitCode = unit, respondedOn = on, satisfied = yes, sector = null)
        val data = Dataset(
            dossiers = emptyList(),
            survey = listOf(
                response("R1", "BD-VP", date("2024-03-01"), true),
                response("R2", "SYT-VP", date("2024-03-01"), false),
                response("R3", "SYT-VP", date("2024-03-02"), true),
                response("R4", "ZZ", date("2024-03-02"), true),
            ),
            staff = emptyList(),
            aggregates = emptyList(),
        )
        val q = Query(
            indicator = IndicatorId.SATISFACTION_RATE,
            period = "2024",
            byUnit = false,
            scope = Scope(units = emptyList(), sectors = emptyList()),
            source = Source.AUTO,
        )
        val r = computeRolledUp(data, q, org, RollUpSpec(level = null, units = listOf("SYT-HCM", "SYT-VP"), date = date("2026-12-31")))
        assertEquals(date("2026-12-31"), r.date)
        assertEquals(
            listOf(Triple("SYT-HCM", 2.0, 3.0), Triple("SYT-VP", 2.0, 3.0)),
            r.results.map { Triple(it.unitCode, it.numerator, it.denominator) },
        )
        assertEquals(listOf(UnplacedFigures("ZZ", UnplacedReason.UNKNOWN_UNIT, 1.0, 1.0)), r.unplaced)
        assertEquals(date("2024-12-31"), computeRolledUp(data, q, org, RollUpSpec()).date)

        val both = assertThrows<DvcttException.Data> {
            computeRolledUp(data, q, org, RollUpSpec(level = 1u, units = listOf("BYT")))
        }
        assertEquals("spec.level", both.path)
        val unknown = assertThrows<DvcttException.Data> { orgChildren(org, "NOPE", date("2026-01-01")) }
        assertEquals("code", unknown.path)
        val bad = assertThrows<DvcttException.Data> { validateOrg(org.copy(units = listOf(org.units[0].copy(level = 0u)))) }
        assertEquals("units[0].level", bad.path)
    }

    @Test
    fun `outreach sessions built in Kotlin and feedback read from CSV`() {
        fun session(id: String, on: LocalDate, kind: OutreachKind, people: UInt) = OutreachSession(
            sessionId = id,
            unitCode = "U1",
            heldOn = on,
            kind = kind,
            peopleGuided = people,
            dossiersHelped = null,
            members = 4u,
        )
        val data = Dataset(
            dossiers = emptyList(),
            survey = emptyList(),
            staff = emptyList(),
            aggregates = emptyList(),
            outreach = listOf(
                session("S1", date("2026-01-10"), OutreachKind.EVENT, 120u),
                session("S2", date("2026-02-11"), OutreachKind.DOOR_TO_DOOR, 9u),
                session("S3", date("2026-04-01"), OutreachKind.EVENT, 300u),
            ),
        )
        fun q(id: IndicatorId) = Query(
            indicator = id,
            period = "2026Q1",
            byUnit = false,
            scope = Scope(units = emptyList(), sectors = emptyList()),
            source = Source.RECORDS,
        )
        val guided = computeIndicator(data, q(IndicatorId.PEOPLE_GUIDED)).single()
        assertEquals(129.0, guided.value)
        assertEquals(0.0, guided.denominator)
        assertEquals(120.0, guided.parts.single { it.name == "event" }.count)
        assertEquals(9.0, guided.parts.single { it.name == "door_to_door" }.count)
        assertEquals(1.0, computeIndicator(data, q(IndicatorId.EVENTS_HELD)).single().value)

        val text = "feedback_id,unit_code,received_on,addressed_on,public\n" +
            "F1,U1,2026-03-02,2026-03-09,\nF2,U1,2026-03-05,2026-03-01,\nF3,U1,2026-03-06,,\n"
        val e = assertThrows<DvcttException.Csv> { readCsvText(RecordKind.FEEDBACK, text, "feedback.csv", true) }
        assertEquals(3u, e.line)
        assertEquals("addressed_on", e.field)
        val lenient = readCsvText(RecordKind.FEEDBACK, text, "feedback.csv", false)
        assertEquals(listOf("F1", "F3"), lenient.dataset.feedback.map { it.feedbackId })
        assertNull(lenient.dataset.feedback[0].public)
        val rate = computeIndicator(lenient.dataset, q(IndicatorId.FEEDBACK_ADDRESSED_RATE).copy(period = "202603")).single()
        assertEquals(1.0, rate.numerator)
        assertEquals(2.0, rate.denominator)
        assertEquals(50.0, rate.value)
    }

    @Test
    fun scoresTheDefaultProfileOnTheBundledData() {
        val profile = defaultScoringProfile()
        assertEquals("dvctt/scoring-profile@1", profile.schema)
        assertEquals(100.0, profile.groups.sumOf { it.maxPoints }, 1e-9)
        val x = profile.items.filter { it.indicator != null }.associate { it.indicator!! to it.threshold!! }
        assertEquals(50.0, x[IndicatorId.ONLINE_SUBMISSION_SHARE])
        assertEquals(80.0, x[IndicatorId.DIGITIZED_DOSSIER_SHARE])
        assertEquals(90.0, x[IndicatorId.SATISFACTION_RATE])

        val root = repoRoot()
        val load = readCsvFiles(
            listOf(
                CsvSource(RecordKind.DOSSIERS, File(root, "examples/data/dossiers.csv").path),
                CsvSource(RecordKind.SURVEY, File(root, "examples/data/survey.csv").path),
            ),
            strict = true,
        )
        // Built in Kotlin: constructor defaults for by_unit, units and source.
        val card = computeScores(profile, load.dataset, ScoreQuery(period = "2026", source = Source.AUTO)).single()
        assertNull(card.unitCode)
        assertEquals(100.0, card.maxPoints, 1e-9)
        assertTrue(card.points > 0 && card.points <= card.pointsAvailable, "${card.points} of ${card.pointsAvailable}")
        assertEquals(card.points, card.groups.sumOf { it.points }, 1e-9)
        assertEquals(profile.items.filter { it.indicator == null }.map { it.id }, card.notComputed)
        assertTrue(card.notComputed.isNotEmpty())
        for (item in card.items.filter { it.status == ItemStatus.SCORED }) {
            val r = item.value!!
            assertEquals(minOf(1.0, r / item.threshold!!) * item.maxPoints, item.points!!, 1e-9)
        }
        val byUnit = computeScores(profile, load.dataset, ScoreQuery(period = "2026", byUnit = true, source = Source.AUTO))
        assertTrue(byUnit.size > 1 && byUnit.all { it.unitCode != null })

        // A profile edited in Kotlin is validated again in Rust, with the path of the problem.
        val bad = profile.copy(items = profile.items.map { it.copy(threshold = 0.0) })
        val e = assertThrows<DvcttException.Data> { computeScores(bad, load.dataset, ScoreQuery(period = "2026", source = Source.AUTO)) }
        assertEquals("items[0].threshold", e.path)
        val q = assertThrows<DvcttException.Data> { scoreQueryFromJson("""{"period": "2026", "unit": "U1"}""") }
        assertEquals("query.unit", q.path)
    }

    @Test
    fun dossierCubeFromColumnArrays() {
        fun day(iso: String) = java.time.LocalDate.parse(iso).toEpochDay().toInt()
        // Row 0: U1/a, online, received 01-05, settled 01-09 before its due date 01-10.
        // Row 1: U1/b, direct, received 02-01, open. Row 2: U2/a, postal, received 2025 (outside).
        fun input(channel: List<Int>) = DossierArrayInput(
            units = listOf("U1", "U2"),
            sectors = listOf("a", "b"),
            channels = null,
            unit = listOf(0, 0, 1),
            sector = listOf(0, 1, 0),
            channel = channel,
            received = listOf(day("2026-01-05"), day("2026-02-01"), day("2025-12-31")),
            completed = listOf(day("2026-01-09"), null, null),
            due = listOf(day("2026-01-10"), null, null),
            pausedDays = null,
            fullyOnline = listOf(true, false, false),
            feeRequired = listOf(true, true, false),
            paidOnline = listOf(true, false, false),
            digitized = listOf(false, true, true),
        )
        val c = dossierCube(input(listOf(0, 1, 2)), "2026", "months")
        assertEquals(listOf("U1", "U2"), c.units)
        assertEquals(12, c.buckets.size)
        assertEquals("202601", c.buckets[0])
        assertEquals(12, c.counters.size)
        assertEquals(2 * 12 * 2 * 12, c.values.size)
        fun at(u: Int, b: Int, s: Int, counter: String) =
            c.values[((u * 12 + b) * 2 + s) * 12 + c.counters.indexOf(counter)].toLong()
        assertEquals(1L, at(0, 0, 0, "received"))
        assertEquals(1L, at(0, 0, 0, "fully_online"))
        assertEquals(1L, at(0, 0, 0, "paid_online"))
        assertEquals(1L, at(0, 0, 0, "completed_early"))
        assertEquals(0L, at(0, 0, 0, "completed_late"))
        assertEquals(1L, at(0, 1, 1, "channel_direct"))
        assertEquals(1L, at(0, 1, 1, "digitized"))
        // Row 0: received, fully_online, channel_online, fee_required, paid_online,
        // completed, completed_early = 7; row 1: received, channel_direct,
        // fee_required, digitized = 4; row 2 is outside 2026.
        assertEquals(11L, c.values.sumOf { it.toLong() })
        val e = assertThrows<DvcttException.Data> {
            dossierCube(input(listOf(0, 3, 2)), "2026", "months")
        }
        assertEquals("channel[1]", e.path)
    }

    // --- reports: the mobile app builds a team report offline, validates it, hands back JSON

    private fun teamReport(peopleGuided: Long, dossiers: Long) = TeamReport(
        schema = "dvctt/team-report@1",
        plan = PlanRef(id = "hcm-syt-2026"),
        commune = "TYT-SAIGON",
        team = "Tổ CNSCĐ khu phố 3",
        period = "2026VNM03",
        submittedAt = OffsetDateTime.parse("2026-03-15T08:10:00+07:00").toInstant(),
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
        val now = OffsetDateTime.parse("2026-04-01T00:00:00+07:00").toInstant()
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
        val found = validateReport(text, plan, org, OffsetDateTime.parse("2026-04-01T00:00:00+07:00").toInstant())
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

    @Test
    fun form06ComputedValidatedAndExported() {
        val root = repoRoot()
        val data = readCsvFile(RecordKind.DOSSIERS, File(root, "examples/data/dossiers.csv").path, true).dataset
        val org = orgDocumentFromJson(File(root, "examples/org/hcm-health-2026.json").readText())
        val form = tthcForm06(data, listOf("SYT-HCM"), "2026Q2", org)
        assertEquals("dvctt/tthc-form-06@1", form.schema)
        assertTrue(form.units.contains("BV-NHIDONG1") && !form.units.contains("BV-CHORAY"))
        val t = form.total
        assertEquals(t.received.total, t.settled.total + t.inProgress.total)
        assertEquals(t.received.online, form.rows.sumOf { it.received.online })
        assertTrue(t.received.carriedOver > 0 && t.inProgress.overdue > 0)
        val now = OffsetDateTime.parse("2026-11-30T00:00:00+07:00").toInstant()
        assertTrue(validateReportRecord(Report.Form06(form), null, org, now).isEmpty())
        assertEquals("SYT-HCM", Report.Form06(form).reportingUnit())
        // A submitted form whose total row does not add up.
        val bad = form.copy(total = t.copy(settled = t.settled.copy(late = t.settled.late + 1)))
        val found = validateReportRecord(Report.Form06(bad), null, null, now)
        assertEquals(
            listOf("R025-form06-settled-total" to "total.settled.total", "R028-form06-total-row" to "total.settled.late"),
            found.map { it.rule to it.path },
        )
        val back = readReport(reportToJson(Report.Form06(form)))
        assertEquals(form, (back.report as Report.Form06).v1)
        val tables = form06Tables(form)
        assertEquals(listOf("form06"), tables.map { it.key })
        assertEquals(Cell.Integer(t.received.total), tables[0].rows.last()[1])
        assertTrue(tablesToMarkdown(tables, Lang.VI).contains("Số kỳ trước chuyển qua"))
        val e = assertThrows<DvcttException.Data> { tthcForm06(data, listOf("NOPE"), "2026Q2", org) }
        assertEquals("units[0]", e.path)
    }

    @Test
    fun consolidatesTheBundledExample() {
        val root = repoRoot()
        val plan = loadPlan(File(root, "examples/plans/hcm-syt-2026.json").readText())
        val org = loadOrg(File(root, "examples/org/hcm-health-2026.json").readText())
        val dir = "examples/reports/hcm-2026VNQ1"
        val files = listOf(
            "$dir/syt-vp.json", "$dir/ttksbt.json", "examples/reports/nhidong1-2026VNQ1.json",
            "$dir/dalieu-first.json", "$dir/dalieu-corrected.json", "$dir/dkbd.json",
        )
        val reports = files.map { readReport(File(root, it).readText()).report }
        val call = File(root, "$dir/call.json").readText()
        val options = consolidateOptionsFromJson(
            """{"period": "2026VNQ1", "root": "SYT-HCM", "now": "2026-04-01T00:00:00+07:00", "obligations": [$call]}""",
        ).copy(org = org)
        val c = consolidateReports(plan, reports, options)
        // Six reporters asked, five sent; BV-BARIA did not.
        assertEquals(6u, c.reporting.expected)
        assertEquals(5u, c.reporting.received)
        assertEquals(listOf("BV-BARIA"), c.reporting.missing.map { it.unit })
        assertEquals(listOf("BV-DALIEU", "TTKSBT"), c.reporting.late.map { it.unit }.sorted())
        assertEquals(4u, c.reports[3].supersededBy)
        // Its instants are Instants: when it was made (the `now` given) and when each report came.
        assertEquals(Instant.parse("2026-03-31T17:00:00Z"), c.generatedAt)
        assertEquals(Instant.parse("2026-03-31T17:00:00Z"), options.now)
        assertEquals(c.reports.map { it.submittedAt }, reports.map { it.submittedInstant() })
        val lateUnits = c.reporting.late.map { it.unit }.toSet()
        assertEquals(c.units.filter { it.unit in lateUnits }.map { it.submittedAt }.toSet(), c.reporting.late.map { it.submittedAt }.toSet())
        // Late: submitted after the due day had ended in Vietnam time.
        c.reporting.late.forEach { l ->
            assertFalse(l.submittedAt.isBefore(l.due.plusDays(1).atStartOfDay(java.time.ZoneOffset.ofHours(7)).toInstant()), l.toString())
        }
        val tables = consolidatedTables(c, true)
        assertEquals(listOf("reporting", "units", "consolidated", "differences", "tasks"), tables.map { it.key })
        assertTrue(consolidatedTidyCsv(c, true).startsWith("unit,period,indicator,numerator,denominator,value,source,suppressed\n"))
        val e = assertThrows<DvcttException.Data> {
            consolidateReports(plan, reports, options.copy(period = "2026VNM01"))
        }
        assertEquals("options.obligations[0].frequency", e.path)
    }

    @Test
    fun tablesBuiltInKotlinAreExported() {
        val table = Table(
            key = "units",
            titleVi = "Kết quả theo đơn vị",
            titleEn = "Results by unit",
            columns = listOf(
                Column("unit", "Đơn vị", "Unit", ColumnKind.TEXT),
                Column("rate", "Tỷ lệ", "Rate", ColumnKind.PERCENT),
                Column("due", "Hạn", "Due", ColumnKind.DATE),
            ),
            rows = listOf(listOf(Cell.Text("Nhi Đồng 1"), Cell.Percent(80.5), Cell.Date(date("2025-12-14")))),
        )
        val bytes = tablesToXlsx(listOf(table), Lang.VI)
        assertEquals(listOf<Byte>(0x50, 0x4b, 0x03, 0x04), bytes.take(4))
        // The parts are deflated: read the sheet back through java.util.zip.
        val sheet = java.util.zip.ZipInputStream(bytes.inputStream()).use { z ->
            generateSequence { z.nextEntry }.first { it.name == "xl/worksheets/sheet1.xml" }
            z.readBytes().toString(Charsets.UTF_8)
        }
        assertTrue(sheet.contains("<v>0.805</v>"))
        assertTrue(tablesToMarkdown(listOf(table), Lang.VI).contains("| Nhi Đồng 1 | 80,5% | 14/12/2025 |"))
        assertTrue(tablesToMarkdown(listOf(table), Lang.EN).contains("| Nhi Đồng 1 | 80.5% | 2025-12-14 |"))
        assertEquals("unit,rate,due\nNhi Đồng 1,80.5,2025-12-14\n", tableToCsv(table))
        assertEquals("*", formatCell(Cell.Suppressed, Lang.VI))
        assertEquals("Total", formatCell(Cell.Label(Label(vi = "Tổng", en = "Total")), Lang.EN))
        val e = assertThrows<DvcttException.Data> { tablesFromJson("""[{"key": "x"}]""") }
        assertTrue(e.path.startsWith("[0]"), e.path)
    }

    @Test
    fun adxOutAndBackInGivesTheFiguresOfTheDataValueSet() {
        // The inputs of the dataValueSets vector: the same figures out as
        // ADX and as dataValueSets, read back, are the same aggregates.
        val input = org.json.JSONObject(File(conformanceDir(), "dhis2-data-value-set.json").readText())
            .getJSONObject("input")
        val d = datasetFromJson(input.get("data").toString())
        val queries = input.getJSONArray("queries")
        val results = (0 until queries.length()).flatMap {
            computeIndicator(d, queryFromJson(queries.getJSONObject(it).toString()))
        }
        // ADX names a disaggregation by categories, not by a category option
        // combo: the vector's one combo is left out (every option taken).
        val mappingJson = input.getJSONObject("mapping")
        mappingJson.getJSONArray("indicators").getJSONObject(0).getJSONObject("numerator")
            .remove("category_option_combo")
        val mapping = dhis2MappingFromJson(mappingJson.toString())
        val xml = dhis2Adx(results, mapping, Instant.parse("2026-07-01T00:00:00Z"))
        assertTrue(xml.contains("exported=\"2026-07-01T07:00:00+07:00"), xml)
        val fromAdx = dhis2ReadAdx(xml, mapping).aggregates
        val fromJson = dhis2ReadDataValueSet(dhis2DataValueSet(results, mapping), mapping).aggregates
        assertTrue(fromAdx.isNotEmpty())
        assertEquals(fromJson.toSet(), fromAdx.toSet())
    }

    @Test
    fun computedResultsGoOutAsAdxAndComeBackAsTheSameAggregates() {
        // The hand-written example mapping of examples/dhis2/, and aggregates built in Kotlin.
        val mapping = dhis2MappingFromJson(File(repoRoot(), "examples/dhis2/hcm-mapping.json").readText())
        val aggregates = listOf(
            Aggregate(IndicatorId.ONLINE_DOSSIER_SHARE, "BV-NHIDONG1", "2026Q1", 412.0, 500.0),
            Aggregate(IndicatorId.ONLINE_DOSSIER_SHARE, "BV-DALIEU", "2026Q1", 0.0, 120.0),
            Aggregate(IndicatorId.SATISFACTION_RATE, "TTKSBT", "2026Q1", 88.0, 95.0),
            Aggregate(IndicatorId.EVENTS_HELD, "SYT-VP", "2026Q1", 3.0, 0.0),
        )
        val data = Dataset(dossiers = emptyList(), survey = emptyList(), staff = emptyList(), aggregates = aggregates)
        val results = listOf(IndicatorId.ONLINE_DOSSIER_SHARE, IndicatorId.SATISFACTION_RATE, IndicatorId.EVENTS_HELD)
            .flatMap { computeIndicator(data, Query(it, "2026Q1", true, Scope(emptyList(), emptyList()), Source.AGGREGATES)) }
        assertEquals(4, results.size)

        // 01:00 UTC is 08:00 in Vietnam: the message says when it was exported in Vietnam time.
        val xml = dhis2Adx(results, mapping, Instant.parse("2026-07-01T01:00:00Z"))
        assertTrue(
            xml.startsWith(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
                    "<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"2026-07-01T08:00:00+07:00\">",
            ),
            xml.take(200),
        )
        // The quarter as an ADX period, the satisfied answers under their category option.
        assertTrue(xml.contains("period=\"2026-01-01/P3M\""), xml)
        assertTrue(xml.contains("SATISFACTION=\"SATISFIED\" value=\"88\""), xml)
        assertTrue(dhis2Adx(results, mapping).contains("exported=\""))

        // Read back, ADX gives what the dataValueSets payload gives, and the aggregates computed from.
        val back = dhis2ReadAdx(xml, mapping)
        assertEquals(dhis2ReadDataValueSet(dhis2DataValueSet(results, mapping), mapping).aggregates, back.aggregates)
        val key = { a: Aggregate -> listOf(a.indicator.id, a.unitCode, a.period, a.numerator, a.denominator) }
        assertEquals(aggregates.map(key).sortedBy { it.toString() }, back.aggregates.map(key).sortedBy { it.toString() })

        // A unit the mapping does not name is an error naming the result.
        val unmapped = dhis2MappingFromJson(
            File(repoRoot(), "examples/dhis2/hcm-mapping.json").readText().replace("\"TTKSBT\"", "\"TTKSBT-OLD\""),
        )
        val e = assertThrows<DvcttException.Data> { dhis2Adx(results, unmapped, Instant.parse("2026-07-01T01:00:00Z")) }
        assertTrue(e.path.endsWith(".unit_code"), e.path)
    }
}
