package dev.seedloop.engine.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a deliberate escape from the simulation, with the reason, so the bytecode audit accepts it.
 *
 * <p>On a class or method that the audit scans (a node, a helper), findings inside it are not reported.
 * On a {@code @SimulationTest} method or its test class, the audit of that test is skipped altogether.
 * The reason is required and printed: an exemption nobody can explain is a bug waiting.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface AllowNondeterminism {
    /** Why the escape is safe or intended, for example "wall clock only for a log line". */
    String value();
}
