package dev.seedloop.engine.junit;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.World;
import dev.seedloop.engine.audit.AllowNondeterminism;
import dev.seedloop.engine.audit.AuditReport;
import dev.seedloop.engine.audit.NondeterminismScanner;
import dev.seedloop.engine.shard.ShardSummary;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Runs a {@link SimulationTest}: resolves its {@link World} parameter, audits its bytecode, then instead of
 * calling the method once, sweeps it over the seeds as one {@link Scenario}, and turns the
 * {@link CheckResult} into the test's outcome (see {@link SimulationTest}, {@link Replay},
 * {@link ExpectFailure}).
 *
 * <p>Registered by {@link SimulationTest}; there is no need to name it. Stateless: everything it needs is
 * read from the method's annotations and the configuration parameters at each invocation, so two tests
 * running at once never share anything through it.
 */
public final class SimulationExtension implements ParameterResolver, InvocationInterceptor {

    /** Created by JUnit. */
    public SimulationExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == World.class
                && parameter.getDeclaringExecutable().isAnnotationPresent(SimulationTest.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // A placeholder: the method is never called with it; each seed's run passes its own World.
        return null;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        Method method = call.getExecutable();
        if (!method.isAnnotationPresent(SimulationTest.class)) {
            invocation.proceed();
            return;
        }
        invocation.skip();
        String testName = context.getRequiredTestClass().getSimpleName() + "#" + method.getName();
        int worldIndex = worldParameter(method, testName);
        SweepSettings settings = SweepSettings.resolve(method, context::getConfigurationParameter);

        audit(method, context, testName, settings.auditComplete());

        Scenario scenario = scenarioOf(method, call.getTarget().orElse(null), call.getArguments(), worldIndex);
        CheckOptions options = CheckOptions.seeds(settings.seeds())
                .withThreads(settings.threads())
                .withScenarioName(testName)
                .withRunTwice(settings.runTwice());
        CheckResult result = Simulation.check(scenario, options);
        context.publishReportEntry("seedloop", result.summary());
        if (settings.shard() != null) {
            Path file = ShardSummary.of(result, settings.allSeeds(), settings.shard(),
                    settings.wholeOrigin() + ": " + settings.allSeeds())
                    .writeInto(settings.shardDirectory());
            context.publishReportEntry("seedloop.shardSummary", file.toAbsolutePath().toString());
        }
        new Outcome(testName, settings, method.getAnnotation(ExpectFailure.class)).judge(result);
    }

    private static int worldParameter(Method method, String testName) {
        Class<?>[] types = method.getParameterTypes();
        int found = -1;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == World.class) {
                if (found >= 0) {
                    throw new IllegalArgumentException("@SimulationTest " + testName
                            + " takes two World parameters; a run has one World: take it once");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("@SimulationTest " + testName + " takes no World parameter; the method "
                    + "body is the scenario and needs its run's World: declare it as void " + method.getName()
                    + "(World world)");
        }
        return found;
    }

    private static void audit(Method method, ExtensionContext context, String testName, boolean mustBeComplete) {
        Class<?> testClass = context.getRequiredTestClass();
        if (method.isAnnotationPresent(AllowNondeterminism.class)
                || testClass.isAnnotationPresent(AllowNondeterminism.class)) {
            return;
        }
        String[] packages = method.getAnnotation(SimulationTest.class).auditPackages();
        List<String> prefixes = new ArrayList<>(List.of(packages));
        if (prefixes.isEmpty()) {
            prefixes.add(testClass.getPackageName());
        }
        AuditReport report = NondeterminismScanner.forPackages(prefixes, testClass.getClassLoader())
                .scanMethod(method);
        if (report.clean() && !report.unscanned().isEmpty() && mustBeComplete) {
            throw new AssertionError(testName + ": the nondeterminism audit did not read all of the code under test,"
                    + " and auditComplete requires it to:" + System.lineSeparator() + report.render()
                    + System.lineSeparator() + "Audit those packages too as shown, or set auditComplete = false (or"
                    + " -D" + SweepSettings.AUDIT_COMPLETE + "=false) to accept a partial audit.");
        }
        if (report.clean() && !report.unscanned().isEmpty()) {
            // Information, not a failure: the user's classes that the audit did not read, and how to include them.
            context.publishReportEntry("seedloop.audit", testName + ": the nondeterminism audit found nothing in what it "
                    + "read, but did not read all of the code under test:" + System.lineSeparator() + report.render());
        }
        if (!report.clean()) {
            throw new AssertionError(testName + ": the nondeterminism audit found code that escapes the simulation, "
                    + "so a seed would not reproduce its run:" + System.lineSeparator() + report.render()
                    + System.lineSeparator() + "Replace each as shown, or, for a deliberate use, annotate the class "
                    + "or method with @AllowNondeterminism(\"why it is safe\").");
        }
    }

    private static Scenario scenarioOf(Method method, Object target, List<Object> arguments, int worldIndex) {
        Object[] template = arguments.toArray();
        return world -> {
            Object[] args = template.clone();
            args[worldIndex] = world;
            ReflectionSupport.invokeMethod(method, target, args);
        };
    }
}
