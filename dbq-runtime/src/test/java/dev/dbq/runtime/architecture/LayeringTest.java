package dev.dbq.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
    // No exceptions: `dbq worker` (WorkerCommand) is the command that drives the engine, and it
    // lives in dev.dbq.runtime beside DbqWorker, whose package-private hooks it needs.
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.dbq.runtime.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.dbq.runtime.internal.worker..", "dev.dbq.runtime.internal.store..")
            .because("the commands are clients of Dbq and DbqWorker like any application");
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
