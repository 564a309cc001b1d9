package dev.dbq.processor;

import com.google.auto.service.AutoService;
import dev.dbq.annotation.CreationHook;
import dev.dbq.annotation.FailureHook;
import dev.dbq.annotation.Job;
import dev.dbq.annotation.PostStepHook;
import dev.dbq.annotation.PreStepHook;
import dev.dbq.annotation.Step;
import dev.dbq.processor.generator.CatalogGenerator;
import dev.dbq.processor.generator.DefinitionGenerator;
import dev.dbq.processor.generator.GeneratedFiles;
import dev.dbq.processor.generator.JobsGenerator;
import dev.dbq.processor.model.GeneratedPackage;
import dev.dbq.processor.model.JobDeclaration;
import dev.dbq.processor.model.JobModel;
import dev.dbq.processor.model.JobModelFactory;
import dev.dbq.processor.model.JobScan;
import dev.dbq.processor.model.TypeFacts;
import dev.dbq.processor.validation.JobValidator;
import dev.dbq.processor.validation.Message;
import dev.dbq.processor.validation.ValidationReport;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
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
 */
@AutoService(Processor.class)
public final class DbqProcessor extends AbstractProcessor {
  private boolean generated;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Stream.of(
            Job.class,
            Step.class,
            CreationHook.class,
            PreStepHook.class,
            PostStepHook.class,
            FailureHook.class)
        .map(Class::getCanonicalName)
        .collect(Collectors.toUnmodifiableSet());
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
    if (round.processingOver() || annotations.isEmpty()) {
      return false;
    }
    Element current = null;
    try {
      JobScan scan = new JobScanner(processingEnv.getElementUtils()).scan(round);
      if (scan.isEmpty()) {
        return false;
      }
      current = scan.jobs().isEmpty() ? null : scan.jobs().get(0).element();
      TypeFacts facts =
          new TypeFacts(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
      JobValidator validator = new JobValidator(facts, processingEnv.getTypeUtils());
      if (generated) {
        // Jobs is already written; a job from a later round cannot be added to it
        scan.jobs().forEach(job -> error(job.element(), Message.LATE_ROUND_JOB.format(job.name())));
        validator.validate(scan.withoutJobs(), "").printTo(processingEnv.getMessager());
        return false;
      }
      String option = processingEnv.getOptions().get(GeneratedPackage.OPTION);
      if (!GeneratedPackage.isValidOption(option)) {
        error(null, Message.INVALID_PACKAGE_OPTION.format(option));
        return false;
      }
      String generatedPackage =
          GeneratedPackage.choose(
              option, scan.jobs().stream().map(JobDeclaration::element).toList());
      ValidationReport report = validator.validate(scan, generatedPackage);
      report.printTo(processingEnv.getMessager());
      if (report.hasErrors() || scan.jobs().isEmpty()) {
        return false;
      }
      JobModelFactory factory = new JobModelFactory(facts);
      List<JobModel> jobs =
          scan.jobs().stream()
              .map(job -> factory.create(job, generatedPackage))
              .sorted(Comparator.comparing(JobModel::name))
              .toList();
      generate(generatedPackage, jobs);
      generated = true;
    } catch (GeneratedFiles.NotWrittenException e) {
      error(current, Message.FILE_NOT_WRITTEN.format(e.file(), e.getCause().getMessage()));
    } catch (RuntimeException | LinkageError e) {
      // never let javac print a processor stack trace: one error, on the element in hand
      error(
          current,
          Message.UNEXPECTED_FAILURE.format(current == null ? "this compilation" : current, e));
    }
    return false;
  }

  private void generate(String generatedPackage, List<JobModel> jobs) {
    GeneratedFiles files =
        new GeneratedFiles(processingEnv.getFiler(), processingEnv.getElementUtils());
    DefinitionGenerator definitions = new DefinitionGenerator(files);
    for (JobModel job : jobs) {
      files.write(definitions.generate(job));
    }
    files.write(new CatalogGenerator(files).generate(generatedPackage, jobs));
    files.write(
        new JobsGenerator(files)
            .generate(generatedPackage, jobs, CatalogGenerator.catalogClass(generatedPackage)));
    files.writeResource(
        CatalogGenerator.SERVICE_FILE,
        CatalogGenerator.serviceFile(generatedPackage),
        jobs.stream().map(JobModel::source).toArray(Element[]::new));
  }

  private void error(Element element, String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
