import fc from 'fast-check';
import { feedbackLink, feedbackToken, isValidFeedbackToken } from './feedback-token';

const KEY = 'a-test-feedback-key-of-some-length';

describe('feedback token', () => {
  it('verifies for its own tracking code and key only', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.string({ minLength: 1, maxLength: 20 }),
        (a, b) => {
          const token = feedbackToken(a, KEY);
          expect(isValidFeedbackToken(a, token, KEY)).toBe(true);
          expect(isValidFeedbackToken(a, token, `${KEY}-other`)).toBe(false);
          if (a !== b) expect(isValidFeedbackToken(b, token, KEY)).toBe(false);
        }
      )
    );
  });

  it('refuses tokens of another length without throwing', () => {
    expect(isValidFeedbackToken('MY123', '', KEY)).toBe(false);
    expect(isValidFeedbackToken('MY123', 'x'.repeat(100), KEY)).toBe(false);
  });

  it('refuses a short key', () => {
    expect(() => feedbackToken('MY123', 'short')).toThrow(/16 characters/);
  });

  it('builds an absolute link from the public address', () => {
    expect(feedbackLink('https://minyi.example.cn/', 'MYABC', KEY)).toBe(
      `https://minyi.example.cn/api/items/track/MYABC/feedback?token=${feedbackToken('MYABC', KEY)}`
    );
  });
});
