/**
 * Let queued messages (a pause, a parameter change, a newer request) run before a long loop goes
 * on. A MessageChannel round trip is one task, without the 4 ms clamp of nested setTimeout(0).
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}
