import { jest } from '@jest/globals';

// A browser test starts the emulator, seeds it and drives Chromium through a whole journey.
jest.setTimeout(180_000);
