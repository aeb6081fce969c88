package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.byteArrays;
import static org.quicktheories.generators.Generate.bytes;
import static org.quicktheories.generators.Generate.enumValues;
import static org.quicktheories.generators.Generate.range;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Property tests use QuickTheories, not jqwik: since 1.10 jqwik's maintainer asks that coding
// agents not use it, and we respect that.
class DigestTest {

    private static final String EMPTY_SHA256 =
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void sha256OfNothingIsTheWellKnownValue() {
        assertThat(Digest.sha256(new byte[0])).hasToString(EMPTY_SHA256);
    }

    @Test
    void parsedDigestFormatsToTheSameString() {
        qt().forAll(enumValues(DigestAlgorithm.class), byteArrays(range(0, 64), bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)))
                .checkAssert((algorithm, content) -> {
                    Digest digest = Digest.of(algorithm, content);
                    assertThat(Digest.parse(digest.toString())).isEqualTo(digest);
                    assertThat(digest.hex()).hasSize(algorithm.hexLength());
                });
    }

    @Test
    void streamingDigesterAgreesWithOneShotDigestForAnySplit() {
        qt().forAll(byteArrays(range(0, 512), bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)), range(0, 100))
                .checkAssert((content, percent) -> {
                    int split = content.length * percent / 100;
                    Digester digester = Digester.create(DigestAlgorithm.SHA256);
                    digester.update(content, 0, split);
                    Digester fork = digester.copy();
                    digester.update(content, split, content.length - split);
                    assertThat(digester.digest()).isEqualTo(Digest.sha256(content));
                    assertThat(digester.size()).isEqualTo((long) content.length);
                    assertThat(fork.size()).isEqualTo((long) split);
                });
    }

    @Test
    void digesterConsumesAStreamToItsEnd() throws IOException {
        byte[] content = "layer".repeat(50_000).getBytes(StandardCharsets.US_ASCII);
        Digester digester = Digester.create(DigestAlgorithm.SHA512);
        assertThat(digester.consume(new ByteArrayInputStream(content))).isEqualTo((long) content.length);
        assertThat(digester.digest()).isEqualTo(Digest.of(DigestAlgorithm.SHA512, content));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "sha256",
        "sha256:",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
        "sha256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "md5:d41d8cd98f00b204e9800998ecf8427e",
        "sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:../../../../etc/passwd",
    })
    void malformedDigestsAreRefusedWithDigestInvalid(String text) {
        assertThatThrownBy(() -> Digest.parse(text))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_INVALID));
        assertThat(Digest.isValid(text)).isFalse();
    }

    @Test
    void digestsAreEqualExactlyWhenTheirStringsAreAndEqualOnesHashAlike() {
        qt().forAll(enumValues(DigestAlgorithm.class), byteArrays(range(0, 8), bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)),
                        enumValues(DigestAlgorithm.class), byteArrays(range(0, 8), bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)))
                .checkAssert((algorithmA, contentA, algorithmB, contentB) -> {
                    Digest a = Digest.of(algorithmA, contentA);
                    Digest b = Digest.of(algorithmB, contentB);
                    Digest sameAsA = Digest.parse(a.toString());
                    assertThat(a.equals(b)).isEqualTo(a.toString().equals(b.toString()));
                    assertThat(sameAsA).isEqualTo(a).hasSameHashCodeAs(a);
                });
    }

    @Test
    void aDigestEqualsNoOtherKindOfValue() {
        Digest digest = Digest.parse(EMPTY_SHA256);
        assertThat(digest.equals(EMPTY_SHA256)).isFalse();
        assertThat(digest.equals(null)).isFalse();
    }

    @Test
    void sha512DigestsAreAccepted() {
        Digest digest = Digest.of(DigestAlgorithm.SHA512, new byte[] {1, 2, 3});
        assertThat(Digest.parse(digest.toString()).algorithm()).isEqualTo(DigestAlgorithm.SHA512);
    }
}
