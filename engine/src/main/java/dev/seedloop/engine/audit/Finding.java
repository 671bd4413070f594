package dev.seedloop.engine.audit;

/**
 * One escape from the simulation found in bytecode: where it is, what it calls, and what to use instead.
 *
 * @param className the class holding the code, as Java names it ({@code com.acme.Node$Inner})
 * @param method the method's name ({@code <init>} for a constructor, {@code lambda$run$0} for a lambda body)
 * @param line the source line, or -1 if the class has no line numbers
 * @param escape what the code does, for example {@code System.nanoTime()}, and why it breaks replay
 * @param replacement what to write instead, inside a simulation
 */
public record Finding(String className, String method, int line, String escape, String replacement) {
    /** {@code com.acme.Node.onStart(Node.java:42)}-style location, clickable in IDE consoles. */
    public String location() {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        String file = (dollar >= 0 ? simple.substring(0, dollar) : simple) + ".java";
        return className + "." + method + "(" + file + (line > 0 ? ":" + line : "") + ")";
    }

    /** {@code at <location>: <escape>; use <replacement>}. */
    public String render() {
        return "at " + location() + ": " + escape + "; instead: " + replacement;
    }
}
