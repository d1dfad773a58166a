package vn.dvctt

import net.jqwik.api.Arbitraries
import net.jqwik.api.Arbitrary
import net.jqwik.api.Combinators
import net.jqwik.api.ForAll
import net.jqwik.api.Property
import net.jqwik.api.Provide
import net.jqwik.api.Tuple
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import java.io.File
import java.nio.file.Files
import java.time.LocalDate

/**
 * Sync through the Kotlin `Store`, as a property (jqwik): for random
 * sequences of logs, edits, deletes and exchanges (full or incremental
 * bundles) on three devices' SQLite files, all devices end with the same
 * log after a final exchange, and no entry that was not deleted is lost.
 * A smaller version of the Rust property tests (core/tests/store_sync.rs).
 */
class StorePropertyTest {

    sealed interface Op
    data class Put(val device: Int, val new: Boolean, val pick: Int, val people: Int) : Op
    data class Delete(val device: Int, val pick: Int) : Op
    data class Exchange(val from: Int, val to: Int, val incremental: Boolean) : Op

    @Provide
    fun operations(): Arbitrary<List<Op>> {
        val device = Arbitraries.integers().between(0, 2)
        val pick = Arbitraries.integers().between(0, 1_000)
        val put: Arbitrary<Op> = Combinators.combine(device, Arbitraries.of(true, false), pick, Arbitraries.integers().between(0, 49))
            .`as` { d, n, p, people -> Put(d, n, p, people) }
        val delete: Arbitrary<Op> = Combinators.combine(device, pick).`as` { d, p -> Delete(d, p) }
        val exchange: Arbitrary<Op> = Combinators.combine(device, device, Arbitraries.of(true, false))
            .`as` { f, t, inc -> Exchange(f, t, inc) }
        return Arbitraries.frequencyOf(Tuple.of(4, put), Tuple.of(1, delete), Tuple.of(2, exchange))
            .list().ofMinSize(1).ofMaxSize(30)
    }

    private fun teamPlan() = loadPlan(File(repoRoot(), "core/tests/data/team-plan.json").readText(Charsets.UTF_8))

    private fun session(people: Int) = GuidanceSession(
        session = OutreachSession(
            sessionId = "",
            unitCode = "",
            heldOn = LocalDate.of(2026, 3, 2),
            kind = OutreachKind.EVENT,
            peopleGuided = people.toUInt(),
        ),
        place = null,
        byService = emptyList(),
    )

    /** The entries of a store's bundle (the exporting device aside). */
    private fun entries(s: Store): String = JSONObject(s.exportBundle()).getJSONArray("entries").toString()

    @Property(tries = 12)
    fun threeDevicesConvergeAndLoseNothing(@ForAll("operations") ops: List<Op>) {
        val dir = Files.createTempDirectory("dvctt-sync").toFile()
        val plan = teamPlan()
        val stores = (0 until 3).map { Store.open(File(dir, "d$it.sqlite").path) }
        try {
            stores.forEach { it.loadPlanSlice(plan, "P-ANPHU", null) }
            // What each device has acknowledged of another's change numbers.
            val acked = Array(3) { LongArray(3) }
            fun exchange(from: Int, to: Int, incremental: Boolean) {
                if (from == to) return
                if (incremental) {
                    val b = stores[from].exportBundleSince(acked[from][to].toULong())
                    stores[to].importBundle(b.json)
                    acked[from][to] = b.upto.toLong()
                } else {
                    stores[to].importBundle(stores[from].exportBundle())
                }
            }
            val created = mutableSetOf<String>()
            val deleted = mutableSetOf<String>()
            for (op in ops) {
                when (op) {
                    is Put -> {
                        val live = stores[op.device].sessions(null)
                        val s = if (op.new || live.isEmpty()) session(op.people) else live[op.pick % live.size]
                        val out = stores[op.device].logSession(s.copy(session = s.session.copy(peopleGuided = op.people.toUInt())))
                        created += out.session.sessionId
                    }
                    is Delete -> {
                        val live = stores[op.device].sessions(null)
                        if (live.isNotEmpty()) {
                            val id = live[op.pick % live.size].session.sessionId
                            stores[op.device].deleteEntry(id)
                            deleted += id
                        }
                    }
                    is Exchange -> exchange(op.from, op.to, op.incremental)
                }
            }
            // A final exchange in a ring, twice round, incremental where
            // the random ones left off.
            for ((from, to) in listOf(0 to 1, 1 to 2, 2 to 0, 0 to 1, 1 to 2)) exchange(from, to, true)
            val first = entries(stores[0])
            assertEquals(first, entries(stores[1]))
            assertEquals(first, entries(stores[2]))
            val live = stores[2].sessions(null).map { it.session.sessionId }.toSet()
            // Nothing lost; an entry deleted on one device and edited later on
            // another that had not seen the delete stays, with the edit.
            assertTrue(live.containsAll(created - deleted), "an entry was lost")
            assertTrue(created.containsAll(live), "an entry out of nowhere")
        } finally {
            stores.forEach { it.close() }
            dir.deleteRecursively()
        }
    }
}
