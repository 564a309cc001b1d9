package dev.dbq.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.sun.source.util.Trees;
import dev.dbq.annotation.CreationHook;
import dev.dbq.annotation.FailureHook;
import dev.dbq.annotation.Job;
import dev.dbq.annotation.PostStepHook;
import dev.dbq.annotation.PreStepHook;
import dev.dbq.annotation.Recurring;
import dev.dbq.annotation.Step;
import dev.dbq.annotation.Unique;
import dev.dbq.processor.generator.CatalogGenerator;
import dev.dbq.processor.generator.DefinitionGenerator;
import dev.dbq.processor.generator.GeneratedFiles;
import dev.dbq.processor.generator.JobsGenerator;
import dev.dbq.processor.model.GeneratedPackage;
import dev.dbq.processor.model.JobDeclaration;
import dev.dbq.processor.model.JobModel;
import dev.dbq.processor.model.JobModelFactory;
import dev.dbq.processor.model.JobNames;
import dev.dbq.processor.model.JobScan;
import dev.dbq.processor.model.TypeFacts;
import dev.dbq.processor.validation.JobValidator;
import dev.dbq.processor.validation.Message;
import dev.dbq.processor.validation.ValidationReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * The dbq annotation processor: reads {@code @Job}, {@code @Step} and the hooks, reports every rule
 * they break, and generates {@code Jobs}, the job catalog with its {@code META-INF/services} entry,
 * and one definition class per job.
 *
 * <p>Option {@code -Adbq.package=P} chooses the package of {@code Jobs} and the catalog; by default
 * it is the longest common package of the jobs. Steps: {@link JobScanner} reads, {@link
 * JobValidator} judges, {@link JobModelFactory} models, the generators write. Nothing is generated
 * when any error was reported.
 *
 * <p>A job that names a symbol javac has not resolved (a typo, or a type another processor has yet
 * to generate) is {@linkplain Completeness incomplete}: the processor waits for later rounds, and
 * generates all jobs together in the first round where none is incomplete. If the last round comes
 * first, it reports the errors of the complete jobs and leaves the unknown symbols to javac, which
 * reports them on the user's lines; it never writes code naming a type that does not exist.
 *
 * <p>{@link #process} claims dbq's annotations (no other processor has a use for them, and {@code
 * -Xlint:processing} warns about unclaimed ones) and never throws.
 */
@AutoService(Processor.class)
public final class DbqProcessor extends AbstractProcessor {
  private static final List<String> GENERATED_IN_PACKAGE =
      List.of(JobsGenerator.JOBS, CatalogGenerator.CATALOG);

  /** Jobs of earlier rounds that waited for an incomplete one. */
  private final List<JobReference> pending = new ArrayList<>();

  private boolean generated;
  private boolean optionReported;

  /** dbq's own annotations, all of {@code CLASS} retention. */
  private static final Set<String> OWN =
      Stream.of(
              Job.class,
              Step.class,
              CreationHook.class,
              PreStepHook.class,
              PostStepHook.class,
              FailureHook.class,
              Recurring.class,
              Recurring.List.class,
              Unique.class)
          .map(Class::getCanonicalName)
          .collect(Collectors.toUnmodifiableSet());

  /** What {@link #process} claims: dbq's own, and the round of generated files holds only this. */
  private static final Set<String> CLAIMED =
      Stream.concat(OWN.stream(), Stream.of(GeneratedFiles.GENERATED_ANNOTATION))
          .collect(Collectors.toUnmodifiableSet());

  /** Whether javac's tree API is there: javac itself, not a build tool's wrapped environment. */
  private boolean javacTrees;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    try {
      Trees.instance(env);
      javacTrees = true;
    } catch (IllegalArgumentException wrapped) {
      javacTrees = false;
    }
  }

  /**
   * With javac's own environment, every round whatever its annotations: a {@code @Job} in a local
   * or anonymous class is no element javac would hand over, and must still be found and reported in
   * a compilation that has no other dbq annotation. Under a build tool that wraps the environment
   * (Gradle's incremental processing), the tree API that finds those is not available, and Gradle
   * keeps compilation incremental only for an aggregating processor whose annotations all have
   * {@code CLASS} retention: then only dbq's own.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return isInitialized() && javacTrees ? Set.of("*") : OWN;
  }

  /**
   * javac's trees, for errors on repeated annotations' values; null under a wrapped environment.
   */
  private Trees trees() {
    return javacTrees ? Trees.instance(processingEnv) : null;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(GeneratedPackage.OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Element[] current = {null};
    try {
      processRound(round, current);
    } catch (GeneratedFiles.NotWrittenException e) {
      reportNotWritten(e, current[0]);
    } catch (RuntimeException | LinkageError e) {
      // never let javac print a processor stack trace: one error, on the element in hand
      error(
          current[0],
          Message.UNEXPECTED_FAILURE.format(
              current[0] == null ? "this compilation" : current[0], e));
    }
    return claims(annotations);
  }

  /**
   * Claims a round's annotations when they are all dbq's (or {@code @Generated}): {@code
   * -Xlint:processing}, part of {@code -Xlint:all}, warns about unclaimed ones, which breaks {@code
   * -Werror} builds. {@code java.lang}'s own ({@code @Override} in generated code) go with them. A
   * round with other annotations, or none, is left unclaimed, so that the processors that handle
   * those still see every one of them. (A processor for {@code "*"} that runs after dbq is not
   * called for a round dbq claimed: name it before dbq on the processor path.)
   */
  private static boolean claims(Set<? extends TypeElement> annotations) {
    if (annotations.isEmpty()) {
      return false;
    }
    for (TypeElement annotation : annotations) {
      String name = annotation.getQualifiedName().toString();
      if (!CLAIMED.contains(name) && !TypeFacts.packageOf(annotation).equals("java.lang")) {
        return false;
      }
    }
    return true;
  }

  private void processRound(RoundEnvironment round, Element[] current) {
    Elements elements = processingEnv.getElementUtils();
    List<Element> carried = new ArrayList<>();
    for (JobReference reference : pending) {
      Element job = reference.resolve(elements);
      if (job != null) {
        carried.add(job);
      }
    }
    pending.clear();
    JobScanner scanner = new JobScanner(elements);
    TypeFacts facts = new TypeFacts(elements, processingEnv.getTypeUtils());
    JobValidator validator = new JobValidator(facts, processingEnv.getTypeUtils());
    if (round.processingOver()) {
      if (!carried.isEmpty()) {
        reportCompleteJobs(scanner.rescan(carried), validator);
      }
      return;
    }
    LocalClassScanner.create(processingEnv).report(round.getRootElements());
    JobScan scan = scanner.scan(round, carried);
    if (scan.isEmpty()) {
      return;
    }
    current[0] = scan.jobs().isEmpty() ? null : scan.jobs().get(0).element();
    if (generated) {
      // Jobs is already written; a job from a later round cannot be added to it
      scan.jobs().forEach(job -> error(job.element(), Message.LATE_ROUND_JOB.format(job.name())));
      scan.incompleteJobs().forEach(job -> error(job, Message.LATE_ROUND_JOB.format(name(job))));
      validator.validate(scan.withoutJobs(), "").printTo(processingEnv.getMessager(), trees());
      return;
    }
    String option = processingEnv.getOptions().get(GeneratedPackage.OPTION);
    if (!GeneratedPackage.isValidOption(option)) {
      if (!optionReported) {
        optionReported = true;
        error(null, Message.INVALID_PACKAGE_OPTION.format(option));
      }
      return;
    }
    Optional<String> unusable =
        GeneratedPackage.whyUnusable(
            option, elements, scan.jobs().stream().map(JobDeclaration::element).toList());
    if (unusable.isPresent()) {
      if (!optionReported) {
        optionReported = true;
        error(null, unusable.get());
      }
      return;
    }
    if (!scan.incompleteJobs().isEmpty()) {
      // wait for the missing types: another processor may generate them in this round
      validator.validate(scan.withoutJobs(), "").printTo(processingEnv.getMessager(), trees());
      scan.jobs().forEach(job -> pending.add(JobReference.of(job.element())));
      scan.incompleteJobs().forEach(job -> pending.add(JobReference.of(job)));
      return;
    }
    String generatedPackage =
        GeneratedPackage.choose(option, scan.jobs().stream().map(JobDeclaration::element).toList());
    ValidationReport report = validator.validate(scan, generatedPackage);
    report.printTo(processingEnv.getMessager(), trees());
    if (report.hasErrors() || scan.jobs().isEmpty()) {
      return;
    }
    List<JobDeclaration> sorted =
        scan.jobs().stream().sorted(Comparator.comparing(JobDeclaration::name)).toList();
    current[0] = sorted.get(0).element();
    Optional<String> clash =
        ClassPathClash.create(processingEnv).find(generatedPackage, GENERATED_IN_PACKAGE);
    if (clash.isPresent()) {
      error(current[0], Message.GENERATED_CLASS_EXISTS.format(clash.get()));
      return;
    }
    JobModelFactory factory = new JobModelFactory(facts);
    List<ClassName> definitions = JobNames.definitionClasses(sorted);
    List<JobModel> jobs = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      jobs.add(factory.create(sorted.get(i), generatedPackage, definitions.get(i)));
    }
    generated = true;
    generate(generatedPackage, jobs);
  }

  /**
   * The last round came while jobs were incomplete: nothing can be generated. Report what is wrong
   * with the complete ones (all at once, as in any compilation), and leave the unresolved symbols
   * of the others to javac, which reports each on the user's line after processing.
   */
  private void reportCompleteJobs(JobScan scan, JobValidator validator) {
    if (scan.jobs().isEmpty()) {
      return;
    }
    String option = processingEnv.getOptions().get(GeneratedPackage.OPTION);
    String generatedPackage =
        GeneratedPackage.choose(option, scan.jobs().stream().map(JobDeclaration::element).toList());
    validator
        .validate(JobScan.ofJobs(scan.jobs()), generatedPackage)
        .printTo(processingEnv.getMessager(), trees());
  }

  private void generate(String generatedPackage, List<JobModel> jobs) {
    GeneratedFiles files =
        new GeneratedFiles(processingEnv.getFiler(), processingEnv.getElementUtils());
    DefinitionGenerator definitions = new DefinitionGenerator(files);
    for (JobModel job : jobs) {
      files.write(definitions.generate(job), job.source());
    }
    files.write(new CatalogGenerator(files).generate(generatedPackage, jobs), null);
    files.write(
        new JobsGenerator(files)
            .generate(generatedPackage, jobs, CatalogGenerator.catalogClass(generatedPackage)),
        null);
    files.writeResource(
        CatalogGenerator.SERVICE_FILE,
        CatalogGenerator.serviceFile(generatedPackage),
        jobs.stream().map(JobModel::source).toArray(Element[]::new));
  }

  /** A definition class is the job's: say which; Jobs and the catalog are the package's. */
  private void reportNotWritten(GeneratedFiles.NotWrittenException e, Element current) {
    String reason = e.getCause().getMessage();
    Element job = e.job();
    if (job != null) {
      error(
          job,
          Message.DEFINITION_NOT_WRITTEN.format(
              e.file(), job.getAnnotation(Job.class).name(), reason));
    } else {
      error(current, Message.FILE_NOT_WRITTEN.format(e.file(), reason));
    }
  }

  private static String name(Element job) {
    try {
      return job.getAnnotation(Job.class).name();
    } catch (RuntimeException unresolved) {
      return job.getSimpleName().toString();
    }
  }

  private void error(Element element, String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
