package dev.dbq.spring.example;

import dev.dbq.annotation.Job;
import dev.dbq.annotation.Step;
import dev.dbq.runtime.JobContext;
import org.springframework.stereotype.Component;

/**
 * Fulfils an order in three steps, each saved before the next starts: reserve the stock, charge the
 * customer, ship. A Spring bean with its repository injected through the constructor: the starter's
 * worker runs the steps on this bean. Steps may run again after a crash (at-least-once per step),
 * so each only sets the order's status, which is idempotent.
 */
@Component
@Job(name = "fulfil_order", queue = "orders", maxAttempts = 3)
public class FulfilOrder {
  private final OrderRepository orders;

  /**
   * @param orders the application's order table
   */
  public FulfilOrder(OrderRepository orders) {
    this.orders = orders;
  }

  /**
   * Reserves the order's stock.
   *
   * @param job the job
   * @param work the order being fulfilled
   */
  @Step(order = 1)
  public void reserve(JobContext job, Fulfilment work) {
    orders.setStatus(work.orderId(), "RESERVED");
    job.logger().info("reserved {} items of order {}", work.items(), work.orderId());
  }

  /**
   * Charges the customer and keeps the receipt for shipping.
   *
   * @param job the job
   * @param work the order being fulfilled
   * @return the workspace with the receipt
   */
  @Step(order = 2)
  public Fulfilment charge(JobContext job, Fulfilment work) {
    orders.setStatus(work.orderId(), "CHARGED");
    String receipt = "rcpt-" + work.orderId().toString().substring(0, 8);
    job.logger().info("charged order {}: {}", work.orderId(), receipt);
    return new Fulfilment(work.orderId(), work.items(), receipt);
  }

  /**
   * Ships the order.
   *
   * @param job the job
   * @param work the order being fulfilled, with its receipt
   */
  @Step(order = 3)
  public void ship(JobContext job, Fulfilment work) {
    orders.setStatus(work.orderId(), "SHIPPED");
    job.logger().info("shipped order {} with receipt {}", work.orderId(), work.receipt());
  }
}
