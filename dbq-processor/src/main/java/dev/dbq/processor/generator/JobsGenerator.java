package dev.dbq.processor.generator;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.dbq.processor.model.JobModel;
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
        files
            .decorate(TypeSpec.classBuilder(jobsClass))
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addJavadoc(
                "The jobs of this compilation: one factory per {@code @Job}, returning a builder that"
                    + " enqueues it.\n\n<pre>{@code\nUUID id = Jobs.$N().queue(\"urgent\").enqueue();\n}</pre>\n",
                jobs.get(0).builderMethod())
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
      ClassName builder = jobsClass.nestedClass(job.builderClass());
      type.addMethod(
          MethodSpec.methodBuilder(job.builderMethod())
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(builder)
              .addJavadoc(
                  "Starts enqueueing job {@code $L}$L: queue {@code $L}, priority $L.\n\n"
                      + "@return a builder; {@code enqueue()} inserts the job\n",
                  job.name(),
                  source(job),
                  job.queue(),
                  job.priority())
              .addStatement("return new $T()", builder)
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
      type.addType(builder(jobsClass.nestedClass(job.builderClass()), job));
      type.addOriginatingElement(job.source());
    }
    return GeneratedFiles.file(packageName, type.build());
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

  /** {@code ({@link ImportCats})} when Jobs can see the source, else its name as code. */
  private static CodeBlock source(JobModel job) {
    String member = job.sourceMethod().map(m -> "#" + m).orElse("");
    return job.linkableFromJobs()
        ? CodeBlock.of(", declared by {@link $T$L}", job.sourceClass(), member)
        : CodeBlock.of(", declared by {@code $L$L}", job.sourceClass().canonicalName(), member);
  }
}
