package dev.berth.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlockIdsTest {

    @Test
    void idsOfAllOffsetsHaveOneLengthAndNameTheirOffset() {
        for (long offset : new long[] {0, 1, 4 << 20, 1L << 40, Long.MAX_VALUE}) {
            String id = BlockIds.of(offset);
            assertThat(id).hasSameSizeAs(BlockIds.of(0));
            assertThat(BlockIds.offset(id)).hasValue(offset);
        }
    }

    @Test
    void idsOfOtherWritersAreNotTakenForOffsets() {
        String distributionStyle = Base64.getEncoder().encodeToString(
                String.format("%029d", 42).getBytes(StandardCharsets.US_ASCII));
        assertThat(BlockIds.offset(distributionStyle)).isEmpty();
        assertThat(BlockIds.offset("not base64!")).isEmpty();
    }
}
