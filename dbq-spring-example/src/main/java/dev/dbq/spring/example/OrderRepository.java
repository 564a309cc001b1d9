package dev.dbq.spring.example;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The application's own data: the {@code shop_order} table ({@code schema.sql}). */
@Repository
public class OrderRepository {
  private final JdbcTemplate jdbc;

  /**
   * @param jdbc the application's JDBC template
   */
  public OrderRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores a new order, PLACED.
   *
   * @param id the order's id
   * @param customer who ordered
   * @param items how many items
   */
  public void insert(UUID id, String customer, int items) {
    jdbc.update(
        "INSERT INTO shop_order (id, customer, items, status) VALUES (?, ?, ?, 'PLACED')",
        id,
        customer,
        items);
  }

  /**
   * Records the job that fulfils the order.
   *
   * @param id the order
   * @param job the job's id
   */
  public void attachJob(UUID id, UUID job) {
    jdbc.update("UPDATE shop_order SET job_id = ? WHERE id = ?", job, id);
  }

  /**
   * Moves the order on; each step of the fulfilment calls this.
   *
   * @param id the order
   * @param status its new status
   */
  public void setStatus(UUID id, String status) {
    jdbc.update("UPDATE shop_order SET status = ? WHERE id = ?", status, id);
  }

  /**
   * @param id an order's id
   * @return the order's columns, or empty when there is none
   */
  public Optional<Map<String, Object>> find(UUID id) {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "SELECT id, customer, items, status, job_id FROM shop_order WHERE id = ?", id);
    return rows.stream().findFirst();
  }
}
