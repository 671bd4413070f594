package dev.seedloop.viewer.view;

import dev.seedloop.viewer.viewmodel.InvariantRow;
import dev.seedloop.viewer.viewmodel.TraceViewModel;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The invariants the trace records: held or violated (where, with the evidence). Double-click jumps. */
public final class InvariantPanel extends TableView<InvariantRow> {
    public InvariantPanel(TraceViewModel vm) {
        setId("invariantPanel");
        setItems(vm.invariants());
        Label none = new Label(vm.noInvariantsText());
        none.setWrapText(true);
        setPlaceholder(none);
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().add(col("invariant", 200, InvariantRow::name));
        getColumns().add(col("outcome", 190, InvariantRow::outcome)); // "VIOLATED at step 11" whole
        getColumns().add(col("checks", 60, InvariantRow::checksText));
        getColumns().add(col("evidence", 260, InvariantRow::evidence));
        setRowFactory(t -> {
            TableRow<InvariantRow> row = new TableRow<>() {
                @Override
                protected void updateItem(InvariantRow item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().remove("violation-row");
                    if (!empty && item != null && item.violatedAtStep() >= 0) {
                        getStyleClass().add("violation-row");
                    }
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null && row.getItem().ordinal() >= 0) {
                    vm.moveTo(row.getItem().ordinal());
                    vm.showCausalPast(row.getItem().ordinal());
                }
            });
            return row;
        });
    }

    private static TableColumn<InvariantRow, String> col(String title, double width,
            java.util.function.Function<InvariantRow, String> f) {
        TableColumn<InvariantRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setCellFactory(x -> new TextCell<>());
        return c;
    }
}
