package dev.seedloop.viewer.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.viewer.viewmodel.OrdinalList;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** The event table's window over the rows: whole when they fit, moved near its edges, reset by a filter. */
class RowWindowTests {
    private static OrdinalList rows(int count, int step) {
        OrdinalList rows = new OrdinalList();
        rows.set(IntStream.range(0, count).map(i -> i * step).toArray());
        return rows;
    }

    @Test
    void rowsThatFitAreShownWholeAndNeverMove() {
        RowWindow w = new RowWindow(rows(50, 2), 100, 10);
        assertThat(w).hasSize(50);
        assertThat(w.get(49)).isEqualTo(98);
        assertThat(w.reveal(0)).isFalse();
        assertThat(w.reveal(49)).isFalse();
        assertThat(w.indexOf(49)).isEqualTo(49);
        assertThat(w.base()).isZero();
    }

    @Test
    void aRowNearAnEdgeWithMoreBeyondMovesTheWindowToCentreIt() {
        RowWindow w = new RowWindow(rows(1_000, 3), 100, 10);
        List<String> changes = new ArrayList<>();
        w.addListener((ListChangeListener<Integer>) c -> {
            while (c.next()) {
                changes.add((c.wasRemoved() ? "-" + c.getRemovedSize() : "") + (c.wasAdded() ? "+" + c.getAddedSize() : ""));
            }
        });
        assertThat(w).hasSize(100);
        assertThat(w.reveal(50)).as("well inside").isFalse();
        assertThat(w.reveal(0)).as("the top of the rows: nothing above").isFalse();
        assertThat(changes).isEmpty();

        assertThat(w.reveal(95)).as("within the margin of the bottom").isTrue();
        assertThat(w.base()).isEqualTo(45);
        assertThat(w.indexOf(95)).isEqualTo(50);
        assertThat(w.get(w.indexOf(95))).isEqualTo(95 * 3);
        assertThat(changes).containsExactly("-100+100");

        assertThat(w.reveal(700)).as("outside").isTrue();
        assertThat(w.rowAt(0)).isEqualTo(650);
        assertThat(w.reveal(998)).isTrue();
        assertThat(w.base()).as("clamped to the last rows").isEqualTo(900);
        assertThat(w.indexOf(999)).isEqualTo(99);
        assertThat(w.reveal(999)).as("the bottom of the rows: nothing below").isFalse();
        assertThat(w.indexOf(10)).isEqualTo(-1);
        assertThatThrownBy(() -> w.get(100)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void newRowsStartTheWindowAtTheTop() {
        OrdinalList rows = rows(1_000, 1);
        RowWindow w = new RowWindow(rows, 100, 10);
        w.reveal(500);
        assertThat(w.base()).isEqualTo(450);
        rows.set(new int[] {7, 8, 9});
        assertThat(w.base()).isZero();
        assertThat(w).containsExactly(7, 8, 9);
        rows.set(new int[0]);
        assertThat(w).isEmpty();
        assertThat(w.reveal(0)).isFalse();
    }

    @Test
    void aWindowTooSmallForItsMarginIsRefused() {
        assertThatThrownBy(() -> new RowWindow(rows(10, 1), 10, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
