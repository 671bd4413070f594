package dev.seedloop.engine.audit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * Reads classes' bytecode through a class loader, once each, and says how a type's hash codes are made.
 * One instance per scan: nothing is shared between scans.
 */
final class ClassSource {
    /** How a type's {@code hashCode} behaves, which decides whether hash iteration order is stable. */
    enum HashKind {
        /** Computed from the value (String, boxed numbers, records, classes overriding hashCode). */
        VALUE,
        /** Object's or Enum's identity hash code: differs from run to run or JVM to JVM. */
        IDENTITY,
        /** Not known (an interface, a type variable, a class that could not be loaded). */
        UNKNOWN
    }

    private final ClassLoader loader;
    // Only looked up by name, never iterated: its order cannot reach a finding.
    private final Map<String, Optional<ClassNode>> read = new HashMap<>();

    ClassSource(ClassLoader loader) {
        this.loader = loader;
    }

    /** The class's bytecode with line numbers and local variable types, or empty if it cannot be found. */
    Optional<ClassNode> read(String internalName) {
        return read.computeIfAbsent(internalName, this::load);
    }

    private Optional<ClassNode> load(String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            if (in == null) {
                return Optional.empty();
            }
            ClassNode node = new ClassNode();
            new ClassReader(in).accept(node, ClassReader.SKIP_FRAMES);
            return Optional.of(node);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Where a class file comes from: the class-path entry it is read from, and whether that entry is a
     * directory of class files (a build's output, such as {@code target/classes}) rather than a jar.
     *
     * @param root the entry's URL, up to the class's path: {@code file:/work/app/target/classes/} or
     *     {@code jar:file:/home/u/.m2/.../asm-9.jar!/}
     * @param directory whether the entry is a directory on the file system
     */
    record Location(String root, boolean directory) {}

    /** Where {@code internalName}'s class file is read from, or empty if the loader does not find it. */
    Optional<Location> location(String internalName) {
        return locationOf(loader.getResource(internalName + ".class"), internalName);
    }

    /** The location of a class file found at {@code url}, or empty if the URL does not end in its path. */
    static Optional<Location> locationOf(URL url, String internalName) {
        if (url == null) {
            return Optional.empty();
        }
        String text = url.toString();
        String path = internalName + ".class";
        if (!text.endsWith(path)) {
            return Optional.empty();
        }
        return Optional.of(new Location(text.substring(0, text.length() - path.length()), url.getProtocol().equals("file")));
    }

    /** The loaded class, without initializing it, or empty. */
    Optional<Class<?>> type(String internalName) {
        try {
            return Optional.of(Class.forName(internalName.replace('/', '.'), false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** How {@code internalName}'s instances hash, or UNKNOWN for null. */
    HashKind hashKind(String internalName) {
        if (internalName == null) {
            return HashKind.UNKNOWN;
        }
        Optional<Class<?>> type = type(internalName);
        if (type.isEmpty() || type.get().isInterface()) {
            return HashKind.UNKNOWN;
        }
        Class<?> c = type.get();
        if (c.isEnum() || Enum.class.isAssignableFrom(c)) {
            return HashKind.IDENTITY;
        }
        try {
            Class<?> declaring = c.getMethod("hashCode").getDeclaringClass();
            return declaring == Object.class ? HashKind.IDENTITY : HashKind.VALUE;
        } catch (NoSuchMethodException e) {
            return HashKind.UNKNOWN;
        }
    }
}
