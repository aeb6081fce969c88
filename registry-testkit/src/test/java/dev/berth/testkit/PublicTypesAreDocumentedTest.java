package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every public type of the modules users program against carries a Javadoc comment. (The
 * build runs doclint over all modules; this covers what doclint's "missing" group would, for
 * types only, without demanding a comment on every obvious accessor.)
 */
class PublicTypesAreDocumentedTest {

    private static final Pattern PUBLIC_TYPE =
            Pattern.compile("^\\s*public\\s+(?:(?:static|final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");

    @ParameterizedTest
    @ValueSource(strings = {"../registry-api", "../registry-auth", "."})
    void everyPublicTypeHasAJavadocComment(String module) throws IOException {
        List<String> undocumented = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of(module, "src/main/java"))) {
            sources.filter(path -> path.toString().endsWith(".java"))
                    .forEach(source -> undocumented.addAll(undocumentedTypes(source)));
        }
        assertThat(undocumented).isEmpty();
    }

    private static List<String> undocumentedTypes(Path source) {
        List<String> lines;
        try {
            lines = Files.readAllLines(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> undocumented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            var matcher = PUBLIC_TYPE.matcher(lines.get(i));
            if (matcher.find() && !documented(lines, i)) {
                undocumented.add(source.getFileName() + ": " + matcher.group(1));
            }
        }
        return undocumented;
    }

    /** Whether the lines above the declaration, past its annotations, end a Javadoc comment. */
    private static boolean documented(List<String> lines, int declaration) {
        int line = declaration - 1;
        while (line >= 0 && lines.get(line).trim().startsWith("@")) {
            line--;
        }
        if (line < 0 || !lines.get(line).trim().endsWith("*/")) {
            return false;
        }
        while (line >= 0 && !lines.get(line).contains("/*")) {
            line--;
        }
        return line >= 0 && lines.get(line).contains("/**");
    }
}
