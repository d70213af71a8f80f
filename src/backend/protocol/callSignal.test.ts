import { EventEmitter } from 'node:events';
import { callSignal } from './callSignal';
import { CancelledError, DeadlineError } from './errors';

function makeCall(deadline: Date | number = Infinity, cancelled = false) {
  return Object.assign(new EventEmitter(), { cancelled, getDeadline: () => deadline });
}

describe('callSignal', () => {
  it('aborts with a CancelledError when the gRPC call is cancelled', () => {
    const call = makeCall();
    const { signal } = callSignal(call);
    expect(signal.aborted).toBe(false);
    call.emit('cancelled');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(CancelledError);
  });

  it('is aborted at once for a call cancelled before the handler started', () => {
    expect(callSignal(makeCall(Infinity, true)).signal.aborted).toBe(true);
  });

  it('aborts with a DeadlineError when the deadline passes', async () => {
    const { signal } = callSignal(makeCall(new Date(Date.now() + 20)));
    await new Promise((r) => setTimeout(r, 60));
    expect(signal.reason).toBeInstanceOf(DeadlineError);
  });

  it('stops the deadline timer when the call is done', async () => {
    const s = callSignal(makeCall(Date.now() + 20));
    s.done();
    await new Promise((r) => setTimeout(r, 60));
    expect(s.signal.aborted).toBe(false);
  });
});
