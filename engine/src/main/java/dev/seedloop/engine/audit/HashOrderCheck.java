package dev.seedloop.engine.audit;

import dev.seedloop.engine.audit.ClassSource.HashKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Finds iteration over a {@code HashMap} or {@code HashSet} whose keys hash by identity (enums, classes
 * without {@code hashCode}) or by an unknown hash: such an order changes between runs or JVMs. Also
 * iteration over the JDK's immutable sets and maps ({@code Set.of}, {@code Set.copyOf}, {@code Map.of},
 * {@code Map.ofEntries}, {@code Map.copyOf}), whatever their keys: the JDK salts their iteration order
 * at every JVM start, so it changes between processes while staying the same within one (where the
 * run-twice audit cannot see it). Best effort: it follows where the receiver of {@code iterator/forEach/keySet/values/entrySet/stream/
 * spliterator/toArray} came from (a {@code new HashSet}, a field or local holding one, a method returning
 * one) through locals, {@code dup} and casts, and reads the key type from generic signatures. Copying a
 * hash set into a list is not seen; the run-twice audit covers that.
 */
final class HashOrderCheck {
    private static final Set<String> ITERATING =
            Set.of("iterator", "forEach", "keySet", "values", "entrySet", "stream", "spliterator", "toArray");
    private static final Set<String> CONTAINERS = Set.of("java/util/HashMap", "java/util/HashSet",
            "java/util/Map", "java/util/Set", "java/util/Collection", "java/lang/Iterable",
            "java/util/AbstractMap", "java/util/AbstractSet", "java/util/AbstractCollection");
    private static final Set<String> HASHED = Set.of("java/util/HashMap", "java/util/HashSet");
    private static final int MAX_DEPTH = 12;
    static final String REPLACEMENT = "an ordered collection: LinkedHashMap/LinkedHashSet (insertion order), "
            + "TreeMap/TreeSet, or EnumMap/EnumSet for enum keys";
    static final String SALTED_REPLACEMENT = "List.of(...) for a fixed order, or an ordered copy: "
            + "new TreeSet<>(Set.of(...)), new LinkedHashSet<>(List.of(...)), new TreeMap<>(Map.of(...))";
    /** The static factories of the JDK's immutable sets and maps, whose iteration order is salted per JVM. */
    private static final Set<String> SALTED_FACTORIES = Set.of("of", "copyOf", "ofEntries");
    private static final Set<String> SALTED_OWNERS = Set.of("java/util/Set", "java/util/Map");

    /**
     * A container a value came from: its class and, if known, its key type; or, with {@code salted}, the
     * factory of an immutable set or map that made it.
     */
    private record Container(String type, String keyType, boolean salted) {
        Container(String type, String keyType) {
            this(type, keyType, false);
        }

        static Container saltedBy(MethodInsnNode factory) {
            return new Container(EscapeRules.simple(factory.owner) + "." + factory.name + "(...)", null, true);
        }
    }

    /** An iteration found: the call, what is wrong with it, and what to use instead. */
    record Hit(MethodInsnNode call, String escape, String replacement) {}

    private final ClassSource source;

    HashOrderCheck(ClassSource source) {
        this.source = source;
    }

    List<Hit> check(ClassNode owner, MethodNode method) {
        List<MethodInsnNode> calls = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode call && ITERATING.contains(call.name) && CONTAINERS.contains(call.owner)) {
                calls.add(call);
            }
        }
        if (calls.isEmpty()) {
            return List.of();
        }
        Frame<SourceValue>[] frames;
        try {
            frames = new Analyzer<>(new SourceInterpreter()).analyze(owner.name, method);
        } catch (AnalyzerException e) {
            return List.of();
        }
        List<Hit> hits = new ArrayList<>();
        for (MethodInsnNode call : calls) {
            Frame<SourceValue> frame = frames[method.instructions.indexOf(call)];
            if (frame == null) {
                continue; // unreachable code
            }
            int arguments = Type.getArgumentCount(call.desc);
            SourceValue receiver = frame.getStack(frame.getStackSize() - 1 - arguments);
            origin(receiver, frames, method, null, 0).ifPresent(container -> {
                if (container.salted()) {
                    hits.add(new Hit(call, "iterating (" + call.name + "()) a " + container.type() + " collection, "
                            + "whose iteration order the JDK randomizes at every JVM start, even for String or "
                            + "Integer elements, so it changes between processes", SALTED_REPLACEMENT));
                    return;
                }
                HashKind kind = source.hashKind(container.keyType());
                if (kind != HashKind.VALUE) {
                    hits.add(new Hit(call, describe(call, container, kind), REPLACEMENT));
                }
            });
        }
        return hits;
    }

    private static String describe(MethodInsnNode call, Container container, HashKind kind) {
        String keys = container.keyType() == null ? "keys of unknown type"
                : EscapeRules.simple(container.keyType()) + " keys";
        String why = kind == HashKind.IDENTITY
                ? "whose hash codes are identity hashes, so the order changes between runs or JVMs"
                : "whose hash codes may be identity hashes (enums, classes without hashCode), so the order may change";
        return "iterating (" + call.name + "()) a " + EscapeRules.simple(container.type()) + " with " + keys + " " + why;
    }

    private Optional<Container> origin(SourceValue value, Frame<SourceValue>[] frames, MethodNode method,
            String keyHint, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        for (AbstractInsnNode insn : value.insns) {
            Optional<Container> found = originOf(insn, frames, method, keyHint, depth);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Container> originOf(AbstractInsnNode insn, Frame<SourceValue>[] frames, MethodNode method,
            String keyHint, int depth) {
        switch (insn) {
            case TypeInsnNode type when type.getOpcode() == Opcodes.NEW -> {
                return HASHED.contains(type.desc) ? Optional.of(new Container(type.desc, keyHint)) : Optional.empty();
            }
            case TypeInsnNode cast when cast.getOpcode() == Opcodes.CHECKCAST -> {
                return top(cast, frames, method, keyHint, depth);
            }
            case InsnNode dup when dup.getOpcode() == Opcodes.DUP -> {
                return top(dup, frames, method, keyHint, depth);
            }
            case VarInsnNode load when load.getOpcode() == Opcodes.ALOAD -> {
                Frame<SourceValue> frame = frames[method.instructions.indexOf(load)];
                if (frame == null) {
                    return Optional.empty();
                }
                String key = keyHint != null ? keyHint : localKeyType(method, load);
                return origin(frame.getLocal(load.var), frames, method, key, depth + 1);
            }
            case VarInsnNode store when store.getOpcode() == Opcodes.ASTORE -> {
                return top(store, frames, method, keyHint, depth);
            }
            case FieldInsnNode field when field.getOpcode() == Opcodes.GETFIELD || field.getOpcode() == Opcodes.GETSTATIC -> {
                return fieldOrigin(field, keyHint);
            }
            case MethodInsnNode call when isSaltedFactory(call) -> {
                return Optional.of(Container.saltedBy(call));
            }
            case MethodInsnNode call -> {
                String returned = Type.getReturnType(call.desc).getInternalName();
                return HASHED.contains(returned) ? Optional.of(new Container(returned, keyHint)) : Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private Optional<Container> top(AbstractInsnNode insn, Frame<SourceValue>[] frames, MethodNode method,
            String keyHint, int depth) {
        Frame<SourceValue> frame = frames[method.instructions.indexOf(insn)];
        if (frame == null || frame.getStackSize() == 0) {
            return Optional.empty();
        }
        return origin(frame.getStack(frame.getStackSize() - 1), frames, method, keyHint, depth + 1);
    }

    private Optional<Container> fieldOrigin(FieldInsnNode field, String keyHint) {
        Type type = Type.getType(field.desc);
        if (type.getSort() != Type.OBJECT) {
            return Optional.empty();
        }
        Optional<ClassNode> owner = source.read(field.owner);
        String key = keyHint;
        if (key == null && owner.isPresent()) {
            for (FieldNode declared : owner.get().fields) {
                if (declared.name.equals(field.name)) {
                    key = firstTypeArgument(declared.signature);
                }
            }
        }
        if (HASHED.contains(type.getInternalName())) {
            return Optional.of(new Container(type.getInternalName(), key));
        }
        if (owner.isEmpty() || !CONTAINERS.contains(type.getInternalName())) {
            return Optional.empty();
        }
        // A field declared as Map/Set: hash-ordered if its class stores a freshly made HashMap/HashSet in it.
        for (MethodNode m : owner.get().methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof FieldInsnNode put
                        && (put.getOpcode() == Opcodes.PUTFIELD || put.getOpcode() == Opcodes.PUTSTATIC)
                        && put.name.equals(field.name) && put.owner.equals(field.owner)) {
                    AbstractInsnNode before = put.getPrevious();
                    while (before != null && before.getOpcode() < 0) {
                        before = before.getPrevious();
                    }
                    if (before instanceof MethodInsnNode init && init.name.equals("<init>") && HASHED.contains(init.owner)) {
                        return Optional.of(new Container(init.owner, key));
                    }
                    if (before instanceof MethodInsnNode factory && isSaltedFactory(factory)) {
                        return Optional.of(Container.saltedBy(factory));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isSaltedFactory(MethodInsnNode call) {
        return call.getOpcode() == Opcodes.INVOKESTATIC && SALTED_OWNERS.contains(call.owner)
                && SALTED_FACTORIES.contains(call.name);
    }

    private static String localKeyType(MethodNode method, VarInsnNode load) {
        if (method.localVariables == null) {
            return null;
        }
        int at = method.instructions.indexOf(load);
        for (LocalVariableNode local : method.localVariables) {
            if (local.index == load.var && method.instructions.indexOf(local.start) <= at
                    && at <= method.instructions.indexOf(local.end)) {
                return firstTypeArgument(local.signature);
            }
        }
        return null;
    }

    /** {@code Ljava/util/Set<Lcom/acme/Role;>;} gives {@code com/acme/Role}; null when there is none. */
    static String firstTypeArgument(String signature) {
        if (signature == null) {
            return null;
        }
        int open = signature.indexOf('<');
        if (open < 0 || open + 1 >= signature.length() || signature.charAt(open + 1) != 'L') {
            return null; // no type arguments, a wildcard, or a type variable
        }
        int end = open + 2;
        while (end < signature.length() && signature.charAt(end) != ';' && signature.charAt(end) != '<') {
            end++;
        }
        return signature.substring(open + 2, end).replace('.', '$');
    }
}
