package dev.dbq.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * dbq's version for {@code --version}: from {@code version.properties}, which the build writes
 * beside the classes, so that it holds in a shaded jar (whose manifest is the application's) and
 * from {@code java -cp} on the class folders alike; the jar manifest's {@code
 * Implementation-Version} otherwise.
 */
public final class DbqVersion implements IVersionProvider {
  static final String RESOURCE = "version.properties";

  /** The version, e.g. {@code 0.1.0}, or "unknown" when neither source has it. */
  static String version() {
    try (InputStream in = DbqVersion.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank() && !v.startsWith("${")) {
          return v.trim();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    String manifest = DbqVersion.class.getPackage().getImplementationVersion();
    return manifest != null ? manifest : "unknown";
  }

  @Override
  public String[] getVersion() {
    return new String[] {"dbq " + version()};
  }
}
