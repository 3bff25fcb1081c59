/** An error that the emulator answers with Graph's own error body. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = 'invalidRequest'): GraphError =>
  new GraphError(400, code, message);

export const notFound = (message = 'The resource could not be found.', code = 'itemNotFound') =>
  new GraphError(404, code, message);

export const accessDenied = (message = 'Access denied', code = 'accessDenied'): GraphError =>
  new GraphError(403, code, message);

export type ErrorBody = {
  error: {
    code: string;
    message: string;
    innerError: { date: string; 'request-id': string; 'client-request-id': string };
  };
};

export function errorBody(
  code: string,
  message: string,
  requestId: string,
  clientRequestId: string,
): ErrorBody {
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': requestId,
        'client-request-id': clientRequestId,
      },
    },
  };
}
