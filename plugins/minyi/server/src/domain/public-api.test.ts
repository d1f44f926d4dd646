import { readFileSync } from 'fs';
import { join } from 'path';
import fc from 'fast-check';
import { channelOfTokenDescription, ITEM_CHANNELS } from './partner-channel';
import { PUBLIC_EVENT_TYPES, publicTrackingView } from './public-tracking';
import { isReceiptSecret, receiptSecretFromBytes, receiptSecretHash } from './receipt-secret';
import { decideFeedback, parseFeedback, SATISFACTION_LEVELS } from './resident-feedback';
import { checkTransition } from './state-machine';
import { HONEYPOT_FIELD, ITEM_TYPES, parseSubmission } from './submission';

const itemSchema = JSON.parse(
  readFileSync(
    join(__dirname, '../../../../../src/api/item/content-types/item/schema.json'),
    'utf8'
  )
) as { attributes: Record<string, { enum?: string[]; maxLength?: number }> };

const valid = { title: '路灯不亮', content: '村口路灯坏了一个月', grid: 'G1' };

describe('public submission input', () => {
  it('accepts the listed fields and spells enums as the item type does', () => {
    const parsed = parseSubmission({
      data: {
        ...valid,
        type: 'complaint',
        category: 'ROAD',
        lat: 29.4,
        long: 112.2,
        anonymous: true,
        submitterEmail: 'a@b.cn',
        emailConsent: true,
      },
    });
    expect(parsed).toMatchObject({ ok: true, honeypotFilled: false });
    expect(itemSchema.attributes.type.enum).toEqual([...ITEM_TYPES]);
    expect(itemSchema.attributes.channel.enum).toEqual([...ITEM_CHANNELS]);
    expect(itemSchema.attributes.satisfaction.enum).toEqual([...SATISFACTION_LEVELS]);
  });

  it('never passes the honeypot on, and reports whether it was filled', () => {
    const parsed = parseSubmission({ data: { ...valid, [HONEYPOT_FIELD]: 'http://spam.example' } });
    expect(parsed.ok && parsed.honeypotFilled).toBe(true);
    expect(parsed.ok && HONEYPOT_FIELD in parsed.input).toBe(false);
    expect(parseSubmission({ data: { ...valid, [HONEYPOT_FIELD]: '  ' } })).toMatchObject({
      ok: true,
      honeypotFilled: false,
    });
  });

  it('refuses unknown fields, server-owned fields and bad values field by field, in both languages', () => {
    const parsed = parseSubmission({
      data: {
        title: '',
        content: 'x'.repeat(5001),
        grid: 'G1',
        channel: 'mayor-hotline',
        state: 'closed',
        lat: 91,
        submitterEmail: 'no',
      },
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byPath = Object.fromEntries(
      parsed.problems.map((problem) => [problem.path.join('.'), problem])
    );
    expect(byPath['data.title'].messageZh).toBe('标题不能为空');
    expect(byPath['data.content'].message).toBe('content must have at most 5000 characters');
    expect(byPath['data.lat'].messageZh).toContain('纬度');
    expect(byPath['data.submitterEmail'].messageZh).toBe('电子邮箱格式不正确');
    expect(byPath.data.message).toContain('channel');
    expect(byPath.data.message).toContain('state');
  });

  it('asks for an email when the resident agrees to be told by email', () => {
    const parsed = parseSubmission({ data: { ...valid, emailConsent: true } });
    expect(parsed).toMatchObject({
      ok: false,
      problems: [{ path: ['data', 'emailConsent'], messageZh: '同意邮件告知时须填写电子邮箱' }],
    });
  });

  it('keeps every length limit within the item content type', () => {
    const tooLong = (field: string, max: number) =>
      parseSubmission({ data: { ...valid, [field]: 'x'.repeat(max + 1) } }).ok;
    for (const field of ['title', 'content', 'address', 'submitterName']) {
      expect(tooLong(field, itemSchema.attributes[field].maxLength as number)).toBe(false);
    }
  });

  it('answers every body with a result, never an exception', () => {
    fc.assert(
      fc.property(fc.anything(), (body) => {
        const parsed = parseSubmission(body);
        if (!parsed.ok) {
          expect(parsed.problems.length).toBeGreaterThan(0);
          for (const problem of parsed.problems)
            expect(problem.messageZh.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 }
    );
    fc.assert(
      fc.property(
        fc.record({ data: fc.dictionary(fc.string(), fc.anything()) }),
        (body) => void parseSubmission(body)
      ),
      { numRuns: 1000 }
    );
  });
});

describe('receipt secret', () => {
  it('is 128 bits, stored only as a hash, verified without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.string(), (bytes, other) => {
        const secret = receiptSecretFromBytes(bytes);
        const hash = receiptSecretHash(secret);
        expect(hash).not.toContain(secret);
        expect(isReceiptSecret(secret, hash)).toBe(true);
        if (other !== secret) expect(isReceiptSecret(other, hash)).toBe(false);
        expect(isReceiptSecret(secret, null)).toBe(false);
        expect(isReceiptSecret(secret, 'not-hex')).toBe(false);
      })
    );
    expect(() => receiptSecretFromBytes(new Uint8Array(8))).toThrow(RangeError);
  });
});

describe('resident feedback', () => {
  const resolvedAt = new Date('2026-11-20T08:00:00Z');
  it('is taken only on resolved or closed items, once per resolution', () => {
    expect(
      decideFeedback({ status: 'in-progress', resolvedAt: null, callbackAt: null }, true)
    ).toMatchObject({ ok: false, code: 'NOT_RESOLVED' });
    expect(decideFeedback({ status: 'resolved', resolvedAt, callbackAt: null }, true)).toEqual({
      ok: true,
      action: 'close',
    });
    expect(decideFeedback({ status: 'closed', resolvedAt, callbackAt: null }, true)).toEqual({
      ok: true,
      action: null,
    });
    expect(decideFeedback({ status: 'resolved', resolvedAt, callbackAt: null }, false)).toEqual({
      ok: true,
      action: 'reopen',
    });
    expect(
      decideFeedback(
        { status: 'closed', resolvedAt, callbackAt: new Date('2026-11-21T00:00:00Z') },
        false
      )
    ).toMatchObject({ ok: false, code: 'FEEDBACK_ALREADY_GIVEN' });
    // Feedback given before a later resolution (it was reopened and resolved again): asked again.
    expect(
      decideFeedback(
        { status: 'resolved', resolvedAt, callbackAt: new Date('2026-11-19T00:00:00Z') },
        true
      )
    ).toEqual({ ok: true, action: 'close' });
  });

  it('uses moves the state machine allows the resident', () => {
    for (const from of ['resolved', 'closed'] as const) {
      expect(
        checkTransition({ from, action: 'reopen', actorRole: 'resident', level: 'grid' }).ok
      ).toBe(true);
    }
    expect(
      checkTransition({ from: 'resolved', action: 'close', actorRole: 'resident', level: 'county' })
        .ok
    ).toBe(true);
    expect(
      checkTransition({
        from: 'in-progress',
        action: 'reopen',
        actorRole: 'resident',
        level: 'grid',
      }).ok
    ).toBe(false);
  });

  it('checks the body field by field', () => {
    expect(parseFeedback({ data: { solved: true, satisfaction: 'satisfied' } }).ok).toBe(true);
    const parsed = parseFeedback({ data: { solved: 'yes', satisfaction: 'great', extra: 1 } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.problems.map((problem) => problem.path.join('.')).sort()).toEqual([
        'data',
        'data.satisfaction',
        'data.solved',
      ]);
    expect(parseFeedback('nonsense').ok).toBe(false);
  });
});

describe('public tracking view', () => {
  it('shows public events only, in time order, and the reply only once resolved', () => {
    const view = publicTrackingView(
      {
        trackingCode: 'MY1',
        title: 't',
        status: 'in-progress',
        level: 'township',
        unit: '深柳镇',
        dueAt: '2026-12-01T10:00:00.000Z',
        resolution: 'internal draft',
      },
      [
        {
          type: 'started',
          at: '2026-11-22T00:00:00Z',
          toLevel: 'township',
          toStatus: 'in-progress',
        },
        { type: 'created', at: '2026-11-21T00:00:00Z', toLevel: 'grid', toStatus: 'submitted' },
        { type: 'warned', at: '2026-11-23T00:00:00Z', toLevel: null, toStatus: null },
        { type: 'commented', at: '2026-11-23T00:00:00Z', toLevel: null, toStatus: null },
      ]
    );
    expect(view.timeline.map((entry) => entry.type)).toEqual(['created', 'started']);
    expect(view.statusLabel).toBe('办理中');
    expect(view.reply).toBeNull();
    expect(PUBLIC_EVENT_TYPES).not.toContain('warned');
  });
});

describe('partner token channel', () => {
  it('reads the channel marker of a token description', () => {
    expect(channelOfTokenDescription('12345 热线系统 channel: mayor-hotline')).toBe(
      'mayor-hotline'
    );
    expect(channelOfTokenDescription('渠道：cppcc-cloud')).toBe('cppcc-cloud');
    expect(channelOfTokenDescription('channel=deputy-station; QR pages')).toBe('deputy-station');
    expect(channelOfTokenDescription('channel: nonsense')).toBeNull();
    expect(channelOfTokenDescription('no marker here')).toBeNull();
    expect(channelOfTokenDescription(null)).toBeNull();
  });
});
