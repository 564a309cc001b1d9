package dev.dbq.spring.example;

import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Places orders: the order and its fulfilment job are written in one transaction. */
@Service
public class OrderService {
  private final OrderRepository orders;

  /**
   * @param orders the application's order table
   */
  public OrderService(OrderRepository orders) {
    this.orders = orders;
  }

  /**
   * Stores the order and enqueues its fulfilment. The starter's {@code Dbq} joins this method's
   * transaction: if anything here throws, neither the order nor the job exists, and a worker never
   * sees a job whose order was rolled back.
   *
   * @param customer who orders
   * @param items how many items, at least 1
   * @return the order's id and its job's id
   * @throws IllegalArgumentException when the customer is blank or items is below 1
   */
  @Transactional
  public PlacedOrder place(String customer, int items) {
    if (customer == null || customer.isBlank()) {
      throw new IllegalArgumentException("customer must not be blank");
    }
    if (items < 1) {
      throw new IllegalArgumentException("items must be at least 1, was " + items);
    }
    UUID orderId = UUID.randomUUID();
    orders.insert(orderId, customer, items);
    UUID jobId = Jobs.fulfilOrder().workspace(new Fulfilment(orderId, items, null)).enqueue();
    orders.attachJob(orderId, jobId);
    return new PlacedOrder(orderId, jobId);
  }

  /**
   * What {@link #place} returns.
   *
   * @param orderId the new order
   * @param jobId the job that fulfils it
   */
  public record PlacedOrder(UUID orderId, UUID jobId) {}
}
