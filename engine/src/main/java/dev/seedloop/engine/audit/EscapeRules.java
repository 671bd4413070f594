package dev.seedloop.engine.audit;

import java.util.Optional;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * The catalogue of calls that escape the simulation, matched on a call's owner, name and descriptor.
 * Each rule says what the call does wrong and what to use instead. Stateless.
 */
final class EscapeRules {
    static final String TIME = "virtual time: ctx.nowNanos() in a node, world.nowNanos() in the scenario";
    static final String RANDOM = "the seeded streams: ctx.random() in a node, world.random() in the scenario";
    static final String THREADS = "no threads: a node is an event handler; model concurrency as nodes exchanging "
            + "messages, and waiting as ctx.setTimer(...)";
    static final String PER_RUN_STATE = "state created per run: fields of the nodes, locals of the scenario; "
            + "static final constants of immutable values are fine";
    static final String IDENTITY = "a hash of stable fields (override equals/hashCode, use a record) or an explicit id";

    /** What a matched call does, and the replacement. */
    record Escape(String what, String replacement) {}

    private EscapeRules() {}

    static Optional<Escape> match(MethodInsnNode call) {
        String owner = call.owner;
        String name = call.name;
        String shown = simple(owner) + "." + name + "()";
        switch (owner) {
            case "java/lang/System" -> {
                if (name.equals("currentTimeMillis") || name.equals("nanoTime")) {
                    return escape(shown + " reads the wall clock, which differs on every run", TIME);
                }
                if (name.equals("identityHashCode")) {
                    return escape(shown + " differs on every run", IDENTITY);
                }
            }
            case "java/time/Clock" -> {
                if (name.startsWith("system") || name.startsWith("tick")) {
                    return escape(shown + " is the wall clock, which differs on every run", TIME);
                }
            }
            case "java/util/Random", "java/util/SplittableRandom" -> {
                if (name.equals("<init>") && call.desc.equals("()V")) {
                    return escape("new " + simple(owner) + "() is seeded from the wall clock", RANDOM);
                }
            }
            case "java/lang/Math", "java/lang/StrictMath" -> {
                if (name.equals("random")) {
                    return escape(shown + " is unseeded randomness", RANDOM);
                }
            }
            case "java/util/concurrent/ThreadLocalRandom" -> {
                if (name.equals("current")) {
                    return escape(shown + " is unseeded randomness", RANDOM);
                }
            }
            case "java/security/SecureRandom" -> {
                if (name.equals("<init>") || name.startsWith("getInstance")) {
                    return escape((name.equals("<init>") ? "new SecureRandom()" : shown) + " is unseeded randomness",
                            RANDOM);
                }
            }
            case "java/util/UUID" -> {
                if (name.equals("randomUUID")) {
                    return escape(shown + " is unseeded randomness",
                            "new UUID(ctx.random().nextLong(), ctx.random().nextLong())");
                }
            }
            case "java/lang/Thread" -> {
                if (name.equals("<init>") || name.equals("start") || name.equals("startVirtualThread")
                        || name.equals("ofVirtual") || name.equals("ofPlatform") || name.equals("sleep")) {
                    return escape((name.equals("<init>") ? "new Thread(...)" : shown)
                            + " runs code outside the engine's event order", THREADS);
                }
            }
            case "java/util/Date" -> {
                if (name.equals("<init>") && call.desc.equals("()V")) {
                    return escape("new Date() reads the wall clock, which differs on every run", TIME);
                }
            }
            case "java/util/Collections" -> {
                if (name.equals("shuffle") && call.desc.equals("(Ljava/util/List;)V")) {
                    return escape(shown.replace("()", "(list)") + " draws from a generator seeded from the clock",
                            "Collections.shuffle(list, new Random(ctx.random().nextLong())) (java.util.Random's "
                                    + "algorithm is specified), or a Fisher-Yates shuffle with ctx.random().nextInt(i + 1)");
                }
            }
            case "java/util/Timer" -> {
                if (name.equals("<init>")) {
                    return escape("new Timer() runs code on a real thread at wall-clock times", THREADS);
                }
            }
            default -> {
                return matchFamilies(call, owner, name, shown);
            }
        }
        return Optional.empty();
    }

    private static Optional<Escape> matchFamilies(MethodInsnNode call, String owner, String name, String shown) {
        if (owner.startsWith("java/time/") && name.equals("now")) {
            return escape(shown + " reads the wall clock, which differs on every run", TIME);
        }
        if (owner.equals("java/util/concurrent/Executors")
                || (owner.startsWith("java/util/concurrent/") && owner.endsWith("ExecutorService")
                        && (name.equals("submit") || name.equals("execute") || name.startsWith("schedule")
                                || name.startsWith("invoke")))
                || (owner.equals("java/util/concurrent/Executor") && name.equals("execute"))
                || (owner.equals("java/util/concurrent/ForkJoinPool") && !name.equals("getClass"))) {
            return escape(shown + " runs tasks on threads the engine does not schedule", THREADS);
        }
        if (owner.equals("java/util/concurrent/CompletableFuture") && name.endsWith("Async")) {
            return escape(shown + " runs its task on another thread", THREADS);
        }
        if (name.equals("parallelStream") && call.desc.startsWith("()")) {
            return escape(shown + " processes elements on several threads in no fixed order",
                    "stream() (sequential)");
        }
        if (owner.startsWith("java/util/stream/") && name.equals("parallel")) {
            return escape(shown + " processes elements on several threads in no fixed order",
                    "a sequential stream: drop .parallel()");
        }
        return Optional.empty();
    }

    private static Optional<Escape> escape(String what, String replacement) {
        return Optional.of(new Escape(what, replacement));
    }

    static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1).replace('$', '.');
    }
}
