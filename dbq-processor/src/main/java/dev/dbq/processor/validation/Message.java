package dev.dbq.processor.validation;

import java.util.Locale;

/**
 * Every diagnostic the processor prints, in one place so that tests can import the exact texts.
 *
 * <p>Each constant is a {@link String#format} pattern: a short rule that names the annotation and
 * the offender and says how to fix it. Patterns ending in {@code %s} take a {@link
 * #didYouMean(String)} suffix (or {@code ""}).
 */
public enum Message {
  // --- @Job attributes ---------------------------------------------------------------------
  DUPLICATE_JOB_NAME(
      "@Job name '%s' is already used by %s; job names must be unique, rename one of the jobs"),
  BUILDER_METHOD_CLASH(
      "@Job name '%s' maps to the builder method Jobs.%s(), which job '%s' (%s) already uses;"
          + " if both declare one job, use one name%s, otherwise rename one of them"),
  RESERVED_BUILDER_METHOD(
      "@Job name '%s' maps to the builder method Jobs.%s(), which is %s; rename the job"),
  INVALID_JOB_NAME(
      "@Job name '%s' is invalid: use a letter, then letters, digits, '_', '-' or '.', at most 100"
          + " characters%s"),
  INVALID_QUEUE_NAME(
      "@Job queue '%s' of job '%s' is invalid: use a letter, then letters, digits, '_', '-' or"
          + " '.', at most 100 characters%s"),
  PRIORITY_OUT_OF_RANGE(
      "@Job priority %d of job '%s' is out of range: use a value between -32768 and 32767"),
  MAX_ATTEMPTS_TOO_LOW(
      "@Job maxAttempts %d of job '%s' must be at least 1 (1 means a failed step is final)"),
  JOB_NOT_A_CLASS("@Job must be on a class or a method, but '%s' is %s"),
  LOCAL_CLASS_JOB(
      "@%s on '%s' in a local or anonymous class is not supported: the generated code cannot name"
          + " that class; move it to a top-level or static nested class"),
  DEFAULT_PACKAGE_JOB(
      "@Job '%s' is in the default package, which the generated code in package '%s' cannot"
          + " import; move the job into a package, or leave -Adbq.package out"),

  // --- structure of a job -------------------------------------------------------------------
  NO_STEPS(
      "@Job class '%s' has no @Step method; annotate each step with @Step(order = N), or put @Job"
          + " on a method for a single-step job"),
  DUPLICATE_STEP_ORDER(
      "two steps of job '%s' have order %d: %s, %s; give each @Step a distinct order"),
  STEP_OUTSIDE_JOB(
      "@Step method '%s' is in class '%s', which has no @Job; annotate the class with"
          + " @Job(name = \"...\")"),
  HOOK_OUTSIDE_JOB(
      "@%s method '%s' is in class '%s', which has no @Job; hooks belong to a @Job class (a @Job"
          + " method is a single-step job without hooks)"),
  STEP_ON_JOB_METHOD(
      "@Step on '%s' conflicts with its @Job: a @Job method is already its job's only step;"
          + " remove @Step"),
  DUPLICATE_HOOK("job '%s' declares @%s twice: '%s' and '%s'; keep one"),
  INVALID_STEP_TIMEOUT(
      "@Step timeout '%s' of step '%s' is not a duration: write a whole number and a unit (ms, s,"
          + " m, h, d) such as 500ms, 30s, 5m, 2h or 1d, several units largest first such as"
          + " 1m30s, or ISO-8601 such as PT30S"),
  STEP_TIMEOUT_NOT_POSITIVE(
      "@Step timeout '%s' of step '%s' must be positive; give a duration such as 30s, or leave"
          + " timeout out for no timeout of its own"),
  STEP_TIMEOUT_TOO_LONG(
      "@Step timeout '%s' of step '%s' is longer than the longest dbq accepts, 365242d (1,000"
          + " years); give a shorter duration such as 1d"),

  // --- @Recurring ---------------------------------------------------------------------------
  INVALID_CRON("@Recurring cron '%s' of job '%s' is invalid: %s"),
  UNKNOWN_ZONE(
      "@Recurring zone '%s' of job '%s' is not a known time zone: use a region id such as"
          + " Europe/Berlin, UTC or an offset such as +01:00%s"),
  INVALID_RECURRING_WORKSPACE(
      "@Recurring workspace of job '%s' is not a JSON object (%s): write the object's text, such as"
          + " {\"region\": \"eu\"}"),
  INVALID_BACKFILL(
      "@Recurring backfill '%s' of job '%s' is not a positive duration: leave it out for no"
          + " backfill, or give the window in which missed fire times still fire, such as 1h, 30m"
          + " or 1d"),

  RECURRING_WITHOUT_JOB(
      "@Recurring on '%s' has no effect: it has no @Job; annotate it with @Job(name = \"...\")"
          + " or remove @Recurring"),

  // --- @Unique ------------------------------------------------------------------------------
  UNIQUE_WITHOUT_JOB(
      "@Unique on '%s' has no effect: it has no @Job; annotate it with @Job(name = \"...\") or"
          + " remove @Unique"),
  UNKNOWN_UNIQUE_FIELD(
      "@Unique field '%s' of job '%s' is not a property of its workspace type %s (properties: %s)%s"),
  DUPLICATE_UNIQUE_FIELD("@Unique field '%s' of job '%s' is given twice; name each field once"),
  EMPTY_UNIQUE_FIELD("@Unique fields of job '%s' hold an empty name; name a workspace property"),
  UNIQUE_FIELDS_WITHOUT_TYPED_WORKSPACE(
      "@Unique fields of job '%s' need a typed workspace, but the job has %s; declare a workspace"
          + " record (or class) whose properties the fields name, or leave fields out to make the"
          + " job unique by its name alone"),
  UNIQUE_FIELDS_ON_JACKSON_CONFIGURED_WORKSPACE(
      "@Unique fields of job '%s' cannot be checked: workspace type %s carries Jackson annotations,"
          + " which may rename or hide its properties in the stored JSON; use a workspace type"
          + " without Jackson annotations for a unique job"),
  INVALID_UNIQUE_PERIOD(
      "@Unique period '%s' of job '%s' is not a positive duration of at least 1ms: leave it out"
          + " for no period, or give the period a job is unique in, such as 30m, 1h or 1d (or"
          + " ISO-8601 such as PT1H)"),
  UNIQUE_STATES_INCOMPLETE(
      "@Unique states of job '%s' leave out %s: the states must include NEW, READY, PROCESSING and"
          + " STOPPING, which a job moves between on its own (a duplicate let in while one was"
          + " left out would collide when the job moved on); add COMPLETE, FAILED or CANCELLED to"
          + " refuse duplicates of ended jobs too"),

  // --- steps and hooks ----------------------------------------------------------------------
  PRIVATE_METHOD(
      "@%s method '%s' must not be private: the generated code calls it directly; make it"
          + " package-private or public"),
  ABSTRACT_METHOD(
      "@%s method '%s' must not be abstract: the generated code calls it; give it a body"),
  GENERIC_METHOD(
      "@%s method '%s' must not declare type parameters: the generated code calls it without"
          + " type arguments"),
  PRIVATE_CLASS(
      "class '%s' must not be private: the generated code calls its @%s method '%s'; make it"
          + " package-private or public"),
  GENERIC_CLASS(
      "class '%s' must not be generic: the generated code calls its @%s method '%s' without type"
          + " arguments"),
  CONSTRUCTOR_THROWS(
      "@%s method '%s' is an instance method, but the no-arg constructor of class '%s' throws the"
          + " checked exception %s, which the generated code cannot pass through an"
          + " InstanceFactory's Supplier; make the method static, or handle the exception in the"
          + " constructor"),
  NOT_INSTANTIABLE(
      "@%s method '%s' is an instance method, but class '%s' cannot be instantiated: %s; make the"
          + " method static or give the class an accessible no-arg constructor"),
  INVALID_PARAMETER(
      "parameter '%s' of @%s method '%s' has type %s; a step or hook takes only"
          + " dev.dbq.runtime.JobContext and the job's workspace type%s"),
  INVALID_FAILURE_PARAMETER(
      "parameter '%s' of @FailureHook method '%s' has type %s; a failure hook receives the"
          + " failure as Throwable or Exception"),
  DUPLICATE_PARAMETER("@%s method '%s' takes %s twice; declare it once"),

  // --- workspace types ----------------------------------------------------------------------
  UNBINDABLE_WORKSPACE(
      "%s of @%s method '%s' has type %s, which Jackson cannot bind as the workspace of job '%s':"
          + " %s; use a record or a class with an accessible no-arg constructor (or"
          + " Map<String, Object> for an untyped workspace)"),
  DISAGREEING_WORKSPACE(
      "%s of @%s method '%s' has type %s, but job '%s' already uses workspace type %s (in '%s');"
          + " all steps and hooks of a job share one workspace type"),
  UNBINDABLE_PROPERTY(
      "%s of @%s method '%s' has type %s, which Jackson cannot bind as the workspace of job '%s':"
          + " property '%s' of %s has type %s, which is %s, and dbq binds without polymorphic"
          + " type information; give the property a concrete type, or annotate %s with"
          + " @JsonTypeInfo or @JsonDeserialize(as = ...)"),
  INACCESSIBLE_WORKSPACE(
      "workspace type %s of job '%s' is not accessible from package '%s', where the generated code"
          + " uses it; make it (and every class it is nested in) public"),

  // --- reasons, the last argument of UNBINDABLE_WORKSPACE and NOT_INSTANTIABLE ---------------
  REASON_PRIMITIVE("it is a primitive type"),
  REASON_ARRAY("it is an array"),
  REASON_JAVA_LANG("it is a java.lang type, not a JSON object"),
  REASON_ENUM("it is an enum"),
  REASON_INTERFACE("it is an interface"),
  REASON_ABSTRACT("it is abstract"),
  REASON_GENERIC("it is generic"),
  REASON_TYPE_VARIABLE("it is a type variable"),
  REASON_INNER_CLASS("it is an inner class (declare it static)"),
  REASON_NO_CONSTRUCTOR("it has no accessible no-arg constructor"),
  REASON_UNTYPED_MAP("the untyped workspace is exactly Map<String, Object>"),
  REASON_NOT_A_CLASS("it is not a class or record"),
  REASON_JDK_TYPE(
      "it is a JDK type, which Jackson reads and writes as a single value, not as a JSON object"),
  REASON_NO_PROPERTIES(
      "it has no properties (no public field, getter or record component), so Jackson cannot"
          + " write it"),
  REASON_ABSTRACT_PROPERTY_INTERFACE("an interface"),
  REASON_ABSTRACT_PROPERTY_CLASS("an abstract class"),

  // --- the processor itself -----------------------------------------------------------------
  INVALID_PACKAGE_OPTION(
      "-Adbq.package=%s is not a valid package name; use a dotted Java package name such as"
          + " com.example.jobs"),
  PACKAGE_OPTION_NAMES_A_CLASS(
      "-Adbq.package=%s names the class %s, and a package cannot share a class's name; choose a"
          + " package of your own such as com.example.jobs"),
  PACKAGE_OPTION_IN_OTHER_MODULE(
      "-Adbq.package=%s is a package of module %s, to which this compilation cannot add classes;"
          + " choose a package of your own such as com.example.jobs"),
  LATE_ROUND_JOB(
      "@Job '%s' appeared in a later annotation-processing round, after Jobs was generated; dbq"
          + " cannot include jobs that other processors generate"),
  GENERATED_CLASS_EXISTS(
      "class %s already exists on the class path, compiled apart from this compilation (another"
          + " module's generated code, or a library's class), and the generated one would shadow"
          + " it: at run time only one of them is loaded; choose a package of its own for this"
          + " compilation's generated code with -Adbq.package"),
  DEFINITION_NOT_WRITTEN(
      "dbq-processor could not write %s, the definition class of job '%s': %s; does the"
          + " compilation already have a class of that name? Rename that class"),
  FILE_NOT_WRITTEN(
      "dbq-processor could not write %s: %s; does the compilation already have a class of that"
          + " name? Rename it, or choose another package with -Adbq.package"),
  UNEXPECTED_FAILURE(
      "dbq-processor failed unexpectedly on %s: %s; this is a bug in dbq, please report it with"
          + " this message"),

  /** A suffix for patterns ending in {@code %s}. */
  DID_YOU_MEAN(" (did you mean '%s'?)");

  private final String pattern;

  Message(String pattern) {
    this.pattern = pattern;
  }

  /**
   * The pattern, for documentation and tests.
   *
   * @return the {@link String#format} pattern
   */
  public String pattern() {
    return pattern;
  }

  /**
   * Fills in the pattern.
   *
   * @param args the values, in the pattern's order
   * @return the message javac prints
   */
  public String format(Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  /**
   * The "did you mean" suffix.
   *
   * @param suggestion a close known name, or null for none
   * @return {@code " (did you mean 'x'?)"}, or {@code ""} when there is no suggestion
   */
  public static String didYouMean(String suggestion) {
    return suggestion == null ? "" : DID_YOU_MEAN.format(suggestion);
  }
}
