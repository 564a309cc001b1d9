package dev.dbq.processor.validation;

import dev.dbq.annotation.Unique;
import dev.dbq.processor.model.DurationText;
import dev.dbq.processor.model.JacksonProperties;
import dev.dbq.processor.model.JobDeclaration;
import dev.dbq.processor.model.TypeFacts;
import dev.dbq.processor.model.UniqueDeclaration;
import dev.dbq.processor.model.WorkspaceUse;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Checks a job's {@code @Unique}: each field names a property of the job's workspace type (with a
 * "did you mean"), only once; fields need a typed workspace whose stored property names the
 * processor can know; the period is a duration of at least a millisecond; the states hold every
 * waiting and running state. Each error pins to the value that is wrong, a field to its own element
 * of the array.
 */
final class UniqueValidator {
  /** The states a job moves between on its own: every refusing set must hold them. */
  static final Set<Unique.State> ALWAYS_REFUSING =
      EnumSet.of(
          Unique.State.NEW, Unique.State.READY, Unique.State.PROCESSING, Unique.State.STOPPING);

  private final TypeFacts facts;
  private final Types types;

  UniqueValidator(TypeFacts facts, Types types) {
    this.facts = facts;
    this.types = types;
  }

  void validate(JobDeclaration job, ValidationReport report) {
    Optional<UniqueDeclaration> declared = UniqueDeclaration.of(job.element());
    if (declared.isEmpty()) {
      return;
    }
    UniqueDeclaration unique = declared.get();
    validateFields(job, unique, report);
    String period = unique.values().period();
    if (!period.isEmpty()
        && (DurationText.problem(period).isPresent()
            || DurationText.parse(period).toMillis() < 1)) {
      report.error(
          job.element(),
          unique.mirror(),
          "period",
          Message.INVALID_UNIQUE_PERIOD.format(period, job.name()));
    }
    Set<Unique.State> missing = EnumSet.copyOf(ALWAYS_REFUSING);
    missing.removeAll(List.of(unique.values().states()));
    if (!missing.isEmpty()) {
      report.error(
          job.element(),
          unique.mirror(),
          "states",
          Message.UNIQUE_STATES_INCOMPLETE.format(
              job.name(), missing.stream().map(Enum::name).collect(Collectors.joining(", "))));
    }
  }

  private void validateFields(
      JobDeclaration job, UniqueDeclaration unique, ValidationReport report) {
    String[] fields = unique.values().fields();
    if (fields.length == 0) {
      return;
    }
    List<WorkspaceUse> uses = job.workspaceUses(facts);
    if (uses.isEmpty() || facts.isUntypedMap(uses.get(0).type())) {
      report.error(
          job.element(),
          unique.mirror(),
          "fields",
          Message.UNIQUE_FIELDS_WITHOUT_TYPED_WORKSPACE.format(
              job.name(),
              uses.isEmpty() ? "no workspace" : "the untyped workspace Map<String, Object>"));
      return;
    }
    TypeMirror type = uses.get(0).type();
    if (TypeFacts.isError(type) || type.getKind() != TypeKind.DECLARED) {
      return; // javac or the workspace check reports it
    }
    TypeElement workspace = (TypeElement) ((DeclaredType) type).asElement();
    if (workspace.getKind() != ElementKind.CLASS && workspace.getKind() != ElementKind.RECORD) {
      return; // the workspace check reports it
    }
    Optional<List<String>> properties = JacksonProperties.writtenPropertyNames(workspace, types);
    if (properties.isEmpty()) {
      report.error(
          job.element(),
          unique.mirror(),
          "fields",
          Message.UNIQUE_FIELDS_ON_JACKSON_CONFIGURED_WORKSPACE.format(
              job.name(), workspace.getQualifiedName()));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fields.length; i++) {
      String field = fields[i];
      if (field.isEmpty()) {
        report.errorOnArrayElement(
            job.element(),
            unique.mirror(),
            "fields",
            i,
            Message.EMPTY_UNIQUE_FIELD.format(job.name()));
      } else if (!properties.get().contains(field)) {
        report.errorOnArrayElement(
            job.element(),
            unique.mirror(),
            "fields",
            i,
            Message.UNKNOWN_UNIQUE_FIELD.format(
                field,
                job.name(),
                workspace.getQualifiedName(),
                properties.get().isEmpty() ? "none" : String.join(", ", properties.get()),
                Message.didYouMean(Suggestions.closest(field, properties.get()))));
      } else if (!seen.add(field)) {
        report.errorOnArrayElement(
            job.element(),
            unique.mirror(),
            "fields",
            i,
            Message.DUPLICATE_UNIQUE_FIELD.format(field, job.name()));
      }
    }
  }
}
