// What each user rung has answered, for the caller: who is still ringing, and how a call nobody
// took ends.
import type { CallSignal } from './call-decode';
import type { CallClientEvents, CallEndReason } from './call-events';

type Answer = 'accepted' | 'declined' | 'busy' | 'no-answer';

type AnswerEvent = Extract<
  keyof CallClientEvents,
  'user-accepted' | 'user-declined' | 'user-busy' | 'user-no-response'
>;

const EVENT_OF: Readonly<Record<Answer, AnswerEvent>> = {
  accepted: 'user-accepted',
  declined: 'user-declined',
  busy: 'user-busy',
  'no-answer': 'user-no-response',
};

const answerOf = (signal: CallSignal['type']): Answer | null => {
  if (signal === 'accepted') return 'accepted';
  if (signal === 'declined') return 'declined';
  if (signal === 'line-busy') return 'busy';
  if (signal === 'timeout') return 'no-answer';
  return null;
};

export class CallAnswers {
  /** userId → their answer, or null while their invitation rings. */
  private readonly answers = new Map<string, Answer | null>();

  constructor(invitees: readonly string[] = []) {
    for (const userId of invitees) this.answers.set(userId, null);
  }

  pending(userId: string): boolean {
    return this.answers.get(userId) === null;
  }

  /** Someone is still ringing. */
  waiting(): boolean {
    return [...this.answers.values()].some((answer) => answer === null);
  }

  /** Records `userId`'s answer; returns the event that says so, or null if it is no answer. */
  record(userId: string, signal: CallSignal['type']): { readonly event: AnswerEvent } | null {
    const answer = answerOf(signal);
    if (answer === null || !this.pending(userId)) return null;
    this.answers.set(userId, answer);
    return { event: EVENT_OF[answer] };
  }

  /** The caller's own timer ran out: whoever still rings did not answer. */
  expire(): string[] {
    const expired = [...this.answers].filter(([, answer]) => answer === null).map(([id]) => id);
    for (const userId of expired) this.answers.set(userId, 'no-answer');
    return expired;
  }

  /** How the call ends now that nobody rings and nobody took it; null while it may go on. */
  ending(): CallEndReason | null {
    const answers = [...this.answers.values()];
    if (answers.length === 0 || answers.some((a) => a === null || a === 'accepted')) return null;
    if (answers.some((answer) => answer === 'declined')) return 'declined';
    if (answers.some((answer) => answer === 'no-answer')) return 'no-answer';
    return 'busy';
  }
}
