import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  BadRequestError,
  CancelledError,
  DeadlineError,
  DownstreamRequestError,
  ForbiddenError,
  INTERNAL_ERROR_MESSAGE,
  NotFoundError,
  mapError,
} from './errors';
import { FrameShapeError } from './frame';

describe('mapError', () => {
  it.each([
    ['a bad input is a 400 from downstream', new BadRequestError('query: unknown type "x"'), 400, 'downstream', GrpcStatus.INVALID_ARGUMENT],
    ['a missing role is a 403', new ForbiddenError('Editor role required'), 403, 'downstream', GrpcStatus.PERMISSION_DENIED],
    ['an unknown name is a 404', new NotFoundError('no SLO "x"'), 404, 'downstream', GrpcStatus.NOT_FOUND],
    ['a failed upstream request is a 502 bad gateway', new DownstreamRequestError('Prometheus answered 503'), 502, 'downstream', GrpcStatus.UNAVAILABLE],
    ['an upstream deadline is a 504 timeout', new DeadlineError('Prometheus: no answer in 30s'), 504, 'downstream', GrpcStatus.DEADLINE_EXCEEDED],
    ['a cancelled call is a 499', new CancelledError(), 499, 'downstream', GrpcStatus.CANCELLED],
    ['a malformed frame is a plugin 500', new FrameShapeError('frame "x": lengths differ'), 500, 'plugin', GrpcStatus.INTERNAL],
  ])('%s', (_name, err, status, source, grpcCode) => {
    const m = mapError(err);
    expect(m).toMatchObject({ message: err.message, status, source, grpcCode });
  });

  it('hides the text of unknown errors from users and keeps it for the log', () => {
    const m = mapError(new TypeError('cannot read x of undefined at http://user:pw@prom'));
    expect(m.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(m).toMatchObject({ status: 500, source: 'plugin', grpcCode: GrpcStatus.INTERNAL });
    expect(String(m.log.error)).toContain('cannot read x');
  });

  it('maps thrown non-errors', () => {
    expect(mapError('boom')).toMatchObject({ status: 500, message: INTERNAL_ERROR_MESSAGE });
    expect(mapError(undefined)).toMatchObject({ status: 500 });
  });

  it('maps AbortSignal.timeout() to a 504 and abort() to a cancellation', () => {
    expect(mapError(new DOMException('t', 'TimeoutError')).status).toBe(504);
    expect(mapError(new DOMException('a', 'AbortError')).status).toBe(499);
  });

  it('keeps the context of typed errors for the log', () => {
    const err = new DownstreamRequestError('Prometheus answered 500', { context: { url: 'http://prom/api/v1/query', status: 500 } });
    expect(mapError(err).log).toMatchObject({ url: 'http://prom/api/v1/query', status: 500 });
    expect(err.name).toBe('DownstreamRequestError');
    expect(err).toBeInstanceOf(Error);
  });
});
