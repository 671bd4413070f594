package dev.seedloop.viewer.view;

import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * A table cell showing a string, with the whole string as its tooltip when it is long enough that the
 * column may cut it off (event renderings, invariant names and evidence often are).
 *
 * @param <S> the table's row type
 */
final class TextCell<S> extends TableCell<S, String> {
    /** Shorter texts fit any column at its preferred width; they get no tooltip. */
    static final int TOOLTIP_FROM_LENGTH = 16;

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        String text = empty ? null : item;
        setText(text);
        setTooltip(text == null || text.length() < TOOLTIP_FROM_LENGTH ? null : new Tooltip(text));
    }
}
