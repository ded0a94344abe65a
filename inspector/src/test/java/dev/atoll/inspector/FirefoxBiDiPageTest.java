package dev.atoll.inspector;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test-side Firefox driver leaves nothing behind even when Firefox crashed: no process of its tree, no
 * profile. (After a normal run, InspectorFirefoxTest's @AfterAll checks the same.)
 */
class FirefoxBiDiPageTest {
    /**
     * Regression: when Firefox's main process had died (a crash), {@code close()} looked for its children among
     * its descendants, where orphans no longer are, and left its content processes running.
     */
    @Test
    void close_afterFirefoxDied_itsOrphanedProcessesKilledAndProfileDeleted() throws Exception {
        Path html = Files.createTempFile("atoll-firefox-page", ".html");
        Files.writeString(html, "<!DOCTYPE html><title>t</title><p id=p>hello</p>");
        FirefoxBiDiPage firefox = FirefoxBiDiPage.start();
        firefox.open(html.toUri().toString());
        List<ProcessHandle> processes = firefox.processes();
        assertTrue(processes.size() > 1, "a page runs in a content process of its own: " + processes.size());
        Path profile = firefox.profile();
        processes.get(0).destroyForcibly();
        processes.get(0).onExit().get(10, TimeUnit.SECONDS);
        firefox.close();
        assertEquals(List.of(), processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList(),
                "Firefox processes still alive");
        assertFalse(Files.exists(profile), "the profile is deleted: " + profile);
        Files.delete(html);
    }
}
