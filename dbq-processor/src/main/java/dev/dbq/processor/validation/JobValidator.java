package dev.dbq.processor.validation;

import dev.dbq.annotation.Step;
import dev.dbq.processor.model.DurationText;
import dev.dbq.processor.model.HookKind;
import dev.dbq.processor.model.JobDeclaration;
import dev.dbq.processor.model.JobNames;
import dev.dbq.processor.model.JobScan;
import dev.dbq.processor.model.TypeFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * Checks every rule of {@code docs/annotations.md} over one round's jobs and reports all
 * violations, each pinned to its element. It never stops at the first error and never touches the
 * {@code Filer}.
 */
public final class JobValidator {
  private final MethodValidator methods;
  private final WorkspaceValidator workspaces;
  private final TypeFacts facts;
  private final UniqueValidator uniques;

  /**
   * @param facts type questions
   * @param types the compiler's type utilities
   */
  public JobValidator(TypeFacts facts, Types types) {
    this.facts = facts;
    this.methods = new MethodValidator(facts);
    this.workspaces = new WorkspaceValidator(facts, types, methods);
    this.uniques = new UniqueValidator(facts, types);
  }

  /**
   * @param scan the round's jobs and stray annotated methods
   * @param generatedPackage where {@code Jobs} and the catalog are generated
   * @return the errors, empty when the jobs can be generated
   */
  public ValidationReport validate(JobScan scan, String generatedPackage) {
    ValidationReport report = new ValidationReport();
    validateNames(scan.jobs(), report);
    for (JobDeclaration job : scan.jobs()) {
      validateAttributes(job, report);
      ScheduleValidator.validate(job, report);
      uniques.validate(job, report);
      validateStructure(job, report);
      validateMethods(job, report);
      if (TypeFacts.packageOf(job.element()).isEmpty() && !generatedPackage.isEmpty()) {
        report.error(
            job.element(),
            job.annotation(),
            null,
            Message.DEFAULT_PACKAGE_JOB.format(job.name(), generatedPackage));
        continue; // its workspace type is unreachable for the same reason
      }
      workspaces.validate(
          job.name(),
          job.workspaceUses(facts),
          TypeFacts.packageOf(job.element()),
          generatedPackage,
          report);
    }
    validateStrays(scan, report);
    return report;
  }

  /** Names that are invalid on their own, duplicates, and builder-method collisions. */
  private void validateNames(List<JobDeclaration> jobs, ValidationReport report) {
    TreeSet<String> validNames = new TreeSet<>();
    jobs.stream().map(JobDeclaration::name).filter(NamingRule::isValid).forEach(validNames::add);
    Map<String, JobDeclaration> byName = new HashMap<>();
    Map<String, JobDeclaration> byMethod = new HashMap<>();
    for (JobDeclaration job : jobs) {
      String name = job.name();
      if (!NamingRule.isValid(name)) {
        String suggestion = Suggestions.closest(name, validNames);
        if (suggestion == null) {
          suggestion = NamingRule.repair(name, "job_");
        }
        report.error(
            job.element(),
            job.annotation(),
            "name",
            Message.INVALID_JOB_NAME.format(name, Message.didYouMean(suggestion)));
        continue;
      }
      JobDeclaration sameName = byName.putIfAbsent(name, job);
      if (sameName != null) {
        report.error(
            job.element(),
            job.annotation(),
            "name",
            Message.DUPLICATE_JOB_NAME.format(name, describe(sameName.element())));
        continue;
      }
      String method = JobNames.builderMethod(name);
      String reserved = JobNames.reservedBecause(method, facts.objectMethodNames());
      if (reserved != null) {
        report.error(
            job.element(),
            job.annotation(),
            "name",
            Message.RESERVED_BUILDER_METHOD.format(name, method, reserved));
        continue;
      }
      JobDeclaration sameMethod = byMethod.putIfAbsent(method, job);
      if (sameMethod != null) {
        report.error(
            job.element(),
            job.annotation(),
            "name",
            Message.BUILDER_METHOD_CLASH.format(
                name,
                method,
                sameMethod.name(),
                describe(sameMethod.element()),
                Message.didYouMean(sameMethod.name())));
      }
    }
  }

  private void validateAttributes(JobDeclaration job, ValidationReport report) {
    if (!job.isMethodJob()
        && job.element().getKind() != ElementKind.CLASS
        && job.element().getKind() != ElementKind.RECORD) {
      report.error(
          job.element(),
          job.annotation(),
          null,
          Message.JOB_NOT_A_CLASS.format(job.element().getSimpleName(), kindName(job.element())));
    }
    if (!NamingRule.isValid(job.queue())) {
      report.error(
          job.element(),
          job.annotation(),
          "queue",
          Message.INVALID_QUEUE_NAME.format(
              job.queue(), job.name(), Message.didYouMean(NamingRule.repair(job.queue(), "q_"))));
    }
    if (job.priority() < NamingRule.MIN_PRIORITY || job.priority() > NamingRule.MAX_PRIORITY) {
      report.error(
          job.element(),
          job.annotation(),
          "priority",
          Message.PRIORITY_OUT_OF_RANGE.format(job.priority(), job.name()));
    }
    if (job.maxAttempts() < 1) {
      report.error(
          job.element(),
          job.annotation(),
          "maxAttempts",
          Message.MAX_ATTEMPTS_TOO_LOW.format(job.maxAttempts(), job.name()));
    }
  }

  /** Steps present with distinct orders; each hook at most once. */
  private void validateStructure(JobDeclaration job, ValidationReport report) {
    if (job.isMethodJob()) {
      return;
    }
    if (job.steps().isEmpty()) {
      report.error(
          job.element(),
          job.annotation(),
          null,
          Message.NO_STEPS.format(((TypeElement) job.element()).getQualifiedName()));
    }
    Map<Integer, ExecutableElement> byOrder = new LinkedHashMap<>();
    for (ExecutableElement step : job.steps()) {
      int order = JobDeclaration.stepOrder(step);
      ExecutableElement other = byOrder.putIfAbsent(order, step);
      if (other != null) {
        report.error(
            step,
            mirror(step, Step.class.getName()),
            "order",
            Message.DUPLICATE_STEP_ORDER.format(
                job.name(), order, other.getSimpleName(), step.getSimpleName()));
      }
      validateTimeout(step, report);
    }
    for (HookKind kind : HookKind.values()) {
      List<ExecutableElement> hooks = job.hooks(kind);
      for (ExecutableElement extra : hooks.subList(Math.min(1, hooks.size()), hooks.size())) {
        report.error(
            extra,
            mirror(extra, kind.annotation().getName()),
            null,
            Message.DUPLICATE_HOOK.format(
                job.name(),
                kind.annotationName(),
                hooks.get(0).getSimpleName(),
                extra.getSimpleName()));
      }
    }
  }

  /** A step's own timeout, when it declares one, is a duration in range. */
  private static void validateTimeout(ExecutableElement step, ValidationReport report) {
    String timeout = JobDeclaration.stepTimeout(step);
    if (timeout.isEmpty()) {
      return;
    }
    DurationText.problem(timeout)
        .ifPresent(
            problem ->
                report.error(
                    step,
                    mirror(step, Step.class.getName()),
                    "timeout",
                    timeoutMessage(problem).format(timeout, step.getSimpleName())));
  }

  private static Message timeoutMessage(DurationText.Problem problem) {
    return switch (problem) {
      case MALFORMED -> Message.INVALID_STEP_TIMEOUT;
      case NOT_POSITIVE -> Message.STEP_TIMEOUT_NOT_POSITIVE;
      case TOO_LONG -> Message.STEP_TIMEOUT_TOO_LONG;
    };
  }

  private void validateMethods(JobDeclaration job, ValidationReport report) {
    for (ExecutableElement step : job.steps()) {
      methods.validate(step, job.stepAnnotation(), false, report);
    }
    for (HookKind kind : HookKind.values()) {
      for (ExecutableElement hook : job.hooks(kind)) {
        methods.validate(hook, kind.annotationName(), kind == HookKind.FAILURE, report);
      }
    }
  }

  private void validateStrays(JobScan scan, ValidationReport report) {
    for (ExecutableElement step : scan.stepsOutsideJobs()) {
      report.error(
          step,
          mirror(step, Step.class.getName()),
          null,
          Message.STEP_OUTSIDE_JOB.format(step.getSimpleName(), ownerName(step)));
    }
    for (JobScan.OrphanHook hook : scan.hooksOutsideJobs()) {
      report.error(
          hook.method(),
          mirror(hook.method(), hook.kind().annotation().getName()),
          null,
          Message.HOOK_OUTSIDE_JOB.format(
              hook.kind().annotationName(),
              hook.method().getSimpleName(),
              ownerName(hook.method())));
    }
    for (JobScan.WithoutJob stray : scan.withoutJob()) {
      String annotation = "dev.dbq.annotation." + stray.annotation();
      AnnotationMirror mirror = mirror(stray.element(), annotation);
      report.error(
          stray.element(),
          mirror != null ? mirror : mirror(stray.element(), annotation + ".List"),
          null,
          (stray.annotation().equals("Unique")
                  ? Message.UNIQUE_WITHOUT_JOB
                  : Message.RECURRING_WITHOUT_JOB)
              .format(describe(stray.element())));
    }
    for (ExecutableElement method : scan.stepsOnJobMethods()) {
      report.error(
          method,
          mirror(method, Step.class.getName()),
          null,
          Message.STEP_ON_JOB_METHOD.format(method.getSimpleName()));
    }
  }

  /** How messages name a job's source: {@code com.example.ImportCats} or {@code ...Mail.send()}. */
  static String describe(Element element) {
    if (element instanceof TypeElement type) {
      return type.getQualifiedName().toString();
    }
    return ownerName(element) + "." + element.getSimpleName() + "()";
  }

  private static String ownerName(Element method) {
    return ((TypeElement) method.getEnclosingElement()).getQualifiedName().toString();
  }

  private static String kindName(Element element) {
    return switch (element.getKind()) {
      case INTERFACE -> "an interface";
      case ENUM -> "an enum";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> "a " + element.getKind().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static AnnotationMirror mirror(Element element, String annotationName) {
    List<AnnotationMirror> found = new ArrayList<>();
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement())
          .getQualifiedName()
          .contentEquals(annotationName)) {
        found.add(m);
      }
    }
    return found.isEmpty() ? null : found.get(0);
  }
}
