package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.dbq.processor.testing.Compilations;
import dev.dbq.processor.testing.CompiledClasses;
import dev.dbq.runtime.InstanceFactory;
import dev.dbq.runtime.Invocation;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobContext;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A job class whose instances a dependency-injection container builds needs no no-arg constructor:
 * a Spring component (also through a meta-annotation such as {@code @Service}) or a class with an
 * {@code @Inject}/{@code @Autowired} constructor compiles, and its steps take their instance from
 * the {@link InstanceFactory}. The containers' annotations are declared here by name, as the
 * processor knows them.
 */
class ContainerManagedJobTest {
  private static final JavaFileObject COMPONENT =
      JavaFileObjects.forSourceLines(
          "org.springframework.stereotype.Component",
          "package org.springframework.stereotype;",
          "public @interface Component {}");
  private static final JavaFileObject SERVICE =
      JavaFileObjects.forSourceLines(
          "org.springframework.stereotype.Service",
          "package org.springframework.stereotype;",
          "@Component public @interface Service {}");
  private static final JavaFileObject INJECT =
      JavaFileObjects.forSourceLines(
          "jakarta.inject.Inject", "package jakarta.inject;", "public @interface Inject {}");

  /**
   * The project's own lint (all but 'processing'): the stand-in annotations are claimed by no
   * processor, which {@code -Xlint:processing} would report.
   */
  private static final List<String> LINT = List.of("-Xlint:-processing");

  private static JavaFileObject job(String annotationOnClass, String annotationOnConstructor) {
    return TestSources.source(
        "import dev.dbq.annotation.*; import dev.dbq.runtime.JobContext;",
        "Greeter",
        annotationOnClass,
        "@Job(name = \"greet\")",
        "public class Greeter {",
        "  private final String greeting;",
        "  " + annotationOnConstructor + " public Greeter(String greeting) {",
        "    this.greeting = greeting;",
        "  }",
        "  @Step(order = 1) public void greet(JobContext job) {",
        "    job.workspace().put(\"said\", greeting);",
        "  }",
        "}");
  }

  @Test
  void aSpringServiceWithAnInjectingConstructorCompilesAndRunsOnTheFactorysInstance()
      throws Throwable {
    Compilation compilation =
        Compilations.compile(
            LINT, COMPONENT, SERVICE, job("@org.springframework.stereotype.Service", ""));
    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    JobCatalog catalog = (JobCatalog) classes.callStatic("test.Jobs", "catalog");
    Class<?> greeter = classes.loadClass("test.Greeter");
    Object bean = greeter.getConstructor(String.class).newInstance("hello from the bean");
    InstanceFactory container =
        new InstanceFactory() {
          @Override
          public <T> T instance(Class<T> type, Supplier<T> constructor) {
            return type.cast(bean);
          }
        };
    JobContext context =
        JobContext.builder(UUID.randomUUID(), "greet")
            .step("greet", 0)
            .workspace(new HashMap<>())
            .build();

    catalog
        .job("greet")
        .orElseThrow()
        .steps()
        .get(0)
        .method()
        .call(new Invocation(context, context.workspace(), null, container));

    assertThat(context.workspace()).containsEntry("said", "hello from the bean");
  }

  @Test
  void withoutTheContainersFactoryTheStepSaysWhereItsInstanceMustComeFrom() throws Exception {
    Compilation compilation = Compilations.compile(LINT, INJECT, job("", "@jakarta.inject.Inject"));
    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    JobCatalog catalog = (JobCatalog) classes.callStatic("test.Jobs", "catalog");
    JobContext context =
        JobContext.builder(UUID.randomUUID(), "greet")
            .step("greet", 0)
            .workspace(new HashMap<>())
            .build();
    Invocation withoutContainer =
        new Invocation(context, context.workspace(), null, InstanceFactory.NEW_INSTANCE_PER_CALL);

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                catalog.job("greet").orElseThrow().steps().get(0).method().call(withoutContainer));
    assertThat(e)
        .hasMessageThat()
        .startsWith("class test.Greeter has no no-arg constructor, so its instances must come");
  }

  @Test
  void aPlainClassWithoutANoArgConstructorIsStillACompileError() {
    Compilation compilation = Compilations.compile(job("", ""));
    assertThat(compilation).hadErrorContaining("cannot be instantiated");
  }
}
