import fc from 'fast-check';
import {
  type Audience,
  AUDIENCES,
  type AudienceContacts,
  mailOfEvent,
  recipientsOf,
  residentRecipient,
} from './mail-audience';
import type { Recipient } from './notifications';
import { ACTION_RULES, ACTIONS } from './state-machine';
import { ITEM_EVENT_TYPES, LEVELS } from './vocabulary';

const occasion = fc.record({
  event: fc.constantFrom(...ITEM_EVENT_TYPES),
  by: fc.constantFrom('person' as const, 'sweep' as const),
  action: fc.option(fc.constantFrom(...ACTIONS), { nil: undefined }),
  level: fc.constantFrom(...LEVELS),
});

const recipient = fc.record({
  email: fc.emailAddress(),
  label: fc.string({ maxLength: 8 }),
  reason: fc.constantFrom(
    'owner',
    'first-responder',
    'leader',
    'lead-department',
    'resident'
  ) as fc.Arbitrary<Recipient['reason']>,
});

const contacts: fc.Arbitrary<AudienceContacts> = fc.record(
  Object.fromEntries(
    AUDIENCES.map((who) => [who, fc.array(recipient, { maxLength: 3 })])
  ) as Record<Audience, fc.Arbitrary<Recipient[]>>,
  { requiredKeys: [] }
);

describe('the audience of an event mail', () => {
  it('names each audience at most once, and a mail always has one', () => {
    fc.assert(
      fc.property(occasion, (o) => {
        const mail = mailOfEvent(o);
        if (mail === null) return;
        expect(mail.audience.length).toBeGreaterThan(0);
        expect(new Set(mail.audience).size).toBe(mail.audience.length);
      })
    );
  });

  it('tells the resident of the resolution only', () => {
    fc.assert(
      fc.property(occasion, (o) => {
        const told = mailOfEvent(o)?.audience.includes('resident') ?? false;
        expect(told).toBe(o.event === 'resolved');
      })
    );
  });

  it("sends mail for exactly the workflow's assign, reopen, supervise, extension decisions, escalate and resolve", () => {
    const mailed = ACTIONS.filter(
      (action) =>
        mailOfEvent({ event: ACTION_RULES[action].event, by: 'person', action, level: 'grid' }) !==
        null
    );
    expect(mailed.sort()).toEqual(
      [
        'approve-extension',
        'assign',
        'escalate',
        'reject-extension',
        'reopen',
        'resolve',
        'supervise',
      ].sort()
    );
  });

  it('keeps the templates and audiences each change has always sent', () => {
    const person = (event: (typeof ITEM_EVENT_TYPES)[number], action?: (typeof ACTIONS)[number]) =>
      mailOfEvent({ event, by: 'person', action, level: 'township' });
    expect(person('created')).toEqual({
      template: 'assigned',
      audience: ['owners', 'lead-department'],
    });
    for (const [event, template] of [
      ['assigned', 'assigned'],
      ['reopened', 'assigned'],
      ['supervised', 'supervised'],
    ] as const)
      expect(person(event)).toEqual({
        template,
        audience: ['owners', 'lead-department', 'leader'],
      });
    expect(person('extended')).toEqual({
      template: 'extension-decided',
      audience: ['first-responder'],
    });
    expect(person('commented', 'reject-extension')).toEqual({
      template: 'extension-decided',
      audience: ['first-responder'],
    });
    expect(person('escalated', 'escalate')).toEqual({
      template: 'escalated',
      audience: ['first-responder'],
    });
    expect(person('resolved', 'resolve')).toEqual({
      template: 'resolved',
      audience: ['first-responder', 'leader', 'resident'],
    });
    const sweep = (
      event: 'escalated' | 'warned' | 'overdue-flagged',
      level: (typeof LEVELS)[number]
    ) => mailOfEvent({ event, by: 'sweep', level });
    expect(sweep('escalated', 'township')).toEqual({
      template: 'escalated',
      audience: ['owners', 'first-responder'],
    });
    expect(sweep('escalated', 'county')).toEqual({
      template: 'escalated',
      audience: ['owners', 'county-coordinators', 'first-responder'],
    });
    expect(sweep('warned', 'grid')).toEqual({
      template: 'warning',
      audience: ['owners', 'first-responder'],
    });
    expect(sweep('overdue-flagged', 'county')).toEqual({
      template: 'overdue',
      audience: ['leader', 'county-coordinators'],
    });
  });

  it('tells the county coordinators of an escalation exactly when the sweep brings it to the county', () => {
    fc.assert(
      fc.property(occasion, (o) => {
        if (o.event !== 'escalated') return;
        const told = mailOfEvent(o)?.audience.includes('county-coordinators') ?? false;
        expect(told).toBe(o.by === 'sweep' && o.level === 'county');
      })
    );
  });
});

describe('recipientsOf', () => {
  it("gives exactly the audience's contacts, in the audience's order", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...AUDIENCES)), contacts, (audience, found) => {
        expect(recipientsOf(audience, found)).toEqual(audience.flatMap((who) => found[who] ?? []));
      })
    );
  });
});

describe('residentRecipient', () => {
  it('names the resident only with an address and their consent', () => {
    fc.assert(
      fc.property(
        fc.option(fc.oneof(fc.emailAddress(), fc.constantFrom('', '  ')), { nil: null }),
        fc.boolean(),
        (submitterEmail, emailConsent) => {
          const told = residentRecipient({ submitterEmail, emailConsent });
          const address = submitterEmail?.trim();
          expect(told).toEqual(
            emailConsent && address ? [{ email: address, label: '反映人', reason: 'resident' }] : []
          );
        }
      )
    );
  });
});
