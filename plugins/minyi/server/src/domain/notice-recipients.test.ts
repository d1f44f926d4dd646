import fc from 'fast-check';
import { distinctRecipients } from './notice-recipients';

describe('distinctRecipients', () => {
  it('keeps each address once, trimmed and lower-cased, with its first label, in order', () => {
    expect(
      distinctRecipients([
        { email: ' Officer@Example.org ', label: '乡镇干部' },
        { email: '', label: '空' },
        { email: 'lead@example.org', label: '报告接收人' },
        { email: 'officer@example.org', label: '另一个' },
        { email: '   ', label: '空白' },
      ])
    ).toEqual([
      { email: 'officer@example.org', label: '乡镇干部' },
      { email: 'lead@example.org', label: '报告接收人' },
    ]);
  });

  it('answers every non-blank address given, once, and nothing else', () => {
    const address = fc.constantFrom('a@x.cn', 'A@X.cn', ' b@x.cn', 'c@x.cn ', '', '  ');
    fc.assert(
      fc.property(
        fc.array(fc.record({ email: address, label: fc.string({ maxLength: 5 }) })),
        (recipients) => {
          const found = distinctRecipients(recipients).map((r) => r.email);
          const wanted = new Set(
            recipients.map((r) => r.email.trim().toLowerCase()).filter((e) => e !== '')
          );
          expect(new Set(found)).toEqual(wanted);
          expect(found.length).toBe(wanted.size);
        }
      )
    );
  });
});
