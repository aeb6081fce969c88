package dev.berth.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import dev.berth.api.RepositoryName;
import dev.berth.server.http.UploadStateCodec.UploadState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UploadStateCodecTest {

    private final UploadStateCodec codec = new UploadStateCodec("secret".getBytes(StandardCharsets.UTF_8));
    private final RepositoryName name = RepositoryName.parse("a/b");
    private final UploadState state = new UploadState("a/b", "id-1", 42, Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aSealedStateOpensToItself() {
        assertThat(codec.open(codec.seal(state), name, "id-1")).isEqualTo(state);
    }

    @Test
    void everyAlteredCharacterIsRefused() {
        String token = codec.seal(state);
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            String altered = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertThatThrownBy(() -> codec.open(altered, name, "id-1"))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UPLOAD_INVALID));
        }
    }

    @Test
    void aStateIsRefusedForAnotherUploadOrSecret() {
        String token = codec.seal(state);
        assertThatThrownBy(() -> codec.open(token, RepositoryName.parse("a/c"), "id-1")).isInstanceOf(RegistryException.class);
        assertThatThrownBy(() -> codec.open(token, name, "id-2")).isInstanceOf(RegistryException.class);
        UploadStateCodec other = new UploadStateCodec("other".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> other.open(token, name, "id-1")).isInstanceOf(RegistryException.class);
        assertThatThrownBy(() -> codec.open(null, name, "id-1")).isInstanceOf(RegistryException.class);
        assertThatThrownBy(() -> codec.open("x".repeat(5000), name, "id-1")).isInstanceOf(RegistryException.class);
    }

    @Test
    void aRandomSecretKeepsOpeningItsOwnStatesAndNoOtherCodecs() {
        UploadStateCodec random = UploadStateCodec.withRandomSecret();
        String token = random.seal(state);
        assertThat(random.open(token, name, "id-1")).isEqualTo(state);
        assertThat(random.open(random.seal(state), name, "id-1")).isEqualTo(state);
        assertThatThrownBy(() -> UploadStateCodec.withRandomSecret().open(token, name, "id-1"))
                .isInstanceOf(RegistryException.class);
        assertThatThrownBy(() -> codec.open(token, name, "id-1")).isInstanceOf(RegistryException.class);
    }
}
