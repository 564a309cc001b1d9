package dev.dbq.processor.generator;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.dbq.processor.model.JobModel;
import dev.dbq.processor.model.JobNames;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code P.Jobs}: a {@code public static} factory per job returning its builder (a nested
 * class extending {@code dev.dbq.runtime.JobBuilder}), and {@code catalog()}.
 */
public final class JobsGenerator {
  /** The simple name of the generated class. */
  public static final String JOBS = "Jobs";

  private final GeneratedFiles files;

  /**
   * @param files decorates and writes
   */
  public JobsGenerator(GeneratedFiles files) {
    this.files = files;
  }

  /**
   * @param packageName the package {@code P}
   * @param jobs every job, sorted by name
   * @param catalog the generated catalog class
   * @return the {@code Jobs} file
   */
  public JavaFile generate(String packageName, List<JobModel> jobs, ClassName catalog) {
    ClassName jobsClass = ClassName.get(packageName, JOBS);
    TypeSpec.Builder type =
        GeneratedFiles.suppressDeprecation(
                files.decorate(TypeSpec.classBuilder(jobsClass)),
                jobs.stream().anyMatch(JobModel::workspaceDeprecated))
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addJavadoc(
                "The jobs of this compilation: one factory per {@code @Job}, returning a builder that"
                    + " enqueues it.\n\n<pre>{@code\nUUID id = Jobs.$N()$L.queue(\"urgent\").enqueue();\n}</pre>\n",
                jobs.get(0).builderMethod(),
                jobs.get(0).workspace().typed().isPresent() ? ".workspace(...)" : "")
            .addField(
                FieldSpec.builder(
                        RuntimeTypes.JOB_CATALOG,
                        "CATALOG",
                        Modifier.PRIVATE,
                        Modifier.STATIC,
                        Modifier.FINAL)
                    .initializer("new $T()", catalog)
                    .build())
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (JobModel job : jobs) {
      boolean typed = job.workspace().typed().isPresent();
      ClassName returned =
          jobsClass.nestedClass(
              typed ? JobNames.withoutWorkspaceClass(job.builderMethod()) : job.builderClass());
      type.addMethod(
          MethodSpec.methodBuilder(job.builderMethod())
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(returned)
              .addJavadoc(
                  "Starts enqueueing job {@code $L}$L: queue {@code $L}, priority $L.\n\n",
                  job.name(),
                  source(job),
                  job.queue(),
                  job.priority())
              .addJavadoc(
                  typed
                      ? "@return a builder; {@code workspace(...)} gives the one whose {@code"
                          + " enqueue()} inserts the job\n"
                      : "@return a builder; {@code enqueue()} inserts the job\n")
              .addStatement("return new $T()", returned)
              .build());
    }
    type.addMethod(
        MethodSpec.methodBuilder("catalog")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(RuntimeTypes.JOB_CATALOG)
            .addJavadoc("The catalog of every job above, for a worker.\n\n@return the catalog\n")
            .addStatement("return CATALOG")
            .build());
    for (JobModel job : jobs) {
      ClassName builder = jobsClass.nestedClass(job.builderClass());
      if (job.workspace().typed().isPresent()) {
        type.addType(
            withoutWorkspace(
                jobsClass.nestedClass(JobNames.withoutWorkspaceClass(job.builderMethod())),
                builder,
                job));
      }
      type.addType(builder(builder, job));
      type.addOriginatingElement(job.source());
    }
    return files.file(packageName, type.build());
  }

  private static TypeSpec builder(ClassName builder, JobModel job) {
    return TypeSpec.classBuilder(builder)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(RuntimeTypes.JOB_BUILDER, builder))
        .addJavadoc(
            "Enqueues job {@code $L}; queue, priority and start time as in {@link $T}.\n",
            job.name(),
            RuntimeTypes.JOB_BUILDER)
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addStatement(
                    "super($T.$N)", job.definitionClass(), DefinitionGenerator.DEFINITION_FIELD)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("workspace")
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(job.workspace().builderArgument(), "workspace")
                .addJavadoc(
                    job.workspace().typed().isPresent()
                        ? "Sets the workspace the first step receives.\n\n"
                        : "Sets the workspace, a JSON object the steps share.\n\n")
                .addJavadoc("@param workspace the workspace\n@return this builder\n")
                .addStatement("return setWorkspace(workspace)")
                .build())
        .build();
  }

  /** A typed job's first builder: settings, and {@code workspace(W)}, but no {@code enqueue}. */
  private static TypeSpec withoutWorkspace(ClassName self, ClassName builder, JobModel job) {
    return TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .superclass(
            ParameterizedTypeName.get(RuntimeTypes.JOB_BUILDER_WITHOUT_WORKSPACE, self, builder))
        .addJavadoc(
            "Job {@code $L} before its workspace is given: {@link #workspace} returns the builder\n"
                + "that enqueues it, so the job cannot be enqueued without one.\n",
            job.name())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addStatement("super(new $T())", builder)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("workspace")
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(job.workspace().builderArgument(), "workspace")
                .addJavadoc(
                    "Sets the workspace the first step receives.\n\n"
                        + "@param workspace the workspace\n"
                        + "@return the builder that enqueues the job\n")
                .addStatement("return builder().workspace(workspace)")
                .build())
        .build();
  }

  /** {@code ({@link ImportCats})} when Jobs can see the source, else its name as code. */
  private static CodeBlock source(JobModel job) {
    String member = job.sourceMethod().map(m -> "#" + m).orElse("");
    return job.linkableFromJobs()
        ? CodeBlock.of(", declared by {@link $T$L}", job.sourceClass(), member)
        : CodeBlock.of(", declared by {@code $L$L}", job.sourceClass().canonicalName(), member);
  }
}
