package dev.seedloop.trace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer's string table gives ids in order of first use and finds every string it defined. */
class StringInternerTests {

    @Test
    void idsCountUpInTheOrderStringsAreDefinedAndTheEmptyStringIsZero() {
        StringInterner table = new StringInterner();
        assertThat(table.idOf("")).isZero();
        assertThat(table.idOf("Vote")).isEqualTo(-1);
        assertThat(table.define("Vote")).isEqualTo(1);
        assertThat(table.define("Heartbeat")).isEqualTo(2);
        assertThat(table.idOf("Vote")).isEqualTo(1);
        assertThat(table.idOf("Heartbeat")).isEqualTo(2);
        assertThat(table.idOf("heartbeat")).isEqualTo(-1);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void stringsWithTheSameHashAndThousandsOfStringsAreAllFoundAfterTheTableGrows() {
        StringInterner table = new StringInterner();
        // "Aa" and "BB" share a hash code, as do all their concatenations of equal length.
        List<String> strings = new ArrayList<>(List.of("Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB"));
        for (int i = 0; i < 5_000; i++) {
            strings.add("type-" + i);
        }
        for (int i = 0; i < strings.size(); i++) {
            assertThat(table.define(strings.get(i))).isEqualTo(i + 1);
        }
        for (int i = 0; i < strings.size(); i++) {
            assertThat(table.idOf(new String(strings.get(i)))).as(strings.get(i)).isEqualTo(i + 1);
        }
        assertThat(table.idOf("type-5000")).isEqualTo(-1);
        assertThat(table.size()).isEqualTo(strings.size());
    }

    @Test
    void anOverlongStringIsRefusedWithTheLimit() {
        StringInterner table = new StringInterner();
        assertThatThrownBy(() -> table.define("x".repeat(Limits.MAX_INTERNED_CHARS + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the limit is " + Limits.MAX_INTERNED_CHARS);
        assertThat(table.size()).isZero();
    }
}
