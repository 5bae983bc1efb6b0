package org.verifikimporter.simulator;

import java.time.Instant;

/**
 * One validation's status as the simulator holds it now.
 *
 * @param id         Verifik's {@code _id}
 * @param identifier the identifier it was created for
 * @param status     {@code new} until it changes; then {@code completed}, {@code failed} or {@code expired}
 * @param changedAt  when it changed, or null while it is still {@code new}
 */
public record SimulatedStatus(String id, String identifier, String status, Instant changedAt) {
}
