package dev.seedloop.viewer.view;

import dev.seedloop.viewer.model.ViewerAction;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Every action and its shortcut, and a legend of the diagram's marks. Toggled with F1. */
public final class HelpPanel extends ScrollPane {
    public HelpPanel() {
        setId("helpPanel");
        getStyleClass().add("help-panel");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(3);
        int row = 0;
        for (ViewerAction a : ViewerAction.values()) {
            Label key = new Label(a.shortcutText());
            key.getStyleClass().add("shortcut");
            Label what = new Label(a.description());
            what.setWrapText(true);
            what.setMaxWidth(230);
            grid.addRow(row++, key, what);
        }
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("help-title");
        Label legendTitle = new Label("Diagram");
        legendTitle.getStyleClass().add("help-title");
        Label legend = new Label("""
                ● event (blue send, green delivery, orange timer)
                → message from send to delivery
                ✕ dropped message, with the reason
                dashed violet arrow: duplicate delivery
                ✕ (large, red) crash;  ↻ restart
                shaded lane: partition (colour = side), paused, down
                red dashed rule: the violation
                orange dashed rule: first divergence (diff)
                magenta: causal past of the ringed event
                blue line: the cursor
                click: move the cursor; double-click: causal past
                drag / wheel: pan;  Ctrl+wheel: zoom""");
        legend.setWrapText(true);
        legend.setMaxWidth(320);
        VBox box = new VBox(8, title, grid, legendTitle, legend);
        box.setPadding(new Insets(8));
        setContent(box);
        setPrefWidth(350);
        setFitToWidth(true);
    }
}
