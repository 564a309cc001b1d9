package dev.dbq.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;

/**
 * A valid job, ready to generate: everything the generators need and nothing they must check.
 *
 * @param name the job name
 * @param queue the default queue
 * @param priority the default priority
 * @param maxAttempts attempts per step
 * @param source the {@code @Job} class or method, for originating elements and javadoc
 * @param sourceClass the class that declares the job (the class itself for class jobs)
 * @param sourceMethod the method's name for a method job; empty for a class job
 * @param linkableFromJobs whether the generated {@code Jobs} may {@code {@link}} the source
 * @param workspace the job's workspace
 * @param steps the steps, in the order they run
 * @param hooks the declared hooks
 * @param schedules its {@code @Recurring} schedules, in declaration order; empty when none
 * @param unique its {@code @Unique}; empty when it has none
 * @param builderMethod the {@code Jobs} factory method, e.g. {@code importCats}
 * @param builderClass the builder's simple name, e.g. {@code ImportCatsBuilder}
 * @param definitionClass the generated class in the job's own package holding its definition
 * @param callsDeprecated whether the definition class uses a deprecated class, constructor, method
 *     or workspace type (it then suppresses the warnings that the user's own code already shows)
 * @param workspaceDeprecated whether the workspace type, which {@code Jobs} names, is deprecated
 */
public record JobModel(
    String name,
    String queue,
    int priority,
    int maxAttempts,
    Element source,
    ClassName sourceClass,
    Optional<String> sourceMethod,
    boolean linkableFromJobs,
    Workspace workspace,
    List<StepModel> steps,
    Map<HookKind, MethodModel> hooks,
    List<ScheduleModel> schedules,
    Optional<UniqueModel> unique,
    String builderMethod,
    String builderClass,
    ClassName definitionClass,
    boolean callsDeprecated,
    boolean workspaceDeprecated) {
  /** Copies the collections. */
  public JobModel {
    steps = List.copyOf(steps);
    hooks = Map.copyOf(hooks);
    schedules = List.copyOf(schedules);
  }
}
