package dev.dbq.spring.example;

import java.util.UUID;

/**
 * The workspace of {@link FulfilOrder}: which order, how many items, and the receipt the charge
 * step leaves for the ship step.
 *
 * @param orderId the order
 * @param items how many items it has
 * @param receipt the payment's receipt, null until the charge step ran
 */
public record Fulfilment(UUID orderId, int items, String receipt) {}
