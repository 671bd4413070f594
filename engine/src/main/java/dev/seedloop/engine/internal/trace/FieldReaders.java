package dev.seedloop.engine.internal.trace;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Makes a {@link FieldReader} for a node class: a small hidden class, defined as a nestmate of the node
 * class, whose {@code read} is plain {@code getfield} instructions. A FULL trace snapshots the acting node
 * after every step, and reading its fields through {@code Field.get} costs several times more than the
 * field accesses themselves.
 *
 * <p>Only a class whose snapshot fields are all its own can be read this way (a nestmate may read its
 * host's private fields, not a superclass's). Defining a nestmate also needs a lookup with full privilege
 * in the node class, which the engine has only for classes of its own module: a node class of another
 * class loader (another unnamed module) or of a named module gets none. For any such class, or where the
 * JVM refuses the hidden class for another reason, {@link #of} returns null and the caller reads by
 * reflection, which gives the same values.
 *
 * <p>Nothing outside the node class refers to a reader: it is cached in a {@code ClassValue}, which keeps
 * it on the node class itself, so a class loader that is dropped can be collected with its node classes
 * and their readers ({@code StateInspectorUnloadingTests}).
 */
final class FieldReaders {
    private FieldReaders() {}

    /** A reader of {@code fields} of {@code type}, in that order, or null if none can be made. */
    static FieldReader of(Class<?> type, Field[] fields) {
        if (type.isHidden() || type.isArray() || type.isPrimitive() || type.isInterface()) {
            return null;
        }
        for (Field field : fields) {
            if (field.getDeclaringClass() != type || Modifier.isStatic(field.getModifiers())) {
                return null;
            }
        }
        try {
            MethodHandles.Lookup host = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            Class<?> reader = host.defineHiddenClass(bytecode(type, fields), true,
                    MethodHandles.Lookup.ClassOption.NESTMATE).lookupClass();
            return (FieldReader) reader.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null; // reflection reads the same values
        }
    }

    private static byte[] bytecode(Class<?> type, Field[] fields) {
        String owner = Type.getInternalName(type);
        // A hidden class's name must be in its host's package; the JVM makes it unique.
        String name = owner + "$$SeedloopFieldReader";
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null,
                "java/lang/Object", new String[] {Type.getInternalName(FieldReader.class)});

        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor read = cw.visitMethod(Opcodes.ACC_PUBLIC, "read", "(Ljava/lang/Object;[Ljava/lang/Object;)V",
                null, null);
        read.visitCode();
        read.visitVarInsn(Opcodes.ALOAD, 1);
        read.visitTypeInsn(Opcodes.CHECKCAST, owner);
        read.visitVarInsn(Opcodes.ASTORE, 3);
        for (int i = 0; i < fields.length; i++) {
            Field field = fields[i];
            read.visitVarInsn(Opcodes.ALOAD, 2);
            read.visitLdcInsn(i);
            read.visitVarInsn(Opcodes.ALOAD, 3);
            read.visitFieldInsn(Opcodes.GETFIELD, owner, field.getName(), Type.getDescriptor(field.getType()));
            box(read, field.getType());
            read.visitInsn(Opcodes.AASTORE);
        }
        read.visitInsn(Opcodes.RETURN);
        read.visitMaxs(0, 0);
        read.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Boxes a primitive on the stack with its wrapper's {@code valueOf}, as {@code Field.get} does. */
    private static void box(MethodVisitor mv, Class<?> type) {
        if (!type.isPrimitive()) {
            return;
        }
        Type primitive = Type.getType(type);
        String wrapper = switch (primitive.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.BYTE -> "java/lang/Byte";
            case Type.CHAR -> "java/lang/Character";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.LONG -> "java/lang/Long";
            case Type.FLOAT -> "java/lang/Float";
            case Type.DOUBLE -> "java/lang/Double";
            default -> throw new IllegalArgumentException("not a primitive field type: " + type);
        };
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf",
                "(" + primitive.getDescriptor() + ")L" + wrapper + ";", false);
    }
}
