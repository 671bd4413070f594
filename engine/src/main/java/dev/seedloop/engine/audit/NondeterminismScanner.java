package dev.seedloop.engine.audit;

import dev.seedloop.engine.api.Check;
import dev.seedloop.trace.RunDigest;
import java.lang.reflect.Method;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * The static nondeterminism audit: reads the bytecode of a scenario and the classes it reaches, and
 * reports every call that escapes the simulation (wall clock, unseeded randomness, threads and executors,
 * identity hash codes, iteration over hash collections keyed by identity-hashed or unknown types and over
 * the JDK's immutable sets and maps, parallel streams) and every write to state that outlives a run (static
 * fields, the fields of a test instance or a {@code Scenario}) with class, method, line and the
 * replacement to use.
 *
 * <p>Scope: starting from the roots, it follows every class the code references (calls, fields, types,
 * lambdas, superclasses) whose name starts with one of the given package prefixes, transitively, up to
 * {@link #MAX_CLASSES} classes. Of a root method's own class only the root method and what it calls in
 * that class (including lambda bodies) are read; other classes are read whole. The engine's own classes
 * are never reported: its architecture tests hold it to stricter rules. Findings inside a class or method
 * annotated {@link AllowNondeterminism} are moved to {@link AuditReport#allowed()} with the reason.
 *
 * <p>What it does not read, it names: {@link AuditReport#unscanned()} lists the classes that scanned code
 * references but that lie outside the prefixes and belong to the code under test rather than to a
 * library. A referenced class is listed when its class file comes from a class-path directory (a build's
 * output, such as {@code target/classes} or {@code target/test-classes}) or from the same class-path
 * entry as a class that was scanned. Never listed: the JDK's classes ({@code java.*}, {@code javax.*},
 * {@code jdk.*}, {@code sun.*}, {@code com.sun.*}, and anything from the runtime image), seedloop's own
 * (the engine's and trace-format's jars or directories), and classes from other jars, which are
 * libraries. The list is information, not a finding: it does not make the report unclean.
 *
 * <p>It is a best-effort scan: it sees calls in bytecode, not values at run time (a hash set copied into a
 * list, reflection, code outside the prefixes). The run-twice audit
 * ({@code CheckOptions.withRunTwice}) catches what it cannot see. Deterministic: the same classes give
 * the same report in the same order.
 */
public final class NondeterminismScanner {
    /** The most classes one scan reads; a scan that reaches more says so in its report. */
    public static final int MAX_CLASSES = 2_000;

    private static final String ALLOW = Type.getDescriptor(AllowNondeterminism.class);
    private static final String SCENARIO = "dev/seedloop/engine/api/Scenario";

    /** The class-path entries of the engine and of trace-format, whose classes are never listed as unscanned. */
    private static final String ENGINE_ROOT = rootOf(NondeterminismScanner.class);
    private static final String TRACE_ROOT = rootOf(RunDigest.class);

    private final List<String> packages;
    private final List<String> prefixes;
    private final ClassLoader loader;

    private NondeterminismScanner(List<String> packages, List<String> prefixes, ClassLoader loader) {
        this.packages = packages;
        this.prefixes = prefixes;
        this.loader = loader;
    }

    /**
     * A scanner following classes in {@code packages} (Java package names such as {@code com.acme.raft};
     * subpackages included), read through {@code loader}.
     */
    public static NondeterminismScanner forPackages(Collection<String> packages, ClassLoader loader) {
        Check.notNull(packages, "packages");
        Check.notNull(loader, "loader");
        Check.argument(!packages.isEmpty(), "name at least one package to scan, for example com.acme.raft");
        List<String> internal = new ArrayList<>();
        for (String name : packages) {
            Check.argument(name != null && !name.isBlank() && !name.startsWith(".") && !name.endsWith("."),
                    "a package to scan must be a Java package name such as com.acme.raft, got '%s'", name);
            internal.add(name.replace('.', '/') + "/");
        }
        return new NondeterminismScanner(List.copyOf(packages), List.copyOf(internal), loader);
    }

    /** Scans {@code method} and what it reaches: the audit of a {@code @SimulationTest} or scenario method. */
    public AuditReport scanMethod(Method method) {
        Check.notNull(method, "method");
        Scan scan = new Scan();
        String owner = Type.getInternalName(method.getDeclaringClass());
        scan.rootMethods.add(method.getName() + Type.getMethodDescriptor(method));
        scan.rootClass = owner;
        scan.enqueue(owner, true);
        return scan.run();
    }

    /** Scans the whole of each class in {@code roots} and what they reach, for example a scenario and its nodes. */
    public AuditReport scanClasses(Class<?>... roots) {
        Check.notNull(roots, "roots");
        Scan scan = new Scan();
        for (Class<?> root : roots) {
            scan.enqueue(Type.getInternalName(root), true);
        }
        return scan.run();
    }

    /** One scan's state: nothing survives it. */
    private final class Scan {
        final ClassSource source = new ClassSource(loader);
        final HashOrderCheck hashOrder = new HashOrderCheck(source);
        final Set<String> rootMethods = new LinkedHashSet<>();
        String rootClass;
        final Deque<String> queue = new ArrayDeque<>();
        final Set<String> seen = new LinkedHashSet<>();
        final List<String> scanned = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        final List<String> allowed = new ArrayList<>();
        /** Classes referenced from scanned code but not followed, by name (sorted; filtered when the scan ends). */
        final Set<String> outside = new TreeSet<>();
        /** The class-path entries the scanned classes came from; only looked up, never iterated. */
        final Set<String> scannedFrom = new LinkedHashSet<>();
        boolean truncated;

        void enqueue(String internalName, boolean root) {
            if (seen.contains(internalName)) {
                return;
            }
            if (!root && !inScope(internalName)) {
                if (!isJdkName(internalName)) {
                    outside.add(internalName);
                }
                return;
            }
            seen.add(internalName);
            queue.add(internalName);
        }

        AuditReport run() {
            while (!queue.isEmpty()) {
                if (scanned.size() >= MAX_CLASSES) {
                    truncated = true;
                    break;
                }
                String name = queue.poll();
                Optional<ClassNode> node = source.read(name);
                if (node.isEmpty()) {
                    continue;
                }
                scanned.add(name.replace('/', '.'));
                source.location(name).ifPresent(at -> scannedFrom.add(at.root()));
                scanClass(node.get());
            }
            return new AuditReport(findings, allowed, scanned, truncated, unscanned(), packages);
        }

        /**
         * The referenced classes outside the prefixes that are the user's own: from a class-path directory
         * or from the entry of a scanned class, and not from seedloop's own entries.
         */
        private List<String> unscanned() {
            List<String> names = new ArrayList<>();
            for (String name : outside) {
                if (seen.contains(name)) {
                    continue; // a root outside the prefixes, reached again: it was scanned
                }
                Optional<ClassSource.Location> at = source.location(name);
                if (at.isPresent() && !isSeedloop(at.get().root())
                        && (at.get().directory() || scannedFrom.contains(at.get().root()))) {
                    names.add(name.replace('/', '.'));
                }
            }
            return names; // AuditReport sorts them
        }

        private void scanClass(ClassNode node) {
            boolean partial = node.name.equals(rootClass);
            if (!partial) {
                if (node.superName != null) {
                    enqueue(node.superName, false);
                }
                node.interfaces.forEach(i -> enqueue(i, false));
            }
            Set<String> wanted = new LinkedHashSet<>(rootMethods);
            Deque<String> pending = new ArrayDeque<>(rootMethods);
            List<MethodNode> toScan = new ArrayList<>();
            if (partial) {
                while (!pending.isEmpty()) {
                    String key = pending.poll();
                    for (MethodNode m : node.methods) {
                        if ((m.name + m.desc).equals(key)) {
                            toScan.add(m);
                            for (String called : callsInSameClass(node.name, m)) {
                                if (wanted.add(called)) {
                                    pending.add(called);
                                }
                            }
                        }
                    }
                }
            } else {
                toScan.addAll(node.methods);
            }
            for (MethodNode method : toScan) {
                scanMethod(node, method);
            }
        }

        private List<String> callsInSameClass(String owner, MethodNode method) {
            List<String> calls = new ArrayList<>();
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof MethodInsnNode call && call.owner.equals(owner)) {
                    calls.add(call.name + call.desc);
                } else if (insn instanceof InvokeDynamicInsnNode indy) {
                    for (Object arg : indy.bsmArgs) {
                        if (arg instanceof Handle handle && handle.getOwner().equals(owner)) {
                            calls.add(handle.getName() + handle.getDesc());
                        }
                    }
                }
            }
            return calls;
        }

        private void scanMethod(ClassNode owner, MethodNode method) {
            Optional<String> allowedBecause = allowance(owner, method);
            int line = -1;
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof LineNumberNode number) {
                    line = number.line;
                }
                follow(insn);
                if (insn instanceof FieldInsnNode field) {
                    final int at = line;
                    sharedStateWrite(owner, method, field).ifPresent(escape ->
                            report(owner, method, at, escape.what(), escape.replacement(), allowedBecause));
                }
                if (insn instanceof MethodInsnNode call) {
                    final int at = line;
                    EscapeRules.match(call).ifPresent(escape ->
                            report(owner, method, at, escape.what(), escape.replacement(), allowedBecause));
                    identityHashCode(call).ifPresent(what ->
                            report(owner, method, at, what, EscapeRules.IDENTITY, allowedBecause));
                }
            }
            for (HashOrderCheck.Hit hit : hashOrder.check(owner, method)) {
                report(owner, method, lineOf(hit.call()), hit.escape(), hit.replacement(), allowedBecause);
            }
        }

        /**
         * A write to state that outlives one run: a static field (outside the class's static initializer),
         * or a field of the object every run shares, the test instance of a scanned test method or a
         * {@code Scenario} implementation (in its {@code run} method and the lambdas there).
         */
        private Optional<EscapeRules.Escape> sharedStateWrite(ClassNode owner, MethodNode method, FieldInsnNode field) {
            String shown = EscapeRules.simple(field.owner) + "." + field.name;
            if (field.getOpcode() == Opcodes.PUTSTATIC && !method.name.equals("<clinit>")) {
                return Optional.of(new EscapeRules.Escape("writes the static field " + shown + ", which every run in "
                        + "the JVM shares: a sweep runs seeds one after another and on several threads at once, so "
                        + "one run's writes reach the runs after it and beside it", EscapeRules.PER_RUN_STATE));
            }
            if (field.getOpcode() != Opcodes.PUTFIELD || !field.owner.equals(owner.name) || method.name.equals("<init>")) {
                return Optional.empty();
            }
            if (owner.name.equals(rootClass)) {
                return Optional.of(new EscapeRules.Escape("writes the field " + shown + " of the test instance, which "
                        + "every seed's run of the method shares (one after another and on several threads at once)",
                        "a local variable in the method body, or state kept in the nodes; the sweep's "
                                + "CheckResult says how many seeds ran"));
            }
            if (owner.interfaces.contains(SCENARIO) && (method.name.equals("run") || method.name.startsWith("lambda$run$"))) {
                // Only what runs per seed: a setter called while the scenario is built, before any sweep, is fine.
                return Optional.of(new EscapeRules.Escape("writes the field " + shown + " of a Scenario, whose one "
                        + "instance runs every seed of a sweep (one after another and on several threads at once)",
                        EscapeRules.PER_RUN_STATE));
            }
            return Optional.empty();
        }

        /** A direct {@code x.hashCode()} on a class whose hashCode is Object's or Enum's identity hash. */
        private Optional<String> identityHashCode(MethodInsnNode call) {
            if (!call.name.equals("hashCode") || !call.desc.equals("()I") || call.owner.equals("java/lang/Object")
                    || call.owner.startsWith("[")) {
                return Optional.empty();
            }
            if (source.hashKind(call.owner) == ClassSource.HashKind.IDENTITY) {
                return Optional.of(EscapeRules.simple(call.owner) + ".hashCode() is an identity hash code, "
                        + "which differs between runs or JVMs");
            }
            return Optional.empty();
        }

        private void follow(AbstractInsnNode insn) {
            switch (insn) {
                case MethodInsnNode call -> enqueueType(call.owner);
                case FieldInsnNode field -> {
                    enqueueType(field.owner);
                    enqueueDescriptor(field.desc);
                }
                case TypeInsnNode type -> enqueueType(type.desc);
                case LdcInsnNode ldc when ldc.cst instanceof Type type && type.getSort() == Type.OBJECT ->
                        enqueueType(type.getInternalName());
                case InvokeDynamicInsnNode indy -> {
                    for (Object arg : indy.bsmArgs) {
                        if (arg instanceof Handle handle) {
                            enqueueType(handle.getOwner());
                        }
                    }
                }
                default -> {
                    // other instructions reference no class
                }
            }
        }

        private void enqueueDescriptor(String descriptor) {
            Type type = Type.getType(descriptor);
            if (type.getSort() == Type.ARRAY) {
                type = type.getElementType();
            }
            if (type.getSort() == Type.OBJECT) {
                enqueueType(type.getInternalName());
            }
        }

        private void enqueueType(String internalName) {
            if (internalName.startsWith("[")) {
                enqueueDescriptor(internalName);
            } else {
                enqueue(internalName, false);
            }
        }

        private void report(ClassNode owner, MethodNode method, int line, String escape, String replacement,
                Optional<String> allowedBecause) {
            Finding finding = new Finding(owner.name.replace('/', '.'), method.name, line, escape, replacement);
            if (allowedBecause.isPresent()) {
                allowed.add(finding.render() + " [allowed: " + allowedBecause.get() + "]");
            } else {
                findings.add(finding);
            }
        }

        private Optional<String> allowance(ClassNode owner, MethodNode method) {
            Optional<String> onMethod = reason(method.visibleAnnotations);
            if (onMethod.isPresent()) {
                return onMethod;
            }
            if (method.name.startsWith("lambda$")) {
                // A lambda body lambda$enclosing$N inherits the allowance of its enclosing method.
                String enclosing = method.name.substring("lambda$".length(), method.name.lastIndexOf('$'));
                for (MethodNode m : owner.methods) {
                    if (m.name.equals(enclosing)) {
                        Optional<String> onEnclosing = reason(m.visibleAnnotations);
                        if (onEnclosing.isPresent()) {
                            return onEnclosing;
                        }
                    }
                }
            }
            // The class itself, or any class it is nested in.
            String name = owner.name;
            while (true) {
                Optional<ClassNode> node = name.equals(owner.name) ? Optional.of(owner) : source.read(name);
                Optional<String> onClass = node.flatMap(n -> reason(n.visibleAnnotations));
                if (onClass.isPresent()) {
                    return onClass;
                }
                int dollar = name.lastIndexOf('$');
                if (dollar < 0) {
                    return Optional.empty();
                }
                name = name.substring(0, dollar);
            }
        }

        private boolean inScope(String internalName) {
            boolean listed = false;
            for (String prefix : prefixes) {
                listed |= internalName.startsWith(prefix);
            }
            return listed && !isEngineClass(internalName);
        }

        private boolean isEngineClass(String internalName) {
            Optional<Class<?>> type = source.type(internalName);
            if (type.isEmpty()) {
                return false;
            }
            CodeSource engine = NondeterminismScanner.class.getProtectionDomain().getCodeSource();
            CodeSource other = type.get().getProtectionDomain().getCodeSource();
            return engine != null && other != null && engine.getLocation().equals(other.getLocation());
        }
    }

    /** The JDK's packages: a shortcut, since the runtime image is no class-path entry and never listed anyway. */
    private static boolean isJdkName(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("com/sun/");
    }

    private static boolean isSeedloop(String root) {
        return root.equals(ENGINE_ROOT) || root.equals(TRACE_ROOT);
    }

    /** The class-path entry {@code own} is loaded from, or null if it cannot be told. */
    private static String rootOf(Class<?> own) {
        String internalName = Type.getInternalName(own);
        String file = internalName.substring(internalName.lastIndexOf('/') + 1) + ".class";
        return ClassSource.locationOf(own.getResource(file), internalName).map(ClassSource.Location::root).orElse(null);
    }

    private static Optional<String> reason(List<AnnotationNode> annotations) {
        if (annotations == null) {
            return Optional.empty();
        }
        for (AnnotationNode annotation : annotations) {
            if (annotation.desc.equals(ALLOW)) {
                Object value = annotation.values == null ? null : annotation.values.get(1);
                return Optional.of(value == null ? "no reason given" : value.toString());
            }
        }
        return Optional.empty();
    }

    private static int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode at = insn; at != null; at = at.getPrevious()) {
            if (at instanceof LineNumberNode number) {
                return number.line;
            }
        }
        return -1;
    }
}
