package dev.seedloop.viewer.model;

/**
 * Every action of the viewer with its keyboard shortcut, in the syntax of JavaFX key combinations
 * ("Shortcut" is Ctrl, or Cmd on macOS). The help panel and docs/viewer.md list these.
 */
public enum ViewerAction {
    OPEN("Shortcut+O", "Open a trace"),
    COMPARE("Shortcut+Shift+O", "Open a second trace to compare with (diff mode)"),
    CLOSE_DIFF("Shortcut+W", "Leave diff mode (keep the first trace)"),
    STEP_FORWARD("Right", "Step one event forward"),
    STEP_BACK("Left", "Step one event backward"),
    NEXT_STEP("Shift+Right", "Go to the end of the next engine step"),
    PREVIOUS_STEP("Shift+Left", "Go to the end of the previous engine step"),
    TO_START("Home", "Go to the first event"),
    TO_END("End", "Go to the last event"),
    PLAY_PAUSE("Space", "Play or pause"),
    FASTER("Close Bracket", "Play faster"),
    SLOWER("Open Bracket", "Play slower"),
    NEXT_OF_NODE("N", "Next event of the chosen node"),
    PREVIOUS_OF_NODE("Shift+N", "Previous event of the chosen node"),
    NEXT_OF_KIND("K", "Next event of the chosen kind"),
    PREVIOUS_OF_KIND("Shift+K", "Previous event of the chosen kind"),
    VIOLATION("V", "Jump to the violation"),
    CAUSAL_PAST("C", "Show the causal past of the event at the cursor"),
    CAUSAL_VIOLATION("Shift+C", "Show the causal past of the violation"),
    CLEAR_CAUSAL("Esc", "Clear the causal highlighting"),
    ZOOM_IN("Z", "Zoom the diagram in (also Ctrl+wheel)"),
    ZOOM_OUT("Shift+Z", "Zoom the diagram out"),
    FIT("F", "Fit the whole trace in the diagram (in diff mode, both traces)"),
    PAN_LEFT("Page Up", "Pan the diagram left (also drag or wheel)"),
    PAN_RIGHT("Page Down", "Pan the diagram right"),
    AXIS("T", "Switch the diagram's axis between virtual time and event order"),
    SEARCH("Shortcut+F", "Focus the event search"),
    HELP("F1", "Show or hide this help"),
    QUIT("Shortcut+Q", "Quit");

    private final String shortcut;
    private final String description;

    ViewerAction(String shortcut, String description) {
        this.shortcut = shortcut;
        this.description = description;
    }

    /** The key combination, as {@code javafx.scene.input.KeyCombination.valueOf} reads it. */
    public String shortcut() {
        return shortcut;
    }

    /** The shortcut for people: "Ctrl+O", "Shift+Right". */
    public String shortcutText() {
        return shortcut.replace("Shortcut", "Ctrl").replace("Close Bracket", "]").replace("Open Bracket", "[")
                .replace("Esc", "Escape");
    }

    public String description() {
        return description;
    }
}
