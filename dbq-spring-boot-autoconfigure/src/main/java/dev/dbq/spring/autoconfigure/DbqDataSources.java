package dev.dbq.spring.autoconfigure;

import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;

/**
 * Picks the DataSource dbq uses: the bean {@code dbq.datasource} names, else the application's only
 * or {@code @Primary} one. Where the choice is not clear it fails the start-up with a line that
 * names the beans and the property, rather than picking one silently.
 */
final class DbqDataSources {
  private DbqDataSources() {}

  static DataSource choose(ListableBeanFactory beans, String name) {
    List<String> names = Arrays.asList(beans.getBeanNamesForType(DataSource.class));
    if (name != null && !name.isBlank()) {
      try {
        return beans.getBean(name, DataSource.class);
      } catch (NoSuchBeanDefinitionException e) {
        throw new IllegalStateException(
            "dbq.datasource is '"
                + name
                + "', but there is no DataSource bean of that name; the DataSource beans are "
                + names,
            e);
      }
    }
    DataSource only = beans.getBeanProvider(DataSource.class).getIfUnique();
    if (only == null) {
      throw new IllegalStateException(
          "the application has "
              + names.size()
              + " DataSource beans "
              + names
              + " and none is @Primary: set dbq.datasource to the name of the one dbq should use");
    }
    return only;
  }
}
