package vn.dvctt

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.util.concurrent.TimeUnit

/**
 * The Kotlin blocks of bindings-mobile/README.md are compiled with these
 * tests (scripts/test-kotlin.sh extracts them, one package each); here the
 * quick start runs as a program and the field-app snippet on a real store.
 */
class ReadmeTest {
    private val readmeText = File(repoRoot(), "bindings-mobile/README.md").readText(Charsets.UTF_8)

    @Test
    fun everyKotlinBlockWasExtractedAndCompiled() {
        val blocks = Regex("^```kotlin$", RegexOption.MULTILINE).findAll(readmeText).count()
        assertEquals(2, blocks)
        for (n in 1..blocks) {
            Class.forName("readme.snippet$n.Snippet${n}Kt") // compiled, or this throws
        }
    }

    @Test
    fun theQuickStartRunsFromTheRepositoryRoot() {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val proc = ProcessBuilder(
            java,
            "-Djna.library.path=" + System.getProperty("jna.library.path"),
            "-cp", System.getProperty("java.class.path"),
            "readme.snippet1.Snippet1Kt",
        ).directory(repoRoot()).redirectErrorStream(true).start()
        val out = proc.inputStream.bufferedReader(Charsets.UTF_8).readText()
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS))
        assertEquals(0, proc.exitValue(), out)
        assertTrue(!out.contains("dvctt:"), out)
        val lines = out.trimEnd().lines()
        assertEquals("50.0", lines.last(), out)
        assertTrue(lines.any { it.startsWith("online-dossiers-80 all: ") }, out)
    }

    @Test
    fun theFieldAppSnippetRunsOnARealStore(@TempDir dir: File) {
        val plan = File(repoRoot(), "core/tests/data/team-plan.json").readText(Charsets.UTF_8)
        readme.snippet2.fieldDay(dir, plan, null)
        Store.open(File(dir, "team.sqlite").path).use { s ->
            val one = s.sessions(null).single()
            assertEquals(14u, one.session.peopleGuided)
            assertEquals(3u, one.session.dossiersHelped)
            assertEquals("SRV-2026-0042", s.outbox(false).single().receipt)
        }
        assertTrue(File(dir, "outgoing.json").readText().contains("\"dvctt/sync-bundle@1\""))
    }
}
