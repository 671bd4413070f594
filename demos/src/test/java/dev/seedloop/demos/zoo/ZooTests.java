package dev.seedloop.demos.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.demos.twins.Twins;
import dev.seedloop.engine.api.RunOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZooTests {
    @Test
    void theZooHoldsThreeProtocolsEachWithItsOwnInvariantAndEnoughCorrectSeeds() {
        assertThat(Zoo.all()).extracting(Twins::invariant).containsExactly(
                "state-machine-safety", "no-write-from-a-stale-lease", "acknowledged-write-never-lost");
        assertThat(Zoo.all()).allSatisfy(t -> assertThat(t.correctSeeds()).isGreaterThanOrEqualTo(2000));
    }

    @Test
    void theReportMeasuresEachStrategyAndPrintsAMarkdownRowPerBug() {
        Twins lease = Zoo.all().get(1);
        Map<String, RunOptions> strategies = new LinkedHashMap<>();
        strategies.put("uniform", RunOptions.DEFAULTS);
        strategies.put("swarm", RunOptions.DEFAULTS.withSwarm(true));
        ZooReport.Row row = ZooReport.measure(lease, strategies, 2);
        assertThat(row.measurements()).allSatisfy(m -> {
            assertThat(m.catches()).isEqualTo(2);
            assertThat(m.allByTheInvariant()).isTrue();
            assertThat(m.firstCatch()).isBetween(1L, (long) lease.catchWithin());
        });

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ZooReport.print(List.of(row), List.copyOf(strategies.keySet()), 2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).startsWith("| bug | invariant | K | uniform: first catch (seeds)")
                .contains("| Lease-based lock service | `no-write-from-a-stale-lease` | 50 |")
                .contains("swarm: seeds per catch");
    }
}
