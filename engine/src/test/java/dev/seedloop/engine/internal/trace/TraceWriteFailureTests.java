package dev.seedloop.engine.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.internal.ScenarioRunner;
import dev.seedloop.trace.Trace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A trace whose file fails part way (a full disk, a closed pipe) stops recording, lets the run finish, and
 * then says what happened and how the run ended; every block written before the failure stays readable.
 */
class TraceWriteFailureTests {
    /** Bounces a counter with its peer for 3,000 rounds: about 170 KB of FULL trace, more than two 64 KiB blocks. */
    record Bouncer(Address peer) implements Node<Integer> {
        @Override
        public void onStart(Context<Integer> ctx) {
            if (peer != null) {
                ctx.send(peer, 0);
            }
        }

        @Override
        public void onMessage(Context<Integer> ctx, Address from, Integer round) {
            if (round < 3_000) {
                ctx.send(from, round + 1);
            }
        }
    }

    private static final Scenario BOUNCE = world -> {
        Address b = world.address("b");
        world.start("a", new Bouncer(b));
        world.start(b, new Bouncer(null));
        world.runFor(Duration.ofSeconds(600));
    };

    private static final TraceOutput OUTPUT = TraceOutput.full(Path.of("bounce.trace"), "BOUNCE").withStableProvenance();

    /** Accepts writes until {@code capacity} bytes would be exceeded, then refuses every write whole. */
    static final class FullDisk extends OutputStream {
        final ByteArrayOutputStream accepted = new ByteArrayOutputStream();
        private final int capacity;
        private final boolean failOnClose;

        FullDisk(int capacity, boolean failOnClose) {
            this.capacity = capacity;
            this.failOnClose = failOnClose;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (accepted.size() + length > capacity) {
                throw new IOException("No space left on device");
            }
            accepted.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            if (failOnClose) {
                throw new IOException("close failed: stale file handle");
            }
        }
    }

    @Test
    void aFailingSinkStopsTheTraceNotTheRunAndKeepsEveryWholeBlockBeforeIt() throws Exception {
        FullDisk complete = new FullDisk(Integer.MAX_VALUE, false);
        RunResult reference = TraceRecording.run(BOUNCE, 1, RunOptions.DEFAULTS, OUTPUT, complete);
        assertThat(complete.accepted.size()).as("the whole trace is more than two blocks").isGreaterThan(2 * 65_536);

        FullDisk full = new FullDisk(100_000, false);
        assertThatThrownBy(() -> TraceRecording.run(BOUNCE, 1, RunOptions.DEFAULTS, OUTPUT, full))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("the trace bounce.trace could not be written completely (No space left on device);"
                        + " the run itself finished: passed");

        Trace whole = Trace.read(new ByteArrayInputStream(complete.accepted.toByteArray()), "complete");
        Trace prefix = Trace.read(new ByteArrayInputStream(full.accepted.toByteArray()), "prefix");
        assertThat(full.accepted.size()).as("one block was accepted before the refusal").isBetween(1_000, 100_000);
        assertThat(prefix.damage()).as("a trace that stops early reads as damaged, not as whole").isPresent();
        assertThat(prefix.events()).isNotEmpty()
                .isEqualTo(whole.events().subList(0, prefix.events().size()));
        assertThat(whole.footer().orElseThrow().digest()).isEqualTo(reference.digest());
        assertThat(ScenarioRunner.run(BOUNCE, 1, RunOptions.DEFAULTS, null).digest())
                .as("the traced run is the run").isEqualTo(reference.digest());
    }

    @Test
    void aSinkThatFailsOnCloseIsReportedToo() {
        FullDisk stale = new FullDisk(Integer.MAX_VALUE, true);
        assertThatThrownBy(() -> TraceRecording.run(BOUNCE, 1, RunOptions.DEFAULTS, OUTPUT, stale))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("could not be written completely (close failed: stale file handle)")
                .hasMessageEndingWith("the run itself finished: passed");
    }
}
