package dev.dbq.processor.validation;

import dev.dbq.processor.model.JacksonProperties;
import dev.dbq.processor.model.TypeFacts;
import dev.dbq.processor.model.WorkspaceUse;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Checks a job's workspace type: the first use fixes it, it must be Jackson-bindable (or exactly
 * {@code Map<String, Object>}), every other use must agree, and the generated code must be able to
 * name it, both in the job's package and in the package of {@code Jobs}.
 */
final class WorkspaceValidator {
  private final TypeFacts facts;
  private final Types types;
  private final MethodValidator methods;

  WorkspaceValidator(TypeFacts facts, Types types, MethodValidator methods) {
    this.facts = facts;
    this.types = types;
    this.methods = methods;
  }

  /**
   * @param jobName the job
   * @param uses every use, steps by order first, then hooks
   * @param jobPackage where the job's definition class is generated
   * @param generatedPackage where {@code Jobs} is generated
   * @param report where errors go
   */
  void validate(
      String jobName,
      List<WorkspaceUse> uses,
      String jobPackage,
      String generatedPackage,
      ValidationReport report) {
    WorkspaceUse first = null;
    for (WorkspaceUse use : uses) {
      if (TypeFacts.isError(use.type())) {
        return; // javac reports the unknown type; anything more would be noise
      }
      if (use.element() instanceof VariableElement && methods.rejectsAsParameter(use.type())) {
        continue; // already reported as an invalid parameter
      }
      if (first == null) {
        first = use;
        if (!validateFirst(jobName, use, jobPackage, generatedPackage, report)) {
          return;
        }
      } else if (!types.isSameType(first.type(), use.type())) {
        report.error(
            use.element(),
            Message.DISAGREEING_WORKSPACE.format(
                use.description(),
                use.annotation(),
                use.method().getSimpleName(),
                use.type(),
                jobName,
                first.type(),
                first.method().getSimpleName()));
      }
    }
  }

  private boolean validateFirst(
      String jobName,
      WorkspaceUse use,
      String jobPackage,
      String generatedPackage,
      ValidationReport report) {
    TypeMirror type = use.type();
    if (facts.isUntypedMap(type)) {
      return true;
    }
    Optional<Message> why = facts.whyNotBindable(type);
    if (why.isPresent()) {
      report.error(
          use.element(),
          Message.UNBINDABLE_WORKSPACE.format(
              use.description(),
              use.annotation(),
              use.method().getSimpleName(),
              type,
              jobName,
              why.get().pattern()));
      return false;
    }
    Optional<JacksonProperties.Problem> property = facts.unbindableProperty(type);
    if (property.isPresent()) {
      JacksonProperties.Problem p = property.get();
      report.error(
          use.element(),
          Message.UNBINDABLE_PROPERTY.format(
              use.description(),
              use.annotation(),
              use.method().getSimpleName(),
              type,
              jobName,
              p.name(),
              p.owner().getQualifiedName(),
              p.type(),
              p.reason().pattern(),
              p.type()));
      return false;
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    for (String pkg : List.of(jobPackage, generatedPackage)) {
      if (!TypeFacts.isAccessibleFrom(element, pkg)) {
        report.error(
            use.element(),
            Message.INACCESSIBLE_WORKSPACE.format(
                element.getQualifiedName(), jobName, pkg.isEmpty() ? "(default)" : pkg));
        return false;
      }
    }
    return true;
  }
}
