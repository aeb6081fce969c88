package dev.berth.storage.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.storage.inmemory.InMemoryDriver;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlatListingWalkTest {

    private static final List<String> FILES = List.of("/r/a-x/1", "/r/a.y", "/r/a/b/c", "/r/a/d", "/r/z");

    @Test
    void visitsWhatTheListingWalkVisitsWithEachDirectoryBeforeItsSubtree() throws IOException {
        List<String> flat = walk(WalkVisitor.Decision.CONTINUE, null);

        List<String> byListing = new ArrayList<>();
        try (InMemoryDriver driver = new InMemoryDriver()) {
            for (String file : FILES) {
                driver.putContent(file, new byte[0]);
            }
            Walks.walkByListing(driver, "/r", entry -> {
                byListing.add(entry.path());
                return WalkVisitor.Decision.CONTINUE;
            });
        }
        assertThat(flat).containsExactlyInAnyOrderElementsOf(byListing);
        assertThat(flat).containsSubsequence("/r/a", "/r/a/b", "/r/a/b/c", "/r/a/d");
        assertThat(flat).containsSubsequence("/r/a-x", "/r/a-x/1");
    }

    @Test
    void skippedDirectoryHidesItsWholeSubtreeOnly() throws IOException {
        assertThat(walk(WalkVisitor.Decision.SKIP_DIRECTORY, "/r/a"))
                .containsExactly("/r/a-x", "/r/a-x/1", "/r/a.y", "/r/a", "/r/z");
    }

    @Test
    void stopEndsTheWalkAtOnce() throws IOException {
        assertThat(walk(WalkVisitor.Decision.STOP, "/r/a")).containsExactly("/r/a-x", "/r/a-x/1", "/r/a.y", "/r/a");
    }

    /** Walks FILES, answering {@code atTarget} for {@code target} and CONTINUE for everything else. */
    private static List<String> walk(WalkVisitor.Decision atTarget, String target) throws IOException {
        List<FileInfo> files = FILES.stream().map(path -> FileInfo.file(path, 0, Instant.EPOCH)).toList();
        List<String> seen = new ArrayList<>();
        FlatListingWalk.walk("/r", files, entry -> {
            seen.add(entry.path());
            return entry.path().equals(target) ? atTarget : WalkVisitor.Decision.CONTINUE;
        });
        return seen;
    }
}
