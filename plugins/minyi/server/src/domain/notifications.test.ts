import fc from 'fast-check';
import { notificationsFor, type Recipient } from './notifications';

const recipient = fc.record({
  email: fc.constantFrom('a@x.cn', 'A@x.cn ', 'b@x.cn', 'c@x.cn', ''),
  label: fc.string(),
  reason: fc.constantFrom('owner', 'first-responder', 'leader', 'lead-department') as fc.Arbitrary<
    Recipient['reason']
  >,
});

describe('notificationsFor', () => {
  it('queues one message per distinct non-empty address, with distinct dedupe keys', () => {
    fc.assert(
      fc.property(fc.array(recipient, { maxLength: 10 }), (recipients) => {
        const messages = notificationsFor({
          template: 'escalated',
          itemDocumentId: 'd1',
          occurrence: '1',
          recipients,
          data: {},
        });
        const addresses = new Set(
          recipients.map((r) => r.email.trim().toLowerCase()).filter((e) => e !== '')
        );
        expect(messages).toHaveLength(addresses.size);
        expect(new Set(messages.map((m) => m.dedupeKey)).size).toBe(messages.length);
      })
    );
  });

  it('gives a replay the same keys and a new occurrence new ones', () => {
    const recipients: Recipient[] = [{ email: 'a@x.cn', label: '甲', reason: 'owner' }];
    const first = notificationsFor({
      template: 'escalated',
      itemDocumentId: 'd1',
      occurrence: '1',
      recipients,
      data: {},
    });
    const replay = notificationsFor({
      template: 'escalated',
      itemDocumentId: 'd1',
      occurrence: '1',
      recipients,
      data: {},
    });
    const next = notificationsFor({
      template: 'escalated',
      itemDocumentId: 'd1',
      occurrence: '2',
      recipients,
      data: {},
    });
    expect(replay[0].dedupeKey).toBe(first[0].dedupeKey);
    expect(next[0].dedupeKey).not.toBe(first[0].dedupeKey);
  });
});
