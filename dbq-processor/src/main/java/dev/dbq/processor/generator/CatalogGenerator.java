package dev.dbq.processor.generator;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.dbq.processor.model.JobModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code P.DbqJobCatalog}, the {@code dev.dbq.runtime.JobCatalog} of one compilation, and
 * the text of its {@code META-INF/services} registration.
 */
public final class CatalogGenerator {
  /** The simple name of the generated catalog. */
  public static final String CATALOG = "DbqJobCatalog";

  /** Where {@link java.util.ServiceLoader} looks for catalogs. */
  public static final String SERVICE_FILE = "META-INF/services/dev.dbq.runtime.JobCatalog";

  private final GeneratedFiles files;

  /**
   * @param files decorates and writes
   */
  public CatalogGenerator(GeneratedFiles files) {
    this.files = files;
  }

  /**
   * @param packageName the package {@code P}
   * @return the catalog's class name
   */
  public static ClassName catalogClass(String packageName) {
    return ClassName.get(packageName, CATALOG);
  }

  /**
   * @param packageName the package {@code P}
   * @param jobs every job, sorted by name
   * @return the catalog file
   */
  public JavaFile generate(String packageName, List<JobModel> jobs) {
    ClassName self = catalogClass(packageName);
    List<CodeBlock> definitions = new ArrayList<>();
    for (JobModel job : jobs) {
      definitions.add(
          CodeBlock.of("$T.$N", job.definitionClass(), DefinitionGenerator.DEFINITION_FIELD));
    }
    TypeSpec.Builder type =
        files
            .decorate(TypeSpec.classBuilder(self))
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(RuntimeTypes.JOB_CATALOG)
            .addJavadoc(
                "Every job of this compilation, sorted by name. Registered in {@code $L} so that a\n"
                    + "worker finds it on the class path; {@code Jobs.catalog()} returns it too.\n",
                SERVICE_FILE)
            .addField(
                FieldSpec.builder(
                        ParameterizedTypeName.get(
                            ClassName.get(List.class), RuntimeTypes.JOB_DEFINITION),
                        "JOBS",
                        Modifier.PRIVATE,
                        Modifier.STATIC,
                        Modifier.FINAL)
                    .initializer(
                        CodeBlock.builder()
                            .add("$T.of(", List.class)
                            .indent()
                            .indent()
                            .add("\n$L)", CodeBlock.join(definitions, ",\n"))
                            .unindent()
                            .unindent()
                            .build())
                    .build())
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc("For {@link java.util.ServiceLoader}.\n")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("jobs")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(
                        ParameterizedTypeName.get(
                            ClassName.get(List.class), RuntimeTypes.JOB_DEFINITION))
                    .addStatement("return JOBS")
                    .build());
    jobs.forEach(job -> type.addOriginatingElement(job.source()));
    return files.file(packageName, type.build());
  }

  /**
   * @param packageName the package {@code P}
   * @return the service file's content: the catalog's binary name and a newline
   */
  public static String serviceFile(String packageName) {
    return catalogClass(packageName).reflectionName() + "\n";
  }
}
