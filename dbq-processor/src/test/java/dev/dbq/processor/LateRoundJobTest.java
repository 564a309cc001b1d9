package dev.dbq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.dbq.processor.testing.JobSources;
import dev.dbq.processor.validation.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** A job that another processor generates after {@code Jobs} was written is an error. */
class LateRoundJobTest {

  /** Generates one source in the first round. */
  static final class LateJobGenerator extends AbstractProcessor {
    private final String source;
    private boolean done;

    LateJobGenerator(String source) {
      this.source = source;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer w =
            processingEnv.getFiler().createSourceFile("com.example.late.Late").openWriter()) {
          w.write(source);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void jobFromALaterRoundIsReported() {
    Compilation compilation =
        compileWithLateSource(
            "package com.example.late;\n"
                + "public class Late {\n"
                + "  @dev.dbq.annotation.Job(name = \"late\")\n"
                + "  public static void run(dev.dbq.runtime.JobContext job) {}\n"
                + "}\n");
    assertThat(compilation).hadErrorContaining(Message.LATE_ROUND_JOB.format("late"));
  }

  @Test
  void strayStepFromALaterRoundIsStillReported() {
    Compilation compilation =
        compileWithLateSource(
            "package com.example.late;\n"
                + "public class Late {\n"
                + "  @dev.dbq.annotation.Step(order = 1)\n"
                + "  public static void run(dev.dbq.runtime.JobContext job) {}\n"
                + "}\n");
    assertThat(compilation)
        .hadErrorContaining(Message.STEP_OUTSIDE_JOB.format("run", "com.example.late.Late"));
  }

  private static Compilation compileWithLateSource(String source) {
    return Compiler.javac()
        // a processor for "*" runs before dbq, which claims rounds that hold only its annotations
        .withProcessors(new LateJobGenerator(source), new DbqProcessor())
        .compile(JobSources.all());
  }
}
