package dev.seedloop.viewer.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The viewer's command line: {@code [TRACE [TRACE2]] [--step N|violation|end] [--event N]
 * [--render OUT.png [--width W] [--height H]]}. Parsing never throws: problems are listed in {@link #errors()},
 * among them an OUT that a rendering must not replace ({@link OutputFile#refusal}, which looks at the files).
 *
 * @param traces the traces to open (a second one opens diff mode)
 * @param render the PNG to render to, headless, instead of opening a window
 * @param target where to put the cursor: "violation", "end", "step:N" or "event:N"; empty for the start
 * @param width the rendered window's width
 * @param height the rendered window's height
 * @param help whether usage was asked for
 * @param errors what could not be understood
 */
public record CommandLine(List<Path> traces, Optional<Path> render, Optional<String> target, int width, int height,
        boolean help, List<String> errors) {

    public static final String USAGE = """
            usage: seedloop-viewer [TRACE [TRACE2]] [--step N|violation|end] [--event N] \
            [--render OUT.png [--width W] [--height H]]
              TRACE           a .trace file to open; a second one opens diff mode
              --render OUT    draw the window to OUT (PNG) without a display, then exit
              --step S        open at the last event of engine step S, at the violation or at the end
              --event N       open at event N (0-based position in the file)
              --width W       window width in pixels for --render (default 1400)
              --height H      window height in pixels for --render (default 900)""";

    public static CommandLine parse(String... args) {
        List<Path> traces = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Path render = null;
        String target = null;
        int width = 1400;
        int height = 900;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a == null || a.isBlank()) {
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "-h", "--help" -> help = true;
                case "--render" -> {
                    if (value == null || value.isBlank()) {
                        errors.add("--render needs an output path, e.g. --render out.png");
                    } else {
                        render = Path.of(value);
                    }
                    if (value != null) {
                        i++;
                    }
                }
                case "--step" -> {
                    if (value == null) {
                        errors.add("--step needs a step number, 'violation' or 'end'");
                    } else {
                        i++;
                        if (value.equals("violation") || value.equals("end") || value.equals("start")) {
                            target = value;
                        } else if (number(value, Long.MAX_VALUE) >= 0) {
                            target = "step:" + value;
                        } else {
                            errors.add("--step takes a step number" + (value.matches("\\d+") ? " up to "
                                    + Long.MAX_VALUE : "") + ", 'violation' or 'end', not '" + value + "'");
                        }
                    }
                }
                case "--event" -> {
                    if (value == null) {
                        errors.add("--event needs an event number (0-based)");
                    } else if (number(value, Integer.MAX_VALUE) < 0) {
                        errors.add("--event needs an event number (0-based)" + (value.matches("\\d+") ? " up to "
                                + Integer.MAX_VALUE : "") + ", not '" + value + "'");
                    } else {
                        target = "event:" + value;
                    }
                    i++;
                }
                case "--width", "--height" -> {
                    i++;
                    if (number(value, 8000) < 200) {
                        errors.add(a + " needs a number of pixels between 200 and 8000");
                    } else if (a.equals("--width")) {
                        width = Integer.parseInt(value);
                    } else {
                        height = Integer.parseInt(value);
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        errors.add("unknown option " + a);
                    } else if (traces.size() == 2) {
                        errors.add("at most two traces can be opened (a third was given: " + a + ")");
                    } else {
                        traces.add(Path.of(a));
                    }
                }
            }
        }
        if (render != null && traces.isEmpty()) {
            errors.add("--render needs a trace to render");
        }
        if (render != null) {
            OutputFile.refusal(render, traces).ifPresent(errors::add);
        }
        return new CommandLine(List.copyOf(traces), Optional.ofNullable(render), Optional.ofNullable(target), width,
                height, help, List.copyOf(errors));
    }

    /** {@code value} as a number if it is one no larger than {@code max}; -1 otherwise (not a number, too large). */
    private static long number(String value, long max) {
        if (value == null || !value.matches("\\d+")) {
            return -1;
        }
        try {
            long n = Long.parseLong(value);
            return n <= max ? n : -1;
        } catch (NumberFormatException tooLargeForALong) {
            return -1;
        }
    }
}
