import { TextDecoder, TextEncoder } from 'node:util';

/**
 * Gaps of Jest's jsdom environment, filled for the tests that opt into it (`@jest-environment
 * jsdom`); the browser tests use Chromium's own.
 * - ResizeObserver: Fluent's MessageBar uses it to reflow its actions; a stand-in that never reports
 *   a resize is enough for component tests.
 * - TextEncoder/TextDecoder: browsers and Node have them, Jest's jsdom global does not; the card
 *   builders measure a card's size in UTF-8 bytes with them.
 */
if (typeof window !== 'undefined') {
  if (!('ResizeObserver' in window)) {
    class ResizeObserverStandIn {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
    Object.assign(window, { ResizeObserver: ResizeObserverStandIn });
  }
  if (typeof globalThis.TextEncoder === 'undefined')
    Object.assign(globalThis, { TextEncoder, TextDecoder });
}
