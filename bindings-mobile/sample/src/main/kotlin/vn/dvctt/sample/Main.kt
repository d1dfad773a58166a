// The field app's workflow from the command line (JVM): a community digital
// team's phone (device A) logs its guidance sessions offline, merges what a
// second member's phone (device B) logged, builds, validates and queues the
// month's report, and marks it sent with the server's receipt.
//
//   java -cp <dvctt-kotlin classes, JNA, kotlin-stdlib> -Djna.library.path=<dir of libdvctt_mobile> \
//       vn.dvctt.sample.MainKt <work dir> <plan.json>
package vn.dvctt.sample

import vn.dvctt.*
import java.io.File
import java.time.LocalDate
import java.time.OffsetDateTime
import kotlin.system.exitProcess

const val COMMUNE = "P-ANPHU"
const val PERIOD = "202603"

fun session(on: LocalDate, kind: OutreachKind, people: UInt, vararg byService: Pair<String, UInt>) =
    GuidanceSession(
        session = OutreachSession(sessionId = "", unitCode = "", heldOn = on, kind = kind, peopleGuided = people),
        byService = byService.map { (service, n) -> ServiceCount(service, n) },
    )

fun show(label: String, i: TeamIndicators) = println(
    "$label: ${i.sessionsHeld} sessions, ${i.peopleGuided.value?.toLong()} people guided, " +
        "${i.dossiersHelped} dossiers helped, ${i.eventsHeld.value?.toLong()} events, " +
        "members trained ${i.membersTrained.numerator.toLong()}/${i.membersTrained.denominator.toLong()}",
)

fun run(dir: File, plan: Plan) {
    Store.open(File(dir, "device-a.sqlite").path).use { a ->
        val slice = a.loadPlanSlice(plan, COMMUNE, "Tổ CNSCĐ khu phố 3")
        println("device A: commune $COMMUNE, ${slice.targets.size} targets, ${slice.tasks.size} task(s) in the plan slice")

        val logged = a.logSessions(
            listOf(
                session(LocalDate.of(2026, 3, 2), OutreachKind.DOOR_TO_DOOR, 12u, "1.001" to 3u, "2.002" to 2u),
                session(LocalDate.of(2026, 3, 9), OutreachKind.ONE_STOP, 20u, "1.001" to 6u),
                session(LocalDate.of(2026, 3, 15), OutreachKind.EVENT, 40u, "1.001" to 9u),
            ),
        )
        for (m in listOf("M1", "M2", "M3", "M4")) {
            a.putMember(StaffMember(personId = m, unitCode = "", inScope = true))
        }
        a.logTraining(MemberTraining("", LocalDate.of(2026, 3, 10), listOf("M1", "M2", "M3"), "VNeID"))
        println("logged ${logged.size} sessions, ${a.members().size} members, ${a.trainings(null).size} training")
        show("$PERIOD on device A", a.teamIndicators(PERIOD))

        try {
            a.logSession(session(LocalDate.of(2026, 3, 3), OutreachKind.EVENT, 5u).let {
                it.copy(session = it.session.copy(unitCode = "P-BINHTRUNG"))
            })
        } catch (e: DvcttException.Data) {
            println("refused: ${e.path}: ${e.detail}")
        }

        // Device B starts from A's bundle, logs a session and corrects one of A's.
        Store.open(File(dir, "device-b.sqlite").path).use { b ->
            b.loadPlanSlice(plan, COMMUNE, "Tổ CNSCĐ khu phố 3")
            b.importBundle(a.exportBundle())
            b.logSession(session(LocalDate.of(2026, 3, 20), OutreachKind.DOOR_TO_DOOR, 8u, "1.001" to 2u))
            val event = b.sessions(PERIOD).single { it.session.kind == OutreachKind.EVENT }
            b.logSession(event.copy(session = event.session.copy(peopleGuided = 45u)))
            val m = a.importBundle(b.exportBundle())
            println("merged device B: received ${m.received}, applied ${m.applied}, unchanged ${m.unchanged}")
        }
        val after = a.teamIndicators(PERIOD)
        show("$PERIOD after the merge", after)
        for (t in after.targets) {
            println("target ${t.targetId}: ${t.value} (threshold ${t.threshold})")
        }

        val report = a.buildTeamReport(PERIOD, OffsetDateTime.parse("2026-04-02T08:00:00+07:00").toInstant())
        val s = report.sessions
        println(
            "report $PERIOD: door_to_door ${s.doorToDoor}, one_stop_shop ${s.oneStopShop}, event ${s.event}, " +
                "people ${report.peopleGuided}, dossiers ${report.dossiersSubmitted}, " +
                "members trained ${report.membersTrained} of ${report.members}",
        )
        val now = OffsetDateTime.parse("2026-04-02T09:00:00+07:00").toInstant()
        val findings = a.validateTeamReport(report, now)
        println("findings: " + if (findings.isEmpty()) "none" else findings.joinToString { "${it.rule} ${it.messageVi}" })
        val queued = a.queueReport(report, now)
        println("queued: ${a.outbox(true).size} pending")
        val sent = a.markSent(queued.id, "SRV-2026-0042", OffsetDateTime.parse("2026-04-02T10:00:00+07:00").toInstant())
        println("sent: receipt ${sent.receipt}, ${a.outbox(true).size} pending")
        val bundle = a.exportBundle()
        File(dir, "device-a-bundle.json").writeText(bundle)
        val entries = Regex("\"id\":").findAll(bundle).count()
        println("sync bundle written: $entries entries")
    }
}

fun main(args: Array<String>) {
    if (args.size != 2) {
        System.err.println("usage: sample <work dir> <plan.json>")
        exitProcess(2)
    }
    try {
        val dir = File(args[0]).apply { mkdirs() }
        run(dir, loadPlan(File(args[1]).readText()))
    } catch (e: DvcttException) {
        System.err.println("dvctt: ${e::class.simpleName}: ${e.message}")
        exitProcess(1)
    }
}
