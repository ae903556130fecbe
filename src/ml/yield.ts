/**
 * Hands control back to the worker's event loop between training batches, so a `stop()` message
 * that arrived meanwhile runs before the next batch. A `MessageChannel` message is a macrotask
 * that is not throttled: measured ~0.1 ms, whereas `setTimeout(0)` is clamped to ~4 ms and
 * `scheduler.yield()` never lets the stop message in (../shared/ENVIRONMENT.md).
 */

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    // A fresh channel per call, closed at once: an open port with a handler would keep a Node
    // process (the unit tests) alive after the work is done.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      channel.port2.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
