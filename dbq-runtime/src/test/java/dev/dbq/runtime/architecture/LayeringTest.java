package dev.dbq.runtime.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

/**
 * Which of the runtime's packages may use which (see each package's {@code package-info.java} for
 * the reasons). The rules read the compiled main classes, so a forbidden import fails the build.
 */
class LayeringTest {
  /** {@code dbq worker} and its nested and anonymous classes. */
  private static final DescribedPredicate<JavaClass> WORKER_COMMAND =
      DescribedPredicate.describe(
          "are the worker command",
          c -> c.getName().startsWith("dev.dbq.runtime.cli.WorkerCommand"));

  static final JavaClasses RUNTIME =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.dbq.runtime");

  @Test
  void theStoreDoesNotUseTheWorker() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.dbq.runtime.internal.store..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.dbq.runtime.internal.worker..")
            .because("the store runs statements; the worker decides what to run");
    rule.check(RUNTIME);
  }

  @Test
  void onlyTheStorePreparesStatements() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.dbq.runtime.internal.store..")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(PreparedStatement.class)
            .because("every statement is a sql/*.sql resource that the store's loader prepares");
    rule.check(RUNTIME);
  }

  @Test
  void theCommandLineUsesTheApiNotTheEngine() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.dbq.runtime.cli..")
            .and(not(WORKER_COMMAND))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dbq.runtime.internal.worker..", "dev.dbq.runtime.internal.store..")
            .because("the commands are clients of Dbq and DbqWorker like any application");
    rule.check(RUNTIME);
  }

  /**
   * The written-down exception: {@code dbq worker} is the command line of the engine itself. It
   * uses the worker's progress report ({@code WorkerProgress}), heap guard ({@code WorkerHeap}),
   * the text a failed step leaves ({@code StepRunner.message}), the defaults as constants ({@code
   * WorkerSettings}) and {@code DbqWorker}'s hooks ({@code WorkerAccess}); still never the store.
   */
  @Test
  void theWorkerCommandUsesTheEngineButNotTheStore() {
    ArchRule rule =
        noClasses()
            .that(WORKER_COMMAND)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.dbq.runtime.internal.store..")
            .because("the worker reaches the database only through the engine");
    rule.check(RUNTIME);
  }

  @Test
  void theInternalsDoNotUseTheCommandLine() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.dbq.runtime.internal..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.dbq.runtime.cli..")
            .because("the engine runs inside applications that have no command line");
    rule.check(RUNTIME);
  }

  @Test
  void theSharedRulesUseOnlyTheApi() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.dbq.runtime.internal")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dbq.runtime.internal.store..", "dev.dbq.runtime.internal.worker..")
            .because("the store, the worker and the command line all use them");
    rule.check(RUNTIME);
  }

  @Test
  void theRuntimeKnowsNothingOfTheProcessor() {
    ArchRule rule =
        noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.dbq.processor..")
            .because("DESIGN.md: the runtime knows nothing of the processor");
    rule.check(RUNTIME);
  }
}
