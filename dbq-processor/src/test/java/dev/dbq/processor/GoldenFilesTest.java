package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.dbq.processor.testing.Compilations;
import dev.dbq.processor.testing.Goldens;
import dev.dbq.processor.testing.JobSources;
import java.io.IOException;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The generated code, byte for byte, for {@link JobSources}: one golden per kind of generated file.
 * Regenerate with {@code -Ddbq.updateGoldens=true} (see {@link Goldens}).
 */
class GoldenFilesTest {

  @Test
  void representativeJobs() {
    Compilation compilation = Compilations.compile(JobSources.all());
    assertThat(compilation).succeededWithoutWarnings();
    Goldens.assertGolden(compilation, getClass(), "representativeJobs", "com.example.Jobs");
    Goldens.assertGolden(
        compilation, getClass(), "representativeJobs", "com.example.DbqJobCatalog");
    Goldens.assertGolden(
        compilation, getClass(), "representativeJobs", "com.example.cats.ImportCats_DbqJob");
    Goldens.assertGolden(
        compilation, getClass(), "representativeJobs", "com.example.mail.Mail_SendDigest_DbqJob");
  }

  @Test
  void serviceFileNamesTheCatalog() throws IOException {
    Compilation compilation = Compilations.compile(JobSources.all());
    assertThat(compilation)
        .generatedFile(
            StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.dbq.runtime.JobCatalog")
        .contentsAsUtf8String()
        .isEqualTo("com.example.DbqJobCatalog\n");
    assertThat(compilation.generatedSourceFiles()).hasSize(5);
  }
}
