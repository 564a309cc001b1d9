package dev.dbq.spring.example;

import dev.dbq.runtime.Dbq;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders {"customer": "ada", "items": 3}} places an order (202, with the order's and
 * its job's ids); {@code GET /orders/{id}} shows the order's status and its job's state and step.
 */
@RestController
public class OrderController {
  private final OrderService service;
  private final OrderRepository orders;
  private final Dbq dbq;

  /**
   * @param service places orders
   * @param orders reads them
   * @param dbq looks up their jobs
   */
  public OrderController(OrderService service, OrderRepository orders, Dbq dbq) {
    this.service = service;
    this.orders = orders;
    this.dbq = dbq;
  }

  /**
   * The body of {@code POST /orders}.
   *
   * @param customer who orders
   * @param items how many items
   */
  public record NewOrder(String customer, int items) {}

  /**
   * Places an order.
   *
   * @param order the customer and the number of items
   * @return 202 with {@code orderId} and {@code jobId}
   */
  @PostMapping("/orders")
  public ResponseEntity<OrderService.PlacedOrder> place(@RequestBody NewOrder order) {
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(service.place(order.customer(), order.items()));
  }

  /**
   * Shows an order and where its fulfilment is.
   *
   * @param id the order's id
   * @return 200 with the order's columns and {@code job}: its state and next step; 404 when there
   *     is no such order
   */
  @GetMapping("/orders/{id}")
  public ResponseEntity<Map<String, Object>> show(@PathVariable("id") UUID id) {
    return orders
        .find(id)
        .map(
            row -> {
              Map<String, Object> body = new LinkedHashMap<>(row);
              Object jobId = row.get("job_id");
              if (jobId instanceof UUID job) {
                dbq.findJob(job)
                    .ifPresent(
                        info ->
                            body.put(
                                "job",
                                Map.of("state", info.state().name(), "nextStep", info.nextStep())));
              }
              return ResponseEntity.ok(body);
            })
        .orElse(ResponseEntity.notFound().build());
  }

  /**
   * A bad order is the caller's mistake: 400 with the reason.
   *
   * @param e what was wrong
   * @return 400 with {@code error}
   */
  @ExceptionHandler(IllegalArgumentException.class)
  public ResponseEntity<Map<String, String>> badOrder(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }
}
