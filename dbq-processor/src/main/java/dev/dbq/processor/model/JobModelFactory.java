package dev.dbq.processor.model;

import com.palantir.javapoet.ClassName;
import dev.dbq.annotation.Recurring;
import dev.dbq.annotation.Unique;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;

/**
 * Turns declarations that passed validation into {@link JobModel}s. It asks no question the
 * validator has not already answered, and reports nothing.
 */
public final class JobModelFactory {
  private final TypeFacts facts;

  /**
   * @param facts type questions
   */
  public JobModelFactory(TypeFacts facts) {
    this.facts = facts;
  }

  /**
   * @param job a valid declaration
   * @param generatedPackage where {@code Jobs} is generated
   * @param definitionClass the name {@link JobNames#definitionClasses} gave its definition
   * @return its model
   */
  public JobModel create(JobDeclaration job, String generatedPackage, ClassName definitionClass) {
    String builderMethod = JobNames.builderMethod(job.name());
    TypeElement declaringClass = job.declaringClass();
    List<StepModel> steps = new ArrayList<>();
    for (ExecutableElement step : job.steps()) {
      String timeout = JobDeclaration.stepTimeout(step);
      steps.add(
          new StepModel(
              JobDeclaration.stepOrder(step),
              method(step, false),
              timeout.isEmpty() ? Optional.empty() : Optional.of(DurationText.parse(timeout))));
    }
    Map<HookKind, MethodModel> hooks = new EnumMap<>(HookKind.class);
    for (HookKind kind : HookKind.values()) {
      job.hooks(kind).stream()
          .findFirst()
          .ifPresent(hook -> hooks.put(kind, method(hook, kind == HookKind.FAILURE)));
    }
    return new JobModel(
        job.name(),
        job.queue(),
        job.priority(),
        job.maxAttempts(),
        job.element(),
        ClassName.get(declaringClass),
        job.isMethodJob()
            ? Optional.of(job.element().getSimpleName().toString())
            : Optional.empty(),
        TypeFacts.isAccessibleFrom(declaringClass, generatedPackage),
        workspace(job),
        steps,
        hooks,
        schedules(job),
        unique(job),
        builderMethod,
        JobNames.builderClass(builderMethod),
        definitionClass,
        callsDeprecated(job),
        workspaceType(job).map(facts::isDeprecated).orElse(false));
  }

  private static List<ScheduleModel> schedules(JobDeclaration job) {
    List<ScheduleModel> schedules = new ArrayList<>();
    for (RecurringDeclaration declared : RecurringDeclaration.of(job.element())) {
      Recurring r = declared.values();
      schedules.add(
          new ScheduleModel(
              r.cron().trim(),
              r.zone(),
              r.workspace(),
              r.backfill().isEmpty()
                  ? Optional.empty()
                  : Optional.of(DurationText.parse(r.backfill())),
              r.overlap() == Recurring.Overlap.SKIP));
    }
    return schedules;
  }

  /** The {@code @Unique}, naming only what differs from the defaults. */
  private static Optional<UniqueModel> unique(JobDeclaration job) {
    return UniqueDeclaration.of(job.element())
        .map(
            declared -> {
              Unique u = declared.values();
              Set<Unique.State> states = EnumSet.noneOf(Unique.State.class);
              states.addAll(List.of(u.states()));
              boolean defaultStates =
                  states.equals(
                      EnumSet.of(
                          Unique.State.NEW,
                          Unique.State.READY,
                          Unique.State.PROCESSING,
                          Unique.State.STOPPING));
              return new UniqueModel(
                  new TreeSet<>(List.of(u.fields())).stream().toList(),
                  u.period().isEmpty()
                      ? Optional.empty()
                      : Optional.of(DurationText.parse(u.period())),
                  defaultStates ? List.of() : states.stream().map(Enum::name).toList());
            });
  }

  private boolean callsDeprecated(JobDeclaration job) {
    List<ExecutableElement> methods = new ArrayList<>(job.steps());
    for (HookKind kind : HookKind.values()) {
      methods.addAll(job.hooks(kind));
    }
    for (ExecutableElement method : methods) {
      TypeElement owner = (TypeElement) method.getEnclosingElement();
      if (facts.isDeprecated(method)
          || (!method.getModifiers().contains(Modifier.STATIC)
              && TypeFacts.noArgConstructor(owner).map(facts::isDeprecated).orElse(false))) {
        return true;
      }
    }
    return workspaceType(job).map(facts::isDeprecated).orElse(false);
  }

  private Optional<TypeElement> workspaceType(JobDeclaration job) {
    List<WorkspaceUse> uses = job.workspaceUses(facts);
    if (uses.isEmpty() || facts.isUntypedMap(uses.get(0).type())) {
      return Optional.empty();
    }
    return Optional.of((TypeElement) ((DeclaredType) uses.get(0).type()).asElement());
  }

  /** The first use fixes the workspace type (the validator checked that all uses agree). */
  private Workspace workspace(JobDeclaration job) {
    List<WorkspaceUse> uses = job.workspaceUses(facts);
    if (uses.isEmpty() || facts.isUntypedMap(uses.get(0).type())) {
      return Workspace.UNTYPED;
    }
    return new Workspace(
        ClassName.get((TypeElement) ((DeclaredType) uses.get(0).type()).asElement()));
  }

  private MethodModel method(ExecutableElement method, boolean failureHook) {
    List<ParameterKind> parameters = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      parameters.add(WorkspaceUse.kindOf(parameter.asType(), facts, failureHook));
    }
    return new MethodModel(
        method.getSimpleName().toString(),
        ClassName.get((TypeElement) method.getEnclosingElement()),
        method.getModifiers().contains(Modifier.STATIC),
        parameters,
        method.getReturnType().getKind() != TypeKind.VOID,
        TypeFacts.noArgConstructor((TypeElement) method.getEnclosingElement()).isPresent());
  }
}
