package dev.dbq.processor.model;

import dev.dbq.annotation.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Job} as written, before any check: what the validator judges and, once it passed, what
 * {@link JobModelFactory} turns into a {@link JobModel}.
 *
 * @param element the {@code @Job} class or method
 * @param annotation the {@code @Job} mirror, to pin errors on its values
 * @param name the {@code name} value
 * @param queue the {@code queue} value
 * @param priority the {@code priority} value
 * @param maxAttempts the {@code maxAttempts} value
 * @param steps the step methods sorted by order (a method job: the method itself)
 * @param hooks every method carrying each hook annotation, in declaration order
 */
public record JobDeclaration(
    Element element,
    AnnotationMirror annotation,
    String name,
    String queue,
    int priority,
    int maxAttempts,
    List<ExecutableElement> steps,
    Map<HookKind, List<ExecutableElement>> hooks) {

  /** Orders steps by {@code @Step(order)}; stable, so equal orders keep declaration order. */
  public static final Comparator<ExecutableElement> BY_STEP_ORDER =
      Comparator.comparingInt(JobDeclaration::stepOrder);

  /** Copies the collections. */
  public JobDeclaration {
    steps = List.copyOf(steps);
    hooks = Map.copyOf(hooks);
  }

  /**
   * @return whether {@code @Job} is on a method, a single-step job
   */
  public boolean isMethodJob() {
    return element instanceof ExecutableElement;
  }

  /**
   * @return the class that declares the job (for a class job, the class itself)
   */
  public TypeElement declaringClass() {
    return (TypeElement) (isMethodJob() ? element.getEnclosingElement() : element);
  }

  /**
   * @return the hook methods of one kind; empty when none is declared
   */
  public List<ExecutableElement> hooks(HookKind kind) {
    return hooks.getOrDefault(kind, List.of());
  }

  /**
   * @return the simple name of the annotation that makes a step a step, for messages
   */
  public String stepAnnotation() {
    return isMethodJob() ? "Job" : "Step";
  }

  /**
   * Every place the workspace type shows, in the order that decides which use fixes it: steps by
   * order, then the first hook of each kind in {@link HookKind} order.
   *
   * @param facts type questions
   * @return the uses
   */
  public List<WorkspaceUse> workspaceUses(TypeFacts facts) {
    List<WorkspaceUse> uses = new ArrayList<>();
    for (ExecutableElement step : steps) {
      uses.addAll(WorkspaceUse.of(step, stepAnnotation(), facts, false));
    }
    for (HookKind kind : HookKind.values()) {
      for (ExecutableElement hook : hooks(kind)) {
        uses.addAll(WorkspaceUse.of(hook, kind.annotationName(), facts, kind == HookKind.FAILURE));
      }
    }
    return uses;
  }

  /**
   * @return the {@code @Step(order)} of a step method; 0 for a method job's only step
   */
  public static int stepOrder(ExecutableElement method) {
    Step step = method.getAnnotation(Step.class);
    return step == null ? 0 : step.order();
  }

  /**
   * @return the {@code @Step(timeout)} text of a step method; {@code ""} (none) when it declares
   *     none, and for a method job's only step
   */
  public static String stepTimeout(ExecutableElement method) {
    Step step = method.getAnnotation(Step.class);
    return step == null ? "" : step.timeout();
  }
}
