package dev.seedloop.viewer.view;

import dev.seedloop.viewer.viewmodel.StateRow;
import dev.seedloop.viewer.viewmodel.TraceViewModel;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Every node's state at the cursor: one column per node, one row per field; values the current step
 * changed carry the style class {@code changed}; event-derived rows ({@code · status} etc.) the class
 * {@code derived}.
 */
public final class StatePanel extends TableView<StateRow> {
    public StatePanel(TraceViewModel vm) {
        setId("statePanel");
        getStyleClass().add("state-panel");
        setItems(vm.stateRows());
        setPlaceholder(new Label("No state at this point of the run."));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<StateRow, String> field = new TableColumn<>("field");
        field.setSortable(false);
        field.setPrefWidth(110);
        field.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().field()));
        field.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().remove("derived");
                if (!empty && getTableRow() != null && getTableRow().getItem() != null
                        && getTableRow().getItem().derived()) {
                    getStyleClass().add("derived");
                }
            }
        });
        getColumns().add(field);
        java.util.List<String> names = vm.nodeNames();
        for (int i = 0; i < names.size(); i++) {
            int node = i;
            TableColumn<StateRow, String> col = new TableColumn<>(names.get(i));
            col.setSortable(false);
            col.setPrefWidth(120);
            col.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().values().get(node)));
            col.setCellFactory(c -> new TextCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeAll("changed", "derived");
                    StateRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                    if (row != null) {
                        if (row.changed().get(node)) {
                            getStyleClass().add("changed");
                        }
                        if (row.derived()) {
                            getStyleClass().add("derived");
                        }
                    }
                }
            });
            getColumns().add(col);
        }
    }
}
