package dev.dbq.processor.model;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * Everything one round holds about jobs, as written: the jobs, and the annotated methods that
 * belong to no job (each of which is an error).
 *
 * @param jobs the {@code @Job} classes and methods, in the compiler's (stable) order
 * @param stepsOutsideJobs {@code @Step} methods whose class has no {@code @Job}
 * @param hooksOutsideJobs hook methods whose class has no {@code @Job}
 * @param stepsOnJobMethods methods with both {@code @Step} and {@code @Job}
 * @param incompleteJobs {@code @Job}s that name a symbol javac has not resolved (yet)
 * @param withoutJob classes and methods with {@code @Unique} or {@code @Recurring} but no
 *     {@code @Job}
 */
public record JobScan(
    List<JobDeclaration> jobs,
    List<ExecutableElement> stepsOutsideJobs,
    List<OrphanHook> hooksOutsideJobs,
    List<ExecutableElement> stepsOnJobMethods,
    List<Element> incompleteJobs,
    List<WithoutJob> withoutJob) {

  /**
   * A job-level annotation on an element that is no job.
   *
   * @param element the class or method
   * @param annotation the annotation's simple name, {@code Unique} or {@code Recurring}
   */
  public record WithoutJob(Element element, String annotation) {}

  /**
   * A hook outside any {@code @Job} class.
   *
   * @param kind the hook
   * @param method the method
   */
  public record OrphanHook(HookKind kind, ExecutableElement method) {}

  /** Copies the lists. */
  public JobScan {
    jobs = List.copyOf(jobs);
    stepsOutsideJobs = List.copyOf(stepsOutsideJobs);
    hooksOutsideJobs = List.copyOf(hooksOutsideJobs);
    stepsOnJobMethods = List.copyOf(stepsOnJobMethods);
    incompleteJobs = List.copyOf(incompleteJobs);
    withoutJob = List.copyOf(withoutJob);
  }

  /**
   * @param jobs complete jobs
   * @return a scan of only those jobs
   */
  public static JobScan ofJobs(List<JobDeclaration> jobs) {
    return new JobScan(jobs, List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /**
   * @return the same scan without its jobs: only the stray annotated methods
   */
  public JobScan withoutJobs() {
    return new JobScan(
        List.of(), stepsOutsideJobs, hooksOutsideJobs, stepsOnJobMethods, List.of(), withoutJob);
  }

  /**
   * @return whether the round holds nothing of dbq's
   */
  public boolean isEmpty() {
    return jobs.isEmpty()
        && incompleteJobs.isEmpty()
        && stepsOutsideJobs.isEmpty()
        && hooksOutsideJobs.isEmpty()
        && stepsOnJobMethods.isEmpty()
        && withoutJob.isEmpty();
  }
}
