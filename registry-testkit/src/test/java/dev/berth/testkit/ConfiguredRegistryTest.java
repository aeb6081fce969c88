package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.ErrorCode;
import dev.berth.api.RegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfiguredRegistryTest {

    @RegisterExtension
    static final RegistryExtension READ_ONLY = RegistryExtension.builder()
            .configure(server -> server.readOnly(true))
            .build();

    @Test
    void serverSettingsFromTheBuilderApply(TestRegistry registry) {
        assertThatThrownBy(() -> registry.client().pushBlob("app", new byte[] {1}))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
    }
}
