package dev.seedloop.engine.internal.trace;

import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;
import java.util.Arrays;

/**
 * Renders payloads and state values as readable text for a FULL trace: records and collections through
 * their {@code toString}, protobuf messages structurally, arrays element by element. Long renderings are
 * cut, so one huge value cannot blow up a trace.
 */
final class ValueRenderer {
    static final int MAX_CHARS = 2_000;

    private ValueRenderer() {}

    static String render(Object value) {
        String text;
        try {
            text = switch (value) {
                case null -> "null";
                case MessageOrBuilder message ->
                        message.getDescriptorForType().getName() + " { " + TextFormat.printer().emittingSingleLine(true).printToString(message) + " }";
                case Object[] array -> Arrays.deepToString(array);
                case int[] array -> Arrays.toString(array);
                case long[] array -> Arrays.toString(array);
                case byte[] array -> Arrays.toString(array);
                case boolean[] array -> Arrays.toString(array);
                case double[] array -> Arrays.toString(array);
                default -> String.valueOf(value);
            };
        } catch (RuntimeException e) {
            // A toString that throws must not fail the run being recorded; say so in the trace instead.
            text = "<" + value.getClass().getName() + ".toString() threw " + e + ">";
        }
        if (text.length() > MAX_CHARS) {
            return text.substring(0, MAX_CHARS) + "…(" + (text.length() - MAX_CHARS) + " more chars)";
        }
        return text;
    }
}
