package dev.seedloop.demos.zoo;

import dev.seedloop.demos.twins.TwinDemo;
import dev.seedloop.demos.twins.Twins;
import dev.seedloop.engine.api.CheckOptions;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Runs every protocol of the bug zoo: each buggy twin must be caught within its K seeds by its invariant,
 * each correct twin must pass its seeds under the same faults. Exits 0 only if every claim holds.
 */
public final class ZooDemo {
    private ZooDemo() {}

    /** Runs the zoo; the exit status is 0 when every claim holds. */
    public static void main(String[] args) {
        System.exit(run(System.out, CheckOptions.DEFAULT_TRACE_DIRECTORY) ? 0 : 1);
    }

    /** Runs every pair, printing to {@code out}; returns whether every claim held. */
    static boolean run(PrintStream out, Path traceDirectory) {
        boolean all = true;
        for (Twins twins : Zoo.all()) {
            all &= TwinDemo.run(twins, out, traceDirectory);
        }
        out.println(all ? "every bug caught, every fix passed" : "SOME CLAIM FAILED (see above)");
        return all;
    }
}
