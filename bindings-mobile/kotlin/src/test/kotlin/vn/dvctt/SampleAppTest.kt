package vn.dvctt

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.util.concurrent.TimeUnit

/** The sample app (bindings-mobile/sample) run as a program in its own JVM, its output checked. */
class SampleAppTest {
    @Test
    fun theSampleAppWalksTheWholeWorkflow(@TempDir dir: File) {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val proc = ProcessBuilder(
            java,
            "-Djna.library.path=" + System.getProperty("jna.library.path"),
            "-cp", System.getProperty("java.class.path"),
            "vn.dvctt.sample.MainKt",
            File(dir, "work").path,
            File(repoRoot(), "core/tests/data/team-plan.json").path,
        ).redirectErrorStream(true).start()
        val out = proc.inputStream.bufferedReader(Charsets.UTF_8).readText()
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "the sample app did not finish")
        assertEquals(0, proc.exitValue(), out)
        // Written by hand from the sample's data (see its README section).
        val expected = File(repoRoot(), "bindings-mobile/sample/expected-output.txt").readText(Charsets.UTF_8)
        assertEquals(expected, out)
        assertTrue(File(dir, "work/device-a-bundle.json").readText().startsWith("{\"schema\":\"dvctt/sync-bundle@1\""))
    }

    @Test
    fun withoutArgumentsItSaysHowToRunIt() {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val proc = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "vn.dvctt.sample.MainKt")
            .redirectErrorStream(true).start()
        val out = proc.inputStream.bufferedReader().readText()
        proc.waitFor(60, TimeUnit.SECONDS)
        assertEquals(2, proc.exitValue())
        assertEquals("usage: sample <work dir> <plan.json>\n", out)
    }
}
