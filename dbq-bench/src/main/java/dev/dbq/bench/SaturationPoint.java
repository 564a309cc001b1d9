package dev.dbq.bench;

/**
 * One drain of the saturation workload.
 *
 * @param series which curve it belongs to, in the table's first column
 * @param processes worker processes, each with {@link Saturation#SLOTS} slots
 * @param queues queues the jobs are spread over evenly; every process serves them all
 * @param finished COMPLETE jobs (with their history) in the table before the drain's jobs
 */
record SaturationPoint(String series, int processes, int queues, int finished) {}
