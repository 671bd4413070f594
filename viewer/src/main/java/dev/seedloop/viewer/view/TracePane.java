package dev.seedloop.viewer.view;

import dev.seedloop.viewer.viewmodel.TraceViewModel;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * All panels of one trace: a header with the current event, the damage banner and notices, the diagram,
 * the event table, the node state panel and the invariants. {@code compact} stacks them for diff mode.
 */
public final class TracePane extends VBox {
    private final DiagramView diagram;
    private final EventTable table;
    private final StatePanel state;
    private final InvariantPanel invariants;

    public TracePane(TraceViewModel vm, boolean compact, String role) {
        getStyleClass().add("trace-pane");
        Label file = new Label((role.isEmpty() ? "" : role + ": ") + vm.trace().fileName() + "   "
                + vm.trace().identity().scenario() + "  seed " + vm.trace().identity().seed());
        file.getStyleClass().add("trace-title");
        Label current = new Label();
        current.setId(role.isEmpty() || role.equals("A") ? "currentEvent" : "currentEvent" + role);
        current.getStyleClass().add("current-event");
        current.textProperty().bind(vm.eventTextProperty());
        Label damage = new Label();
        damage.setId(role.equals("B") ? "damageBannerB" : "damageBanner");
        damage.getStyleClass().add("damage-banner");
        damage.setWrapText(true);
        // Without this the VBox, short of height, shrinks the label to one line and cuts the text off,
        // which hides the what-was-lost part of the banner.
        damage.setMinHeight(Region.USE_PREF_SIZE);
        damage.textProperty().bind(vm.damageProperty());
        damage.visibleProperty().bind(vm.damageProperty().isNotEmpty());
        damage.managedProperty().bind(damage.visibleProperty());
        Label notice = new Label();
        notice.setId(role.equals("B") ? "noticeB" : "notice");
        notice.getStyleClass().add("notice");
        notice.setWrapText(true);
        notice.setMinHeight(Region.USE_PREF_SIZE);
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        diagram = new DiagramView(vm);
        diagram.setId(role.equals("B") ? "diagramB" : "diagram");
        table = new EventTable(vm);
        state = new StatePanel(vm);
        invariants = new InvariantPanel(vm);
        SplitPane main;
        if (compact) {
            main = new SplitPane(diagram, state, table);
            main.setOrientation(Orientation.VERTICAL);
            main.setDividerPositions(0.38, 0.62);
        } else {
            TitledPane statePane = titled("Node state at the cursor (changed values highlighted)", state);
            TitledPane invPane = titled("Invariants", invariants);
            SplitPane right = new SplitPane(statePane, invPane);
            right.setOrientation(Orientation.VERTICAL);
            right.setDividerPositions(0.72);
            SplitPane bottom = new SplitPane(titled("Events", table), right);
            bottom.setDividerPositions(0.56);
            main = new SplitPane(diagram, bottom);
            main.setOrientation(Orientation.VERTICAL);
            main.setDividerPositions(0.46);
        }
        VBox.setVgrow(main, Priority.ALWAYS);
        getChildren().addAll(file, current, damage, notice, main);
    }

    private static TitledPane titled(String title, javafx.scene.Node content) {
        TitledPane p = new TitledPane(title, content);
        p.setCollapsible(false);
        p.setMaxHeight(Double.MAX_VALUE);
        return p;
    }

    public DiagramView diagram() {
        return diagram;
    }

    public EventTable table() {
        return table;
    }

    public StatePanel state() {
        return state;
    }

    public InvariantPanel invariants() {
        return invariants;
    }
}
