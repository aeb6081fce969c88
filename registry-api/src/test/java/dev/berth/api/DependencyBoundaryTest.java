package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The API module is the vocabulary everyone shares: it may depend on the JDK and Jackson only. */
class DependencyBoundaryTest {

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> ALLOWED = List.of("java.", "com.fasterxml.jackson.", "dev.berth.api");

    @Test
    void apiSourcesImportOnlyTheJdkJacksonAndThemselves() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<String> forbidden = sources.filter(path -> path.toString().endsWith(".java"))
                    .flatMap(DependencyBoundaryTest::imports)
                    .filter(imported -> ALLOWED.stream().noneMatch(imported::startsWith))
                    .toList();
            assertThat(forbidden).isEmpty();
        }
    }

    private static Stream<String> imports(Path source) {
        try {
            Matcher matcher = IMPORT.matcher(Files.readString(source));
            Stream.Builder<String> imports = Stream.builder();
            while (matcher.find()) {
                imports.add(matcher.group(1));
            }
            return imports.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
