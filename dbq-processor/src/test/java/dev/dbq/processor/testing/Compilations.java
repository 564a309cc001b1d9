package dev.dbq.processor.testing;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.dbq.processor.DbqProcessor;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * Real javac runs with the processor, as strict as the project's own build: all lint warnings are
 * errors, so generated code that draws a warning fails the test.
 */
public final class Compilations {
  private Compilations() {}

  /** Compiles with the processor and {@code -Xlint:all -Werror}. */
  public static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(), sources);
  }

  /** Compiles with extra javac options, e.g. {@code -Adbq.package=...}. */
  public static Compilation compile(List<String> options, JavaFileObject... sources) {
    List<String> all = new ArrayList<>(List.of("-Xlint:all", "-Werror"));
    all.addAll(options);
    return Compiler.javac().withProcessors(new DbqProcessor()).withOptions(all).compile(sources);
  }
}
