package vn.dvctt

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File

/** Real exports in Kotlin: workbooks, read options, absent columns, and a panic inside the core. */
class IngestTest {
    private val head = "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online"

    @Test
    fun workbooksAreRead() {
        for (name in listOf("dossiers.xlsx", "dossiers.ods")) {
            val bytes = File(repoRoot(), "tests/sheets/$name").readBytes()
            val load = readBytes(RecordKind.DOSSIERS, bytes, name, null, false)
            assertEquals(3, load.dataset.dossiers.size)
            assertEquals(listOf(9u, 10u), load.rejected.map { it.line })
        }
    }

    @Test
    fun optionsAreUsed() {
        val text = "$head\nD1,U1,1.001,y,09/13/2025,online,true\n"
        val load = readBytes(RecordKind.DOSSIERS, text.toByteArray(), "d.csv", ReadOptions(dateFormat = "%m/%d/%Y"), true)
        assertEquals(java.time.LocalDate.parse("2025-09-13"), load.dataset.dossiers[0].receivedOn)
    }

    @Test
    fun anAbsentColumnIsNotComputed() {
        val data = readCsvText(RecordKind.DOSSIERS, "$head\nD1,U1,1.001,y,2026-01-05,online,true\n", "d.csv", true).dataset
        assertEquals(listOf("due_on", "completed_on", "paused_days", "fee_required", "paid_online", "digitized"),
            data.absentColumns.map { it.column })
        val q = Query(
            indicator = IndicatorId.DIGITIZED_DOSSIER_SHARE, period = "2026", byUnit = false,
            scope = Scope(units = emptyList(), sectors = emptyList()), source = Source.AUTO,
        )
        val e = assertThrows<DvcttException.NotComputed> { computeIndicator(data, q) }
        assertEquals("d.csv has no `digitized` column", e.reason)
        // The reason as a message code with its parameters.
        assertEquals(NotComputedReason.ColumnsAbsent(listOf(ColumnRef("d.csv", "digitized"))), e.code)
    }

    @Test
    fun aPanicInTheCoreIsAnExceptionAndTheProcessGoesOn() {
        val e = assertThrows<InternalException> { debugPanic("boom") }
        assertTrue(e.message!!.contains("boom"), e.message)
        assertTrue(indicatorCatalogue().size > 10)
    }
}
