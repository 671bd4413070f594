package dev.seedloop.viewer.view;

import java.util.function.IntConsumer;
import javafx.geometry.Orientation;
import javafx.scene.control.ScrollBar;

/**
 * The event table's vertical scroll bar over all rows, for a table that holds only a {@link RowWindow} of
 * them (whose own scroll bar would span the window alone).
 *
 * <p>What it guarantees, after each {@link #follow}: it is shown (visible and managed) only while the rows
 * exceed the window; its value is the row at the top of the table, its visible amount the rows on screen,
 * and its range 0 to rows minus rows on screen, so the thumb's position and size say where in all rows the
 * screen is. A value the user chooses (dragging the thumb, clicking the track or an arrow) is handed to
 * {@code showAtTop} as a row, and only then: values set by {@link #follow} are not.
 *
 * <p>It never moves the cursor: scrolling is not selecting, as with the table's own scroll bar.
 */
final class TraceScrollBar extends ScrollBar {
    private final IntConsumer showAtTop;
    private boolean following;

    /** A hidden bar that hands each row the user scrolls to to {@code showAtTop}. */
    TraceScrollBar(IntConsumer showAtTop) {
        this.showAtTop = showAtTop;
        setId("traceScrollBar");
        getStyleClass().add("trace-scroll-bar");
        setOrientation(Orientation.VERTICAL);
        setUnitIncrement(1); // an arrow moves one row, as the table's own bar does
        show(false);
        valueProperty().addListener((o, a, b) -> {
            if (!following) {
                showAtTop.accept((int) Math.round(b.doubleValue()));
            }
        });
    }

    /**
     * Follows the table: shown only if {@code needed}; then over {@code rows} rows with {@code onScreen} of
     * them on screen from row {@code top} on.
     */
    void follow(boolean needed, int rows, int top, int onScreen) {
        show(needed);
        if (!needed) {
            return;
        }
        int screen = Math.max(1, Math.min(onScreen, rows));
        // max is the last row that can be at the top, not the last row: then the thumb reaches the end of the
        // track exactly when the last row is on screen, and the value is always the top row.
        int max = Math.max(0, rows - screen);
        following = true;
        try {
            setMin(0);
            setMax(max);
            setVisibleAmount(screen);
            setBlockIncrement(screen); // a click on the track moves a page, as the table's own bar does
            setValue(Math.max(0, Math.min(top, max)));
        } finally {
            following = false;
        }
    }

    private void show(boolean shown) {
        if (isVisible() != shown) {
            setVisible(shown);
            setManaged(shown);
        }
    }
}
