package vn.dvctt

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.time.LocalDate
import java.time.OffsetDateTime

/** The field app's workflow through the Kotlin `Store`, on real SQLite files. */
class StoreTest {

    private fun teamPlan() = loadPlan(File(repoRoot(), "core/tests/data/team-plan.json").readText(Charsets.UTF_8))

    private fun session(on: LocalDate, kind: OutreachKind, people: UInt, vararg byService: Pair<String, UInt>) =
        GuidanceSession(
            session = OutreachSession(
                sessionId = "",
                unitCode = "",
                heldOn = on,
                kind = kind,
                peopleGuided = people,
                members = 2u,
            ),
            place = "Nhà văn hoá khu phố 3",
            byService = byService.map { ServiceCount(it.first, it.second) },
        )

    private fun member(id: String) = StaffMember(personId = id, unitCode = "", inScope = true)

    @Test
    fun theWholeWorkflowOnASqliteFile(@TempDir dir: File) {
        val path = File(dir, "team.sqlite").path
        var device = ""
        Store.open(path).use { store ->
            device = store.deviceId()
            val slice = store.loadPlanSlice(teamPlan(), "P-ANPHU", "Tổ CNSCĐ khu phố 3")
            assertEquals(listOf("people-guided-600", "team-trained-100"), slice.targets.map { it.id })
            assertEquals(listOf("loudspeaker"), slice.tasks.map { it.id })

            val logged = store.logSessions(
                listOf(
                    session(LocalDate.of(2026, 3, 2), OutreachKind.DOOR_TO_DOOR, 12u, "1.001" to 3u, "2.002" to 2u),
                    session(LocalDate.of(2026, 3, 15), OutreachKind.EVENT, 40u, "1.001" to 9u),
                    session(LocalDate.of(2026, 4, 1), OutreachKind.ONE_STOP, 7u),
                ),
            )
            assertEquals("P-ANPHU", logged[0].session.unitCode)
            assertEquals(5u, logged[0].session.dossiersHelped)
            assertEquals(36, logged[0].session.sessionId.length)
            store.logSession(session(LocalDate.of(2026, 3, 20), OutreachKind.ONLINE, 5u))
            store.putMember(member("M1"))
            store.putMember(member("M2"))
            store.putMember(member("M3"))
            store.logTraining(MemberTraining("", LocalDate.of(2026, 3, 10), listOf("M1", "M2"), "VNeID"))
            store.logOutreach(Activity("", "loudspeaker", "", LocalDate.of(2026, 3, 5), kind = "loa"))

            // Edit: the same id, a new version; delete: a tombstone.
            store.logSession(logged[1].copy(session = logged[1].session.copy(peopleGuided = 45u)))
            store.deleteEntry(logged[2].session.sessionId)
            assertEquals(3, store.sessions(null).size)

            // Errors name the field, as DvcttException subclasses with properties.
            val other = session(LocalDate.of(2026, 3, 3), OutreachKind.EVENT, 1u)
            val e = assertThrows<DvcttException.Data> {
                store.logSession(other.copy(session = other.session.copy(unitCode = "P-BINHTRUNG")))
            }
            assertEquals("unit_code", e.path)
            assertEquals("`P-BINHTRUNG` is not this store's commune `P-ANPHU`", e.detail)
            val task = assertThrows<DvcttException.Data> {
                store.logOutreach(Activity("", "district-fair", "", LocalDate.of(2026, 3, 5)))
            }
            assertEquals("task_id", task.path)
            assertThrows<DvcttException.Data> { store.deleteEntry("no-such-entry") }
            assertThrows<DvcttException.Period> { store.teamIndicators("2026-03") }

            val ind = store.teamIndicators("202603")
            assertEquals(3uL, ind.sessionsHeld)
            assertEquals(14uL, ind.dossiersHelped)
            assertEquals(62.0, ind.peopleGuided.value)
            assertEquals(1.0, ind.eventsHeld.value)
            assertEquals(2.0, ind.membersTrained.numerator)
            assertEquals(3.0, ind.membersTrained.denominator)
            assertEquals(listOf("people-guided-600", "team-trained-100"), ind.targets.map { it.targetId })

            val report = store.buildTeamReport("202603", OffsetDateTime.parse("2026-04-02T08:00:00+07:00").toInstant())
            assertEquals("dvctt/team-report@1", report.schema)
            assertEquals(62L, report.peopleGuided)
            assertEquals(14L, report.dossiersSubmitted)
            assertEquals(2L, report.membersTrained)
            assertEquals(3L, report.members)
            assertEquals(1L, report.sessions.doorToDoor)
            assertEquals(1L, report.sessions.event)
            val now = OffsetDateTime.parse("2026-04-02T09:00:00+07:00").toInstant()
            assertEquals(emptyList<Finding>(), store.validateTeamReport(report, now))
            val warned = store.validateTeamReport(report.copy(dossiersSubmitted = 100L), now).single()
            assertEquals("R020-dossiers-exceed-guided", warned.rule)
            assertEquals(FindingSeverity.WARNING, warned.severity)
            assertTrue(warned.messageVi.contains("lớn hơn số người được hướng dẫn"))
            assertTrue(warned.messageEn.contains("exceed people guided"))

            store.saveDraft(report)
            assertEquals(report, store.draft("202603"))
            val refused = assertThrows<DvcttException.Data> {
                store.queueReport(report.copy(submittedAt = OffsetDateTime.parse("2026-05-01T00:00:00+07:00").toInstant()), now)
            }
            assertEquals("submitted_at", refused.path)
            val queued = store.queueReport(report, now)
            assertNull(store.draft("202603"))
            assertEquals(listOf(queued.id), store.outbox(true).map { it.id })
            val sent = store.markSent(queued.id, "SRV-2026-0042", OffsetDateTime.parse("2026-04-02T10:00:00+07:00").toInstant())
            assertEquals("SRV-2026-0042", sent.receipt)
            assertTrue(store.outbox(true).isEmpty())

            // The sync bundle goes to another device, which merges it.
            val bundle = store.exportBundle()
            assertTrue(bundle.startsWith("{\"schema\":\"dvctt/sync-bundle@1\""))
            Store.open(File(dir, "other.sqlite").path).use { other ->
                other.loadPlanSlice(teamPlan(), "P-ANPHU", null)
                val merged = other.importBundle(bundle)
                assertEquals(9uL, merged.received) // 3 sessions, 1 tombstone, 3 members, 1 training, 1 outreach
                assertEquals(merged.received, merged.applied)
                assertEquals(0uL, other.importBundle(bundle).applied) // idempotent
                assertEquals(store.sessions("202603"), other.sessions("202603"))
                assertEquals(62.0, other.teamIndicators("202603").peopleGuided.value)

                // Incremental: after the other device merged everything up to
                // `upto`, the next bundle holds only what changed since.
                val all = store.exportBundleSince(0uL)
                assertEquals(9uL, all.entries)
                assertEquals(0uL, other.importBundle(all.json).applied)
                assertEquals(0uL, store.exportBundleSince(all.upto).entries)
                val s = store.sessions("202603").first()
                store.logSession(s.copy(session = s.session.copy(peopleGuided = s.session.peopleGuided + 1u)))
                val next = store.exportBundleSince(all.upto)
                assertEquals(1uL, next.entries)
                assertEquals(1uL, other.importBundle(next.json).applied)
                assertEquals(store.sessions("202603"), other.sessions("202603"))

                // A bundle from a clock two days ahead is refused, naming the entry;
                // allowing three days lets it in.
                val ahead = JSONObject(next.json)
                val e0 = ahead.getJSONArray("entries").getJSONObject(0)
                val version = e0.getJSONObject("version")
                version.put("wall", version.getLong("wall") + 2 * 86_400_000L)
                val refused = assertThrows<DvcttException.Data> { other.importBundle(ahead.toString()) }
                assertEquals("entries[0].version.wall", refused.path)
                assertTrue(refused.detail.contains(e0.getString("id")), refused.detail)
                other.setMaxClockDrift(java.time.Duration.ofDays(3))
                assertEquals(1uL, other.importBundle(ahead.toString()).applied)
            }
        }
        // Closed and reopened: the same device, the same log, the outbox kept.
        Store.open(path).use { store ->
            assertEquals(device, store.deviceId())
            assertEquals(3, store.sessions(null).size)
            assertEquals("SRV-2026-0042", store.outbox(false).single().receipt)
        }
    }

    @Test
    fun everyStoreMethodIsInTheReadmeTable() {
        val text = File(repoRoot(), "README.md").readText(Charsets.UTF_8)
        val section = text.substringAfter("\n## API\n").substringBefore("\n## ")
        val listed = section.lines().filter { it.startsWith("|") }.drop(2).flatMap { row ->
            row.trim('|').split('|')[4].split('`').filterIndexed { i, q -> i % 2 == 1 && q.startsWith("Store.") }
                .map { it.removePrefix("Store.") }
        }.toSortedSet()
        val methods = StoreInterface::class.java.declaredMethods.map { it.name.substringBefore('-') }
        val constructors = Store.Companion::class.java.declaredMethods
            .filter { java.lang.reflect.Modifier.isPublic(it.modifiers) }.map { it.name }
        assertEquals(listed, (methods + constructors).toSortedSet())
        assertFalse(listed.isEmpty())
        assertNotEquals(0, constructors.size)
    }
}
