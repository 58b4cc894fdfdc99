import { defaultRetryDelayMs, isTemporaryFailure, isTransportUnavailable } from './mail-worker';

const smtpReply = (responseCode: number) => Object.assign(new Error('reply'), { responseCode });
const socketError = (code: string) => Object.assign(new Error('socket'), { code });

describe('mail delivery failures', () => {
  it('stops the batch when the server cannot be reached, not when it refuses one message', () => {
    expect(isTransportUnavailable(socketError('ECONNECTION'))).toBe(true);
    expect(isTransportUnavailable(socketError('ETIMEDOUT'))).toBe(true);
    expect(isTransportUnavailable(smtpReply(421))).toBe(true);
    expect(isTransportUnavailable(smtpReply(550))).toBe(false);
    expect(isTransportUnavailable(smtpReply(451))).toBe(false);
    expect(isTransportUnavailable(new Error('template failed'))).toBe(false);
  });

  it('treats 4xx and an unreachable server as temporary, 5xx and render errors as not', () => {
    expect(isTemporaryFailure(smtpReply(451))).toBe(true);
    expect(isTemporaryFailure(socketError('EDNS'))).toBe(true);
    expect(isTemporaryFailure(smtpReply(550))).toBe(false);
    expect(isTemporaryFailure(new Error('template failed'))).toBe(false);
  });

  it('backs off exponentially from 30 s and never waits more than an hour', () => {
    expect([1, 2, 3, 4].map(defaultRetryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(defaultRetryDelayMs(8)).toBe(3600_000);
    expect(defaultRetryDelayMs(40)).toBe(3600_000);
  });
});
