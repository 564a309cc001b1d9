package dev.dbq.processor.generator;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import dev.dbq.processor.model.HookKind;
import dev.dbq.processor.model.JobModel;
import dev.dbq.processor.model.MethodModel;
import dev.dbq.processor.model.ParameterKind;
import dev.dbq.processor.model.ScheduleModel;
import dev.dbq.processor.model.StepModel;
import dev.dbq.processor.model.UniqueModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Generates, in the job's own package, the public class that holds its {@code JobDefinition}:
 * {@code ImportCats_DbqJob.DEFINITION}. Living next to the job, it can call package-private steps
 * directly, without reflection, while {@code Jobs} and the catalog may be in another package.
 */
public final class DefinitionGenerator {
  /** The name of the constant that holds the definition. */
  public static final String DEFINITION_FIELD = "DEFINITION";

  private static final String INVOCATION = "invocation";

  private final GeneratedFiles files;

  /**
   * @param files decorates and writes
   */
  public DefinitionGenerator(GeneratedFiles files) {
    this.files = files;
  }

  /**
   * @param job a valid job
   * @return its definition class
   */
  public JavaFile generate(JobModel job) {
    ClassName self = job.definitionClass();
    NameAllocator names = new NameAllocator();
    List<MethodSpec> calls = new ArrayList<>();
    CodeBlock.Builder definition =
        CodeBlock.builder()
            .add("$T.builder($S)", RuntimeTypes.JOB_DEFINITION, job.name())
            .indent()
            .indent()
            .add("\n.queue($S)", job.queue())
            .add("\n.priority($L)", job.priority())
            .add("\n.maxAttempts($L)", job.maxAttempts());
    job.workspace().typed().ifPresent(type -> definition.add("\n.workspaceType($T.class)", type));
    for (StepModel step : job.steps()) {
      String name = names.newName(step.method().methodName(), step);
      calls.add(call(name, step.method(), job));
      CodeBlock call = CodeBlock.of("$T::$N", self, name);
      definition.add(
          step.timeout()
              .map(
                  t -> CodeBlock.of("\n.step($S, $L, $L)", step.method().methodName(), call, of(t)))
              .orElse(CodeBlock.of("\n.step($S, $L)", step.method().methodName(), call)));
    }
    for (HookKind kind : HookKind.values()) {
      MethodModel hook = job.hooks().get(kind);
      if (hook != null) {
        String name = names.newName(kind.builderMethod(), kind);
        calls.add(call(name, hook, job));
        definition.add("\n.$N($T::$N)", kind.builderMethod(), self, name);
      }
    }
    for (ScheduleModel schedule : job.schedules()) {
      definition.add("\n.schedule($L)", schedule(schedule));
    }
    job.unique().ifPresent(unique -> definition.add("\n.unique($L)", unique(unique)));
    definition.add("\n.build()").unindent().unindent();

    TypeSpec.Builder type =
        GeneratedFiles.suppressDeprecation(
                files.decorate(TypeSpec.classBuilder(self)), job.callsDeprecated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addOriginatingElement(job.source())
            .addJavadoc(
                "The definition of job {@code $L}, declared by {@link $T$L}.\n\n",
                job.name(),
                job.sourceClass(),
                job.sourceMethod().map(m -> "#" + m).orElse(""))
            .addJavadoc(
                "<p>Generated next to the job so that it calls the job's methods directly, package-private\n"
                    + "ones too. Enqueue the job with {@code Jobs.$N()}.\n",
                job.builderMethod())
            .addField(
                FieldSpec.builder(
                        RuntimeTypes.JOB_DEFINITION,
                        DEFINITION_FIELD,
                        Modifier.PUBLIC,
                        Modifier.STATIC,
                        Modifier.FINAL)
                    .addJavadoc("Job {@code $L}: its defaults, steps and hooks.\n", job.name())
                    .initializer(definition.build())
                    .build())
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
            .addMethods(calls);
    return files.file(self.packageName(), type.build());
  }

  /** A schedule, naming only what differs from the defaults. */
  private static CodeBlock schedule(ScheduleModel schedule) {
    CodeBlock.Builder code =
        CodeBlock.builder().add("$T.cron($S)", RuntimeTypes.RECURRING_SCHEDULE, schedule.cron());
    if (!schedule.zone().equals("UTC")) {
      code.add(".zone($S)", schedule.zone());
    }
    if (!schedule.workspace().equals("{}")) {
      code.add(".workspace($S)", schedule.workspace());
    }
    schedule.backfill().ifPresent(window -> code.add(".backfill($L)", of(window)));
    if (schedule.skipOverlap()) {
      code.add(".skipOverlap()");
    }
    return code.build();
  }

  /** A uniqueness, naming only what differs from the defaults. */
  private static CodeBlock unique(UniqueModel unique) {
    CodeBlock.Builder code = CodeBlock.builder();
    if (unique.fields().isEmpty()) {
      code.add("$T.byName()", RuntimeTypes.UNIQUENESS);
    } else {
      List<CodeBlock> fields = new ArrayList<>();
      for (String field : unique.fields()) {
        fields.add(CodeBlock.of("$S", field));
      }
      code.add("$T.byFields($L)", RuntimeTypes.UNIQUENESS, CodeBlock.join(fields, ",$W"));
    }
    unique.period().ifPresent(period -> code.add("$Z.period($L)", of(period)));
    if (!unique.states().isEmpty()) {
      List<CodeBlock> states = new ArrayList<>();
      for (String state : unique.states()) {
        states.add(CodeBlock.of("$T.$N", RuntimeTypes.JOB_STATE, state));
      }
      code.add("$Z.refusingIn($T.of($L))", EnumSet.class, CodeBlock.join(states, ",$W"));
    }
    return code.build();
  }

  /**
   * A duration as the reader would write it: in the largest unit that holds it whole ({@code
   * Duration.ofSeconds(90)} for {@code 1m30s}), exact to the nanosecond for an ISO-8601 fraction.
   */
  static CodeBlock of(Duration duration) {
    if (duration.getNano() % 1_000_000 != 0) {
      return CodeBlock.of(
          "$T.ofSeconds($L, $L)",
          Duration.class,
          longLiteral(duration.getSeconds()),
          duration.getNano());
    }
    long millis = duration.toMillis();
    String[] factories = {"ofDays", "ofHours", "ofMinutes", "ofSeconds"};
    long[] unitMillis = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    for (int i = 0; i < factories.length; i++) {
      if (millis % unitMillis[i] == 0) {
        return CodeBlock.of(
            "$T.$N($L)", Duration.class, factories[i], longLiteral(millis / unitMillis[i]));
      }
    }
    return CodeBlock.of("$T.ofMillis($L)", Duration.class, longLiteral(millis));
  }

  /** {@code 30}, or {@code 8640000001L} where an int literal would not compile. */
  private static String longLiteral(long value) {
    return value == (int) value ? Long.toString(value) : value + "L";
  }

  /**
   * One step or hook as a {@code JobMethod}: call it with what it takes and return the workspace to
   * keep, which is what it returned, or else the (possibly mutated) one it was given.
   */
  private static MethodSpec call(String name, MethodModel method, JobModel job) {
    CodeBlock.Builder invocation = CodeBlock.builder();
    if (method.isStatic()) {
      invocation.add("$T", method.owner());
    } else {
      invocation.add("$N.instance($T.class, $L)", INVOCATION, method.owner(), constructor(method));
    }
    invocation.add(".$N(", method.methodName());
    List<CodeBlock> arguments = new ArrayList<>();
    for (ParameterKind parameter : method.parameters()) {
      arguments.add(argument(parameter, job));
    }
    invocation.add(CodeBlock.join(arguments, ",$W")).add(")");

    MethodSpec.Builder spec =
        MethodSpec.methodBuilder(name)
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(Object.class)
            .addParameter(RuntimeTypes.INVOCATION, INVOCATION)
            .addException(Throwable.class);
    if (method.returnsWorkspace()) {
      spec.addStatement("return $L", invocation.build());
    } else {
      spec.addStatement("$L", invocation.build()).addStatement("return $N.workspace()", INVOCATION);
    }
    return spec.build();
  }

  /**
   * {@code Owner::new}; for a container's bean, which has no no-arg constructor, a supplier that
   * says why only the container's {@code InstanceFactory} can supply one.
   */
  private static CodeBlock constructor(MethodModel method) {
    if (method.ownerConstructible()) {
      return CodeBlock.of("$T::new", method.owner());
    }
    String message =
        "class "
            + method.owner().canonicalName()
            + " has no no-arg constructor, so its instances must come from a dependency-injection"
            + " container: give the worker and the Dbq the container's InstanceFactory (the Spring"
            + " Boot starter does), one that supplies "
            + method.owner().simpleName()
            + " without calling this constructor";
    return CodeBlock.of("() -> { throw new $T($S); }", IllegalStateException.class, message);
  }

  private static CodeBlock argument(ParameterKind parameter, JobModel job) {
    return switch (parameter) {
      case CONTEXT -> CodeBlock.of("$N.context()", INVOCATION);
      case WORKSPACE ->
          job.workspace()
              .typed()
              .map(type -> CodeBlock.of("$N.workspace($T.class)", INVOCATION, type))
              // the untyped map is the context's, a Map<String, Object>: no unchecked cast
              .orElse(CodeBlock.of("$N.context().workspace()", INVOCATION));
      case FAILURE_THROWABLE -> CodeBlock.of("$N.failure()", INVOCATION);
      // an Error reaches an Exception parameter wrapped, rather than as a ClassCastException
      case FAILURE_EXCEPTION ->
          CodeBlock.of(
              "$N.failure() instanceof $T ? ($T) $N.failure() : new $T($N.failure())",
              INVOCATION,
              Exception.class,
              Exception.class,
              INVOCATION,
              Exception.class,
              INVOCATION);
    };
  }
}
