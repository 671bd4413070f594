package dev.seedloop.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default methods of {@link Context}, as a context other than the engine's sees them (a test double
 * written by a user, say): they are defined by the abstract methods, which the engine's own context
 * overrides with cheaper paths.
 */
class ContextDefaultsTests {

    /** Records the calls that reach its abstract timer methods. */
    static final class RecordingContext implements Context<Object> {
        final List<String> calls = new ArrayList<>();
        private long nextId;

        @Override
        public Address self() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nowNanos() {
            return 1_500;
        }

        @Override
        public DeterministicRandom random() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void send(Address to, Object message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TimerId setTimer(Duration after, Object tag) {
            return setTimerNanos(after.toNanos(), tag);
        }

        @Override
        public TimerId setTimerNanos(long afterNanos, Object tag) {
            long id = ++nextId;
            calls.add("set " + id + " after " + afterNanos + " " + tag);
            return () -> id;
        }

        @Override
        public void cancelTimer(TimerId timer) {
            calls.add("cancel " + timer.id());
        }

        @Override
        public void log(String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Storage storage() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean buggify(String point) {
            return false;
        }
    }

    @Test
    void resetTimerCancelsTheOldTimerThenSetsANewOne() {
        RecordingContext ctx = new RecordingContext();
        TimerId first = ctx.setTimerNanos(10, "timeout");

        TimerId second = ctx.resetTimerNanos(first, 20, "timeout");

        assertThat(ctx.calls).containsExactly("set 1 after 10 timeout", "cancel 1", "set 2 after 20 timeout");
        assertThat(second).isNotNull();
        assertThat(second.id()).isEqualTo(2);
    }

    @Test
    void resetTimerWithNoTimerOnlySetsOne() {
        RecordingContext ctx = new RecordingContext();

        TimerId timer = ctx.resetTimerNanos(null, 20, "timeout");

        assertThat(ctx.calls).containsExactly("set 1 after 20 timeout");
        assertThat(timer.id()).isEqualTo(1);
    }

    @Test
    void nowIsTheNanosecondClockAsADuration() {
        assertThat(new RecordingContext().now()).isEqualTo(Duration.ofNanos(1_500));
    }
}
