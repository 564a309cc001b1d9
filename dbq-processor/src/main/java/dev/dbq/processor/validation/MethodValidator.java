package dev.dbq.processor.validation;

import dev.dbq.processor.model.ContainerManaged;
import dev.dbq.processor.model.ParameterKind;
import dev.dbq.processor.model.TypeFacts;
import dev.dbq.processor.model.WorkspaceUse;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Checks one step or hook method on its own: that the generated code can call it, and that each
 * parameter is something the runtime can pass. The workspace type across the methods of a job is
 * {@link WorkspaceValidator}'s concern.
 */
final class MethodValidator {
  private static final String JOB_CONTEXT_SIMPLE_NAME = "JobContext";

  private final TypeFacts facts;

  MethodValidator(TypeFacts facts) {
    this.facts = facts;
  }

  /**
   * @param method the step or hook
   * @param annotation the simple name of its annotation ({@code Step}, {@code Job}, a hook)
   * @param failureHook whether it is a failure hook, which may also take the failure
   * @param report where errors go
   */
  void validate(
      ExecutableElement method, String annotation, boolean failureHook, ValidationReport report) {
    String name = method.getSimpleName().toString();
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.PRIVATE)) {
      report.error(method, Message.PRIVATE_METHOD.format(annotation, name));
    }
    if (modifiers.contains(Modifier.ABSTRACT)) {
      report.error(method, Message.ABSTRACT_METHOD.format(annotation, name));
    }
    if (!method.getTypeParameters().isEmpty()) {
      report.error(method, Message.GENERIC_METHOD.format(annotation, name));
    }
    validateDeclaringClass(method, annotation, report);
    validateParameters(method, annotation, failureHook, report);
  }

  private void validateDeclaringClass(
      ExecutableElement method, String annotation, ValidationReport report) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String name = method.getSimpleName().toString();
    Optional<TypeElement> hidden = TypeFacts.privateEnclosingClass(owner);
    if (hidden.isPresent()) {
      report.error(
          method, Message.PRIVATE_CLASS.format(hidden.get().getQualifiedName(), annotation, name));
    }
    if (!owner.getTypeParameters().isEmpty()) {
      report.error(
          method, Message.GENERIC_CLASS.format(owner.getQualifiedName(), annotation, name));
    }
    // an abstract method is reported as such; "cannot be instantiated" would only repeat it
    if (!method.getModifiers().contains(Modifier.STATIC)
        && !method.getModifiers().contains(Modifier.ABSTRACT)) {
      Optional<Message> why = facts.whyNotInstantiable(owner);
      if (why.equals(Optional.of(Message.REASON_NO_CONSTRUCTOR))
          && ContainerManaged.isContainerManaged(owner)) {
        // a container's bean: its InstanceFactory supplies the instances, no constructor is called
        return;
      }
      if (why.isPresent()) {
        report.error(
            method,
            Message.NOT_INSTANTIABLE.format(
                annotation, name, owner.getQualifiedName(), why.get().pattern()));
      } else {
        // ImportCats::new is a Supplier: it cannot throw a checked exception
        TypeFacts.noArgConstructor(owner)
            .flatMap(facts::checkedException)
            .ifPresent(
                thrown ->
                    report.error(
                        method,
                        Message.CONSTRUCTOR_THROWS.format(
                            annotation, name, owner.getQualifiedName(), thrown)));
      }
    }
  }

  private void validateParameters(
      ExecutableElement method, String annotation, boolean failureHook, ValidationReport report) {
    String methodName = method.getSimpleName().toString();
    // the failure comes once, whether taken as Throwable or Exception
    Map<ParameterKind, TypeMirror> taken = new EnumMap<>(ParameterKind.class);
    for (VariableElement parameter : method.getParameters()) {
      TypeMirror type = parameter.asType();
      if (TypeFacts.isError(type)) {
        continue; // javac already reports the unknown type
      }
      String parameterName = parameter.getSimpleName().toString();
      ParameterKind kind = WorkspaceUse.kindOf(type, facts, failureHook);
      boolean failure =
          kind == ParameterKind.FAILURE_THROWABLE || kind == ParameterKind.FAILURE_EXCEPTION;
      ParameterKind slot = failure ? ParameterKind.FAILURE_THROWABLE : kind;
      if (kind == ParameterKind.WORKSPACE && failureHook && facts.isThrowable(type)) {
        report.error(
            parameter, Message.INVALID_FAILURE_PARAMETER.format(parameterName, methodName, type));
      } else if (kind == ParameterKind.WORKSPACE && rejectsAsParameter(type)) {
        String suggestion = looksLikeJobContext(type) ? TypeFacts.JOB_CONTEXT : null;
        report.error(
            parameter,
            Message.INVALID_PARAMETER.format(
                parameterName, annotation, methodName, type, Message.didYouMean(suggestion)));
      } else if (taken.containsKey(slot)
          && kind == ParameterKind.WORKSPACE
          && !facts.isSameType(taken.get(slot), type)) {
        // a second value besides the workspace: not something the runtime can pass
        report.error(
            parameter,
            Message.INVALID_PARAMETER.format(parameterName, annotation, methodName, type, ""));
      } else if (taken.containsKey(slot)) {
        report.error(
            parameter,
            Message.DUPLICATE_PARAMETER.format(
                annotation, methodName, failure ? "the failure" : type.toString()));
      } else {
        taken.put(slot, type);
      }
    }
  }

  /**
   * Whether a parameter of this type is rejected here, so it is no workspace candidate: a {@code
   * Throwable}, or a type named like {@code JobContext}.
   */
  boolean rejectsAsParameter(TypeMirror type) {
    return facts.isThrowable(type) || looksLikeJobContext(type);
  }

  /** A type named like JobContext but not dev.dbq.runtime's: a wrong import or a typo. */
  private static boolean looksLikeJobContext(TypeMirror type) {
    String qualified = TypeFacts.qualifiedName(type);
    String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
    return !qualified.isEmpty()
        && !qualified.equals(TypeFacts.JOB_CONTEXT)
        && Suggestions.distance(simple, JOB_CONTEXT_SIMPLE_NAME) <= 2;
  }
}
