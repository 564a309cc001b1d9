package dev.dbq.processor;

import dev.dbq.annotation.Job;
import dev.dbq.annotation.Recurring;
import dev.dbq.annotation.Step;
import dev.dbq.annotation.Unique;
import dev.dbq.processor.model.HookKind;
import dev.dbq.processor.model.JobDeclaration;
import dev.dbq.processor.model.JobScan;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Reads one round's {@code @Job}, {@code @Step} and hook annotations into a {@link JobScan}. */
final class JobScanner {
  /** Looked up once: an unbound {@code getTypeElement} searches every module. */
  private final TypeElement jobType;

  JobScanner(Elements elements) {
    this.jobType = elements.getTypeElement(Job.class.getCanonicalName());
  }

  /**
   * @param round the round
   * @param carried jobs of earlier rounds that were waiting for a symbol to be resolved
   * @return the jobs, complete or not, and the round's stray annotated methods
   */
  JobScan scan(RoundEnvironment round, List<Element> carried) {
    List<JobDeclaration> jobs = new ArrayList<>();
    List<Element> incomplete = new ArrayList<>();
    List<Element> all = new ArrayList<>(carried);
    all.addAll(round.getElementsAnnotatedWith(Job.class));
    for (Element element : all) {
      if (Completeness.isComplete(element)) {
        jobs.add(declaration(element));
      } else {
        incomplete.add(element);
      }
    }
    List<ExecutableElement> stepsOutside = new ArrayList<>();
    List<ExecutableElement> stepsOnJobMethods = new ArrayList<>();
    for (ExecutableElement step :
        ElementFilter.methodsIn(round.getElementsAnnotatedWith(Step.class))) {
      if (step.getAnnotation(Job.class) != null) {
        stepsOnJobMethods.add(step);
      } else if (step.getEnclosingElement().getAnnotation(Job.class) == null) {
        stepsOutside.add(step);
      }
    }
    List<JobScan.OrphanHook> hooksOutside = new ArrayList<>();
    for (HookKind kind : HookKind.values()) {
      for (ExecutableElement hook :
          ElementFilter.methodsIn(round.getElementsAnnotatedWith(kind.annotation()))) {
        if (hook.getEnclosingElement().getAnnotation(Job.class) == null) {
          hooksOutside.add(new JobScan.OrphanHook(kind, hook));
        }
      }
    }
    List<JobScan.WithoutJob> withoutJob = new ArrayList<>();
    for (Class<? extends Annotation> type :
        List.of(Unique.class, Recurring.class, Recurring.List.class)) {
      for (Element element : round.getElementsAnnotatedWith(type)) {
        if (element.getAnnotation(Job.class) == null) {
          String name = type == Unique.class ? "Unique" : "Recurring";
          JobScan.WithoutJob stray = new JobScan.WithoutJob(element, name);
          if (!withoutJob.contains(stray)) {
            withoutJob.add(stray);
          }
        }
      }
    }
    return new JobScan(jobs, stepsOutside, hooksOutside, stepsOnJobMethods, incomplete, withoutJob);
  }

  /**
   * @param carried jobs of earlier rounds
   * @return those of them that are complete now, and the others
   */
  JobScan rescan(List<Element> carried) {
    List<JobDeclaration> jobs = new ArrayList<>();
    List<Element> incomplete = new ArrayList<>();
    for (Element element : carried) {
      if (Completeness.isComplete(element)) {
        jobs.add(declaration(element));
      } else {
        incomplete.add(element);
      }
    }
    return new JobScan(jobs, List.of(), List.of(), List.of(), incomplete, List.of());
  }

  private JobDeclaration declaration(Element element) {
    Job job = element.getAnnotation(Job.class);
    AnnotationMirror mirror = jobMirror(element);
    List<ExecutableElement> steps = new ArrayList<>();
    Map<HookKind, List<ExecutableElement>> hooks = new EnumMap<>(HookKind.class);
    if (element instanceof ExecutableElement method) {
      steps.add(method);
    } else {
      for (ExecutableElement method : ElementFilter.methodsIn(element.getEnclosedElements())) {
        // a @Step that is also a @Job method is reported as such, not counted as a step here
        if (method.getAnnotation(Step.class) != null && method.getAnnotation(Job.class) == null) {
          steps.add(method);
        }
        for (HookKind kind : HookKind.values()) {
          if (method.getAnnotation(kind.annotation()) != null) {
            hooks.computeIfAbsent(kind, k -> new ArrayList<>()).add(method);
          }
        }
      }
      steps.sort(JobDeclaration.BY_STEP_ORDER);
    }
    return new JobDeclaration(
        element, mirror, job.name(), job.queue(), job.priority(), job.maxAttempts(), steps, hooks);
  }

  private AnnotationMirror jobMirror(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (mirror.getAnnotationType().asElement().equals(jobType)) {
        return mirror;
      }
    }
    throw new IllegalStateException("no @Job mirror on " + element);
  }
}
