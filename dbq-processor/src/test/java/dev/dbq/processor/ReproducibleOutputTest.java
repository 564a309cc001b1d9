package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.dbq.processor.testing.Compilations;
import dev.dbq.processor.testing.JobSources;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** The same sources give byte-identical generated files: no timestamps, stable ordering. */
class ReproducibleOutputTest {

  @Test
  void sameSourcesGiveIdenticalOutputTwice() throws IOException {
    assertThat(generated(JobSources.all())).isEqualTo(generated(JobSources.all()));
  }

  @Test
  void sourceOrderDoesNotChangeTheOutput() throws IOException {
    JavaFileObject[] reversed = JobSources.all();
    java.util.Collections.reverse(java.util.Arrays.asList(reversed));
    assertThat(generated(reversed)).isEqualTo(generated(JobSources.all()));
  }

  /** Every generated source and resource, by path. */
  private static Map<String, String> generated(JavaFileObject... sources) throws IOException {
    Compilation compilation = Compilations.compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.SOURCE || file.getName().contains("META-INF")) {
        files.put(file.toUri().toString(), file.getCharContent(false).toString());
      }
    }
    assertThat(files.keySet()).hasSize(6);
    List<String> services =
        files.keySet().stream()
            .filter(k -> k.contains(StandardLocation.CLASS_OUTPUT.getName()))
            .toList();
    assertThat(services).hasSize(1);
    return files;
  }
}
