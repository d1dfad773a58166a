package vn.dvctt

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.lang.reflect.WildcardType
import java.nio.file.Files
import java.time.Duration
import java.time.Instant
import java.time.LocalDate

/**
 * Every exported function and every `Store` method, called with arguments built by reflection
 * from extreme values (`LocalDate.MIN`/`MAX`, chrono's first and last days, `Instant.MIN`/`MAX`,
 * the last instant of year 9999 in Vietnam time, NaN, ±∞, `Int`/`Long` `MIN`/`MAX`, empty,
 * 64 KiB and control-character strings, garbage bytes, every enum constant and every variant
 * of every sealed type), nested in every record the function takes: each call returns or raises
 * a `DvcttException`, never uniffi's `InternalException` (a panic or a value the core could
 * not convert) nor anything else.
 */
class ExtremesTest {
    private companion object {
        val SCHEMAS = mapOf(
            "ConsolidatedReport" to "dvctt/consolidated-report@1",
            "Dhis2Mapping" to "dvctt/dhis2-mapping@1",
            "OrgDocument" to "dvctt/org@1",
            "Plan" to "dvctt/plan@1",
            "ScoringProfile" to "dvctt/scoring-profile@1",
            "TeamReport" to "dvctt/team-report@1",
            "TthcForm06" to "dvctt/tthc-form-06@1",
            "UnitReport" to "dvctt/unit-report@1",
        )
    }

    private val huge = "Ĩ".repeat(65_536)

    /**
     * The values of each profile. Profiles 0–3 put extremes everywhere (most calls stop at
     * the first argument they check); profiles 4–7 keep strings a valid year (`2026`, also a
     * valid period, unit code and id) and put one kind of extreme (NaN, ±∞, chrono's first
     * and last days, `LocalDate.MAX`, the last instant of year 9999 in Vietnam time,
     * `Instant.MAX`, `Int.MAX_VALUE`) into records that otherwise get through to the work.
     */
    private val profiles = 0 until 8

    private fun string(p: Int) = listOf("", huge, "2026", "\u0000\u001f\uFFFD😀 -1 NaN 1e999", "2026", "2026", "2026", "2026")[p]
    private fun date(p: Int) = listOf(
        LocalDate.MIN, LocalDate.MAX, LocalDate.of(262_142, 12, 31), LocalDate.of(-262_143, 1, 1),
        LocalDate.of(2026, 6, 15), LocalDate.of(262_142, 12, 31), LocalDate.of(-262_143, 1, 1), LocalDate.MAX,
    )[p]
    private fun instant(p: Int) = listOf(
        Instant.MIN,
        Instant.MAX,
        // The last instant whose Vietnam-time year is 9999, and the first of year 0000 in UTC.
        Instant.parse("9999-12-31T16:59:59.999999999Z"),
        Instant.parse("0000-01-01T00:00:00Z"),
        Instant.parse("2026-06-15T01:00:00Z"),
        Instant.parse("9999-12-31T16:59:59.999999999Z"),
        Instant.parse("0000-01-01T00:00:00Z"),
        Instant.MAX,
    )[p]
    private fun double(p: Int) = listOf(
        Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.NEGATIVE_INFINITY,
        Double.NaN, 1.0, Double.POSITIVE_INFINITY, Double.MAX_VALUE,
    )[p]
    private fun int(p: Int) = listOf(Int.MIN_VALUE, Int.MAX_VALUE, -1, 0, 1, 1, 0, Int.MAX_VALUE)[p]
    private fun long(p: Int) = listOf(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1L, 1L, 0L, Long.MAX_VALUE)[p]
    private fun bytes(p: Int) = when (p % 4) {
        0 -> ByteArray(0)
        1 -> ByteArray(65_536) { 0xFF.toByte() }
        // A ZIP (workbook) signature, then nothing a ZIP reader can use.
        2 -> byteArrayOf(0x50, 0x4b, 0x03, 0x04) + ByteArray(4096) { it.toByte() }
        else -> byteArrayOf(0xFF.toByte(), 0xFE.toByte()) + "a,b\n\u0000".toByteArray(Charsets.UTF_16LE)
    }
    private fun duration(p: Int) = listOf(Duration.ZERO, Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofDays(1), Duration.ofNanos(1))[p % 4]

    private fun raw(t: Type): Class<*> = when (t) {
        is Class<*> -> t
        is ParameterizedType -> t.rawType as Class<*>
        is WildcardType -> raw(t.upperBounds[0])
        else -> error("cannot build a value of type $t")
    }

    private fun arg(t: Type, index: Int): Type = when (t) {
        is ParameterizedType -> t.actualTypeArguments[index].let { if (it is WildcardType) it.upperBounds[0] else it }
        is WildcardType -> arg(t.upperBounds[0], index)
        else -> error("no type argument in $t")
    }

    /**
     * A value of type `t` for profile `p`; records and sealed types built recursively, their
     * enum constants and sealed variants chosen by `v` (varied from field to field).
     */
    private fun build(t: Type, p: Int, depth: Int = 0, v: Int = p, owner: Class<*>? = null, name: String? = null): Any? {
        val c = raw(t)
        return when {
            // Profiles 4–7 give a record the schema id it must carry and unknown fields (`extra`,
            // JSON text in Kotlin) as `{}`, so that the record gets through to the work.
            c == String::class.java && p >= 4 && name == "schema" && owner != null -> SCHEMAS[owner.simpleName] ?: string(p)
            c == String::class.java && p >= 4 && name == "extra" -> "{}"
            c == String::class.java -> string(p)
            c == LocalDate::class.java -> date(p)
            c == Instant::class.java -> instant(p)
            c == Duration::class.java -> duration(p)
            c == Double::class.javaPrimitiveType || c == Double::class.javaObjectType -> double(p)
            c == Float::class.javaPrimitiveType || c == Float::class.javaObjectType -> double(p).toFloat()
            c == Int::class.javaPrimitiveType || c == Int::class.javaObjectType -> int(p)
            c == Long::class.javaPrimitiveType || c == Long::class.javaObjectType -> long(p)
            c == Short::class.javaPrimitiveType || c == Short::class.javaObjectType -> int(p).toShort()
            c == Byte::class.javaPrimitiveType || c == Byte::class.javaObjectType -> int(p).toByte()
            c == Boolean::class.javaPrimitiveType || c == Boolean::class.javaObjectType -> p % 2 == 1
            c == UInt::class.java -> int(p).toUInt()
            c == ULong::class.java -> long(p).toULong()
            c == UShort::class.java -> int(p).toUShort()
            c == UByte::class.java -> int(p).toUByte()
            c == ByteArray::class.java -> bytes(p)
            List::class.java.isAssignableFrom(c) ->
                if (depth > 6) emptyList<Any?>() else listOf(build(arg(t, 0), p, depth + 1, v), build(arg(t, 0), p, depth + 1, v + 1))
            Map::class.java.isAssignableFrom(c) ->
                if (depth > 6) emptyMap<Any?, Any?>() else mapOf(build(arg(t, 0), p, depth + 1, v) to build(arg(t, 1), p, depth + 1, v))
            c.isEnum -> c.enumConstants[v % c.enumConstants.size]
            Modifier.isAbstract(c.modifiers) && !c.isInterface -> {
                // A sealed class (a uniffi enum with data): its variants are nested in it.
                val variants = c.declaredClasses.filter { c.isAssignableFrom(it) && it != c }.sortedBy { it.name }
                check(variants.isNotEmpty()) { "no variant of ${c.name}" }
                build(variants[v % variants.size], p, depth + 1, v)
            }
            else -> record(c, p, depth, v)
        }
    }

    private fun record(c: Class<*>, p: Int, depth: Int, v: Int): Any {
        c.declaredFields.firstOrNull { it.name == "INSTANCE" && Modifier.isStatic(it.modifiers) }?.let { return it.get(null)!! }
        check(!c.isInterface) { "cannot build an interface: ${c.name}" }
        val ctor = c.declaredConstructors
            .filter { k -> k.parameterTypes.none { it.name == "kotlin.jvm.internal.DefaultConstructorMarker" } }
            .maxByOrNull { it.parameterCount } ?: error("no constructor for ${c.name}")
        ctor.isAccessible = true
        // Fields differ in the variant they take so that one record holds several.
        val names = ctor.parameters.map { it.name }
        val args = ctor.genericParameterTypes.mapIndexed { i, t -> build(t, p, depth + 1, v + i, c, names[i]) }
        return ctor.newInstance(*args.toTypedArray())
    }

    /** Calls that returned, by name: the harness must reach past argument checks, not only fail early. */
    private val returned = sortedSetOf<String>()

    /** What a call raised that is neither a return nor a `DvcttException`. */
    private fun call(name: String, target: Any?, m: Method, p: Int): String? {
        val args = m.genericParameterTypes.map { build(it, p) }
        return try {
            m.invoke(target, *args.toTypedArray())
            returned += name
            null
        } catch (e: java.lang.reflect.InvocationTargetException) {
            when (val cause = e.targetException) {
                is DvcttException -> null
                else -> "$name (profile $p): ${cause.javaClass.name}: ${cause.message?.take(300)}"
            }
        }
    }

    private fun publicMethods(c: Class<*>, static: Boolean) = c.declaredMethods
        .filter { Modifier.isPublic(it.modifiers) && Modifier.isStatic(it.modifiers) == static }
        .filter { !it.isSynthetic && '$' !in it.name }
        .sortedBy { it.name }

    @Test
    fun noExportedFunctionRaisesAnythingButDvcttExceptionOnExtremeValues() {
        val facade = Class.forName("vn.dvctt.DvcttKt")
        val functions = publicMethods(facade, static = true)
            .filter { !it.name.startsWith("uniffi") && it.name != "use" }
            // The one function that panics on purpose (each binding checks that a panic is an exception).
            .filter { it.name != "debugPanic" }
        assertTrue(functions.size > 50, "only ${functions.size} functions found")
        val failures = functions.flatMap { m -> profiles.mapNotNull { p -> call(m.name, null, m, p) } }
        assertEquals(emptyList<String>(), failures, failures.joinToString("\n"))
        // The check can fail: the function that panics on purpose is reported as InternalException.
        val panic = facade.declaredMethods.single { it.name == "debugPanic" }
        assertTrue(call("debugPanic", null, panic, 0)!!.contains("vn.dvctt.InternalException"))
        // And the values reach the work, not only the first argument check: at the time of
        // writing 18 of 58 functions return with some profile (the engine, the tables, the
        // exports; the ~20 that read JSON or CSV text refuse every profile's text, as they should).
        println("ExtremesTest: ${functions.size} functions, returned with some profile: ${returned.size}: $returned")
        assertTrue(returned.size >= 15, "only ${returned.size} of ${functions.size} functions returned: $returned")
        for (f in listOf("checkTasks", "evaluateTargets", "planReport", "cascadeCheck", "tablesToXlsx", "consolidatedTables")) {
            assertTrue(f in returned, "$f never returned: $returned")
        }
    }

    @Test
    fun noStoreMethodRaisesAnythingButDvcttExceptionOnExtremeValues() {
        val dir = Files.createTempDirectory("dvctt-extremes").toFile()
        try {
            val methods = publicMethods(Store::class.java, static = false)
                .filter { m -> m.name !in setOf("close", "destroy", "uniffiClonePointer", "uniffiCloneHandle", "getHandle", "getPointer") }
            assertTrue(methods.size > 20, "only ${methods.size} methods found: ${methods.map { it.name }}")
            val failures = profiles.flatMap { p ->
                Store.open(File(dir, "store-$p.sqlite").path).use { store ->
                    methods.mapNotNull { m -> call("Store.${m.name}", store, m, p) }
                }
            }
            assertEquals(emptyList<String>(), failures, failures.joinToString("\n"))
            println("ExtremesTest: ${methods.size} Store methods, returned with some profile: ${returned.size}: $returned")
            // 16 of 26 at the time of writing.
            assertTrue(returned.size >= 12, "only ${returned.size} of ${methods.size} methods returned: $returned")
            // Opening: a path that cannot be a file is an Io error.
            for (path in listOf(dir.path, File(dir, "no/such/dir/x.sqlite").path, File(dir, huge).path)) {
                assertThrows<DvcttException.Io> { Store.open(path) }
            }
        } finally {
            dir.deleteRecursively()
        }
    }

    @Test
    fun twoValuesAreRefusedByTheGeneratedKotlinBeforeTheCall() {
        // uniffi encodes strings with a strict UTF-8 encoder, and a Duration as unsigned seconds:
        // these calls never reach the core (and are not InternalException).
        assertThrows<java.nio.charset.CharacterCodingException> { loadPlan("\uD800") }
        val dir = Files.createTempDirectory("dvctt-extremes").toFile()
        try {
            Store.open(File(dir, "s.sqlite").path).use { store ->
                assertThrows<IllegalArgumentException> { store.setMaxClockDrift(Duration.ofSeconds(-1)) }
            }
        } finally {
            dir.deleteRecursively()
        }
    }

    @Test
    fun aDateOrInstantTheCoreCannotHoldIsADataErrorEvenWhereTheRustCallCannotFail() {
        val plan = loadPlan(
            """{"schema": "dvctt/plan@1", "id": "p1", "title": "t", "issuer": "i", "period": "2026", "targets": [{"id": "t1", "description": "d", "indicator": "online_dossier_share", "comparator": ">=", "threshold": 80, "deadline": "2026-12-31"}]}""",
        )
        val far = plan.copy(targets = plan.targets.map { it.copy(deadline = LocalDate.MAX) })
        assertEquals("date", assertThrows<DvcttException.Data> { cascadeCheck(listOf(far)) }.path)
        assertEquals("date", assertThrows<DvcttException.Data> { formatCell(Cell.Date(LocalDate.MIN), Lang.VI) }.path)
        assertEquals("13/12/+262142", formatCell(Cell.Date(LocalDate.of(262_142, 12, 13)), Lang.VI))
        val mapping = dhis2MappingFromJson(File(repoRoot(), "examples/dhis2/hcm-mapping.json").readText())
        val instant = assertThrows<DvcttException.Data> { dhis2Adx(emptyList(), mapping, Instant.parse("9999-12-31T17:00:00Z")) }
        assertEquals("timestamp", instant.path)
        assertTrue(instant.detail.contains("+10000-01-01T00:00:00+07:00"), instant.detail)
        // One second earlier is still year 9999 in Vietnam.
        assertTrue(dhis2Adx(emptyList(), mapping, Instant.parse("9999-12-31T16:59:59Z")).contains("exported=\"9999-12-31T23:59:59+07:00\""))
    }
}
