package dev.seedloop.demos.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.trace.TraceVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Minimization works on every bug of the zoo: the same invariant, no more faults, a verified trace. */
class ZooMinimizationTests {
    @TempDir
    Path dir;

    @Test
    void everyZooBugMinimizesToARunThatFailsTheSameWay() throws Exception {
        List<ZooMinimization.Row> rows = ZooMinimization.minimizeAll(dir);
        assertThat(rows).hasSize(Zoo.all().size());
        for (ZooMinimization.Row row : rows) {
            var result = row.result();
            assertThat(result.minimized().failure()).as(row.twins().protocol()).isInstanceOf(InvariantViolation.class);
            assertThat(((InvariantViolation) result.minimized().failure()).invariant()).isEqualTo(row.twins().invariant());
            assertThat(result.minimizedFaults()).isLessThanOrEqualTo(result.originalFaults());
            assertThat(result.trace()).isNotNull();
            assertThat(TraceVerifier.verify(result.trace()).ok()).as(result.trace().toString()).isTrue();
        }
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        ZooMinimization.print(rows, new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8).lines()).hasSize(2 + rows.size());
    }
}
