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

  /** Generates one {@code @Job} source in the first round. */
  static final class LateJobGenerator extends AbstractProcessor {
    private boolean done;

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
        try (Writer w = processingEnv.getFiler().createSourceFile("com.example.late.Late").openWriter()) {
          w.write(
              "package com.example.late;\n"
                  + "public class Late {\n"
                  + "  @dev.dbq.annotation.Job(name = \"late\")\n"
                  + "  public static void run(dev.dbq.runtime.JobContext job) {}\n"
                  + "}\n");
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
        Compiler.javac()
            .withProcessors(new DbqProcessor(), new LateJobGenerator())
            .compile(JobSources.all());
    assertThat(compilation).hadErrorContaining(Message.LATE_ROUND_JOB.format("late"));
  }
}
