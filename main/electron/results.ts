// Results as they cross IPC: `invoke` would flatten a thrown Error into a message string
// (and leak it), so every handler answers {ok, value} | {ok:false, error} instead.
import { MarqueeError, toErrorBody, type Result } from '../common/errors';
import type { Logger } from '../core/log';

export async function toResult<T>(work: () => Promise<T>, logger: Logger): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    // Expected refusals (housefull, expired…) are the guest's business; anything else is a bug
    // worth a log line. The renderer never sees more than the code and the safe sentence.
    if (!(err instanceof MarqueeError)) logger.error({ err }, 'IPC call failed');
    return { ok: false, error: toErrorBody(err) };
  }
}

export const FORBIDDEN_RESULT: Result<never> = { ok: false, error: new MarqueeError('FORBIDDEN').toBody() };
