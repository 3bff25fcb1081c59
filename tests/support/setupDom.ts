/**
 * jsdom lacks ResizeObserver, which Fluent's MessageBar uses to reflow its actions; a stand-in
 * that never reports a resize is enough for component tests (the browser tests use the real one).
 */
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  class ResizeObserverStandIn {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.assign(window, { ResizeObserver: ResizeObserverStandIn });
}
