package dev.seedloop.viewer.view;

import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * A table cell showing a string, with the whole string as its tooltip when it is long enough that the
 * column may cut it off (event renderings, invariant names and evidence often are).
 *
 * <p>Subclasses may style the cell further after {@code super.updateItem}.
 *
 * @param <S> the table's row type
 */
class TextCell<S> extends TableCell<S, String> {
    /** Shorter texts fit any column at its preferred width; they get no tooltip. */
    static final int TOOLTIP_FROM_LENGTH = 16;

    /**
     * One tooltip per cell, its text replaced as the cell is reused: a table redraws its visible cells at
     * every step, and making a Tooltip (a popup window) each time would cost more than the step itself.
     */
    private final Tooltip tooltip = new Tooltip();

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        String text = empty ? null : item;
        setText(text);
        boolean isLong = text != null && text.length() >= TOOLTIP_FROM_LENGTH;
        if (isLong) {
            tooltip.setText(text);
        }
        setTooltip(isLong ? tooltip : null);
    }
}
