package dev.dbq.processor.model;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * One place where a job's workspace type shows: a step or hook parameter that is neither the
 * context nor the failure, or a non-void return type. The first use (steps by order, then hooks)
 * fixes the job's workspace type; every other use must agree with it.
 *
 * @param method the step or hook
 * @param annotation the simple name of its annotation, for messages ({@code Step}, {@code Job}...)
 * @param element where to pin a diagnostic: the parameter, or the method for a return type
 * @param description how messages name the use: {@code parameter 'batch'} or {@code return type}
 * @param type the type used
 */
public record WorkspaceUse(
    ExecutableElement method,
    String annotation,
    Element element,
    String description,
    TypeMirror type) {

  /**
   * Lists the uses of one method: its first workspace parameter, then its return type.
   *
   * @param method the step or hook
   * @param annotation the simple name of its annotation
   * @param facts type questions
   * @param failureHook whether the method is a failure hook (its Throwable is no workspace)
   * @return the uses, possibly none
   */
  public static List<WorkspaceUse> of(
      ExecutableElement method, String annotation, TypeFacts facts, boolean failureHook) {
    List<WorkspaceUse> uses = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      TypeMirror type = parameter.asType();
      if (kindOf(type, facts, failureHook) == ParameterKind.WORKSPACE) {
        uses.add(
            new WorkspaceUse(
                method,
                annotation,
                parameter,
                "parameter '" + parameter.getSimpleName() + "'",
                type));
        break; // a second one is an invalid parameter, reported by the validator
      }
    }
    if (method.getReturnType().getKind() != TypeKind.VOID) {
      uses.add(new WorkspaceUse(method, annotation, method, "return type", method.getReturnType()));
    }
    return uses;
  }

  /**
   * What a parameter of this type receives.
   *
   * @param type the parameter's type
   * @param facts type questions
   * @param failureHook whether the method is a failure hook
   * @return its kind; {@link ParameterKind#WORKSPACE} for anything not otherwise known
   */
  public static ParameterKind kindOf(TypeMirror type, TypeFacts facts, boolean failureHook) {
    if (facts.isJobContext(type)) {
      return ParameterKind.CONTEXT;
    }
    if (failureHook && facts.isFailureType(type)) {
      return TypeFacts.qualifiedName(type).equals("java.lang.Throwable")
          ? ParameterKind.FAILURE_THROWABLE
          : ParameterKind.FAILURE_EXCEPTION;
    }
    return ParameterKind.WORKSPACE;
  }
}
