import { NOT_IN_PARTNERSHIP } from '../../domain/access.js';

/**
 * Thrown when the signed-in person is outside the partnership: the tab says so, plainly. Apart
 * from the composition root (a chunk of its own) so that Boot can recognise it on the first view.
 */
export class NotSharedError extends Error {
  constructor() {
    super(NOT_IN_PARTNERSHIP);
    this.name = 'NotSharedError';
  }
}
