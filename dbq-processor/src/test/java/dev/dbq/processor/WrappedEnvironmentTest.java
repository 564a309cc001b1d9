package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.dbq.processor.testing.JobSources;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * Under a build tool that wraps javac's processing environment, as Gradle's incremental processing
 * does, the processor asks only for its own {@code CLASS}-retention annotations (Gradle keeps an
 * aggregating processor incremental only then) and still generates every job.
 */
class WrappedEnvironmentTest {

  /** Delegates to dbq with a proxy of the environment, as Gradle's wrappers do. */
  static final class WrappingProcessor extends AbstractProcessor {
    private final DbqProcessor delegate = new DbqProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      InvocationHandler forward =
          (proxy, method, args) -> {
            try {
              return method.invoke(env, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          };
      delegate.init(
          (ProcessingEnvironment)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {ProcessingEnvironment.class},
                  forward));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }

  @Test
  void aWrappedEnvironmentAsksOnlyForDbqsOwnAnnotationsAndGeneratesEveryJob() {
    WrappingProcessor wrapping = new WrappingProcessor();
    // -Xlint:processing would name @Generated, which dbq cannot claim here without losing Gradle's
    // incremental compilation
    Compilation compilation =
        Compiler.javac()
            .withProcessors(wrapping)
            .withOptions("-Xlint:all,-processing", "-Werror")
            .compile(JobSources.all());
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(wrapping.getSupportedAnnotationTypes())
        .containsExactly(
            "dev.dbq.annotation.Job",
            "dev.dbq.annotation.Step",
            "dev.dbq.annotation.CreationHook",
            "dev.dbq.annotation.PreStepHook",
            "dev.dbq.annotation.PostStepHook",
            "dev.dbq.annotation.FailureHook",
            "dev.dbq.annotation.Recurring",
            "dev.dbq.annotation.Recurring.List",
            "dev.dbq.annotation.Unique");
    assertThat(compilation).generatedSourceFile("com.example.Jobs");
  }

  @Test
  void javacsOwnEnvironmentAsksForEveryRound() {
    DbqProcessor processor = new DbqProcessor();
    assertThat(Compiler.javac().withProcessors(processor).compile(JobSources.all()))
        .succeededWithoutWarnings();
    assertThat(processor.getSupportedAnnotationTypes()).containsExactly("*");
  }
}
