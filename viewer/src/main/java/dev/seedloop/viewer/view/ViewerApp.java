package dev.seedloop.viewer.view;

import dev.seedloop.viewer.model.CommandLine;
import dev.seedloop.viewer.model.RecentFiles;
import dev.seedloop.viewer.viewmodel.MainViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop application: one window on a {@link MainView}. Started through {@code Launcher}. */
public final class ViewerApp extends Application {
    @Override
    public void start(Stage stage) {
        CommandLine cl = CommandLine.parse(getParameters().getRaw().toArray(String[]::new));
        MainViewModel vm = new MainViewModel(new FxAsync(), new FxTicker(), RecentFiles.standard());
        MainView view = new MainView(vm);
        Scene scene = new Scene(view, 1400, 900);
        view.install(scene);
        stage.titleProperty().bind(vm.titleProperty());
        stage.setScene(scene);
        stage.show();
        // --step N|violation|end and --event N put the cursor there once the trace is read
        vm.openAll(cl.traces(), cl.target().orElse(null), why -> System.err.println("seedloop-viewer: " + why));
    }
}
